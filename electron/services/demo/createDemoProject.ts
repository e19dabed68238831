import type { ImportReport } from '../../../shared/contract/imports';
import { Project } from '../project/Project';
import { runImport } from '../ingest';
import { writeDemoImages } from './demoImages';
import { demoGuidelines } from './guidelines';
import { shapeClasses } from './shapes';
import { BackboneProposals } from '../loop/BackboneProposals';
import { LoopStore } from '../loop/LoopStore';

export interface DemoOptions {
  /** The same seed draws the same images, labels and splits. */
  seed?: number;
  /** `small`: 15 images per class instead of 60 (for tests and quick looks). */
  size?: 'small' | 'normal';
}

/**
 * A ready-to-try project made entirely offline: four shape classes with guidelines and
 * example images, about a third of the images labeled through a CSV that holds a few wrong
 * labels (for label-error review to find), the rest waiting to be labeled, and a few
 * near-duplicates and exact copies so the import report has something to show.
 * `dir` must be empty or absent; the images are written to `<dir>/images/`. The returned
 * project is open; the caller closes it.
 */
export async function createDemoProject(dir: string, options: DemoOptions = {}): Promise<{ project: Project; report: ImportReport }> {
  const seed = options.seed ?? 42;
  const project = await Project.create(dir, {
    name: 'Shapes demo',
    classes: shapeClasses.map((name) => ({ name, guideline: demoGuidelines[name] })),
    purpose: 'demo',
  });
  try {
    await project.updateMeta((doc) => {
      doc.seed = seed;
    }, 'The demo project was not set up.');
    const imagesDir = project.path('images');
    const plan = await writeDemoImages(imagesDir, seed, options.size ?? 'normal');
    // One batch per 100 files in file order, never time-cut, so splits depend on the seed alone.
    const report = await runImport(project, { sources: [imagesDir], labelsFrom: 'csv', csvPath: plan.csvPath }, { limits: { batchMs: Infinity } });

    const idOfFile = new Map(project.samples.all.map((s) => [s.relativePath, s.id]));
    await project.updateMeta((doc) => {
      for (const classDef of doc.classes) {
        classDef.examples = plan.images
          .filter((image) => image.kind === 'original' && image.shape === classDef.name && image.csvLabel === null)
          .slice(0, 3)
          .map((image) => idOfFile.get(image.fileName))
          .filter((id): id is string => id !== undefined);
      }
    }, 'The example images of the demo classes were not saved.');
    // The loop starts on the backbone proposed for these pictures (the built-in pretrained one).
    await new BackboneProposals(project, await LoopStore.open(project)).refresh();
    return { project, report };
  } catch (error) {
    await project.close();
    throw error;
  }
}
