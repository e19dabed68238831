import './progressBar.css';

interface ProgressBarProps {
  label: string;
  /** 0..1, or null while the total is unknown (the bar sweeps). */
  fraction: number | null;
  small?: boolean;
}

/** A determinate or sweeping progress bar that screen readers announce by its label. */
export function ProgressBar({ label, fraction, small }: ProgressBarProps) {
  const percent = fraction === null ? null : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div
      className={['meter', fraction === null ? 'indeterminate' : '', small ? 'small' : ''].join(' ').trim()}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
    >
      <span className="meter-fill" style={{ width: `${percent ?? 30}%` }} />
    </div>
  );
}
