import type { Figure, MissingReason } from '../../../../shared/contract/evaluation';
import { figureDescription, intervalText, isTooFew, tooFewText } from '../../../../shared/domain/honestFigures';
import type { Interval } from '../../../../shared/domain/intervals';

/** "76.5%", or "—" when there is no figure. */
export function percentText(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(digits)}%`;
}

/** Why a per-class figure is "—", in words. */
export function reasonText(why: MissingReason | undefined, split: string): string {
  return why === 'no-labels' ? `no ${split} labels` : why === 'never-predicted' ? 'never predicted' : 'not defined';
}

/** A table cell: the figure, or "—" with its reason beside it and in the tooltip. */
export interface Cell {
  text: string;
  reason: string | null;
}

export function cell(value: number | null, why: MissingReason | undefined, split: string): Cell {
  return value === null ? { text: '—', reason: reasonText(why, split) } : { text: percentText(value), reason: null };
}

/**
 * A headline figure as the Evaluate tab and the Model tab show it: value, 95 % interval and n,
 * muted (with the reason) when it rests on fewer labels than the minimum.
 */
export interface Headline {
  value: string;
  interval: string;
  n: string;
  muted: boolean;
  title: string;
}

export function headline(what: string, split: string, interval: Interval | null, n: number): Headline {
  if (!interval) return { value: '—', interval: '', n: `n = ${n}`, muted: true, title: `${what}: no ${split} labels yet` };
  const figure: Figure = { ...interval, n };
  return { value: percentText(interval.value), interval: `95% interval ${intervalText(interval)}`, n: `n = ${n}`, muted: isTooFew(n), title: figureDescription(what, split, figure) };
}

/** The words under a muted headline. */
export function mutedNote(split: string): string {
  return `${tooFewText(split)}: read as rough`;
}

/** "+4.2 points", "−1.0 points" or "—". */
export function deltaText(delta: number | null): string {
  if (delta === null) return '—';
  const points = delta * 100;
  return `${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} points`;
}
