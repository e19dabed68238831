import { StudioError } from '../../../shared/contract/channel';
import type { BackboneEngine, BackboneSpec } from '../../../shared/ml/cards';
import type { Backbone, BackboneKind } from './types';

const kinds = new Map<BackboneEngine, BackboneKind>();

/** Adds an engine. Registering the same engine twice is a programming error. */
export function registerBackboneKind(kind: BackboneKind): void {
  if (kinds.has(kind.engine)) throw new Error(`A backbone kind for "${kind.engine}" is already registered.`);
  kinds.set(kind.engine, kind);
}

export function registeredEngines(): BackboneEngine[] {
  return [...kinds.keys()];
}

/** Loads a backbone with the engine its card names. */
export function loadRegisteredBackbone(spec: BackboneSpec): Promise<Backbone> {
  const kind = kinds.get(spec.card.engine);
  if (!kind) throw new StudioError('unsupported', `No backbone engine "${spec.card.engine}" in this studio.`);
  return kind.load(spec);
}
