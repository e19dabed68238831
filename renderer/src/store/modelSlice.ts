import type { StudioErrorPayload } from '../../../shared/contract/channel';
import type { FineTuneOffer, ProposalStateInfo } from '../../../shared/contract/backbones';
import type { Capabilities } from '../../../shared/contract/models';
import type { BackboneCardInput } from '../../../shared/ml/cards';
import type { BackboneListing, DownloadProgress } from '../../../shared/ml/catalog';
import type { RunProgress, RunRecord } from '../../../shared/ml/runs';
import { unwrap } from '../api/studioApi';
import { applyDownloadFinished, applyDownloadProgress, downloadCancelling, downloadFailed, downloadStarting, withListing, type Downloads } from './downloads';
import { errorPayloadOf } from './errors';
import { projectLoader, slicePatcher } from './sliceTools';
import { adoptRun, applyTrainingFinished, applyTrainingProgress, cancellingTraining, describeOutcome, isTraining, startingTraining, trainingFailedToStart, trainingStarted, type TrainingJob } from './trainingJob';
import type { Slice } from './types';

/** What the user chose for the next run besides the loop settings (backbone and head kind live there). */
export interface TrainingChoices {
  /** null: the head's own default. */
  epochs: number | null;
  fineTune: boolean;
}

export interface ModelState {
  backbones: BackboneListing[] | null;
  capabilities: Capabilities | null;
  downloads: Downloads;
  /** Newest first. */
  runs: RunRecord[] | null;
  selectedRunId: string | null;
  training: TrainingJob | null;
  choices: TrainingChoices;
  /** The backbone proposed for the project's images, and whether the loop follows it. */
  proposal: ProposalStateInfo | null;
  /** Fine-tuning as offered for the loop's backbone; `estimating` while the worker times it. */
  fineTuneOffer: (FineTuneOffer & { estimating: boolean }) | null;
}

export interface ModelSlice {
  model: ModelState;
  loadModelTab(): Promise<void>;
  loadBackbones(): Promise<void>;
  loadCapabilities(): Promise<void>;
  loadRuns(): Promise<void>;
  loadProposal(): Promise<void>;
  /** With `estimate`, the worker times fine-tuning on this machine first (a few seconds). */
  loadFineTuneOffer(estimate: boolean): Promise<void>;
  downloadBackbone(backboneId: string): Promise<void>;
  cancelDownload(backboneId: string): Promise<void>;
  /** Resolves to the studio's reason when the model or its card is refused, or null when added. */
  addLocalModel(path: string, card: BackboneCardInput): Promise<StudioErrorPayload | null>;
  selectRun(runId: string | null): void;
  setTrainingChoices(patch: Partial<TrainingChoices>): void;
  /** Trains with the loop's backbone and head and the choices above (Train now, Retrain now, T). */
  startTraining(): Promise<void>;
  cancelTraining(): Promise<void>;
  onDownloadProgress(progress: DownloadProgress): void;
  onDownloadFinished(finished: { backboneId: string; ok: boolean; message?: string; listing?: BackboneListing }): void;
  onTrainingProgress(progress: RunProgress): void;
  onTrainingFinished(run: RunRecord): void;
  /** The loop status names a run in progress: the Model tab follows it too. */
  followRun(runId: string, progress: RunProgress | null): void;
  resetModel(): void;
}

const initial: ModelState = {
  backbones: null,
  capabilities: null,
  downloads: {},
  runs: null,
  selectedRunId: null,
  training: null,
  choices: { epochs: null, fineTune: false },
  proposal: null,
  fineTuneOffer: null,
};

export const createModelSlice: Slice<ModelSlice> = (set, get, { api }) => {
  let epoch = 0;
  /** Runs started from this window: only their outcome pops up (background retrains stay quiet). */
  const startedHere = new Set<string>();
  const model = () => get().model;
  const patch = slicePatcher(set, 'model');
  const load = projectLoader(get, () => epoch);

  return {
    model: initial,

    async loadModelTab() {
      await Promise.all([get().loadBackbones(), get().loadCapabilities(), get().loadRuns(), get().loadProposal(), get().loadFineTuneOffer(false)]);
    },
    loadBackbones: () => load(unwrap(api.models.list({})), (backbones) => patch({ backbones }), 'Backbones'),
    loadCapabilities: () => load(unwrap(api.models.capabilities({})), (capabilities) => patch({ capabilities }), 'What this computer can run'),
    loadRuns: () => load(unwrap(api.runs.list({})), (runs) => patch({ runs }), 'Training runs'),
    loadProposal: () => load(unwrap(api.backbones.proposal({})), (proposal) => patch({ proposal }), 'The proposed backbone'),
    async loadFineTuneOffer(estimate) {
      if (estimate) patch((m) => ({ fineTuneOffer: m.fineTuneOffer && { ...m.fineTuneOffer, estimating: true } }));
      await load(unwrap(api.backbones.fineTuneOffer({ estimate })), (offer) => patch({ fineTuneOffer: { ...offer, estimating: false } }), 'Fine-tuning');
      patch((m) => ({ fineTuneOffer: m.fineTuneOffer && { ...m.fineTuneOffer, estimating: false } }));
    },

    async downloadBackbone(backboneId) {
      const listing = model().backbones?.find((b) => b.card.id === backboneId);
      if (!listing) return;
      patch((m) => ({ downloads: downloadStarting(m.downloads, listing) }));
      try {
        await unwrap(api.models.download({ backboneId }));
      } catch (error) {
        patch((m) => ({ downloads: downloadFailed(m.downloads, backboneId, errorPayloadOf(error).message) }));
      }
    },

    async cancelDownload(backboneId) {
      patch((m) => ({ downloads: downloadCancelling(m.downloads, backboneId) }));
      try {
        await unwrap(api.models.cancelDownload({ backboneId }));
      } catch (error) {
        get().showError(error, 'The download could not be cancelled');
      }
    },

    async addLocalModel(path, card) {
      try {
        const listing = await unwrap(api.models.addLocal({ path, card }));
        patch((m) => ({ backbones: withListing(m.backbones, listing) }));
        get().notify('success', `Added ${listing.card.name}.`);
        return null;
      } catch (error) {
        return errorPayloadOf(error);
      }
    },

    selectRun: (selectedRunId) => patch({ selectedRunId }),
    setTrainingChoices: (change) => patch((m) => ({ choices: { ...m.choices, ...change } })),

    async startTraining() {
      if (isTraining(model().training)) return get().notify('info', 'A training run is already going.', 'Wait for it to finish or cancel it in the Model tab.');
      if (get().project?.readOnly) return get().notify('error', 'The project is open read-only; it cannot be trained.');
      const settings = get().loop.settings;
      const { epochs, fineTune } = model().choices;
      const head = { ...(settings ? { kind: settings.head } : {}), ...(epochs ? { epochs } : {}) };
      const fineTuneAllowed = fineTune && (model().fineTuneOffer?.available ?? model().capabilities?.fineTune.available) === true;
      patch({ training: startingTraining() });
      const started = epoch;
      try {
        const { runId } = await unwrap(
          api.training.start({ ...(settings ? { backboneId: settings.backboneId } : {}), ...(Object.keys(head).length ? { head } : {}), ...(fineTuneAllowed ? { fineTune: true } : {}) }),
        );
        if (started !== epoch) return;
        startedHere.add(runId);
        patch((m) => ({ training: trainingStarted(m.training, runId) }));
        void get().loadRuns();
      } catch (error) {
        if (started !== epoch) return;
        const { message, hint } = errorPayloadOf(error);
        patch((m) => ({ training: trainingFailedToStart(m.training, { message, ...(hint ? { hint } : {}) }) }));
        get().notify('error', `Training did not start: ${message}`, hint);
      }
    },

    async cancelTraining() {
      const runId = model().training?.runId;
      if (!runId) return;
      patch((m) => ({ training: cancellingTraining(m.training) }));
      try {
        await unwrap(api.training.cancel({ runId }));
      } catch (error) {
        get().showError(error, 'The run could not be cancelled');
      }
    },

    onDownloadProgress: (progress) => patch((m) => ({ downloads: applyDownloadProgress(m.downloads, progress) })),
    onDownloadFinished(finished) {
      patch((m) => ({
        downloads: applyDownloadFinished(m.downloads, finished),
        ...(finished.listing ? { backbones: withListing(m.backbones, finished.listing) } : {}),
      }));
      if (!finished.listing) void get().loadBackbones();
    },

    onTrainingProgress(progress) {
      const before = model().training;
      patch((m) => ({ training: applyTrainingProgress(m.training, progress) }));
      if (before?.runId !== progress.runId && !(before?.stage === 'starting')) void get().loadRuns(); // a run the loop started
    },

    onTrainingFinished(run) {
      const before = model().training;
      patch((m) => ({
        training: applyTrainingFinished(m.training, run),
        runs: m.runs ? [run, ...m.runs.filter((r) => r.id !== run.id)] : m.runs,
      }));
      if (startedHere.has(run.id) || before?.stage === 'starting') {
        if (run.status === 'succeeded') get().notify('success', describeOutcome(run));
        else if (run.status === 'failed') get().notify('error', describeOutcome(run), run.error?.hint);
      }
      void get().loadRuns(); // the stored list wins over anything fetched while the run went on
      void get().loadBackbones(); // a first-use download may have made a backbone ready (or fine-tuning a new one)
      if (run.fineTuning) void get().loadFineTuneOffer(false); // what fine-tuning gained here
    },

    followRun(runId, progress) {
      const before = model().training;
      const after = adoptRun(before, runId, progress);
      if (after === before) return;
      patch({ training: after });
      void get().loadRuns();
    },

    resetModel() {
      epoch += 1;
      set({ model: initial });
    },
  };
};
