import type { RunSummary } from '../../../../shared/contract/evaluate';

/** "Round 3 · 14:05:12 · 120 labels": a run as the pickers list it. */
export function runLabel(run: RunSummary): string {
  const time = new Date(run.createdAt).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
  return `${run.round ? `Round ${run.round}` : 'Not on the curve'} · ${time} · ${run.labels.train + run.labels.val} labels · ${run.backbone}, ${run.head}`;
}

/** Chooses a finished run; `latestLabel` names the choice that follows the newest run. */
export function RunPicker({ label, runs, value, onChange, latestLabel }: { label: string; runs: readonly RunSummary[]; value: string | null; onChange(runId: string | null): void; latestLabel?: string }) {
  return (
    <label className="filter-select">
      {label}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        {latestLabel && <option value="">{latestLabel}</option>}
        {runs.map((run) => (
          <option key={run.id} value={run.id}>
            {runLabel(run)}
          </option>
        ))}
      </select>
    </label>
  );
}
