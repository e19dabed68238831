import { StudioError } from '../../../shared/contract/channel';
import { findClass } from '../classes/classCatalog';
import { currentGroupViews } from './overview';
import type { QualitySession } from './QualitySession';

export type GroupAction =
  | { action: 'keep-one'; key: string; keepId: string }
  | { action: 'label-alike'; key: string; classId: string }
  | { action: 'ignore'; key: string };

/**
 * What the Data tab's duplicate-group buttons do, through the label journal (so each step
 * is durable and undoable like any label): "keep one" clears the others' labels and skips
 * them, so no copy is trained or tested on; "label all alike" gives every member the class;
 * "ignore" hides the group until its members change. Returns how many samples changed.
 */
export async function applyGroupAction(session: QualitySession, request: GroupAction, annotator: string): Promise<number> {
  const { project, store } = session;
  if (project.readOnly) throw new StudioError('conflict', 'The project is open read-only.');
  const group = currentGroupViews(session).find((g) => g.key === request.key);
  if (!group) throw new StudioError('not-found', 'That duplicate group is no longer listed (its members changed or it was resolved).', 'Refresh the list of duplicate groups.');
  const meta = { annotator, seconds: 0 };
  switch (request.action) {
    case 'ignore':
      await store.ignoreGroup(group.key);
      return 0;
    case 'label-alike': {
      findClass(project, request.classId);
      const changing = group.members.filter((m) => m.classId !== request.classId);
      for (const member of changing) await project.labels.setClass(member.id, request.classId, meta);
      return changing.length;
    }
    case 'keep-one': {
      if (!group.members.some((m) => m.id === request.keepId)) throw new StudioError('invalid-request', `Sample ${request.keepId} is not in that group.`);
      const others = group.members.filter((m) => m.id !== request.keepId);
      for (const member of others) {
        if (member.classId !== null) await project.labels.clear(member.id, meta);
        await project.labels.skip(member.id, meta);
      }
      return others.length;
    }
  }
}
