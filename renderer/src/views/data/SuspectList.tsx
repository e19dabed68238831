import { useStudio } from '../../hooks/useStudio';
import { selectClasses } from '../../store/selectors';
import { SampleThumb } from './SampleThumb';

/** Fewer labels than this and the out-of-fold model is too weak to be believed: the list is muted. */
const minChecked = 50;

const percent = (p: number) => `${(p * 100).toFixed(p < 0.01 ? 1 : 0)}%`;

/** Suspected label errors, worst first, with the evidence, and the way into the review. */
export function SuspectList() {
  const overview = useStudio((s) => s.quality.overview);
  const classes = useStudio(selectClasses);
  const startReview = useStudio((s) => s.startReview);
  const openSample = useStudio((s) => s.openSample);
  if (!overview) return <p className="muted">Loading…</p>;
  const name = (id: string) => classes.find((c) => c.id === id)?.name ?? 'a removed class';
  const few = overview.checked < minChecked;
  return (
    <section className="panel" aria-labelledby="suspects-heading">
      <header className="panel-head">
        <h2 id="suspects-heading">Suspected label errors</h2>
        <div className="panel-actions">
          <span className={few ? 'muted' : 'faint'}>
            {overview.suspects.length.toLocaleString('en-US')} to review of {overview.checked.toLocaleString('en-US')} labeled images checked
            {overview.reviewed ? ` · ${overview.reviewed} already reviewed` : ''}
            {few && overview.runId ? ` · only ${overview.checked} labels: treat these as hints` : ''}
          </span>
          <button type="button" onClick={startReview} disabled={overview.suspects.length === 0}>
            Review suspected labels
          </button>
        </div>
      </header>
      <p className="faint">
        Each labeled image is scored by a model trained without it ({overview.folds}-fold, same head as the run). An image is suspect when that model is confident it is another class
        (confident learning): the lower the probability of its label, the higher it is listed.
      </p>
      {overview.suspects.length === 0 ? (
        <p className="muted">{overview.runId ? 'No suspected label errors left to review.' : 'Train a model first; the check runs after each run.'}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th>#</th>
              <th>Image</th>
              <th>Labeled</th>
              <th>Model suggests</th>
              <th title="Out-of-fold probability of the given label">p(label)</th>
              <th title="The mean p(label) of the images labeled with that class">class threshold</th>
              <th>Split</th>
            </tr>
          </thead>
          <tbody>
            {overview.suspects.slice(0, 200).map((s) => (
              <tr key={s.sampleId}>
                <td>{s.rank}</td>
                <td>
                  <SampleThumb id={s.sampleId} onOpen={() => openSample(s.sampleId, 'suspected-labels')} />
                </td>
                <td>{name(s.given)}</td>
                <td>
                  {name(s.suggested)} <span className="faint">{percent(s.suggestedProbability)}</span>
                </td>
                <td>{percent(s.selfConfidence)}</td>
                <td>{percent(s.threshold)}</td>
                <td>{s.split}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
