import type { FailureCase } from '../../../../shared/contract/evaluate';
import { imageUrl } from '../../api/studioApi';
import { useStudio } from '../../hooks/useStudio';
import { selectClasses } from '../../store/selectors';
import { hideBroken } from '../common/hideBroken';
import { percentText } from './figures';

/** A row of mistakes, most confident first: each thumbnail says what the model said, how sure, and the label; a click opens it. */
export function FailureCaseStrip({ label, cases, count, onMore }: { label: string; cases: readonly FailureCase[]; count: number; onMore(): void }) {
  const classes = useStudio(selectClasses);
  const openSample = useStudio((s) => s.openSample);
  const name = (id: string) => classes.find((c) => c.id === id)?.name ?? 'a removed class';
  return (
    <div className="failure-strip">
      <h4>
        {label} <span className="faint">({count})</span>
        {count > cases.length && (
          <button type="button" className="ghost small" onClick={onMore}>
            See all {count} in the gallery
          </button>
        )}
      </h4>
      {cases.length === 0 ? (
        <p className="faint">None.</p>
      ) : (
        <ul className="failure-cases" aria-label={label}>
          {cases.map((c) => (
            <li key={c.sampleId}>
              <button
                type="button"
                className="failure-case"
                onClick={() => openSample(c.sampleId, 'failure-cases')}
                aria-label={`Predicted ${name(c.predictedClassId)} ${percentText(c.probability, 0)}, labeled ${name(c.trueClassId)} (${c.split}): open it`}
              >
                <img src={imageUrl(c.sampleId, 'thumb')} alt="" decoding="async" onError={hideBroken} />
                <span className="failure-caption">
                  <span>
                    → {name(c.predictedClassId)} {percentText(c.probability, 0)}
                  </span>
                  <span className="faint">
                    label {name(c.trueClassId)} · {c.split}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
