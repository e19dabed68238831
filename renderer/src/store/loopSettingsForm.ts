import { loopSettingsSchema, type LoopSettings } from '../../../shared/contract/loop';

/** The loop settings typed as numbers: each is saved on its own, so an error belongs to one field. */
export type NumericSetting = 'batchSize' | 'retrainEvery' | 'minTestLabelsPerClass' | 'minValLabelsPerClass';
export type SettingField = keyof LoopSettings;

export const settingLabels: Record<SettingField, string> = {
  strategy: 'Strategy',
  batchSize: 'Batch size',
  retrainEvery: 'Retrain every',
  autoRetrain: 'Retrain automatically',
  minTestLabelsPerClass: 'Test labels per class',
  minValLabelsPerClass: 'Val labels per class',
  backboneId: 'Backbone',
  head: 'Head',
};

/** Bounds come from the contract's validators, so the form and the studio agree on them. */
export function settingBounds(field: NumericSetting): { min: number; max: number } {
  const schema = loopSettingsSchema.shape[field];
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}

/** A typed number, or why it cannot be saved, in words that say what to type. */
export function parseSetting(field: NumericSetting, text: string): { value: number } | { problem: string } {
  const { min, max } = settingBounds(field);
  const trimmed = text.trim();
  const wanted = `Type a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}.`;
  if (trimmed === '') return { problem: wanted };
  if (!/^\d+$/.test(trimmed)) return { problem: wanted };
  const value = Number(trimmed);
  if (value < min || value > max) return { problem: wanted };
  return { value };
}

/** The epochs field of the next run: empty means the head's default. */
export function parseEpochs(text: string): { value: number | null } | { problem: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: null };
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1 || Number(trimmed) > 10_000) return { problem: 'Type a whole number of epochs from 1 to 10,000, or leave it empty for the default.' };
  return { value: Number(trimmed) };
}

/** The studio's refusal of one field, said beside that field (its hint after it when there is one). */
export function fieldError(error: { message: string; hint?: string }): string {
  return error.hint ? `${error.message} ${error.hint}` : error.message;
}
