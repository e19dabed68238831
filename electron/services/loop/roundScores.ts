import type { Figure } from '../../../shared/contract/evaluation';
import type { Round } from '../../../shared/contract/loop';
import { wilsonInterval } from '../../../shared/domain/intervals';
import { labelsChosenByModel } from '../../../shared/domain/labelViews';
import { predictedClass } from '../../../shared/domain/metrics';
import type { RunRecord } from '../../../shared/ml/runs';
import { readRunProbabilities } from '../ml/probabilityFiles';
import type { Project } from '../project/Project';
import { leakyTestSource, type LeakySource } from '../quality/leakyTestSamples';
import { evaluateOnSplit, labeledRows, type ScoredRows } from './evaluateRun';
import type { StoredRound } from './loopDocument';

/**
 * Bootstrap draws the whole curve may spend on macro-F1 intervals (about 0.2 s on an idle
 * 2-core machine). Each round gets 1,000 resamples while that fits, fewer (never under 200)
 * with many rounds of many test labels; the headline figures of one run always get 1,000.
 */
export const curveBootstrapBudget = 20_000_000;

export function resamplesPerRound(testLabels: number, rounds: number): number {
  return Math.max(200, Math.min(1000, Math.floor(curveBootstrapBudget / Math.max(1, testLabels * rounds))));
}

export const unscorableNote = 'its run’s probabilities are not on disk, so it cannot be scored on today’s test labels';
export const noTestLabelsNote = 'no test labels yet: the queue asks for them (marked “held-out test image”)';

/**
 * Scores every round of the learning curve on the same test labels: today's labeled test
 * samples that every scorable round's run has probabilities for. A round's figures so move
 * when test labels come in (all rounds together), never because a later round had more test
 * labels to be judged on. Test samples whose near-copy sits in train or val (the data checks'
 * leaky duplicates) are left out of every round and counted. Each run's test-split rows are
 * read once from its probability file and kept; results are kept until labels, classes,
 * samples, rounds or the leaky samples change.
 */
export class RoundScorer {
  private readonly testRows = new Map<string, Promise<ScoredRows | null>>();
  private memo: { key: string; leaky: ReadonlySet<string>; rounds: Promise<Round[]> } | null = null;
  private chosen: { key: number; samples: Set<string> } | null = null;

  constructor(
    private readonly project: Project,
    private readonly read = readRunProbabilities,
    /** Test samples left out of the test figures (the data checks' leaky duplicates). */
    readonly leakyTestSamples: LeakySource = leakyTestSource(project),
  ) {}

  async score(rounds: readonly StoredRound[], runs: readonly RunRecord[]): Promise<Round[]> {
    const leaky = await this.leakyTestSamples();
    const key = `${this.stateKey()}|${rounds.map((r) => `${r.round}:${r.runId}`).join(',')}`;
    if (this.memo?.key !== key || this.memo.leaky !== leaky) this.memo = { key, leaky, rounds: this.scoreNow(rounds, runs, leaky) };
    return this.memo.rounds;
  }

  /** A run's accuracy on all of today's test labels it scored, leaky ones left out (the status bar's figure). */
  async testFigure(runId: string): Promise<Figure | null> {
    const rows = await this.rowsOf(runId);
    if (!rows) return null;
    const labeled = labeledRows(this.project, 'test', rows, { leaky: await this.leakyTestSamples() });
    const k = this.project.doc.classes.length;
    const right = labeled.truth.filter((t, i) => predictedClass(labeled.probabilities, i, k) === t).length;
    const interval = wilsonInterval(right, labeled.truth.length);
    return interval && { ...interval, n: labeled.truth.length };
  }

  /** Samples whose label was set in a view of the model's predictions. */
  chosenByModel(): Set<string> {
    const book = this.project.labels.book;
    if (this.chosen?.key !== book.lastSeq) this.chosen = { key: book.lastSeq, samples: labelsChosenByModel(book.decisions, (seq) => book.isUndone(seq)) };
    return this.chosen.samples;
  }

  private async scoreNow(rounds: readonly StoredRound[], runs: readonly RunRecord[], leaky: ReadonlySet<string>): Promise<Round[]> {
    const rows = await Promise.all(rounds.map((r) => this.rowsOf(r.runId)));
    const scorable = rows.filter((r): r is ScoredRows => r !== null);
    const common = (sampleId: string) => scorable.every((r) => r.row(sampleId) !== null);
    const chosenByModel = this.chosenByModel();
    const byId = new Map(runs.map((r) => [r.id, r]));
    const book = this.project.labels.book;
    const testLabels = this.project.samples.all.filter((s) => s.split === 'test' && book.stateOf(s.id).classId !== null && common(s.id) && !leaky.has(s.id)).length;
    const resamples = resamplesPerRound(testLabels, scorable.length);
    return rounds.map((stored, i) => {
      const test = rows[i] ? evaluateOnSplit(this.project, 'test', rows[i], { only: common, chosenByModel, leaky, resamples }) : null;
      return {
        round: stored.round,
        runId: stored.runId,
        at: stored.at,
        labels: stored.labels,
        strategy: stored.strategy,
        picked: stored.picked,
        retrains: stored.retrains,
        val: valFigure(byId.get(stored.runId)),
        test,
        testNote: test ? null : rows[i] ? noTestLabelsNote : unscorableNote,
      };
    });
  }

  private rowsOf(runId: string): Promise<ScoredRows | null> {
    let rows = this.testRows.get(runId);
    if (!rows) {
      rows = this.read(this.project.dir, runId).then(
        (probabilities) => {
          const kept = new Map<string, Float32Array>();
          for (const sampleId of probabilities.sampleIds) {
            if (this.project.samples.get(sampleId)?.split !== 'test') continue;
            kept.set(sampleId, probabilities.row(sampleId)!.slice());
          }
          return { classIds: probabilities.classIds, row: (sampleId: string) => kept.get(sampleId) ?? null };
        },
        () => null,
      );
      this.testRows.set(runId, rows);
    }
    return rows;
  }

  private stateKey(): string {
    return `${this.project.labels.book.lastSeq}|${this.project.samples.size}|${this.project.doc.classes.map((c) => c.id).join(',')}`;
  }
}

/** The val accuracy a run measured on the val labels of its training, with its interval and n. */
export function valFigure(run: RunRecord | undefined): Figure | null {
  const val = run?.metrics?.val;
  if (!val || val.count === 0) return null;
  const interval = wilsonInterval(Math.round(val.accuracy * val.count), val.count)!;
  return { ...interval, value: val.accuracy, n: val.count };
}
