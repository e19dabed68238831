import { mulberry32 } from '../../../shared/domain/mulberry32';

/** A seeded generator, so a demo seed always draws the same pictures. */
export const seededRandom = mulberry32;

export function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
