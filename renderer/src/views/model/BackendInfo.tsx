import { useStudio } from '../../hooks/useStudio';

/** Which TF.js backend trains here and why faster ones were passed over, said plainly. */
export function BackendInfo() {
  const capabilities = useStudio((s) => s.model.capabilities);
  if (!capabilities) return <p className="faint">Checking what this computer can run…</p>;
  const { backend, executionProviders } = capabilities;
  return (
    <div className="backend-info" aria-label="Backend">
      <p>
        Training runs on <strong className="mono">{backend.name}</strong>
        <span className="muted"> ({backend.native ? 'native' : 'no native TensorFlow here'})</span>
        {executionProviders.length > 0 && (
          <span className="muted">
            ; ONNX backbones run on <span className="mono">{executionProviders.join(', ')}</span>
          </span>
        )}
        .
      </p>
      {backend.skipped.length > 0 && (
        <ul className="backend-skipped">
          {backend.skipped.map((s) => (
            <li key={s.name}>
              <span className="mono">{s.name}</span> <span className="faint">skipped:</span> {s.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
