import type { FineTuneOffer } from '../../../shared/contract/backbones';
import { StudioError } from '../../../shared/contract/channel';
import { BUILTIN_MOBILENET_ID } from '../../../shared/ml/builtinNetworks';
import { fineTuneAdvice, measuredFineTuneGains } from '../../../shared/ml/fineTuneEvidence';
import { pixelsCard } from '../../../shared/ml/pixels';
import type { BackendInfo } from '../../worker/tf/backend';
import { fineTuneAvailability } from '../../worker/training/fineTune';
import type { MlServices } from '../ml/index';
import { takeLabelSnapshot } from '../ml/labelSnapshot';
import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import type { LoopService } from './LoopService';

/** `backbones:*`: the backbone proposed for the open project's images, and fine-tuning as offered for a backbone. */
export function registerBackboneHandlers(registry: HandlerRegistry, loop: LoopService, ml: MlServices): void {
  registry.handle('backbones:proposal', async () => (await loop.session()).proposals.current());

  registry.handle('backbones:fine-tune-offer', async ({ backboneId, estimate }): Promise<FineTuneOffer> => {
    const session = await loop.session();
    const { project } = session;
    const id = backboneId ?? session.settings.backboneId;
    const pixels = pixelsCard(id);
    const listing = pixels ? null : (await ml.catalog.list()).find((b) => b.card.id === id);
    if (!pixels && !listing) throw new StudioError('not-found', `There is no backbone "${id}".`, 'models:list shows the ones you can use.');
    // Only the built-in network is resolved (converted on first use); nothing is downloaded here.
    const spec = pixels ? { card: pixels, modelPath: null } : id === BUILTIN_MOBILENET_ID ? await ml.catalog.resolve(id) : { card: listing!.card, modelPath: listing!.path };
    const { backend } = await ml.worker.run({ kind: 'capabilities' });
    const availability = fineTuneAvailability(backend as BackendInfo, spec);
    const labeled = takeLabelSnapshot(project).labels.map(([sampleId]) => project.samples.get(sampleId)!);
    const train = labeled.filter((s) => s.split === 'train').map((s) => s.id);
    const val = labeled.filter((s) => s.split === 'val').map((s) => s.id);
    const timed = estimate && availability.available && spec.builtin && train.length > 0;
    const latest = [...(await ml.runs.runs(project))].reverse().find((r) => r.status === 'succeeded' && r.fineTuning);
    return {
      backboneId: id,
      ...availability,
      labels: { train: train.length, val: val.length },
      estimate: timed ? await ml.worker.run({ kind: 'fine-tune-estimate', projectDir: project.dir, backbone: spec, train, val, poolSize: project.samples.size }) : null,
      advice: spec.builtin ? fineTuneAdvice(train.length) : { pays: null, text: '' },
      evidence: measuredFineTuneGains,
      measuredHere: latest?.fineTuning
        ? { runId: latest.id, frozenVal: latest.fineTuning.frozenVal?.accuracy ?? null, tunedVal: latest.fineTuning.tunedVal?.accuracy ?? null, valCount: latest.fineTuning.labels.val, kept: latest.fineTuning.kept }
        : null,
    };
  });
}
