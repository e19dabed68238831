import type { Decision } from './records';

/** How fast labels come in, for one annotator or one round. */
export interface SpeedFigures {
  /** Label decisions (relabels included; skips, flags and undos are not labels). */
  labels: number;
  /** Median seconds on an item, over the labels that were timed (imports and the CLI are not). */
  medianSeconds: number | null;
  /** Labels per hour spent on items: timed labels ÷ their summed seconds. */
  perHour: number | null;
}

export interface LabelingSpeed {
  annotators: ({ annotator: string } & SpeedFigures)[];
  /** Labels made before each round's run, and (round null) those since the last round. */
  rounds: ({ round: number | null } & SpeedFigures)[];
}

/**
 * Labeling speed per annotator and per round, from the label journal: what a lead reads to
 * see who labels how fast and whether the queue's harder images slow the experts down.
 * `rounds` are the loop's rounds with the time each was recorded, oldest first.
 */
export function labelingSpeed(decisions: readonly Decision[], rounds: readonly { round: number; at: string }[]): LabelingSpeed {
  const labels = decisions.filter((d) => d.kind === 'label');
  const byAnnotator = new Map<string, Decision[]>();
  for (const d of labels) byAnnotator.set(d.annotator, [...(byAnnotator.get(d.annotator) ?? []), d]);
  const buckets: { round: number | null; decisions: Decision[] }[] = [...rounds.map((r) => ({ round: r.round as number | null, decisions: [] as Decision[] })), { round: null, decisions: [] }];
  for (const d of labels) {
    const index = rounds.findIndex((r) => d.at <= r.at);
    buckets[index < 0 ? rounds.length : index].decisions.push(d);
  }
  return {
    annotators: [...byAnnotator].map(([annotator, made]) => ({ annotator, ...figures(made) })).sort((a, b) => b.labels - a.labels || a.annotator.localeCompare(b.annotator)),
    rounds: buckets.filter((b) => b.decisions.length > 0 || b.round !== null).map((b) => ({ round: b.round, ...figures(b.decisions) })),
  };
}

function figures(made: readonly Decision[]): SpeedFigures {
  const timed = made.map((d) => d.seconds).filter((s) => s > 0).sort((a, b) => a - b);
  const total = timed.reduce((sum, s) => sum + s, 0);
  return { labels: made.length, medianSeconds: median(timed), perHour: timed.length ? (timed.length / total) * 3600 : null };
}

function median(sorted: readonly number[]): number | null {
  if (!sorted.length) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
