import type { FineTuneOffer } from '../../../shared/contract/backbones';
import { duration, percent } from './trainingJob';

/** Fewer val labels than this and a fine-tuned-vs-frozen comparison means nothing. */
export const MIN_VAL_TO_COMPARE = 20;

/** "At most 4 min 10 s here (wasm): caching 1,040 images 1 min, up to 8 epochs × 20 s, re-embedding 5,000 images 2 min." */
export function estimateText(offer: FineTuneOffer): string | null {
  const e = offer.estimate;
  if (!e) return null;
  const ms = (s: number) => duration(s * 1000);
  const parts = [
    e.toCache > 0 ? `caching ${e.toCache.toLocaleString('en-US')} images ${ms(e.cacheSeconds)}` : 'activations already cached',
    `up to ${e.maxEpochs} epochs × ${ms(e.secondsPerEpoch)}`,
    `re-embedding the pool ${ms(e.embedSeconds)}`,
  ];
  return `At most ${ms(e.totalSeconds)} here (${e.backend}): ${parts.join(', ')}. Early stopping usually ends sooner.`;
}

/** What the project's own latest fine-tuned run showed on its val split, or why it says nothing. */
export function measuredHereText(offer: FineTuneOffer): { text: string; muted: boolean } | null {
  const m = offer.measuredHere;
  if (!m) return null;
  if (m.valCount < MIN_VAL_TO_COMPARE || m.frozenVal === null || m.tunedVal === null) {
    return { text: `Your last fine-tuned run: too few val labels to compare (n = ${m.valCount}; ${MIN_VAL_TO_COMPARE} needed).`, muted: true };
  }
  const kept = m.kept === 'frozen' ? ' No epoch beat the frozen network, so it was kept.' : '';
  return { text: `Your last fine-tuned run: val accuracy ${percent(m.tunedVal, 1)} fine-tuned vs ${percent(m.frozenVal, 1)} frozen (n = ${m.valCount}).${kept}`, muted: m.valCount < 100 };
}
