import type { Project } from '../project/Project';
import { readRunProbabilities, type RunProbabilities } from './probabilityFiles';
import { RunStore } from './RunStore';

export { readRunProbabilities, type RunProbabilities } from './probabilityFiles';

/**
 * The probabilities of `runId`, or of the project's latest succeeded run when no id is
 * given; null when the project has no succeeded run yet.
 */
export async function getProbabilities(project: Project, runId?: string): Promise<RunProbabilities | null> {
  let id = runId;
  if (!id) {
    const latest = (await RunStore.for(project)).latest('succeeded');
    if (!latest) return null;
    id = latest.id;
  }
  return readRunProbabilities(project.dir, id);
}
