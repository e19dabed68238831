/**
 * Axis arithmetic for the hand-drawn SVG charts: round tick values and linear mapping from
 * data to pixels. Pure, so a chart's axes are tested without a browser.
 */
export interface Domain {
  min: number;
  max: number;
}

/** About `count` round ticks (1, 2 or 5 × 10^k apart) covering the domain. */
export function niceTicks(domain: Domain, count = 5, integer = false): number[] {
  const { min, max } = domain;
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max <= min) return [min];
  let step = niceStep((max - min) / Math.max(1, count));
  if (integer) step = Math.max(1, Math.round(step));
  const first = Math.ceil(min / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let t = first; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toFixed(10)));
  return ticks;
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  return nice * power;
}

/** The domain widened to whole ticks at both ends, so the last point never sits past the last label. */
export function niceDomain(domain: Domain, count = 5): Domain {
  if (!(domain.max > domain.min)) return domain;
  const step = niceStep((domain.max - domain.min) / Math.max(1, count));
  const round = (v: number) => Number(v.toFixed(10));
  return { min: round(Math.floor(domain.min / step + 1e-9) * step), max: round(Math.ceil(domain.max / step - 1e-9) * step) };
}

/** The smallest and largest value, widened so a single value still has room around it. */
export function extent(values: readonly number[], fallback: Domain = { min: 0, max: 1 }): Domain {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return fallback;
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  if (min === max) return min === 0 ? { min: 0, max: 1 } : { min: min - Math.abs(min) * 0.1, max: max + Math.abs(max) * 0.1 };
  return { min, max };
}

/** Maps a data value to a pixel between `from` and `to` (to < from for a y axis). */
export function scale(domain: Domain, from: number, to: number): (value: number) => number {
  const span = domain.max - domain.min || 1;
  return (value) => from + ((value - domain.min) / span) * (to - from);
}
