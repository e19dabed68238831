import type { LoopSettings, LoopStatus, StrategyInfo } from '../../../shared/contract/loop';
import { unwrap } from '../api/studioApi';
import { errorPayloadOf } from './errors';
import { sameData } from './sameData';
import { projectLoader, slicePatcher } from './sliceTools';
import { fieldError, type SettingField } from './loopSettingsForm';
import type { Slice } from './types';

export interface LoopState {
  settings: LoopSettings | null;
  strategies: StrategyInfo[] | null;
  status: LoopStatus | null;
  /** The studio's refusal of a field, shown beside it until the field is saved again. */
  fieldErrors: Partial<Record<SettingField, string>>;
  saving: Partial<Record<SettingField, boolean>>;
}

export interface LoopSlice {
  loop: LoopState;
  loadLoop(): Promise<void>;
  loadLoopSettings(): Promise<void>;
  refreshLoopStatus(): Promise<void>;
  /** Saves one setting; resolves to whether the studio accepted it. */
  saveLoopSetting<K extends SettingField>(field: K, value: LoopSettings[K]): Promise<boolean>;
  clearFieldError(field: SettingField): void;
  onLoopStatus(status: LoopStatus): void;
  resetLoop(): void;
}

const initial: LoopState = { settings: null, strategies: null, status: null, fieldErrors: {}, saving: {} };

export const createLoopSlice: Slice<LoopSlice> = (set, get, { api }) => {
  let epoch = 0;
  const patch = slicePatcher(set, 'loop');
  const load = projectLoader(get, () => epoch);

  return {
    loop: initial,

    async loadLoop() {
      await Promise.all([get().loadLoopSettings(), get().refreshLoopStatus()]);
    },
    async loadLoopSettings() {
      await Promise.all([
        load(unwrap(api.loop.settings({})), (settings) => patch({ settings }), 'Loop settings'),
        load(unwrap(api.loop.strategies({})), (strategies) => patch({ strategies }), 'Strategies'),
      ]);
    },
    refreshLoopStatus: () => load(unwrap(api.loop.status({})), (status) => get().onLoopStatus(status), 'Loop status'),

    async saveLoopSetting(field, value) {
      const started = epoch;
      patch((l) => ({ saving: { ...l.saving, [field]: true } }));
      try {
        const settings = await unwrap(api.loop.updateSettings({ [field]: value }));
        if (started !== epoch) return false;
        patch((l) => ({ settings, fieldErrors: without(l.fieldErrors, field), saving: without(l.saving, field) }));
        void get().refreshLoopStatus();
        return true;
      } catch (error) {
        if (started === epoch) patch((l) => ({ fieldErrors: { ...l.fieldErrors, [field]: fieldError(errorPayloadOf(error)) }, saving: without(l.saving, field) }));
        return false;
      }
    },
    clearFieldError: (field) => patch((l) => ({ fieldErrors: without(l.fieldErrors, field) })),

    onLoopStatus(status) {
      const before = get().loop.status;
      // The same status again (an event and a refresh both report one change) changes nothing.
      if (!sameData(status, before)) patch({ status });
      if (status.training) get().followRun(status.training.runId, status.training.progress);
      // A new round, or a retrain that replaced its model, moves the learning curve (fetched only once someone looked at it).
      if (get().evaluate.report !== null && (before?.round !== status.round || before?.lastRun?.id !== status.lastRun?.id)) void get().loadEvaluation();
    },

    resetLoop() {
      epoch += 1;
      set({ loop: initial });
    },
  };
};

function without<T extends object>(record: T, key: PropertyKey): T {
  const copy = { ...record };
  delete (copy as Record<PropertyKey, unknown>)[key];
  return copy;
}
