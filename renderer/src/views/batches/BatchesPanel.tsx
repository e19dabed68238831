import { useEffect } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { BatchImportForm } from './BatchImportForm';
import { BatchReportView } from './BatchReportView';
import './batches.css';

/**
 * New data: batches of images kept apart from training, each checked against what the
 * model learned (shift in predicted classes and confidence), with ways to label the most
 * useful of them and to measure the model on them.
 */
export function BatchesPanel() {
  const list = useStudio((s) => s.batches.list);
  const selected = useStudio((s) => s.batches.selectedId);
  const load = useStudio((s) => s.loadBatches);
  const open = useStudio((s) => s.openBatchReport);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="panel batches-panel" aria-labelledby="batches-heading">
      <header className="panel-head">
        <h2 id="batches-heading">New data</h2>
        {list && <span className="faint">{list.length} batch{list.length === 1 ? '' : 'es'}</span>}
      </header>
      <p className="hint-text">A batch stays out of labeling, training and evaluation until you send images from it to the queue or add it to the project.</p>
      {list && list.length > 0 && (
        <ul className="batch-list" aria-label="Batches">
          {list.map((b) => (
            <li key={b.id}>
              <button type="button" className={b.id === selected ? 'link-button selected' : 'link-button'} aria-pressed={b.id === selected} onClick={() => void open(b.id)}>
                {b.name}
              </button>
              <span className="faint">
                {' '}
                {b.count.toLocaleString()} images · {b.moved.toLocaleString()} in the project · {b.audited} audited
              </span>
            </li>
          ))}
        </ul>
      )}
      <BatchImportForm />
      {selected && <BatchReportView />}
    </section>
  );
}
