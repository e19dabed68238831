import { useState } from 'react';
import type { DuplicateGroupView } from '../../../../shared/contract/quality';
import { useStudio } from '../../hooks/useStudio';
import { selectClasses } from '../../store/selectors';
import { SampleThumb } from './SampleThumb';

/** Duplicate groups, leaks between splits first, each with keep one / label all alike / ignore. */
export function DuplicateGroups() {
  const overview = useStudio((s) => s.quality.overview);
  if (!overview) return <p className="muted">Loading…</p>;
  const groups = overview.duplicateGroups;
  const source = groups[0]?.source ?? (overview.runId ? 'embedding' : 'dhash');
  return (
    <section className="panel" aria-labelledby="duplicates-heading">
      <header className="panel-head">
        <h2 id="duplicates-heading">Duplicate groups</h2>
        <span className="faint">
          {source === 'embedding'
            ? `by embedding: cosine similarity ≥ ${overview.settings.nearDuplicateCosine} (mean-centred)`
            : `by difference hash: at most ${overview.settings.dhashDistance} of 64 bits apart (1 under 64 px), until a model has embeddings`}
        </span>
      </header>
      {groups.length === 0 ? <p className="muted">No duplicates found.</p> : groups.slice(0, 100).map((g) => <GroupCard key={g.key} group={g} />)}
    </section>
  );
}

function GroupCard({ group }: { group: DuplicateGroupView }) {
  const classes = useStudio(selectClasses);
  const groupAction = useStudio((s) => s.groupAction);
  const [keep, setKeep] = useState(group.members[0].id);
  const [classId, setClassId] = useState(group.members.find((m) => m.classId)?.classId ?? classes[0]?.id ?? '');
  const name = (id: string | null) => (id ? (classes.find((c) => c.id === id)?.name ?? '?') : 'unlabeled');
  return (
    <article className="group-card" aria-label={`${group.kind} duplicate group of ${group.members.length}`}>
      <header className="group-head">
        <strong>{group.kind === 'exact' ? 'Exact copies' : 'Near-duplicates'}</strong>
        <span className="faint">
          {group.members.length} images · {group.source === 'embedding' ? `cosine ≥ ${group.closeness.toFixed(3)}` : `≤ ${group.closeness} bits apart`}
        </span>
        {group.straddles && <span className="badge warn">straddles splits{group.leakyTestIds.length ? `: ${group.leakyTestIds.length} test image(s) left out of test figures` : ''}</span>}
        {group.mixedLabels && <span className="badge warn">labels disagree</span>}
      </header>
      <div className="group-members">
        {group.members.map((m) => (
          <SampleThumb key={m.id} id={m.id} caption={`${m.split} · ${name(m.classId)}${m.id === keep ? ' · keep' : ''}`} selected={m.id === keep} onOpen={() => setKeep(m.id)} />
        ))}
      </div>
      <div className="panel-actions">
        <button type="button" className="small" onClick={() => void groupAction({ action: 'keep-one', key: group.key, keepId: keep })} title="The others lose their labels and are skipped: nothing trains or tests on the copies">
          Keep the selected one
        </button>
        <select aria-label="Class for the whole group" value={classId} onChange={(e) => setClassId(e.target.value)}>
          {classes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <button type="button" className="small" disabled={!classId} onClick={() => void groupAction({ action: 'label-alike', key: group.key, classId })}>
          Label all alike
        </button>
        <button type="button" className="ghost small" onClick={() => void groupAction({ action: 'ignore', key: group.key })}>
          Ignore group
        </button>
      </div>
    </article>
  );
}
