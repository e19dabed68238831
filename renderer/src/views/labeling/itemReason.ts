import type { Split } from '../../../../shared/contract/schemas';

/** What a held-out image says instead of a suggestion: why there is none, and that this is on purpose. */
export function heldOutNote(split: Split | undefined): string {
  const which = split === 'val' ? 'val' : 'test';
  return `Held-out ${which} image: no model suggestion shown, so your label is independent.`;
}

/** A strategy's score, short: three significant digits, or nothing when the strategy gives none. */
export function scoreText(score: number | null): string | null {
  if (score === null || !Number.isFinite(score)) return null;
  return Math.abs(score) >= 1000 ? score.toExponential(2) : String(Number(score.toPrecision(3)));
}
