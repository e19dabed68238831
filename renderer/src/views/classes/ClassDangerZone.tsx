import { useState } from 'react';
import type { ClassDef } from '../../../../shared/domain/records';
import { useStudio } from '../../hooks/useStudio';
import { selectClasses } from '../../store/selectors';
import { ConfirmDialog } from '../common/ConfirmDialog';

type Pending = { kind: 'merge'; into: ClassDef; labels: number } | { kind: 'delete'; labels: number };

const plural = (n: number) => `${n.toLocaleString()} label${n === 1 ? '' : 's'}`;

/** Merge into another class or delete: both ask first, saying how many labels move or go. */
export function ClassDangerZone({ cls }: { cls: ClassDef }) {
  const classes = useStudio(selectClasses);
  const classUsage = useStudio((s) => s.classUsage);
  const mergeClasses = useStudio((s) => s.mergeClasses);
  const deleteClass = useStudio((s) => s.deleteClass);
  const [pending, setPending] = useState<Pending | null>(null);
  const others = classes.filter((c) => c.id !== cls.id);

  const askMerge = async (intoId: string) => {
    const into = others.find((c) => c.id === intoId);
    const labels = into ? await classUsage(cls.id) : null;
    if (into && labels !== null) setPending({ kind: 'merge', into, labels });
  };
  const askDelete = async () => {
    const labels = await classUsage(cls.id);
    if (labels !== null) setPending({ kind: 'delete', labels });
  };

  return (
    <div className="class-danger">
      {others.length > 0 && (
        <select aria-label={`Merge ${cls.name} into`} value="" onChange={(e) => void askMerge(e.target.value)}>
          <option value="">Merge into…</option>
          {others.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      )}
      <button type="button" className="danger small" aria-label={`Delete ${cls.name}`} onClick={() => void askDelete()}>
        Delete
      </button>
      {pending?.kind === 'merge' && (
        <ConfirmDialog
          title="Merge classes"
          message={`Move ${plural(pending.labels)} from ${cls.name} into ${pending.into.name}? ${cls.name} is removed; its examples join ${pending.into.name}.`}
          confirmLabel={`Merge into ${pending.into.name}`}
          onConfirm={() => {
            setPending(null);
            void mergeClasses(cls.id, pending.into.id);
          }}
          onCancel={() => setPending(null)}
        />
      )}
      {pending?.kind === 'delete' && (
        <ConfirmDialog
          title="Delete class"
          message={
            pending.labels > 0
              ? `Delete ${cls.name}? Its ${plural(pending.labels)} are dropped and those images become unlabeled.`
              : `Delete ${cls.name}? No image is labeled with it.`
          }
          confirmLabel={`Delete ${cls.name}`}
          danger
          onConfirm={() => {
            setPending(null);
            void deleteClass(cls.id);
          }}
          onCancel={() => setPending(null)}
        />
      )}
    </div>
  );
}
