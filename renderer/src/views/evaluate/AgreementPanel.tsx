import { useEffect, useState } from 'react';
import type { AgreementReportPayload } from '../../../../shared/contract/team';
import { useStudio } from '../../hooks/useStudio';
import { selectClasses } from '../../store/selectors';

const figure = (v: number | null) => (v === null ? '—' : v.toFixed(2));
const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);

/**
 * How far the team agrees, on images two or more people answered without seeing each
 * other's answer (overlap images and conflicts): Krippendorff's alpha overall and per class,
 * Cohen's kappa and the confusion matrix per pair, each person against the model. Every
 * figure says how many images it rests on and is muted below the report's minimum.
 */
export function AgreementPanel() {
  const report = useStudio((s) => s.team.agreement);
  const loadAgreement = useStudio((s) => s.loadAgreement);
  useEffect(() => void loadAgreement(), [loadAgreement]);
  return (
    <section className="panel" aria-labelledby="agreement-heading">
      <header className="panel-head">
        <h2 id="agreement-heading">Agreement between annotators</h2>
        {report && <span className="faint">{report.items.toLocaleString('en-US')} images answered independently by two or more people</span>}
      </header>
      {!report ? <p className="muted">Loading…</p> : report.items === 0 ? <p className="muted">No image has two independent answers yet. Set an overlap share in the Review tab (Team) so some images are labeled twice.</p> : <AgreementFigures report={report} />}
    </section>
  );
}

function AgreementFigures({ report }: { report: AgreementReportPayload }) {
  const classes = useStudio(selectClasses);
  const name = (id: string) => classes.find((c) => c.id === id)?.name ?? 'removed class';
  const few = (items: number) => (items < report.minItems ? 'too-few' : undefined);
  return (
    <>
      <p className={few(report.items)}>
        Krippendorff’s alpha (nominal): <strong>{figure(report.alpha)}</strong>
        {report.items < report.minItems && <span className="faint"> — fewer than {report.minItems} images, little to go on yet</span>}
      </p>
      <table className="quality-table" aria-label="Agreement per class">
        <thead>
          <tr>
            <th scope="col">Class</th>
            <th scope="col">Images</th>
            <th scope="col">Alpha (this class vs the rest)</th>
          </tr>
        </thead>
        <tbody>
          {report.perClass.map((c) => (
            <tr key={c.classId} className={few(c.items)}>
              <td>{name(c.classId)}</td>
              <td>{c.items}</td>
              <td>{figure(c.alpha)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <PairAgreement report={report} name={name} few={few} />
      <table className="quality-table" aria-label="Each annotator against the model">
        <thead>
          <tr>
            <th scope="col">Annotator vs model{report.model.runId ? '' : ' (no model yet)'}</th>
            <th scope="col">Images</th>
            <th scope="col">Same class</th>
            <th scope="col">Kappa</th>
          </tr>
        </thead>
        <tbody>
          {report.model.people.map((m) => (
            <tr key={m.annotator} className={few(m.items)}>
              <td>{m.annotator}</td>
              <td>{m.items}</td>
              <td>{percent(m.agreement)}</td>
              <td>{figure(m.kappa)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="faint">Against the model only answers it did not learn from count: test images, and labels given after it was trained.</p>
    </>
  );
}

function PairAgreement({ report, name, few }: { report: AgreementReportPayload; name(id: string): string; few(items: number): string | undefined }) {
  const [chosen, setChosen] = useState(0);
  const pair = report.pairs[Math.min(chosen, report.pairs.length - 1)];
  return (
    <>
      <table className="quality-table" aria-label="Agreement per pair of annotators">
        <thead>
          <tr>
            <th scope="col">Pair</th>
            <th scope="col">Images</th>
            <th scope="col">Same class</th>
            <th scope="col">Cohen’s kappa</th>
          </tr>
        </thead>
        <tbody>
          {report.pairs.map((p, i) => (
            <tr key={`${p.a}/${p.b}`} className={few(p.items)}>
              <td>
                <button type="button" className="ghost small" aria-pressed={p === pair} onClick={() => setChosen(i)}>
                  {p.a} / {p.b}
                </button>
              </td>
              <td>{p.items}</td>
              <td>{percent(p.observed)}</td>
              <td>{figure(p.kappa)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pair && (
        <div className="confusion-wrap scroll">
          <table className="confusion" aria-label={`Confusion between ${pair.a} and ${pair.b}`}>
            <thead>
              <tr>
                <th scope="col" className="corner">
                  {pair.a} ↓ / {pair.b} →
                </th>
                {report.classIds.map((id) => (
                  <th key={id} scope="col">
                    <span className="confusion-col">{name(id)}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.classIds.map((rowId, r) => (
                <tr key={rowId}>
                  <th scope="row">{name(rowId)}</th>
                  {report.classIds.map((colId, c) => (
                    <td key={colId} className={r === c ? 'diagonal' : pair.confusion[r][c] > 0 ? 'mistake' : undefined}>
                      {pair.confusion[r][c]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
