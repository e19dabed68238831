import { registerBackboneKind, registeredEngines, loadRegisteredBackbone } from './registry';
import { pixelsKind } from './pixels';
import { onnxKind } from './onnx';
import { tfjsKind } from './tfjs';
import type { BackboneSpec } from '../../../shared/ml/cards';
import type { Backbone } from './types';

// Every backbone engine, registered once. Add an engine: one file exporting a BackboneKind,
// plus one line here (see docs/recipes/add-a-backbone.md).
if (registeredEngines().length === 0) {
  registerBackboneKind(pixelsKind);
  registerBackboneKind(onnxKind);
  registerBackboneKind(tfjsKind);
}

export function loadBackbone(spec: BackboneSpec): Promise<Backbone> {
  return loadRegisteredBackbone(spec);
}

export type { Backbone } from './types';
