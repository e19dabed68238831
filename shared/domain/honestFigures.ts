import type { Figure } from '../contract/evaluation';
import type { Interval } from './intervals';

/**
 * Below this many labels a headline figure is muted and says "too few". At n = 30 the Wilson
 * interval of an accuracy near 80 % is still about ±14 points wide; below it a figure swings
 * by tens of points with each label (8 val labels: 25 % means anything from 7 % to 59 %).
 */
export const headlineMinimum = 30;

export function isTooFew(n: number): boolean {
  return n < headlineMinimum;
}

/** "76%": whole percent, as headlines show it. */
export function wholePercent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/** "53–90%": an interval in whole percent. */
export function intervalText(interval: Pick<Interval, 'low' | 'high'>): string {
  return `${Math.round(interval.low * 100)}–${Math.round(interval.high * 100)}%`;
}

/** Why a figure is muted: "too few test labels (fewer than 30)". */
export function tooFewText(split: string): string {
  return `too few ${split} labels (fewer than ${headlineMinimum})`;
}

/**
 * The long form of a headline figure, for a tooltip or the CLI:
 * "Test accuracy 76.0%, 95% interval 53–90%, on 17 test labels: too few test labels (fewer than 30) to trust".
 */
export function figureDescription(what: string, split: string, figure: Figure): string {
  const base = `${what} ${(figure.value * 100).toFixed(1)}%, 95% interval ${intervalText(figure)}, on ${figure.n} ${split} label${figure.n === 1 ? '' : 's'}`;
  return isTooFew(figure.n) ? `${base}: ${tooFewText(split)} to trust` : base;
}
