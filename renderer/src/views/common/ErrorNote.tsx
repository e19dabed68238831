import type { StudioErrorPayload } from '../../../../shared/contract/channel';

/** A failure as the studio explained it: what went wrong, then what to do. */
export function ErrorNote({ error }: { error: Pick<StudioErrorPayload, 'message' | 'hint'> }) {
  return (
    <div role="alert">
      <p className="error-text">{error.message}</p>
      {error.hint && <p className="hint-text">{error.hint}</p>}
    </div>
  );
}
