import { useStudio } from '../../hooks/useStudio';
import { useDropImport } from '../../hooks/useDropImport';
import { useStudioEvents } from '../../hooks/useStudioEvents';
import { useUnsavedWarning } from '../../hooks/useUnsavedWarning';
import { selectImportDialogOpen, selectView } from '../../store/selectors';
import { ImportDialog } from '../import/ImportDialog';
import { StatusLine } from './StatusLine';
import { TopBar } from './TopBar';
import { workspaceViews } from './workspaceViews';
import './shell.css';

/** An open project: sections as tabs, the status line, import, and drag and drop anywhere. */
export function Workspace() {
  const view = useStudio(selectView);
  const dialogOpen = useStudio(selectImportDialogOpen);
  const dragging = useDropImport();
  useStudioEvents();
  useUnsavedWarning();
  const Current = (workspaceViews.find((v) => v.id === view) ?? workspaceViews[0]).component;
  return (
    <div className="workspace">
      <TopBar />
      <main className="workspace-main">
        <Current />
      </main>
      <StatusLine />
      {dialogOpen && <ImportDialog />}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop images or folders to import them</p>
        </div>
      )}
    </div>
  );
}
