import { defineCommand } from '../command';
import type { BackboneListing } from '../../../shared/ml/catalog';
import { ModelCatalog } from '../../services/ml/models/ModelCatalog';

export const backbonesCommand = defineCommand<BackboneListing[]>({
  name: 'backbones',
  usage: 'backbones',
  summary: 'Backbones you can train on: built-in pixels, the model catalog, your local models, and what is cached.',
  run: () => new ModelCatalog().list(),
  format: (list) => {
    const rows = list.map((b) => {
      const size = b.bytes ? `${(b.bytes / 1e6).toFixed(1)} MB` : '';
      const status = b.status === 'partial' ? `partial (${((b.downloadedBytes ?? 0) / 1e6).toFixed(1)} MB)` : b.status;
      return `  ${b.card.id.padEnd(22)} ${b.source.padEnd(9)} ${status.padEnd(16)} ${String(b.card.embeddingSize).padStart(6)}-d  ${size.padStart(9)}  ${b.licence ?? ''}  ${b.integrityText ?? ''}`;
    });
    return [`  ${'id'.padEnd(22)} ${'source'.padEnd(9)} ${'status'.padEnd(16)} ${'features'.padStart(8)}  ${'size'.padStart(9)}  licence  integrity`, ...rows].join('\n');
  },
});
