import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_MOBILENET_ID } from '../shared/ml/builtinNetworks';
import { createDemoProject } from '../electron/services/demo';
import { writeDemoImages } from '../electron/services/demo/demoImages';
import { LoopStore } from '../electron/services/loop/LoopStore';
import { MlWorker } from '../electron/services/ml/MlWorker';
import { ModelCatalog } from '../electron/services/ml/models/ModelCatalog';
import { readRunProbabilities } from '../electron/services/ml/probabilityFiles';
import { RunService } from '../electron/services/ml/RunService';
import type { Project } from '../electron/services/project/Project';
import type { Sample } from '../shared/domain/records';
import { round, type BenchResult } from './types';

/**
 * How often the demo's suggestions are right after its first round: the demo project as a
 * user gets it (its imported labels, a few deliberately wrong), one run on the backbone its
 * loop starts with, and the run's suggestion for every image it did not learn from, checked
 * against the shape each picture was drawn with. Held out: the test split, and the
 * unlabeled train images the labeling view will suggest classes for. The old default
 * (pixels 32×32 RGB) runs on the same labels in the same run as the reference, and so does
 * the built-in network fine-tuned on those labels first.
 */
export async function benchDemoSuggestions(): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'studio-bench-demo-'));
  const worker = new MlWorker({ onLog: () => undefined });
  try {
    const { project } = await createDemoProject(join(dir, 'demo'));
    const plan = await writeDemoImages(join(dir, 'truth'), 42, 'normal');
    const shapeOf = new Map(plan.images.map((image) => [image.fileName, image.shape as string]));
    const classOf = new Map(project.doc.classes.map((c) => [c.name, c.id]));
    const truth = (s: Sample) => classOf.get(shapeOf.get(s.relativePath)!)!;
    const loopBackbone = (await LoopStore.open(project)).settings.backboneId;
    const runs = new RunService({ worker, catalog: new ModelCatalog({ cacheDir: join(dir, 'cache') }) });
    const unlabeled = project.samples.all.filter((s) => s.split === 'train' && project.labels.stateOf(s.id).classId === null);
    const test = project.samples.all.filter((s) => s.split === 'test');
    const score = async (backboneId: string, fineTune = false) => {
      const record = await (await runs.start(project, { backboneId, warmStart: false, fineTune })).done;
      if (record.status !== 'succeeded') throw new Error(`the ${backboneId} run ${record.status}: ${record.error?.message}`);
      const probabilities = await readRunProbabilities(project.dir, record.id);
      const right = (set: Sample[]) => set.filter((s) => probabilities.suggestion(s.id)?.classId === truth(s)).length / set.length;
      return { test: right(test), unlabeled: right(unlabeled), labels: record.labels, fineTuning: record.fineTuning };
    };
    const builtin = await score(BUILTIN_MOBILENET_ID);
    const tuned = await score(BUILTIN_MOBILENET_ID, true);
    const pixels = await score('pixels');
    const wrong = plan.images.filter((i) => i.csvLabel !== null && i.csvLabel !== i.shape).length;
    await closeQuietly(project);
    return {
      name: 'demo suggestions right after the first round',
      figures: {
        builtin_test_split_right: round(builtin.test, 3),
        builtin_unlabeled_train_right: round(builtin.unlabeled, 3),
        builtin_fine_tuned_test_split_right: round(tuned.test, 3),
        builtin_fine_tuned_unlabeled_train_right: round(tuned.unlabeled, 3),
      },
      reference: { pixels_32x32_test_split_right: round(pixels.test, 3), pixels_32x32_unlabeled_train_right: round(pixels.unlabeled, 3) },
      ratios: { builtin_minus_pixels_test_points: round((builtin.test - pixels.test) * 100, 1) },
      notes: [
        `the demo's loop starts on ${loopBackbone}; first round trained on its ${builtin.labels.train} train + ${builtin.labels.val} val imported labels (${wrong} of the imported labels are deliberately wrong), default linear head`,
        `held out: test split n = ${test.length}, unlabeled train images n = ${unlabeled.length}; truth = the shape each picture was drawn with`,
        `fine-tuned: ${tuned.fineTuning ? `${tuned.fineTuning.trains} on ${tuned.fineTuning.backend}, ${tuned.fineTuning.history.length} epochs, ${tuned.fineTuning.kept} kept (best epoch ${tuned.fineTuning.bestEpoch}), ${tuned.fineTuning.secondsPerEpoch.toFixed(1)} s/epoch` : 'did not run'}`,
      ],
    };
  } finally {
    await worker.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

async function closeQuietly(project: Project): Promise<void> {
  await project.close().catch(() => undefined);
}
