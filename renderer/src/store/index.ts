import { createStore, type StoreApi } from 'zustand/vanilla';
import { createAppSlice, type AppSlice } from './appSlice';
import { createClassesSlice, type ClassesSlice } from './classesSlice';
import { createGallerySlice, type GallerySlice } from './gallerySlice';
import { createImportSlice, type ImportSlice } from './importSlice';
import { createLabelingSlice, type LabelingSlice } from './labelingSlice';
import { createLoopSlice, type LoopSlice } from './loopSlice';
import { createModelSlice, type ModelSlice } from './modelSlice';
import { createToastSlice, type ToastSlice } from './toastSlice';
import { createTeamSlice, type TeamSlice } from './teamSlice';
import { createEvaluateSlice, type EvaluateSlice } from './evaluateSlice';
import { createQualitySlice, type QualitySlice } from './qualitySlice';
import type { StoreDeps } from './deps';
import type { GetState, SetState } from './types';

/** The whole UI state: one store built from typed slices, each with its actions beside it. */
export type StudioState = AppSlice &
  ToastSlice &
  ClassesSlice &
  ImportSlice &
  LabelingSlice &
  GallerySlice &
  ModelSlice &
  LoopSlice &
  TeamSlice &
  EvaluateSlice &
  QualitySlice & {
    /** The edges the store runs over; hooks that subscribe to studio events use its api. */
    readonly deps: StoreDeps;
  };

/** The state creator, exported so tests (and the app) build fresh stores over their own edges. */
export function createStudioState(deps: StoreDeps) {
  return (set: SetState, get: GetState): StudioState => ({
    deps,
    ...createAppSlice(set, get, deps),
    ...createToastSlice(set, get, deps),
    ...createClassesSlice(set, get, deps),
    ...createImportSlice(set, get, deps),
    ...createLabelingSlice(set, get, deps),
    ...createGallerySlice(set, get, deps),
    ...createModelSlice(set, get, deps),
    ...createLoopSlice(set, get, deps),
    ...createTeamSlice(set, get, deps),
    ...createEvaluateSlice(set, get, deps),
    ...createQualitySlice(set, get, deps),
  });
}

export type StudioStore = StoreApi<StudioState>;

export function createStudioStore(deps: StoreDeps): StudioStore {
  return createStore<StudioState>()(createStudioState(deps));
}
