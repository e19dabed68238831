import { resolve } from 'node:path';
import { StudioError } from '../../shared/contract/channel';
import type { Notice } from '../../shared/contract/schemas';
import { Project, type OpenOptions } from '../services/project/Project';
import { UsageError } from './command';

/** Opens the project a command names, read-only unless it changes something. Its notices go to stderr. */
export async function openProjectArg(dir: string | undefined, options: OpenOptions & { readOnly: boolean; purpose: string }): Promise<Project> {
  if (!dir) throw new UsageError('Name the project folder.');
  const project = await Project.open(resolve(dir), options);
  printNotices(project.notices);
  return project;
}

/**
 * Runs `work` with the project open and always closes it (releasing the lock). Every notice
 * of the open (a document restored, damaged lines set aside) is printed to stderr, so a
 * script's `--json` stdout stays clean and a person still sees it; notices found later (the
 * loop's or the runs' documents) are printed when the work is done.
 */
export async function withProject<T>(
  dir: string | undefined,
  options: OpenOptions & { readOnly: boolean; purpose: string },
  work: (project: Project) => Promise<T> | T,
): Promise<T> {
  const project = await openProjectArg(dir, options);
  const shown = project.notices.length;
  try {
    return await work(project);
  } finally {
    printNotices(project.notices.slice(shown));
    await project.close();
  }
}

export function printNotices(notices: readonly Notice[]): void {
  for (const notice of notices) process.stderr.write(`${notice.level === 'warning' ? 'Warning' : 'Note'}: ${notice.message}\n`);
}

export function stringOption(values: Record<string, unknown>, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function requiredOption(values: Record<string, unknown>, name: string): string {
  const value = stringOption(values, name);
  if (!value) throw new UsageError(`--${name} is required.`);
  return value;
}

export function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new StudioError('invalid-request', `--${name} must be a positive whole number, not "${value}".`);
  return n;
}

export function nonNegativeInt(value: string | undefined, name: string): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 0) throw new StudioError('invalid-request', `--${name} must be a whole number (0 or more), not "${value}".`);
  return n;
}
