import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createStudio, type Studio } from '../../electron/services/studio';
import type { RequestName, RequestOf, ResponseOf } from '../../shared/contract';
import { tempDir } from './tempProject';

const running: Studio[] = [];
afterEach(async () => {
  while (running.length) await running.pop()!.dispose();
});

/** A real studio (services + handlers) on temp folders, disposed after the test. */
export async function testStudio(mode: 'electron' | 'browser' = 'browser'): Promise<Studio & { root: string; call: Caller }> {
  const root = await tempDir();
  const studio = await createStudio({ mode, version: '0.0.0-test', configDir: join(root, 'config') });
  running.push(studio);
  const call: Caller = async (channel, request) => {
    const result = await studio.registry.dispatch(channel, request, { transport: 'test' });
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
    return result.value as never;
  };
  return Object.assign(studio, { root, call });
}

export type Caller = <K extends RequestName>(channel: K, request: RequestOf<K>) => Promise<ResponseOf<K>>;
