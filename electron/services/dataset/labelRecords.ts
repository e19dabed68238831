import type { Split } from '../../../shared/contract/schemas';
import type { Project } from '../project/Project';

/**
 * One sample's labels as they leave the studio: what every export format writes, and what
 * importing a labels file gives back. `label` is the class name (null: unlabeled); `time`
 * and `annotator` are those of the sample's latest decision; `seconds` is the time spent on
 * the decision that set the label.
 */
export interface LabelRecord {
  path: string;
  relativePath: string;
  sha256: string;
  label: string | null;
  annotator: string | null;
  time: string | null;
  seconds: number | null;
  split: Split;
  flagged: boolean;
  comment: string;
}

/** A record read from a labels file: only the path and the label are required. */
export type ImportedLabelRecord = Partial<Omit<LabelRecord, 'path' | 'label'>> & { path: string; label: string | null };

/** Every sample of the project as a label record, in import order (read through the services). */
export function labelRecordsOf(project: Project): LabelRecord[] {
  const book = project.labels.book;
  const names = new Map(project.doc.classes.map((c) => [c.id, c.name]));
  const labelSeconds = new Map<string, number>();
  for (const d of book.decisions) if (d.kind === 'label' && !book.isUndone(d.seq)) labelSeconds.set(d.sampleId, d.seconds);
  return project.samples.all.map((sample) => {
    const state = project.labels.stateOf(sample.id);
    const label = state.classId ? (names.get(state.classId) ?? null) : null;
    return {
      path: sample.path,
      relativePath: sample.relativePath,
      sha256: sample.hash,
      label,
      annotator: state.annotator,
      time: state.at,
      seconds: label === null ? null : (labelSeconds.get(sample.id) ?? 0),
      split: sample.split,
      flagged: state.flag !== null,
      comment: state.flag?.comment ?? '',
    };
  });
}
