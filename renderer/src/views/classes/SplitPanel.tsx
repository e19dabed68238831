import type { SplitReport } from '../../../../shared/contract/splits';
import { useSplitReport } from '../../hooks/useSplitReport';
import '../common/panel.css';

const splits = ['train', 'val', 'test'] as const;
const share = (n: number, total: number) => (total === 0 ? '—' : `${((100 * n) / total).toFixed(1)} %`);

/**
 * The frozen train/val/test split: each imported label's counts against its 80/10/10 target,
 * today's labels per split, and the near-duplicate groups (kept whole, straddling, cut).
 */
export function SplitPanel() {
  const { report, error } = useSplitReport();
  return (
    <section className="panel split-panel" aria-labelledby="split-heading">
      <header className="panel-head">
        <h2 id="split-heading">Splits</h2>
        {report && <span className="faint">target {splits.map((s) => Math.round(report.ratios[s] * 100)).join('/')}, ±1 image or 1 % per imported label</span>}
      </header>
      {error && <p className="warn-text">The split report could not be loaded: {error}</p>}
      {!report && !error && <p className="muted">Loading…</p>}
      {report && report.total === 0 && <p className="muted">No images yet. Splits are chosen as images are imported, and then never change.</p>}
      {report && report.total > 0 && (
        <>
          <StrataTable report={report} />
          <ClassTable report={report} />
          <GroupSummary groups={report.groups} />
        </>
      )}
    </section>
  );
}

function StrataTable({ report }: { report: SplitReport }) {
  return (
    <table className="quality-table" aria-label="Images per split by imported label">
      <thead>
        <tr>
          <th scope="col">Imported label</th>
          <th scope="col">Images</th>
          {splits.map((s) => (
            <th scope="col" key={s}>
              {s}
            </th>
          ))}
          <th scope="col">Test share</th>
          <th scope="col">Balance</th>
        </tr>
      </thead>
      <tbody>
        {report.strata.map((s) => (
          <tr key={s.label ?? '\u0000none'}>
            <td>{s.label ?? <span className="muted">no imported label</span>}</td>
            <td>{s.total}</td>
            {splits.map((split) => (
              <td key={split} title={`target ${s.target[split].toFixed(1)}`}>
                {s.perSplit[split]}
              </td>
            ))}
            <td>{share(s.perSplit.test, s.total)}</td>
            <td>{s.withinTolerance ? 'on target' : <span className="warn-text">off target</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ClassTable({ report }: { report: SplitReport }) {
  const labeled = report.perClass.filter((c) => c.total > 0);
  if (labeled.length === 0) return <p className="muted">No labels yet: per-class counts appear as images are labeled.</p>;
  return (
    <table className="quality-table" aria-label="Labels per split by class">
      <thead>
        <tr>
          <th scope="col">Class (labels today)</th>
          <th scope="col">Labels</th>
          {splits.map((s) => (
            <th scope="col" key={s}>
              {s}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {labeled.map((c) => (
          <tr key={c.classId}>
            <td>{c.name}</td>
            <td>{c.total}</td>
            {splits.map((s) => (
              <td key={s}>{c.perSplit[s]}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function GroupSummary({ groups }: { groups: SplitReport['groups'] }) {
  return (
    <div className="split-groups" aria-label="Near-duplicate groups">
      <p>
        {groups.count === 0
          ? 'No near-duplicates found.'
          : `${groups.count} near-duplicate group${groups.count === 1 ? '' : 's'} (${groups.images} images): ${groups.keptWhole} moved whole into one split, ${groups.straddling.length} could not be moved.`}
      </p>
      {groups.straddling.length > 0 && (
        <p className="warn-text">
          {groups.straddling.length} group{groups.straddling.length === 1 ? '' : 's'} straddle splits: their images were placed before a later image connected them. Test figures may be
          slightly optimistic.
        </p>
      )}
      {groups.resplit.map((x, i) => (
        <p key={i} className="muted">
          {x.stillOversized
            ? `A group of ${x.images} identical-looking images is over the cap of ${groups.cap} and cannot be cut.`
            : `A group of ${x.images} images was over the cap of ${groups.cap}: cut ${x.stricterBy} bit${x.stricterBy === 1 ? '' : 's'} stricter into ${x.parts} parts.`}
        </p>
      ))}
      {groups.notCompared > 0 && <p className="muted">{groups.notCompared} small images imported by an older studio are not compared with others.</p>}
    </div>
  );
}
