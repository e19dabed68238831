import { estimateText, type ModelCard } from './modelCard';

/** `model-card.md`: the card for people, every figure with its interval and count. */
export function modelCardMarkdown(card: ModelCard): string {
  const { formats, backbone, head, test } = card;
  const lines: string[] = [
    `# ${card.title}`,
    '',
    `Exported ${card.exportedAt} by Active Learning Studio ${card.studioVersion} from run \`${card.run.id}\` (trained ${card.run.createdAt} on ${card.run.backend?.name ?? 'an unrecorded backend'}${card.run.headEngine ? `, head on ${card.run.headEngine}` : ''}${card.run.executionProviders ? `, backbone on onnxruntime ${card.run.executionProviders.join(' + ')}` : ''}).`,
    '',
    '## Use it',
    '',
    `- **model.onnx**: ${formatText(formats.onnx)}`,
    `- **tfjs/model.json**: ${formatText(formats.tfjs)}`,
    '- Resize as `preprocessing.json` says; `labels.json` names the outputs in order.',
    '',
    'From this folder:',
    '',
    '```sh',
    card.usage.node,
    card.usage.python,
    card.usage.studio,
    '```',
    '',
    `Checked at export: ${verificationText(card)}`,
    '',
    '## Classes and labels',
    '',
    '| # | class | train labels | val labels | test labels |',
    '|---|---|---|---|---|',
    ...card.classes.map((c) => `| ${c.index} | ${c.name} | ${c.labels.train} | ${c.labels.val} | ${c.labels.test} |`),
    '',
    `Label set: sha256 \`${card.labelSet.sha256}\` (${card.labelSet.train} train, ${card.labelSet.val} val labels). ${card.labelSet.note}`,
    '',
    '## How well it does (test split)',
    '',
  ];
  if (!test) lines.push('No labeled test images: unknown.', '');
  else {
    lines.push(
      `- Accuracy ${estimateText(test.accuracy)} (Wilson interval)`,
      `- Macro-F1 ${estimateText(test.macroF1 && { ...test.macroF1, n: test.count })} over ${test.macroF1?.classes ?? 0} classes with test labels (bootstrap interval, 1,000 resamples)`,
      `- Expected calibration error ${test.ece === null ? '—' : test.ece.toFixed(3)} (10 bins)`,
      card.validation ? `- Validation accuracy ${card.validation.accuracy.toFixed(3)} (n = ${card.validation.count}; used for early stopping, so not an unbiased figure)` : '- No validation labels.',
      '',
      '| class | test labels | precision | recall | F1 |',
      '|---|---|---|---|---|',
      ...test.perClass.map((c) => `| ${c.name} | ${c.support} | ${estimateText(c.precision, 2)} | ${estimateText(c.recall, 2)} | ${c.f1 === null ? '—' : c.f1.toFixed(2)} |`),
      '',
      'Confusion matrix (rows: true class, columns: predicted):',
      '',
      `| true \\ predicted | ${card.classes.map((c) => c.name).join(' | ')} |`,
      `|---|${card.classes.map(() => '---').join('|')}|`,
      ...test.confusion.map((row, r) => `| ${card.classes[r].name} | ${row.join(' | ')} |`),
      '',
    );
  }
  lines.push(
    '## Backbone',
    '',
    `${backbone.name} (\`${backbone.id}\`, ${backbone.engine}, ${backbone.source}). Source: ${backbone.url ?? '—'}. Licence: ${backbone.licence ?? 'not recorded: check the source'}. sha256: ${backbone.sha256 ? `\`${backbone.sha256}\`` : '— (no file)'}${backbone.integrity ? ` (${backbone.integrity})` : ''}.`,
    `Input ${backbone.card.input.width}×${backbone.card.input.height}×${backbone.card.input.channels}, ${backbone.card.preprocess.resize} resize, scale ${backbone.card.preprocess.scale.toPrecision(4)}, mean [${backbone.card.preprocess.mean.join(', ')}], std [${backbone.card.preprocess.std.join(', ')}]; ${backbone.card.embeddingSize}-d embedding (${backbone.card.output.tap}, pool ${backbone.card.output.pool}).`,
    '',
    '## Head and training',
    '',
    `${head.kind === 'mlp' ? `MLP (${head.hyperparameters.hiddenUnits} hidden ReLU units)` : 'Softmax regression'}; ${Object.entries(head.hyperparameters).map(([k, v]) => `${k} ${v}`).join(', ')}. Best epoch ${head.bestEpoch ?? '—'} of ${head.epochsRun}${head.stoppedEarly ? ' (stopped early on validation loss)' : ''}${card.run.warmStartFrom ? `; warm start from run ${card.run.warmStartFrom}` : ''}.`,
    '',
    '## Known limits',
    '',
    ...card.limits.map((l) => `- ${l}`),
    '',
  );
  return lines.join('\n');
}

function formatText(format: ModelCard['formats']['onnx'] | ModelCard['formats']['tfjs']): string {
  const shape = `[${format.inputShape.map((d) => (d < 0 ? 'N' : d)).join(', ')}]`;
  const what = format.scope === 'pipeline' ? `the whole pipeline: ${format.inputType} pixels ${shape} in, class probabilities out` : `**the head alone**: ${format.inputType} embeddings ${shape} in, class probabilities out. ${format.headOnlyReason ?? ''}`;
  const onnx = 'irVersion' in format ? ` ONNX IR ${format.irVersion}, opset ${format.opset}.` : '';
  return `${what}.${onnx}`.replace('..', '.');
}

function verificationText(card: ModelCard): string {
  const v = card.verification;
  if (v.images === 0) return 'not checked (no project image could be read).';
  const diff = (d: number | null) => (d === null ? 'not checked' : d.toExponential(1));
  return `${v.images} project images gave the studio's probabilities within ${diff(v.onnxMaxDifference)} (model.onnx) and ${diff(v.tfjsMaxDifference)} (tfjs)${v.skipped ? `; ${v.skipped} could not be read` : ''}.`;
}
