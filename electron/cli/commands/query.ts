import { defineCommand } from '../command';
import { StudioError } from '../../../shared/contract/channel';
import { createMlServices } from '../../services/ml/index';
import { readRunProbabilities } from '../../services/ml/probabilityFiles';
import { RunStore } from '../../services/ml/RunStore';
import { LoopStore } from '../../services/loop/LoopStore';
import { queryJobFor } from '../../services/loop/queryJob';
import { checkModelFor, checkStrategy, strategyFor } from '../../services/loop/strategyCatalog';
import { positiveInt, stringOption, withProject } from '../projectArgs';

export interface QueryPick {
  id: string;
  score: number;
  /** Why the strategy picked it, e.g. "margin 0.04 between Shirt and T-shirt/top". */
  reason: string;
  /** The latest model's three most probable classes, by name; empty before any model. */
  top: { label: string; probability: number }[];
}

export const queryCommand = defineCommand<QueryPick[]>({
  name: 'query',
  usage: 'query DIR [--strategy NAME] [--n N] [--seed N]',
  summary: 'The next samples to label by a query strategy, best first, with why and the model\'s top classes.',
  positionals: 1,
  options: { strategy: { type: 'string' }, n: { type: 'string' }, seed: { type: 'string' } },
  run: ({ positionals, values, progress, signal }) =>
    // Takes the write lock: the query may add embeddings to the project's cache, which must
    // never be appended to by two processes at once.
    withProject(positionals[0], { readOnly: false, purpose: 'cli query' }, async (project) => {
      const chosen = stringOption(values, 'strategy');
      if (chosen) checkStrategy(chosen);
      const settings = (await LoopStore.open(project)).settings;
      const model = (await RunStore.for(project)).latest('succeeded');
      // Without --strategy, the loop's own choice (its cold-start one while there is no model).
      const strategy = chosen ?? strategyFor(settings.strategy, model !== null);
      checkModelFor(strategy, model !== null);
      const seedText = stringOption(values, 'seed');
      const seed = seedText === undefined ? project.doc.seed : Number(seedText);
      if (!Number.isInteger(seed)) throw new StudioError('invalid-request', `--seed must be a whole number, not "${seedText}".`);
      const ml = createMlServices();
      try {
        const job = await queryJobFor(project, ml.catalog, { strategy, n: positiveInt(stringOption(values, 'n'), 'n', 20), model, backboneId: settings.backboneId, seed, signal });
        let reported = -1;
        const report = await ml.worker.run(job, {
          signal,
          onProgress: (p) => {
            const tenth = p.phase === 'embedding' && p.total ? Math.floor((10 * p.done) / p.total) : -1;
            if (tenth > reported) progress(`embedding ${'done' in p ? p.done : 0}/${'total' in p ? p.total : 0}`);
            reported = Math.max(reported, tenth);
          },
        });
        for (const left of report.leftOut) progress(`${left.count} candidate(s) left out: ${left.reason}`);
        const probabilities = model ? await readRunProbabilities(project.dir, model.id) : null;
        const names = new Map(project.doc.classes.map((c) => [c.id, c.name]));
        return report.picks.map((pick) => {
          const row = probabilities?.row(pick.sampleId);
          const top = row ? Array.from(row, (probability, c) => ({ label: names.get(probabilities!.classIds[c]) ?? probabilities!.classIds[c], probability })) : [];
          return { id: pick.sampleId, score: pick.score, reason: pick.note, top: top.sort((a, b) => b.probability - a.probability).slice(0, 3) };
        });
      } finally {
        await ml.dispose();
      }
    }),
  format: (picks) => picks.map((p) => `${p.id}  ${p.score.toFixed(3)}  ${p.reason}${p.top.length ? `  [${p.top.map((t) => `${t.label} ${t.probability.toFixed(2)}`).join(', ')}]` : ''}`).join('\n'),
});
