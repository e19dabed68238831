import type { Project } from '../project/Project';
import { readRunProbabilities, type RunProbabilities } from './probabilityFiles';

/**
 * The probabilities of the few runs looked at last (a drill-down, a failure list, a
 * comparison of two runs): a run's file never changes once written, and scrolling the gallery
 * asks for page after page of the same run. A read that failed is forgotten, so the next
 * request tries again.
 */
export class ProbabilityCache {
  private entries: { key: string; probabilities: Promise<RunProbabilities> }[] = [];

  constructor(private readonly size = 3) {}

  get(project: Project, runId: string): Promise<RunProbabilities> {
    const key = `${project.dir}\n${runId}`;
    const known = this.entries.find((e) => e.key === key);
    if (known) {
      this.entries = [known, ...this.entries.filter((e) => e !== known)];
      return known.probabilities;
    }
    const probabilities = readRunProbabilities(project.dir, runId);
    this.entries = [{ key, probabilities }, ...this.entries].slice(0, this.size);
    probabilities.catch(() => {
      this.entries = this.entries.filter((e) => e.key !== key);
    });
    return probabilities;
  }
}
