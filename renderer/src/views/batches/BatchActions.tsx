import { useState, type FormEvent } from 'react';
import type { BatchReport } from '../../../../shared/contract/batches';
import { useStudio } from '../../hooks/useStudio';

/** Label the most useful images of the batch, measure the model on it, or take all of it in. */
export function BatchActions({ report }: { report: BatchReport }) {
  const busy = useStudio((s) => s.batches.busy);
  const lastPick = useStudio((s) => s.batches.lastPick);
  const queue = useStudio((s) => s.queueLeastConfident);
  const audit = useStudio((s) => s.drawAudit);
  const moveRest = useStudio((s) => s.moveBatchRest);
  const [leastN, setLeastN] = useState(20);
  const [auditN, setAuditN] = useState(50);
  const held = report.batch.count - report.batch.moved;
  const valid = (n: number) => Number.isInteger(n) && n >= 1 && n <= 10_000;
  const submit = (n: number, action: (n: number) => Promise<void>) => (e: FormEvent) => {
    e.preventDefault();
    if (valid(n)) void action(n);
  };
  return (
    <div className="batch-actions">
      {report.leastConfident.length > 0 && (
        <details>
          <summary>Least confident images ({report.leastConfident.length} shown)</summary>
          <ol className="least-confident">
            {report.leastConfident.map((c) => (
              <li key={c.sampleId}>
                <span className="mono">{c.relativePath}</span> {c.label} {(c.probability * 100).toFixed(0)} %
              </li>
            ))}
          </ol>
        </details>
      )}
      <form className="batch-action" onSubmit={submit(leastN, queue)}>
        <label>
          Send the least confident <input type="number" min={1} max={10000} value={leastN} onChange={(e) => setLeastN(Number(e.target.value))} aria-label="How many least confident images" /> to the queue
        </label>
        <button type="submit" disabled={busy || held === 0 || !valid(leastN)}>
          Send
        </button>
      </form>
      <p className="hint-text">They join the train split (images picked for doubt must not tilt the test split) and come first in the labeling view.</p>
      <form className="batch-action" onSubmit={submit(auditN, audit)}>
        <label>
          Draw an audit sample of <input type="number" min={1} max={10000} value={auditN} onChange={(e) => setAuditN(Number(e.target.value))} aria-label="How many audit images" /> random images
        </label>
        <button type="submit" disabled={busy || report.scored === 0 || !valid(auditN)}>
          Draw
        </button>
      </form>
      <p className="hint-text">Label them as they come up: the share this run got right estimates its accuracy on the whole batch, with its interval.</p>
      <button type="button" disabled={busy || held === 0} onClick={() => void moveRest()}>
        Add the other {held.toLocaleString()} images to the project
      </button>
      {lastPick && <p role="status">{lastPick.note}</p>}
    </div>
  );
}
