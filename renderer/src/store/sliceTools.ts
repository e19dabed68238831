import type { GetState, SetState } from './types';

/** The slices that keep their state under one key of the store. */
type Keyed = 'gallery' | 'loop' | 'model' | 'team' | 'evaluate' | 'quality';

/** Updates one slice's state object with a partial change (or a function of it). */
export function slicePatcher<K extends Keyed>(set: SetState, key: K) {
  type State = ReturnType<GetState>[K];
  return (change: Partial<State> | ((state: State) => Partial<State>)): void =>
    set((s) => ({ [key]: { ...s[key], ...(typeof change === 'function' ? change(s[key]) : change) } }) as Partial<ReturnType<GetState>>);
}

/**
 * Runs a request for the open project and applies its answer, unless the project changed
 * meanwhile (`epoch` moved on); a failure is shown with `context` while the project is open.
 */
export function projectLoader(get: GetState, epoch: () => number) {
  return async <T>(work: Promise<T>, apply: (value: T) => void, context: string): Promise<void> => {
    const started = epoch();
    try {
      const value = await work;
      if (started === epoch()) apply(value);
    } catch (error) {
      if (started === epoch() && get().project) get().showError(error, context);
    }
  };
}
