import { stat } from 'node:fs/promises';
import { qualityPaths, readQualityReport } from '../../worker/quality/qualityFiles';
import { RunStore } from '../ml/RunStore';
import type { Project } from '../project/Project';
import { groupViews, leakyTestIds } from './groupViews';

/** Today's leaky test samples of a project; the same Set instance while nothing they rest on changed. */
export type LeakySource = () => Promise<ReadonlySet<string>>;

const none: ReadonlySet<string> = new Set();

/**
 * The leaky test samples (test members of a duplicate group that also has a member in train or
 * val) as the latest data check found them, read from disk so the CLI and the app agree:
 * evaluation leaves them out of the test figures and counts them. The report is read again
 * only when a newer one is written or the labels change (a "keep one" drops a member), so
 * the loop's status can ask after every label.
 */
export function leakyTestSource(project: Project): LeakySource {
  let kept: { key: string; ids: ReadonlySet<string> } | null = null;
  return async () => {
    const found = await latestReport(project);
    if (!found) return none;
    const key = `${found.runId}:${found.version}:${project.labels.book.lastSeq}`;
    if (kept?.key === key) return kept.ids;
    const report = await readQualityReport(project.dir, found.runId);
    const ids = report ? leakyTestIds(groupViews(project, report.duplicateGroups, new Set())) : none;
    kept = { key, ids: ids.size ? ids : none };
    return kept.ids;
  };
}

/** The newest succeeded run that has a data-check report, and the report file's version (mtime and size). */
async function latestReport(project: Project): Promise<{ runId: string; version: string } | null> {
  const runs = (await RunStore.for(project)).list().filter((r) => r.status === 'succeeded').reverse();
  for (const run of runs) {
    const info = await stat(qualityPaths.report(project.dir, run.id)).catch(() => null);
    if (info) return { runId: run.id, version: `${info.mtimeMs}:${info.size}` };
  }
  return null;
}
