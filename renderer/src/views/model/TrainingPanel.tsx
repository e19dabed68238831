import { useStudio } from '../../hooks/useStudio';
import { describeOutcome, describeProgress, isTraining, type TrainingJob } from '../../store/trainingJob';
import { ProgressBar } from '../common/ProgressBar';
import { EpochChart } from './EpochChart';
import { stoppingText } from './runFacts';

/** Train now / Cancel, the live phase and epoch chart, and how the run ended. */
export function TrainingPanel() {
  const job = useStudio((s) => s.model.training);
  const trainCount = useStudio((s) => s.status?.labeledPerSplit.train ?? null);
  const readOnly = useStudio((s) => s.project?.readOnly ?? false);
  const start = useStudio((s) => s.startTraining);
  const cancel = useStudio((s) => s.cancelTraining);
  const running = isTraining(job);
  return (
    <section className="panel" aria-labelledby="training-heading">
      <header className="panel-head">
        <h2 id="training-heading">Training</h2>
        <div className="panel-actions">
          {running ? (
            <button type="button" onClick={() => void cancel()} disabled={job?.stage === 'cancelling' || !job?.runId}>
              {job?.stage === 'cancelling' ? 'Cancelling…' : 'Cancel'}
            </button>
          ) : (
            <button type="button" className="primary" onClick={() => void start()} disabled={readOnly}>
              Train now
            </button>
          )}
        </div>
      </header>
      {job ? (
        <JobView job={job} />
      ) : (
        <p className="muted">
          {trainCount === null ? 'Train now learns from the labeled train images.' : `Train now learns from the ${trainCount.toLocaleString('en-US')} labeled train images`}
          {trainCount !== null && '; val labels stop it early and score it.'} Progress and the epoch chart appear here.
        </p>
      )}
    </section>
  );
}

function JobView({ job }: { job: TrainingJob }) {
  const running = isTraining(job);
  const phase = describeProgress(job.progress);
  return (
    <div className="training-job">
      {running && (
        <div className="training-phase" role="status">
          <span>{job.stage === 'cancelling' ? 'Cancelling… the previous model stays in use.' : phase.text}</span>
          <ProgressBar label="Training progress" fraction={phase.fraction} />
        </div>
      )}
      {job.stage === 'failed-to-start' && job.error && (
        <div role="alert">
          <p className="error-text">Training did not start: {job.error.message}</p>
          {job.error.hint && <p className="hint-text">{job.error.hint}</p>}
        </div>
      )}
      {job.stage === 'finished' && job.run && (
        <div className={`training-outcome ${job.run.status}`} role={job.run.status === 'failed' ? 'alert' : 'status'}>
          <p>{describeOutcome(job.run)}</p>
          {job.run.status === 'succeeded' && <p className="hint-text">{stoppingText(job.run)}</p>}
          {job.run.error?.hint && <p className="hint-text">{job.run.error.hint}</p>}
        </div>
      )}
      {job.stage !== 'failed-to-start' && <EpochChart history={job.history} plannedEpochs={job.epochs} bestEpoch={job.run?.bestEpoch ?? null} />}
    </div>
  );
}
