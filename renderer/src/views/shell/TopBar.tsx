import { useStudio } from '../../hooks/useStudio';
import { selectProject, selectView } from '../../store/selectors';
import { AnnotatorField } from './AnnotatorField';
import { workspaceViews } from './workspaceViews';

/** Project name, the sections as tabs, import, who is labeling, close. */
export function TopBar() {
  const project = useStudio(selectProject);
  const view = useStudio(selectView);
  const setView = useStudio((s) => s.setView);
  const openImport = useStudio((s) => s.openImport);
  const closeProject = useStudio((s) => s.closeProject);
  return (
    <header className="topbar">
      <div className="topbar-project" title={project?.dir}>
        <strong>{project?.name}</strong>
        {project?.readOnly && <span className="badge warn">read-only</span>}
      </div>
      <nav className="tabs" role="tablist" aria-label="Sections">
        {workspaceViews.map((v) => (
          <button key={v.id} type="button" role="tab" aria-selected={view === v.id} className={view === v.id ? 'tab active' : 'tab'} onClick={() => setView(v.id)}>
            {v.title}
          </button>
        ))}
      </nav>
      <div className="topbar-actions">
        <button type="button" onClick={() => openImport()} disabled={project?.readOnly}>
          Import images…
        </button>
        <AnnotatorField />
        <button type="button" className="ghost" onClick={() => void closeProject()}>
          Close project
        </button>
      </div>
    </header>
  );
}
