import { useState } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { AddLocalModelDialog } from './AddLocalModelDialog';
import { BackboneRow } from './BackboneRow';
import { ProposalNote } from './ProposalNote';

/** The catalog: which backbone turns images into embeddings, and getting it onto this computer. */
export function BackbonePicker() {
  const backbones = useStudio((s) => s.model.backbones);
  const downloads = useStudio((s) => s.model.downloads);
  const chosen = useStudio((s) => s.loop.settings?.backboneId ?? null);
  const error = useStudio((s) => s.loop.fieldErrors.backboneId);
  const save = useStudio((s) => s.saveLoopSetting);
  const [adding, setAdding] = useState(false);
  return (
    <section className="panel" aria-labelledby="backbone-heading">
      <header className="panel-head">
        <h2 id="backbone-heading">Backbone</h2>
        <button type="button" className="small" onClick={() => setAdding(true)}>
          Add a local model…
        </button>
      </header>
      <p className="muted">Turns each image into an embedding once; the head learns from the embeddings. Catalog models download on first use.</p>
      <ProposalNote />
      {backbones === null ? (
        <p className="faint">Loading the catalog…</p>
      ) : (
        <ul className="backbone-list" aria-label="Backbones">
          {backbones.map((b) => (
            <BackboneRow key={b.card.id} listing={b} chosen={b.card.id === chosen} download={downloads[b.card.id]} onChoose={() => void save('backboneId', b.card.id)} />
          ))}
        </ul>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {adding && <AddLocalModelDialog onClose={() => setAdding(false)} />}
    </section>
  );
}
