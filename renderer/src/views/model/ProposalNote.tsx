import { useStudio } from '../../hooks/useStudio';

/** Which backbone the studio proposed for these images and why; a way back to it once the user chose another. */
export function ProposalNote() {
  const state = useStudio((s) => s.model.proposal);
  const backbones = useStudio((s) => s.model.backbones);
  const chosen = useStudio((s) => s.loop.settings?.backboneId ?? null);
  const save = useStudio((s) => s.saveLoopSetting);
  if (!state?.proposal) return null;
  const { proposal } = state;
  const inUse = chosen === proposal.backboneId;
  const name = backbones?.find((b) => b.card.id === proposal.backboneId)?.card.name ?? proposal.backboneId;
  return (
    <div className="proposal-note" aria-label="Proposed backbone">
      <p>
        Proposed for these images: <strong>{name}</strong>
        {inUse ? ' (in use).' : '.'} <span className="muted">{proposal.reason}</span>
      </p>
      {!inUse && (
        <button type="button" className="small" onClick={() => void save('backboneId', proposal.backboneId)}>
          Use the proposed backbone
        </button>
      )}
    </div>
  );
}
