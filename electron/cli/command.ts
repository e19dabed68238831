import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** What a command receives once its arguments are parsed. */
export interface CommandInput {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
  json: boolean;
  /** Progress lines for people; goes to stderr so `--json` stdout stays machine-readable. */
  progress(message: string): void;
  /** Fires on Ctrl+C: long commands stop cleanly and save what they have. */
  signal: AbortSignal;
}

/**
 * One CLI command. `run` returns the JSON result (printed with `--json`); `format` turns the
 * same result into text for people. Errors are thrown as StudioError with a hint.
 */
export interface CliCommand<R = unknown> {
  name: string;
  /** e.g. `import DIR SOURCE [--labels-from folders|FILE.csv]` */
  usage: string;
  summary: string;
  options?: OptionSpec;
  /** Minimum number of positionals (DIR, SOURCE…). */
  positionals?: number;
  /** Commands that keep running (serve) print their own output. */
  longRunning?: boolean;
  run(input: CommandInput): Promise<R>;
  format?(result: R): string;
  /**
   * A result that is not plain success (a label recorded as a conflict) exits with this
   * code after printing it; 0 when omitted. See `conflictExitCode`.
   */
  exitCode?(result: R): number;
}

/** The exit status of a command whose result is a conflict: recorded or refused, the JSON says which. */
export const conflictExitCode = 3;

/** Usage errors exit with code 2; everything else that fails exits with 1. */
export class UsageError extends Error {}

export function defineCommand<R>(command: CliCommand<R>): CliCommand<R> {
  return command;
}
