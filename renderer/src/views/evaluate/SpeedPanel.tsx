import type { LabelingSpeed } from '../../../../shared/contract/loop';

type Figures = Pick<LabelingSpeed['annotators'][number], 'labels' | 'medianSeconds' | 'perHour'>;

const seconds = (v: number | null) => (v === null ? '—' : `${v < 10 ? v.toFixed(1) : Math.round(v)} s`);
const perHour = (v: number | null) => (v === null ? '—' : Math.round(v).toLocaleString('en-US'));

/** Who labels how fast, and how fast each round's labels came: from the seconds each label recorded. */
export function SpeedPanel({ speed }: { speed: LabelingSpeed }) {
  return (
    <section className="panel" aria-labelledby="speed-heading">
      <header className="panel-head">
        <h2 id="speed-heading">Labeling speed</h2>
        <span className="faint">time on each image; imported labels are not timed</span>
      </header>
      {speed.annotators.length === 0 ? (
        <p className="muted">No labels yet.</p>
      ) : (
        <div className="speed-tables">
          <SpeedTable label="Labeling speed per annotator" first="Annotator" rows={speed.annotators.map((a) => ({ key: a.annotator, name: a.annotator, ...a }))} />
          <SpeedTable
            label="Labeling speed per round"
            first="Labels for"
            rows={speed.rounds.map((r) => ({ key: String(r.round), name: r.round === null ? 'the next round' : `round ${r.round}`, ...r }))}
          />
        </div>
      )}
    </section>
  );
}

function SpeedTable({ label, first, rows }: { label: string; first: string; rows: (Figures & { key: string; name: string })[] }) {
  return (
    <table className="quality-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          <th scope="col">Labels</th>
          <th scope="col">Median per image</th>
          <th scope="col">Labels per hour</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td>{r.name}</td>
            <td>{r.labels.toLocaleString('en-US')}</td>
            <td>{seconds(r.medianSeconds)}</td>
            <td>{perHour(r.perHour)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
