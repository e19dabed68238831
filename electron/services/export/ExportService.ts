import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { StudioError } from '../../../shared/contract/channel';
import type { ExportProgress, ExportReport } from '../../../shared/contract/export';
import type { Sample } from '../../../shared/domain/records';
import type { RunRecord } from '../../../shared/ml/runs';
import type { MlWorker } from '../ml/MlWorker';
import type { ModelCatalog } from '../ml/models/ModelCatalog';
import { takeLabelSnapshot } from '../ml/labelSnapshot';
import { readRunProbabilities } from '../ml/probabilityFiles';
import { RunStore } from '../ml/RunStore';
import type { Project } from '../project/Project';
import { predictMjs } from './examples/predictMjs';
import { predictPy } from './examples/predictPy';
import { ExportFolder } from './exportFolder';
import { buildModelCard } from './modelCard';
import { modelCardMarkdown } from './modelCardMarkdown';
import { preprocessingDoc } from '../../../shared/ml/preprocessingDoc';
import { runBackbone } from './runBackbone';
import { testFigures } from './testFigures';
import { leakyTestSource } from '../quality/leakyTestSamples';

export interface ExportOptions {
  /** A succeeded run; the latest one when absent. */
  runId?: string;
  /** New or empty folder; `<project>/exports/<run id>` when absent. */
  outDir?: string;
  signal?: AbortSignal;
  onProgress?(progress: Omit<ExportProgress, 'jobId'>): void;
}

/** Images the export is checked on against the studio's own pipeline. */
const verifyImages = 16;

/**
 * Model export: a folder that runs on its own, made from one finished run. The worker
 * composes `model.onnx` and `tfjs/` and checks them against the studio's pipeline; this
 * side adds `labels.json`, `preprocessing.json`, the model card (test figures with
 * intervals, label counts, backbone provenance, known limits) and runnable examples, and
 * moves the folder into place only when it is complete.
 */
export class ExportService {
  constructor(private readonly deps: { worker: MlWorker; catalog: ModelCatalog; studioVersion: string }) {}

  async export(project: Project, options: ExportOptions = {}): Promise<ExportReport> {
    const started = performance.now();
    const run = await this.succeededRun(project, options.runId);
    const emit = (step: ExportProgress['step'], done = 0, total = 0) => options.onProgress?.({ runId: run.id, step, done, total });
    emit('preparing');
    const backbone = await runBackbone(this.deps.catalog, project.dir, run);
    const names = new Map(project.doc.classes.map((c) => [c.id, c.name]));
    const classNames = run.classIds.map((id) => names.get(id) ?? id);
    const figures = testFigures(project, run, await readRunProbabilities(project.dir, run.id), await leakyTestSource(project)());
    const folder = await ExportFolder.create(resolve(options.outDir ?? defaultOutDir(project, run.id)));
    try {
      const exported = await this.deps.worker.run(
        {
          kind: 'export-model',
          projectDir: project.dir,
          runId: run.id,
          backbone: backbone.spec,
          outDir: folder.staging,
          classNames,
          metadata: { runId: run.id, labelSetSha256: run.labels.sha256, studioVersion: this.deps.studioVersion, backbone: backbone.spec.card.id },
          verifyPaths: verificationPaths(project),
        },
        { signal: options.signal, onProgress: (p) => p.phase === 'exporting' && emit(p.step, p.done, p.total) },
      );
      emit('writing');
      const card = buildModelCard({
        project: { id: project.doc.id, name: project.doc.name },
        run,
        classNames,
        backbone,
        figures,
        exported,
        studioVersion: this.deps.studioVersion,
        currentLabelSha256: currentLabelHash(project),
        exportedAt: new Date().toISOString(),
      });
      await folder.write('labels.json', `${JSON.stringify(classNames, null, 2)}\n`);
      await folder.write('preprocessing.json', `${JSON.stringify(preprocessingDoc(backbone.spec.card, exported), null, 2)}\n`);
      await folder.write('model-card.json', `${JSON.stringify(card, null, 2)}\n`);
      await folder.write('model-card.md', modelCardMarkdown(card));
      await folder.write('examples/predict.mjs', predictMjs);
      await folder.write('examples/predict.py', predictPy);
      if (options.signal?.aborted) throw new StudioError('cancelled', 'The export was cancelled.', 'Nothing was written to the export folder.');
      const files = await folder.manifest();
      await folder.commit();
      return {
        runId: run.id,
        outDir: folder.outDir,
        formats: { onnx: exported.onnx, tfjs: exported.tfjs },
        verification: exported.verification,
        limits: card.limits,
        files,
        durationMs: Math.round(performance.now() - started),
      };
    } catch (error) {
      await folder.discard();
      throw error;
    }
  }

  private async succeededRun(project: Project, runId: string | undefined): Promise<RunRecord> {
    const store = await RunStore.for(project);
    const run = runId ? store.get(runId) : store.latest('succeeded');
    if (!run) {
      throw runId
        ? new StudioError('not-found', `There is no run ${runId} in this project.`, 'List the runs with `studio status` or in the Model tab.')
        : new StudioError('not-found', 'This project has no trained model yet.', 'Train one first (`studio train DIR` or the Model tab).');
    }
    if (run.status !== 'succeeded') throw new StudioError('invalid-request', `Run ${run.id} ${run.status}; only a finished run can be exported.`, 'Export a run that succeeded.');
    return run;
  }
}

function defaultOutDir(project: Project, runId: string): string {
  const base = project.path('exports', runId);
  let candidate = base;
  for (let n = 2; existsSync(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

/** Labeled test images first (what the card's figures rest on), then any; import order. */
function verificationPaths(project: Project): string[] {
  const isLabeledTest = (s: Sample) => s.split === 'test' && project.labels.stateOf(s.id).classId !== null;
  const picked: Sample[] = [];
  for (const sample of project.samples.all) if (picked.length < verifyImages && isLabeledTest(sample)) picked.push(sample);
  for (const sample of project.samples.all) if (picked.length < verifyImages && !isLabeledTest(sample)) picked.push(sample);
  return picked.map((s) => s.path);
}

function currentLabelHash(project: Project): string | null {
  try {
    return takeLabelSnapshot(project).snapshot.sha256;
  } catch {
    return null; // fewer than two classes now: nothing to compare with
  }
}
