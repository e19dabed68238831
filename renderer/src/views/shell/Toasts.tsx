import { useEffect } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { selectToasts } from '../../store/selectors';
import type { Toast } from '../../store/toastSlice';

const lifetime: Record<Toast['level'], number> = { success: 3500, info: 6000, error: 12_000 };

/** Non-blocking messages, newest last; errors stay longer and can be dismissed. */
export function Toasts() {
  const toasts = useStudio(selectToasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <ToastCard key={t.id} toast={t} />
      ))}
    </div>
  );
}

function ToastCard({ toast }: { toast: Toast }) {
  const dismiss = useStudio((s) => s.dismissToast);
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.id), lifetime[toast.level]);
    return () => clearTimeout(timer);
  }, [toast.id, toast.level, dismiss]);
  return (
    <div className={`toast ${toast.level}`} role={toast.level === 'error' ? 'alert' : 'status'}>
      <div>
        <p>{toast.message}</p>
        {toast.hint && <p className="hint-text">{toast.hint}</p>}
      </div>
      <button type="button" className="ghost small" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
        ✕
      </button>
    </div>
  );
}
