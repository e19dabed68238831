/** A linear map from data values to pixels, with "nice" tick values (1, 2 or 5 × 10^k apart). */
export interface LinearScale {
  (value: number): number;
  ticks: number[];
}

export function linearScale(domain: [number, number], range: [number, number], tickCount = 6): LinearScale {
  const [d0, d1] = domain[0] === domain[1] ? [domain[0] - 1, domain[1] + 1] : domain;
  const scale = ((value: number) => range[0] + ((value - d0) / (d1 - d0)) * (range[1] - range[0])) as LinearScale;
  const step = niceStep((d1 - d0) / tickCount);
  const ticks: number[] = [];
  for (let t = Math.ceil(d0 / step - 1e-9) * step; t <= d1 + step * 1e-9; t += step) ticks.push(Number(t.toFixed(10)));
  scale.ticks = ticks;
  return scale;
}

export function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  return (fraction <= 1.5 ? 1 : fraction <= 3 ? 2 : fraction <= 7 ? 5 : 10) * power;
}

/** Rounds `value` down (or up) to a multiple of `step`. */
export function snap(value: number, step: number, direction: 'down' | 'up'): number {
  return (direction === 'down' ? Math.floor(value / step + 1e-9) : Math.ceil(value / step - 1e-9)) * step;
}
