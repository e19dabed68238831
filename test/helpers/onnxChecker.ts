import { spawnSync } from 'node:child_process';

// The ONNX checker of Debian's python3-onnx (1.12: IR version ≤ 8, opset ≤ 17), the
// strictest loader an exported model must pass. CI installs it (.ci/run).
const python = '/usr/bin/python3';

export const onnxChecker = (() => {
  const probe = spawnSync(python, ['-c', 'import onnx; print(onnx.__version__)'], { encoding: 'utf8' });
  return probe.status === 0 ? { available: true, version: probe.stdout.trim(), reason: '' } : { available: false, version: null, reason: `${python} cannot import onnx (apt install python3-onnx)` };
})();

/** Runs `onnx.checker.check_model(full_check=True)`; returns the model's IR version and opsets. */
export function checkOnnxModel(path: string): { irVersion: number; opsets: Record<string, number> } {
  const script = [
    'import json, sys, onnx',
    'm = onnx.load(sys.argv[1])',
    'onnx.checker.check_model(m, full_check=True)',
    'print(json.dumps({"irVersion": m.ir_version, "opsets": {o.domain or "ai.onnx": o.version for o in m.opset_import}}))',
  ].join('\n');
  const run = spawnSync(python, ['-c', script, path], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`The ONNX checker refused ${path}:\n${run.stderr.trim().split('\n').slice(-3).join('\n')}`);
  return JSON.parse(run.stdout);
}
