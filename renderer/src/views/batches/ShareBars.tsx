export interface ShareRow {
  key: string;
  label: string;
  batch: { count: number; share: number };
  reference: { count: number; share: number };
  note?: string;
}

/** Two bars per row, the batch's share above the project's, with counts for every figure. */
export function ShareBars({ rows }: { rows: ShareRow[] }) {
  const widest = Math.max(0.01, ...rows.flatMap((r) => [r.batch.share, r.reference.share]));
  const bar = (share: number, which: 'batch' | 'reference') => <span className={`share-bar ${which}`} style={{ width: `${(share / widest) * 100}%` }} />;
  return (
    <table className="share-bars small-table">
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col">
            <span className="share-key batch" /> batch · <span className="share-key reference" /> project
          </th>
          <th scope="col">batch</th>
          <th scope="col">project</th>
          <th scope="col" />
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td className="share-cell" aria-hidden="true">
              {bar(r.batch.share, 'batch')}
              {bar(r.reference.share, 'reference')}
            </td>
            <td>
              {(r.batch.share * 100).toFixed(1)} % <span className="faint">({r.batch.count})</span>
            </td>
            <td>
              {(r.reference.share * 100).toFixed(1)} % <span className="faint">({r.reference.count})</span>
            </td>
            <td className="faint">{r.note}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
