import { useEffect, useState, type FormEvent } from 'react';
import type { TeamRole } from '../../../../shared/contract/team';
import { useStudio } from '../../hooks/useStudio';

/** Who reviews, who labels, and the share of images two people label for agreement. Stored in the project. */
export function TeamPanel() {
  const team = useStudio((s) => s.team.team);
  const setRole = useStudio((s) => s.setRole);
  const setOverlap = useStudio((s) => s.setOverlap);
  const [error, setError] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const [overlap, setOverlapDraft] = useState('');
  useEffect(() => setOverlapDraft(team ? String(Math.round(team.overlap.rate * 100)) : ''), [team]);

  const change = async (work: Promise<{ message: string } | null>) => setError((await work)?.message ?? null);
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (newName.trim()) void change(setRole(newName.trim(), 'reviewer')).then(() => setNewName(''));
  };
  const saveOverlap = (event: FormEvent) => {
    event.preventDefault();
    const percent = Number(overlap);
    if (!Number.isFinite(percent) || percent < 0 || percent > 50) return setError('Overlap is a share from 0 to 50 %.');
    void change(setOverlap(percent / 100));
  };

  return (
    <section className="panel team-panel" aria-labelledby="team-heading">
      <header className="panel-head">
        <h2 id="team-heading">Team</h2>
        {team?.reviewersOnly && <span className="faint">reviewers change the team</span>}
      </header>
      {error && <p className="error-text" role="alert">{error}</p>}
      <table className="quality-table" aria-label="People and roles">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Labels</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>
          {team?.people.map((p) => (
            <tr key={p.name}>
              <td>{p.name}</td>
              <td>{p.labels.toLocaleString('en-US')}</td>
              <td>
                <select aria-label={`Role of ${p.name}`} value={p.role} onChange={(e) => void change(setRole(p.name, e.target.value as TeamRole))}>
                  <option value="annotator">annotator</option>
                  <option value="reviewer">reviewer</option>
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="team-form" onSubmit={add}>
        <label htmlFor="team-new-reviewer">Add a reviewer</label>
        <input id="team-new-reviewer" type="text" value={newName} maxLength={80} onChange={(e) => setNewName(e.target.value)} placeholder="name" />
        <button type="submit" className="small">
          Add
        </button>
      </form>
      <form className="team-form" onSubmit={saveOverlap}>
        <label htmlFor="team-overlap">Overlap (%)</label>
        <input id="team-overlap" type="number" min={0} max={50} step={1} value={overlap} onChange={(e) => setOverlapDraft(e.target.value)} />
        <button type="submit" className="small">
          Save
        </button>
      </form>
      {team && (
        <p className="faint">
          {team.overlap.rate > 0
            ? `${team.overlap.samples.toLocaleString('en-US')} images chosen at random get a second, independent answer; ${team.overlap.answered.toLocaleString('en-US')} have two so far.`
            : 'No overlap: each image is labeled once. Set a share (e.g. 10 %) to measure agreement.'}
        </p>
      )}
    </section>
  );
}
