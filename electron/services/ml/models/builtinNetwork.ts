import { integrityText, type BackboneListing } from '../../../../shared/ml/catalog';
import type { BackboneCard, BackboneSpec } from '../../../../shared/ml/cards';
import { builtinMobileNetCard, builtinMobileNetLicence, builtinMobileNetNote, builtinMobileNetSource } from '../../../../shared/ml/builtinNetworks';
import { builtinOnnxPath } from '../../../worker/backbones/builtin/builtinOnnx';

/** A backbone that ships with the studio, as the catalog lists it: ready, nothing to download. */
export function builtInListing(card: BackboneCard, description: string, source: { licence: string; url: string } | null = null): BackboneListing {
  return {
    card,
    source: 'built-in',
    status: 'ready',
    integrity: 'built-in',
    integrityText: integrityText['built-in'],
    sha256: null,
    bytes: null,
    downloadedBytes: null,
    url: source?.url ?? null,
    licence: source?.licence ?? null,
    path: null,
    description,
  };
}

/** The built-in MobileNetV2, with its licence and where it comes from. */
export function builtinNetworkListing(): BackboneListing {
  return builtInListing(builtinMobileNetCard, builtinMobileNetNote, { licence: builtinMobileNetLicence, url: builtinMobileNetSource });
}

/**
 * What the worker needs to run the built-in network: its ONNX file (converted from the
 * nsfwjs TF.js files on first use, then cached in the models folder) and the name of the
 * TF.js source, which fine-tuning trains.
 */
export async function resolveBuiltinNetwork(modelsDir: string): Promise<BackboneSpec> {
  return { card: builtinMobileNetCard, modelPath: await builtinOnnxPath(modelsDir), builtin: 'nsfwjs-mobilenetv2' };
}
