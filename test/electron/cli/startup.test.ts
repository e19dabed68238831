import { describe, expect, it } from 'vitest';

// Every CLI command (and `studio serve`, which the durability test starts five times) loads
// the command list; TF.js is seconds of start-up on a busy machine and only `simulate` uses it.

describe('CLI start-up', () => {
  it('loading the command list does not load TF.js', async () => {
    const { commands } = await import('../../../electron/cli/commands/index');
    expect(commands.map((c) => c.name)).toContain('simulate');
    expect((globalThis as { _tfengine?: unknown })._tfengine).toBeUndefined();
  });
});
