import { execFile, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);
let made = 0;

/**
 * A network namespace of the test's own: its own loopback and a veth pair inside it with
 * LAN-like addresses (10.77.0.2 and 10.77.0.3/24), so a server can be bound to a
 * non-loopback address, or to 0.0.0.0, without touching the machine's own interfaces.
 * Programs run inside it with `ip netns exec`.
 */
export interface Netns {
  name: string;
  /** The address a server in the namespace binds to. */
  address: string;
  /** A second address in the namespace (the same LAN). */
  peer: string;
  /** Starts `command` inside the namespace. */
  spawn(command: string, args: string[], options?: SpawnOptions): ChildProcess;
  /** Runs `command` inside the namespace to the end; resolves with its output. */
  run(command: string, args: string[], options?: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number }): Promise<{ stdout: string; stderr: string }>;
  remove(): Promise<void>;
}

/** Why a namespace cannot be made here, or null when it can. */
export function netnsUnavailable(): string | null {
  if (process.platform !== 'linux') return `network namespaces are Linux only (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'making a network namespace needs root (ip netns add)';
  if (!['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'].some((p) => existsSync(p))) return 'the `ip` tool (iproute2) is not installed';
  return null;
}

export async function makeNetns(): Promise<Netns> {
  const name = `studio-${process.pid}-${made++}`;
  const ip = (...args: string[]) => run('ip', args);
  await ip('netns', 'add', name);
  try {
    await ip('-n', name, 'link', 'set', 'lo', 'up');
    await ip('-n', name, 'link', 'add', 'lan0', 'type', 'veth', 'peer', 'name', 'lan1');
    await ip('-n', name, 'addr', 'add', '10.77.0.2/24', 'dev', 'lan0');
    await ip('-n', name, 'addr', 'add', '10.77.0.3/24', 'dev', 'lan1');
    await ip('-n', name, 'link', 'set', 'lan0', 'up');
    await ip('-n', name, 'link', 'set', 'lan1', 'up');
  } catch (error) {
    await ip('netns', 'del', name).catch(() => undefined);
    throw error;
  }
  return {
    name,
    address: '10.77.0.2',
    peer: '10.77.0.3',
    spawn: (command, args, options = {}) => spawn('ip', ['netns', 'exec', name, command, ...args], options),
    run: async (command, args, options = {}) => run('ip', ['netns', 'exec', name, command, ...args], { env: options.env, cwd: options.cwd, timeout: options.timeoutMs ?? 120_000, maxBuffer: 16 * 1024 * 1024 }),
    remove: async () => {
      await ip('netns', 'del', name).catch(() => undefined);
    },
  };
}
