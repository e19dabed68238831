import type { BackboneCard } from '../../../shared/ml/cards';
import type { ExportModelReport } from '../../../shared/ml/exportJob';
import type { HeadSettings, RunRecord, SplitMetrics, TfBackendReport } from '../../../shared/ml/runs';
import type { Figure } from '../../../shared/contract/evaluation';
import type { RunBackbone } from './runBackbone';
import { minTestLabelsPerClass, testLabelCounts, type TestFigures } from './testFigures';

export interface CardClass {
  index: number;
  id: string;
  name: string;
  /** Labels the run learned from (train, val) and labeled test samples at export time. */
  labels: { train: number; val: number; test: number };
}

/**
 * `model-card.json`: what the model is, what it learned from and how well it does, with the
 * counts every figure rests on. `model-card.md` says the same in words.
 */
export interface ModelCard {
  format: 'studio-model-card/1';
  title: string;
  project: { id: string; name: string };
  run: { id: string; createdAt: string; finishedAt: string | null; durationMs: number | null; backend: TfBackendReport | null; headEngine: string | null; executionProviders: string[] | null; warmStartFrom: string | null };
  exportedAt: string;
  studioVersion: string;
  classes: CardClass[];
  labelSet: { sha256: string; train: number; val: number; test: number; currentSha256: string | null; note: string };
  test: (Omit<TestFigures, 'perClass'> & { perClass: (TestFigures['perClass'][number] & { name: string })[] }) | null;
  validation: SplitMetrics | null;
  backbone: {
    id: string;
    name: string;
    engine: string;
    source: string;
    url: string | null;
    licence: string | null;
    /** sha256 of the backbone file the export was made from (null for pixels). */
    sha256: string | null;
    /** What the catalog pinned or the publisher stated; differs from `sha256` only if the file changed. */
    catalogSha256: string | null;
    integrity: string | null;
    card: BackboneCard;
  };
  head: { kind: string; hyperparameters: HeadSettings; bestEpoch: number | null; epochsRun: number; stoppedEarly: boolean };
  formats: Pick<ExportModelReport, 'onnx' | 'tfjs'>;
  verification: ExportModelReport['verification'];
  limits: string[];
  usage: { node: string; python: string; studio: string };
}

export interface CardInputs {
  project: { id: string; name: string };
  run: RunRecord;
  classNames: string[];
  backbone: RunBackbone;
  figures: TestFigures | null;
  exported: ExportModelReport;
  studioVersion: string;
  /** The label-set hash the project's train and val labels have now (null when it cannot be taken). */
  currentLabelSha256: string | null;
  exportedAt: string;
}

export function buildModelCard(inputs: CardInputs): ModelCard {
  const { run, classNames, figures, exported, backbone } = inputs;
  const test = testLabelCounts(figures, run);
  const classes = run.classIds.map((id, index) => ({ index, id, name: classNames[index], labels: { train: run.labels.perClass[id]?.train ?? 0, val: run.labels.perClass[id]?.val ?? 0, test: test[id] } }));
  const { source, spec } = backbone;
  return {
    format: 'studio-model-card/1',
    title: `${inputs.project.name}: ${classes.length}-class image classifier`,
    project: inputs.project,
    run: { id: run.id, createdAt: run.createdAt, finishedAt: run.finishedAt, durationMs: run.durationMs, backend: run.backend, headEngine: run.headEngine ?? null, executionProviders: run.executionProviders, warmStartFrom: run.warmStartFrom },
    exportedAt: inputs.exportedAt,
    studioVersion: inputs.studioVersion,
    classes,
    labelSet: {
      sha256: run.labels.sha256,
      train: run.labels.train,
      val: run.labels.val,
      test: figures?.count ?? 0,
      currentSha256: inputs.currentLabelSha256,
      note: 'sha256 over the sorted "sampleId classId" lines of the train and val labels the run learned from; test labels are counted at export time and were never trained on.',
    },
    test: figures ? { ...figures, perClass: figures.perClass.map((c, i) => ({ ...c, name: classNames[i] })) } : null,
    validation: run.metrics?.val ?? null,
    backbone: {
      id: spec.card.id,
      name: spec.card.name,
      engine: spec.card.engine,
      source: source.kind,
      url: source.url,
      licence: source.licence ?? (spec.card.engine === 'pixels' ? 'none needed (no weights)' : null),
      sha256: exported.backboneSha256,
      catalogSha256: source.sha256,
      integrity: source.integrityText,
      card: spec.card,
    },
    head: { kind: run.head.kind, hyperparameters: run.head, bestEpoch: run.bestEpoch, epochsRun: run.history.length, stoppedEarly: run.stoppedEarly },
    formats: { onnx: exported.onnx, tfjs: exported.tfjs },
    verification: exported.verification,
    limits: knownLimits(inputs, classes),
    usage: {
      node: 'npm install onnxruntime-node sharp && node examples/predict.mjs IMAGE...',
      python: 'pip install onnxruntime pillow numpy && python3 examples/predict.py IMAGE...',
      studio: 'npm run studio -- predict THIS_FOLDER IMAGE|DIR... --json',
    },
  };
}

function knownLimits(inputs: CardInputs, classes: CardClass[]): string[] {
  const { figures, exported, run, backbone } = inputs;
  const limits: string[] = [];
  if (!figures) limits.push('No labeled test images: how well this model does is unknown.');
  const leaky = figures?.leakyExcluded ?? 0;
  if (leaky) limits.push(`${leaky} labeled test image${leaky === 1 ? ' was' : 's were'} left out of the figures: a near-copy of ${leaky === 1 ? 'it sits' : 'each sits'} in train or val (see the Data tab's duplicate groups).`);
  if (figures?.tooFew) limits.push(`Only ${figures.count} labeled test images (fewer than ${figures.minimum}): the test figures are rough; read their intervals.`);
  const chosen = figures?.chosenByModel;
  if (chosen && chosen.count > 0) {
    const without = chosen.accuracyWithout ? `; accuracy on the other ${chosen.countWithout} is ${chosen.accuracyWithout.value.toFixed(3)} (${chosen.accuracyWithout.low.toFixed(3)}–${chosen.accuracyWithout.high.toFixed(3)})` : '';
    limits.push(`${chosen.count} test label${chosen.count === 1 ? ' was' : 's were'} set in views that showed the model's predictions (picked because it disagreed), which flatters it once fixed${without}.`);
  }
  for (const c of classes) {
    if (c.labels.test === 0 && figures) limits.push(`"${c.name}" has no test labels: nothing is known about how well it is recognised.`);
    else if (c.labels.test > 0 && c.labels.test < minTestLabelsPerClass) limits.push(`"${c.name}" has ${c.labels.test} test label${c.labels.test === 1 ? '' : 's'} (fewer than ${minTestLabelsPerClass}): its precision and recall are too uncertain to rely on (see their intervals).`);
    if (c.labels.train === 0) limits.push(`"${c.name}" had no training labels: the model cannot have learned it.`);
    if (c.name === c.id) limits.push(`Class ${c.id} was deleted from the project after this run was trained; it keeps its id as its name.`);
  }
  const file = exported.backboneSha256;
  const recorded = backbone.source.sha256;
  if (file && recorded && file !== recorded) limits.push(`The backbone file's sha256 (${file.slice(0, 12)}…) differs from the one recorded when it was downloaded or added (${recorded.slice(0, 12)}…): the file changed on disk since, so the export may not be the network the run embedded with.`);
  if (inputs.currentLabelSha256 && inputs.currentLabelSha256 !== run.labels.sha256) limits.push('The project\'s train/val labels have changed since this run was trained; retrain to include them.');
  for (const reason of [exported.onnx.headOnlyReason, exported.tfjs.headOnlyReason]) if (reason) limits.push(reason);
  const { irVersion, opset } = exported.onnx;
  if (irVersion > 8 || opset > 17) limits.push(`model.onnx keeps its backbone's ONNX IR ${irVersion} / opset ${opset} (raising or lowering a backbone's opset can change what its ops mean): runtimes and checkers older than that cannot load it.`);
  if (exported.verification.images === 0) limits.push('The export could not be checked against the studio on any project image (none could be read).');
  if (backbone.spec.card.input.channels === 1) limits.push("The model takes grayscale pixels converted as libvips does; Pillow's convert('L') weighs the channels differently, so examples/predict.py can differ slightly from the studio on colour images.");
  limits.push('examples/predict.py resizes with Pillow, whose bicubic filter is not byte-identical to libvips: its probabilities can differ slightly from the studio\'s; examples/predict.mjs and `studio predict` resize exactly as the studio does.');
  return limits;
}

/** Figure → "0.874 (95 % interval 0.812–0.921, n = 143)" for the card's prose. */
export function estimateText(e: Figure | null, digits = 3): string {
  if (!e) return '—';
  return `${e.value.toFixed(digits)} (95 % interval ${e.low.toFixed(digits)}–${e.high.toFixed(digits)}, n = ${e.n})`;
}
