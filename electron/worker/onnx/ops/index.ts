import { activationLayers } from './activation';
import { convolutionLayers } from './conv';
import { coreLayers } from './core';
import { mergeLayers } from './merge';
import { normalizationLayers } from './normalization';
import { poolingLayers } from './pooling';
import type { LayerConverter } from './types';

const converters = new Map<string, LayerConverter>();

/** Adds a converter for its Keras classes; a class converted twice is a programming error. */
export function registerLayerConverter(converter: LayerConverter): void {
  for (const name of converter.classNames) {
    if (converters.has(name)) throw new Error(`A converter for Keras layer "${name}" is already registered.`);
    converters.set(name, converter);
  }
}

export function layerConverter(className: string): LayerConverter | undefined {
  return converters.get(className);
}

export function convertibleLayers(): string[] {
  return [...converters.keys()].sort();
}

// Every op family, registered once. Add one: a file exporting LayerConverter[], one line here.
for (const family of [coreLayers, activationLayers, convolutionLayers, normalizationLayers, mergeLayers, poolingLayers]) {
  for (const converter of family) registerLayerConverter(converter);
}

export type { ConvertContext, LayerConverter } from './types';
