import { useStudio } from '../../hooks/useStudio';
import { selectClasses, selectStatus } from '../../store/selectors';
import { ClassCard } from './ClassCard';
import { NewClassForm } from './NewClassForm';
import { SplitPanel } from './SplitPanel';
import { ExportLabelsPanel } from './ExportLabelsPanel';
import './classes.css';

/** The class schema: names, colours, keys, guidelines and example images. */
export function ClassesView() {
  const classes = useStudio(selectClasses);
  const status = useStudio(selectStatus);
  return (
    <div className="classes-view scroll">
      <div className="classes-inner">
        <header className="classes-head">
          <div>
            <h1>Classes</h1>
            <p className="muted">What annotators choose between. Guidelines and examples show beside the image while labeling (H).</p>
          </div>
        </header>
        <NewClassForm />
        {classes.length === 0 ? (
          <p className="faint">No classes yet. Add the first one above, or import folders named after your classes.</p>
        ) : (
          <ul className="class-list" aria-label="Classes">
            {classes.map((c) => (
              <ClassCard key={c.id} cls={c} count={status?.perClass.find((p) => p.classId === c.id)?.count ?? 0} />
            ))}
          </ul>
        )}
        <SplitPanel />
        <ExportLabelsPanel />
      </div>
    </div>
  );
}
