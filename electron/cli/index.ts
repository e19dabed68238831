import { parseArgs } from 'node:util';
import { StudioError } from '../../shared/contract/channel';
import { UsageError, type CliCommand } from './command';
import { commands } from './commands/index';

/**
 * `npm run studio -- <command> [args] [--json]`. Results go to stdout (JSON with --json),
 * progress and errors to stderr; failures exit non-zero with a message that says what to do.
 */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(helpText());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${helpText()}`);
    return 2;
  }
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      process.stdout.write(`Usage: studio ${command.usage}\n  ${command.summary}\n`);
      return 0;
    }
    if (positionals.length < (command.positionals ?? 0)) throw new UsageError(`Missing arguments.`);
    const json = Boolean(values.json);
    const result = await command.run({
      positionals,
      values: values as Record<string, string | boolean | string[] | undefined>,
      json,
      progress: (message) => process.stderr.write(`${message}\n`),
      signal: controller.signal,
    });
    if (command.longRunning) return 0;
    if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else process.stdout.write(`${command.format ? command.format(result) : JSON.stringify(result, null, 2)}\n`);
    return command.exitCode?.(result) ?? 0;
  } catch (error) {
    return reportError(error, command);
  }
}

function reportError(error: unknown, command: CliCommand): number {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith?.('ERR_PARSE_ARGS')) {
    process.stderr.write(`${(error as Error).message}\nUsage: studio ${command.usage}\n`);
    return 2;
  }
  if (error instanceof StudioError) {
    process.stderr.write(`Error: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`);
    return 1;
  }
  process.stderr.write(`Error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}

function helpText(): string {
  const lines = commands.map((c) => `  ${c.usage}\n      ${c.summary}`);
  return `Active-learning studio\n\nUsage: npm run studio -- <command> [options] [--json]\n\n${lines.join('\n')}\n\nEvery command takes --json (results on stdout) and --help.\n`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  },
);
