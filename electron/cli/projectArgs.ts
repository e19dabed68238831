import { resolve } from 'node:path';
import { StudioError } from '../../shared/contract/channel';
import { Project } from '../services/project/Project';
import { UsageError } from './command';

/** Opens the project a command names, read-only unless it changes something. */
export async function openProjectArg(dir: string | undefined, options: { readOnly: boolean; purpose: string }): Promise<Project> {
  if (!dir) throw new UsageError('Name the project folder.');
  return Project.open(resolve(dir), options);
}

/** Runs `work` with the project open and always closes it (releasing the lock). */
export async function withProject<T>(
  dir: string | undefined,
  options: { readOnly: boolean; purpose: string },
  work: (project: Project) => Promise<T> | T,
): Promise<T> {
  const project = await openProjectArg(dir, options);
  try {
    return await work(project);
  } finally {
    await project.close();
  }
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
