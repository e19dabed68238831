import { StudioError } from '../../../shared/contract/channel';
import { inputLength, type BackboneSpec } from '../../../shared/ml/cards';
import type { ValidationReport } from '../../../shared/ml/messages';
import { loadBackbone } from './index';

/**
 * Checks a card against its model before the studio relies on it: loads the model (names
 * and declared input shape are checked there) and runs one dummy image through it, so a
 * wrong embedding size or a missing output is reported when the model is added, in words.
 */
export async function validateBackbone(spec: BackboneSpec): Promise<ValidationReport> {
  const backbone = await loadBackbone(spec);
  try {
    const dummy = new Float32Array(inputLength(spec.card)).fill(0.5);
    let embedding: Float32Array;
    try {
      embedding = await backbone.embed(dummy, 1);
    } catch (error) {
      if (error instanceof StudioError) throw error;
      throw new StudioError('invalid-request', `Running one image through "${spec.card.id}" failed: ${firstLine(error)}`, 'Check the card\'s input size and layout against the model.');
    }
    return {
      embeddingSize: embedding.length,
      inputName: backbone.inputName,
      outputName: backbone.outputName,
      executionProviders: backbone.executionProviders,
    };
  } finally {
    await backbone.dispose();
  }
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0].slice(0, 300);
}
