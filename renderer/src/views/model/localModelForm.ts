import { backboneCardSchema, type BackboneCardInput } from '../../../../shared/ml/cards';
import { pathProblem } from '../common/validation';

/** The "Add a local model" form as typed: every field a string until it is checked. */
export interface LocalModelDraft {
  name: string;
  path: string;
  width: string;
  height: string;
  channels: '1' | '3';
  layout: 'NCHW' | 'NHWC';
  mean: string;
  std: string;
  /** `0-1`: pixels divided by 255 before mean/std; `0-255`: raw pixel values. */
  pixelRange: '0-1' | '0-255';
  outputName: string;
  tap: 'output' | 'classifier-input';
  pool: 'flatten' | 'cls' | 'mean';
  embeddingSize: string;
}

export type DraftField = keyof LocalModelDraft;
export type DraftProblems = Partial<Record<DraftField, string>>;

export const emptyDraft: LocalModelDraft = {
  name: '',
  path: '',
  width: '224',
  height: '224',
  channels: '3',
  layout: 'NCHW',
  mean: '0.485, 0.456, 0.406',
  std: '0.229, 0.224, 0.225',
  pixelRange: '0-1',
  outputName: '',
  tap: 'output',
  pool: 'mean',
  embeddingSize: '',
};

/** A path-safe backbone id from the model's name ("My ResNet 50" → "my-resnet-50"). */
export function idFromName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/-+$/, '')
    .slice(0, 64);
}

/** Which engine loads the file, from its name. */
export function engineOf(path: string): 'onnx' | 'tfjs' | null {
  const lower = path.trim().toLowerCase();
  if (lower.endsWith('.onnx')) return 'onnx';
  if (lower.endsWith('.json')) return 'tfjs';
  return null;
}

function numbers(text: string): number[] | null {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  const values = parts.map(Number);
  return parts.length > 0 && values.every(Number.isFinite) ? values : null;
}

function whole(text: string, min: number, max: number): number | null {
  const t = text.trim();
  return /^\d+$/.test(t) && Number(t) >= min && Number(t) <= max ? Number(t) : null;
}

/** The card to send, or what to fix in each field before sending it. */
export function buildCard(draft: LocalModelDraft): { card: BackboneCardInput; problems: null } | { card: null; problems: DraftProblems } {
  const problems: DraftProblems = {};
  const id = idFromName(draft.name);
  if (!draft.name.trim()) problems.name = 'Give the model a name.';
  else if (!id) problems.name = 'Use a name with letters or digits.';
  const badPath = pathProblem(draft.path, 'model file');
  const engine = engineOf(draft.path);
  if (badPath) problems.path = badPath;
  else if (!engine) problems.path = 'Choose an .onnx file or a TF.js model.json.';
  const width = whole(draft.width, 1, 2048);
  const height = whole(draft.height, 1, 2048);
  if (width === null) problems.width = 'A whole number of pixels from 1 to 2048.';
  if (height === null) problems.height = 'A whole number of pixels from 1 to 2048.';
  const channels = Number(draft.channels) as 1 | 3;
  const mean = numbers(draft.mean);
  const std = numbers(draft.std);
  if (!mean || mean.length !== channels) problems.mean = `One number per channel (${channels}), separated by commas.`;
  if (!std || std.length !== channels) problems.std = `One number per channel (${channels}), separated by commas.`;
  else if (std.some((s) => s <= 0)) problems.std = 'Every std value must be above 0.';
  const embeddingSize = whole(draft.embeddingSize, 1, 65_536);
  if (embeddingSize === null) problems.embeddingSize = 'The length of the output vector, e.g. 1280 for MobileNetV2.';
  if (Object.keys(problems).length > 0) return { card: null, problems };

  const card: BackboneCardInput = {
    id,
    name: draft.name.trim(),
    engine: engine!,
    input: { width: width!, height: height!, channels, layout: draft.layout },
    preprocess: { resize: 'cover', cropFraction: 1, scale: draft.pixelRange === '0-1' ? 1 / 255 : 1, mean: mean!, std: std! },
    output: { tap: draft.tap, pool: draft.pool, ...(draft.outputName.trim() ? { name: draft.outputName.trim() } : {}) },
    embeddingSize: embeddingSize!,
  };
  const checked = backboneCardSchema.safeParse(card);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return { card: null, problems: { name: `${issue.path.join('.') || 'card'}: ${issue.message}` } };
  }
  return { card, problems: null };
}
