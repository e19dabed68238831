import { agreementReport, type AgreementModel, type AgreementReport } from '../../../shared/domain/agreementReport';
import { readRunProbabilities } from '../ml/probabilityFiles';
import { RunStore } from '../ml/RunStore';
import type { Project } from '../project/Project';

/**
 * The project's agreement report, with the latest finished model as one more rater. The
 * model trained on the train and val labels that existed when its run started, so only
 * test-split answers and answers given after that count against it.
 */
export async function projectAgreement(project: Project): Promise<AgreementReport> {
  const classIds = project.doc.classes.map((c) => c.id);
  return agreementReport(project.labels.book, classIds, await latestModel(project));
}

async function latestModel(project: Project): Promise<AgreementModel | null> {
  const run = (await RunStore.for(project)).latest('succeeded');
  if (!run) return null;
  const probabilities = await readRunProbabilities(project.dir, run.id).catch(() => null);
  if (!probabilities) return null;
  return {
    runId: run.id,
    predicted: (sampleId) => probabilities.suggestion(sampleId)?.classId ?? null,
    learnedFrom: (sampleId, answer) => project.samples.get(sampleId)?.split !== 'test' && answer.at <= run.createdAt,
  };
}
