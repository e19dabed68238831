import type { StudioErrorPayload } from '../../../shared/contract/channel';
import { errorPayloadOf } from './errors';
import type { Slice } from './types';

/** A short non-blocking message; errors carry the studio's message and hint. */
export interface Toast {
  id: number;
  level: 'error' | 'info' | 'success';
  message: string;
  hint?: string;
}

export interface ToastSlice {
  toasts: Toast[];
  notify(level: Toast['level'], message: string, hint?: string): void;
  /** Shows a failed request (or anything thrown) as an error toast. */
  showError(error: unknown, context?: string): void;
  dismissToast(id: number): void;
}

const maxToasts = 5;
let nextToastId = 1;

export const createToastSlice: Slice<ToastSlice> = (set, get) => ({
  toasts: [],
  notify(level, message, hint) {
    const toast: Toast = { id: nextToastId++, level, message, ...(hint ? { hint } : {}) };
    set((s) => ({ toasts: withoutRepeat(s.toasts, toast).concat(toast).slice(-maxToasts) }));
  },
  showError(error, context) {
    const payload: StudioErrorPayload = errorPayloadOf(error);
    get().notify('error', context ? `${context}: ${payload.message}` : payload.message, payload.hint);
  },
  dismissToast(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
});

/** The same message twice in a row replaces the older toast instead of stacking. */
function withoutRepeat(toasts: Toast[], toast: Toast): Toast[] {
  return toasts.filter((t) => !(t.message === toast.message && t.level === toast.level));
}
