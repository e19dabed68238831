import type { StudioApi } from '../../../shared/contract';
import type { Result } from '../../../shared/contract/channel';
import type { SampleRow } from '../../../shared/contract/samples';
import type { Decision, LabelState } from '../../../shared/domain/records';
import type { RecentDecision } from './decisions';

/** Sends one decision the way it was first made (retries send exactly the same request). */
export function sendDecision(api: StudioApi, entry: RecentDecision): Promise<Result<Decision>> {
  const request = entry.request;
  const common = { sampleId: entry.sampleId, seconds: entry.seconds, annotator: entry.annotator };
  if (!request) return Promise.resolve({ ok: false, error: { code: 'invalid-request', message: 'This decision cannot be sent again.' } });
  const sent =
    request.kind === 'label'
      ? api.labels.set({ ...common, classId: request.classId, ...(request.basedOn !== undefined ? { basedOn: request.basedOn } : {}), ...(request.via ? { via: request.via } : {}) })
      : request.kind === 'skip'
        ? api.labels.skip(common)
        : api.labels.flag({ ...common, flagged: request.flagged, comment: request.comment, ...(request.via ? { via: request.via } : {}) });
  // The transport answers with a Result; a throw here would be a bug in it, but must not lose the label.
  return sent.catch((error: unknown) => ({
    ok: false as const,
    error: { code: 'io' as const, message: error instanceof Error ? error.message : 'The label could not be sent.' },
  }));
}

/** The cached row with the label state (and version, the decision's seq) the studio just confirmed. */
export function withLabel(rows: Readonly<Record<string, SampleRow>>, sampleId: string, label: LabelState, version?: number): Record<string, SampleRow> {
  const row = rows[sampleId];
  return row ? { ...rows, [sampleId]: { ...row, label, ...(version !== undefined ? { version } : {}) } } : { ...rows };
}

/** Keeps only the rows the view can still show, so the cache stays small in long sessions. */
export function pruneRows(rows: Readonly<Record<string, SampleRow>>, keep: ReadonlySet<string>): Record<string, SampleRow> {
  const next: Record<string, SampleRow> = {};
  for (const id of keep) if (rows[id]) next[id] = rows[id];
  return next;
}
