import type { ExportReport } from '../../../../shared/contract/export';

function scopeText(format: ExportReport['formats']['onnx'] | ExportReport['formats']['tfjs']): string {
  const shape = `[${format.inputShape.map((d) => (d < 0 ? 'N' : d)).join(', ')}]`;
  return format.scope === 'pipeline' ? `whole pipeline: ${format.inputType} pixels ${shape} → probabilities` : `head only: ${format.inputType} embeddings ${shape} → probabilities`;
}

const size = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`);
const difference = (d: number | null) => (d === null ? 'not checked' : `within ${d.toExponential(1)}`);

/** What a finished export holds, how it was checked, and what to run next. */
export function ExportReportView({ report }: { report: ExportReport }) {
  const { onnx, tfjs } = report.formats;
  const v = report.verification;
  return (
    <div className="export-report">
      <dl className="run-facts">
        <div>
          <dt>Folder</dt>
          <dd className="mono selectable">{report.outDir}</dd>
        </div>
        <div>
          <dt>model.onnx</dt>
          <dd>
            {scopeText(onnx)}; IR {onnx.irVersion}, opset {onnx.opset}; {size(onnx.bytes)}
          </dd>
        </div>
        <div>
          <dt>tfjs/model.json</dt>
          <dd>{scopeText(tfjs)}</dd>
        </div>
        <div>
          <dt>Checked</dt>
          <dd>{v.images ? `${v.images} project images: the studio's probabilities ${difference(v.onnxMaxDifference)} (ONNX), ${difference(v.tfjsMaxDifference)} (TF.js)` : 'no project image could be read'}</dd>
        </div>
      </dl>
      {report.limits.length > 0 && (
        <details open>
          <summary>Known limits ({report.limits.length}), also in model-card.md</summary>
          <ul className="export-limits">
            {report.limits.map((limit) => (
              <li key={limit}>{limit}</li>
            ))}
          </ul>
        </details>
      )}
      <p className="hint-text">Try it from that folder:</p>
      <pre className="mono selectable">npm install onnxruntime-node sharp{'\n'}node examples/predict.mjs IMAGE...</pre>
    </div>
  );
}
