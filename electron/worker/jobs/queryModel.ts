import { StudioError } from '../../../shared/contract/channel';
import type { BackboneCard } from '../../../shared/ml/cards';
import { readRunProbabilities, type RunProbabilities } from '../../services/ml/probabilityFiles';
import { loadHead, type Head } from '../heads/index';
import { readSavedHead } from '../runs/runFiles';

/**
 * What a query knows from a finished run: its probabilities for the samples it scored,
 * and its head, when the head fits the query's backbone, to score samples added since
 * and to draw MC-dropout passes. Whoever holds it calls `dispose()`.
 */
export interface QueryModel {
  probabilities: RunProbabilities;
  head: Head | null;
  /** Why the head cannot be used, when it cannot. */
  headProblem: string | null;
  dispose(): void;
}

export async function loadQueryModel(projectDir: string, runId: string, card: BackboneCard, wantHead: boolean): Promise<QueryModel> {
  const probabilities = await readRunProbabilities(projectDir, runId);
  let head: Head | null = null;
  let headProblem: string | null = null;
  if (wantHead) {
    const saved = await readSavedHead(projectDir, runId);
    if (!saved) headProblem = `run ${runId} saved no head`;
    else if (saved.dim !== card.embeddingSize) {
      headProblem = `run ${runId} was trained on ${saved.dim}-d embeddings, not on ${card.id} (${card.embeddingSize}-d)`;
    } else if (saved.numClasses !== probabilities.classIds.length) headProblem = `run ${runId}'s head and probabilities disagree on the classes`;
    else head = loadHead(saved);
  }
  return { probabilities, head, headProblem, dispose: () => head?.dispose() };
}

/** The clear error for a strategy that needs MC dropout when the run's head cannot give it. */
export function noMcDropout(strategy: string, model: QueryModel | null): StudioError {
  const why = model ? (model.headProblem ?? 'its head cannot sample dropout') : 'there is no trained model yet';
  return new StudioError('unsupported', `The "${strategy}" strategy needs MC-dropout passes of the model's head, but ${why}.`, 'Train a model on the same backbone first, or pick another strategy.');
}
