import { useStudio } from '../../hooks/useStudio';
import { isActive } from '../../store/importJob';
import { selectImporter } from '../../store/selectors';
import { Dialog } from '../common/Dialog';
import { ImportForm } from './ImportForm';
import { ImportJobView } from './ImportJobView';
import './import.css';

/** Import: the form until an import starts, then its progress, then its report. */
export function ImportDialog() {
  const { job, prefill } = useStudio(selectImporter);
  const closeImport = useStudio((s) => s.closeImport);
  const clearImportJob = useStudio((s) => s.clearImportJob);
  // A new drop while an old report is shown starts a new import form.
  const showJob = job !== null && (isActive(job) || prefill === null);
  return (
    <Dialog title="Import images" onClose={closeImport} wide>
      {showJob ? (
        <ImportJobView
          job={job}
          onDone={closeImport}
          onImportMore={clearImportJob}
        />
      ) : (
        <ImportForm />
      )}
    </Dialog>
  );
}
