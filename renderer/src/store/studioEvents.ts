import type { Disposer, EventOf } from '../../../shared/contract';
import type { StudioStore } from './index';

type Change = EventOf<'project:changed'>['what'][number];

/**
 * A burst of changes (an import commits a batch many times a second; every label is one)
 * is gathered and applied at most this often, so counts and the gallery refresh without
 * making the page work on every event.
 */
export const gatherMs = 200;

/**
 * Follows what the studio announces while a project is open: changes made by this or any
 * other window or tab, import, download and training progress, and the loop's status.
 * Returns the disposer of every subscription (the workspace calls it on unmount).
 */
export function followStudioEvents(store: StudioStore, gather = gatherMs): Disposer {
  const { api } = store.getState().deps;
  const pending = new Set<Change>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const apply = () => {
    timer = null;
    const s = store.getState();
    const changed = (what: Change) => pending.has(what);
    if (changed('classes')) void s.loadClasses();
    if (changed('labels') || changed('samples') || changed('classes')) {
      void s.refreshStatus();
      s.invalidateGallery();
      void s.refreshCurrentRow();
    }
    // The model retrained and the queue was rescored: new items ahead, the one on screen stays.
    if (changed('queue')) void s.rescoreQueue();
    else if (changed('samples')) void s.refillQueue();
    if (changed('runs') && s.model.runs !== null) void s.loadRuns();
    // Every round is scored on today's test labels: a label, a run or a class change moves the figures.
    if ((changed('labels') || changed('runs') || changed('classes')) && s.view === 'evaluate' && s.evaluate.report !== null) void s.loadEvaluation();
    if ((changed('labels') || changed('runs')) && s.view === 'evaluate' && s.team.agreement !== null) void s.loadAgreement();
    if (changed('labels') && s.team.review !== null) void s.loadReview();
    if (changed('team') || (changed('labels') && s.team.team !== null)) void s.loadTeam();
    // After labels the loop pushes its new status itself (loop:status-changed); asking as well
    // made the studio count the held-out images twice for every few labels.
    if (changed('runs') || changed('queue')) void s.refreshLoopStatus();
    pending.clear();
  };

  const disposers = [
    api.project.onChanged(({ what }) => {
      // Another window opening or closing a project is followed at once.
      if (what.includes('project')) void store.getState().syncCurrentProject();
      for (const w of what) pending.add(w);
      timer ??= setTimeout(apply, gather);
    }),
    api.import.onProgress((progress) => store.getState().onImportProgress(progress)),
    api.import.onFinished(({ jobId, report }) => store.getState().onImportFinished(jobId, report)),
    api.import.onFailed(({ jobId, message }) => store.getState().onImportFailed(jobId, message)),
    api.models.onDownloadProgress((progress) => store.getState().onDownloadProgress(progress)),
    api.models.onDownloadFinished((finished) => store.getState().onDownloadFinished(finished)),
    api.training.onProgress((progress) => store.getState().onTrainingProgress(progress)),
    api.training.onFinished(({ run }) => store.getState().onTrainingFinished(run)),
    api.loop.onStatusChanged((status) => store.getState().onLoopStatus(status)),
  ];
  return () => {
    if (timer) clearTimeout(timer);
    for (const dispose of disposers) dispose();
  };
}
