import { useEffect, useState } from 'react';
import { readDrop } from '../api/droppedFiles';
import { isElectron } from '../api/studioApi';
import { useStudioStore } from './useStudioStore';

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * Files or folders dropped anywhere on the window open the import dialog with them: real
 * paths in Electron, files to upload in a browser. Returns whether a drag is over the window.
 */
export function useDropImport(): boolean {
  const store = useStudioStore();
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth += 1;
      setDragging(true);
    };
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event) || !event.dataTransfer) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const shell = isElectron() ? window.studioShell : undefined;
      readDrop(event.dataTransfer, shell?.pathForFile)
        .then((dropped) => {
          const s = store.getState();
          if (s.project?.readOnly) return s.notify('error', 'The project is open read-only; nothing can be imported.');
          if (dropped.paths.length) s.openImport({ kind: 'paths', sources: dropped.paths });
          else if (dropped.files.length) s.openImport({ kind: 'dropped', files: dropped.files, folders: dropped.folders });
          else s.notify('info', 'Nothing to import in what was dropped.');
        })
        .catch((error: unknown) => store.getState().showError(error, 'Reading the dropped files'));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [store]);
  return dragging;
}
