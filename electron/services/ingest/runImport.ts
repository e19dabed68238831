import { realpath } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { StudioError } from '../../../shared/contract/channel';
import type { ImportReport } from '../../../shared/contract/imports';
import type { Project } from '../project/Project';
import { SampleCommitter } from './batchCommit';
import { emptySplitReport } from './splitPlanner';
import { loadLabelSource } from './labelSources';
import { resolveLimits } from './limits';
import { orderedPool } from './orderedPool';
import { prepareFile, type PrepareContext } from './prepareFile';
import { ProgressThrottle } from './progress';
import type { FileOutcome, ImportOptions, ImportRequestValid, PreparedSample } from './types';
import { walkSources } from './walk';

/**
 * Imports images into an open project: walk the sources, check and decode every file by
 * content, skip exact duplicates, make thumbnails, give each new sample its frozen split and
 * its imported label, and commit in durable batches. Every rejected file is reported with a
 * reason and the import goes on. Cancelling keeps everything committed so far.
 */
export async function runImport(project: Project, request: ImportRequestValid, options: ImportOptions = {}): Promise<ImportReport> {
  if (project.readOnly) throw new StudioError('conflict', 'The project is open read-only; nothing can be imported.');
  const { signal } = options;
  const limits = resolveLimits(options.limits);
  const labels = await loadLabelSource(request); // a malformed CSV stops us before any change
  const progress = new ProgressThrottle(options.jobId ?? `import-${randomBytes(4).toString('hex')}`, options.onProgress);
  const report: ImportReport = { imported: 0, duplicates: [], rejected: [], labeled: 0, newClasses: [], unmatchedCsvRows: 0, cancelled: false, splits: emptySplitReport() };
  let committer: SampleCommitter | null = null;
  const counts = (done: number, total: number) => ({ done, total, imported: committer?.committed ?? 0, duplicates: report.duplicates.length, rejected: report.rejected.length });

  progress.report('scanning', counts(0, 0), true);
  const labelsFile = request.labelsFrom === 'csv' || request.labelsFrom === 'file' ? (request.labelsFile ?? request.csvPath) : undefined;
  const skip = labelsFile ? new Set([await realpath(labelsFile)]) : undefined;
  const { files, rejected } = await walkSources(request.sources, { skip, signal, onFound: (n) => progress.report('scanning', counts(n, n)) });
  report.rejected.push(...rejected);
  const walkCutShort = signal?.aborted ?? false;
  progress.report('scanning', counts(files.length, files.length), true);
  const commits = new SampleCommitter(project, options.annotator ?? 'import', files.length);
  committer = commits;

  const context: PrepareContext = { project, limits, labelFor: (file, hash) => labels.labelFor(file, hash), claims: new Map() };
  const firstPathOf = new Map<string, string>(); // content hash → path of the file imported first
  const record = (outcome: FileOutcome, batch: PreparedSample[]): void => {
    if (outcome.kind === 'rejected') report.rejected.push(outcome.rejected);
    else if (outcome.kind === 'duplicate') report.duplicates.push({ path: outcome.path, duplicateOf: firstPathOf.get(outcome.hash) ?? outcome.duplicateOf });
    else if (firstPathOf.has(outcome.sample.hash)) report.duplicates.push({ path: outcome.sample.path, duplicateOf: firstPathOf.get(outcome.sample.hash)! });
    else {
      firstPathOf.set(outcome.sample.hash, outcome.sample.path);
      batch.push(outcome.sample);
    }
  };

  const pool = { concurrency: limits.concurrency, window: limits.batchSize + 4 * limits.concurrency, signal };
  let batch: PreparedSample[] = [];
  let lastCommitAt = performance.now();
  let done = 0;
  try {
    for await (const outcome of orderedPool(files, (file, i) => prepareFile(file, i, context), pool)) {
      record(outcome, batch);
      done++;
      if (batch.length >= limits.batchSize || (batch.length > 0 && performance.now() - lastCommitAt >= limits.batchMs)) {
        await commits.commit(batch);
        batch = [];
        lastCommitAt = performance.now();
      }
      progress.report('importing', counts(done, files.length));
      if (done % 50 === 0) await new Promise((resolve) => setImmediate(resolve)); // let requests in between
    }
    progress.report('finishing', counts(done, files.length), true);
    await commits.commit(batch);
  } catch (error) {
    throw asStudioError(error, commits.committed);
  }
  // Rows of a labels file are matched as files are hashed, so they are counted at the end.
  report.unmatchedCsvRows = labels.unmatchedRows(new Set([...files.flatMap((f) => [f.path, f.realPath]), ...rejected.map((r) => r.path)]));
  Object.assign(report, {
    imported: commits.committed,
    labeled: commits.labeled,
    newClasses: commits.newClasses,
    cancelled: walkCutShort || done < files.length,
    splits: commits.splitReport,
  });
  progress.report('finishing', counts(done, files.length), true);
  return report;
}

function asStudioError(error: unknown, committed: number): StudioError {
  if (error instanceof StudioError && (error.code === 'disk-full' || error.code === 'io')) {
    // The storage error says what the failed batch lost; this says what the import kept.
    return new StudioError(
      error.code,
      `The import stopped. ${error.message} ${committed} image(s) of this import were saved before that and are kept.`,
      `${error.hint ?? ''} Then import again: images already imported are skipped as duplicates.`.trim(),
    );
  }
  if (error instanceof StudioError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StudioError(
    'io',
    `The import stopped: ${message}. The ${committed} image(s) committed before that are kept.`,
    'Check free disk space and that the project folder is writable, then import again: images already imported are skipped as duplicates.',
  );
}
