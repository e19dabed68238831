import type { Team } from '../../../shared/contract/team';
import { isPerson } from '../../../shared/domain/labelJournal';
import { isOverlapSample } from '../../../shared/domain/overlap';
import type { Project } from '../project/Project';
import type { TeamStore } from './TeamStore';

/** The project's overlap samples at this rate, by id. */
export function overlapSampleIds(project: Project, rate: number): Set<string> {
  return new Set(project.samples.all.filter((s) => isOverlapSample(project.doc.seed, rate, s.hash)).map((s) => s.id));
}

/** The team as the UI and `studio team` show it: roles, everyone who decided anything, the overlap progress. */
export function describeTeam(project: Project, store: TeamStore, overlap: ReadonlySet<string>): Team {
  const book = project.labels.book;
  const people = new Map<string, { labels: number; lastAt: string | null }>();
  for (const d of book.decisions) {
    if (!isPerson(d.annotator)) continue;
    const entry = people.get(d.annotator) ?? { labels: 0, lastAt: null };
    if (d.kind === 'label') entry.labels += 1;
    entry.lastAt = d.at;
    people.set(d.annotator, entry);
  }
  const known = new Set([...people.keys()].map((n) => n.toLowerCase()));
  for (const m of store.members) if (!known.has(m.name.toLowerCase())) people.set(m.name, { labels: 0, lastAt: null });
  let answered = 0;
  for (const id of overlap) if (book.answersOf(id).length >= 2) answered += 1;
  return {
    members: store.members.map((m) => ({ ...m })),
    people: [...people].map(([name, p]) => ({ name, role: store.roleOf(name), ...p })).sort((a, b) => a.name.localeCompare(b.name)),
    overlap: { rate: store.overlapRate, samples: overlap.size, answered },
    reviewersOnly: store.hasReviewers,
  };
}
