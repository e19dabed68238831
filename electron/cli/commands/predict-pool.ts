import { defineCommand } from '../command';
import { StudioError } from '../../../shared/contract/channel';
import { getProbabilities } from '../../services/ml/probabilities';
import { stringOption, withProject } from '../projectArgs';

export interface PoolPrediction {
  id: string;
  /** Top class name, or null when the image could not be scored. */
  label: string | null;
  probability: number | null;
  probabilities: Record<string, number>;
}

export const predictPoolCommand = defineCommand<PoolPrediction[]>({
  name: 'predict-pool',
  usage: 'predict-pool DIR [--run ID]',
  summary: "The latest model's class probabilities for every sample (top class, its probability, all classes).",
  positionals: 1,
  options: { run: { type: 'string' } },
  run: ({ positionals, values }) =>
    withProject(positionals[0], { readOnly: true, purpose: 'cli predict-pool' }, async (project) => {
      const scores = await getProbabilities(project, stringOption(values, 'run'));
      if (!scores) throw new StudioError('not-found', 'This project has no trained model yet.', 'Run `studio train DIR` first.');
      const names = new Map(project.doc.classes.map((c) => [c.id, c.name]));
      // Columns follow the run's classes; a class deleted since keeps its id as its name.
      const columns = scores.classIds.map((id) => names.get(id) ?? id);
      return project.samples.all.map((sample) => {
        const row = scores.row(sample.id);
        if (!row) return { id: sample.id, label: null, probability: null, probabilities: {} };
        let best = 0;
        for (let c = 1; c < row.length; c++) if (row[c] > row[best]) best = c;
        return {
          id: sample.id,
          label: columns[best],
          probability: row[best],
          probabilities: Object.fromEntries(columns.map((name, c) => [name, row[c]])),
        };
      });
    }),
  format: (rows) => rows.map((r) => `${r.id}  ${r.label ?? '(not scored)'}${r.probability !== null ? `  ${r.probability.toFixed(3)}` : ''}`).join('\n'),
});
