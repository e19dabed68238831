import { describe, expect, it } from 'vitest';
import { buildApi, contract, methodNameOf, type ChannelName, type Transport } from '../../../shared/contract';

describe('the contract', () => {
  it('window.api has one named method per channel and nothing generic', () => {
    const calls: string[] = [];
    const transport: Transport = {
      invoke: async (channel) => {
        calls.push(channel);
        return { ok: true, value: null };
      },
      subscribe: (channel) => {
        calls.push(`sub:${channel}`);
        return () => undefined;
      },
    };
    const api = buildApi(transport) as unknown as Record<string, Record<string, (arg: unknown) => unknown>>;
    for (const channel of Object.keys(contract) as ChannelName[]) {
      const { feature, method } = methodNameOf(channel);
      expect(typeof api[feature][method], channel).toBe('function');
      api[feature][method](contract[channel].kind === 'event' ? () => undefined : {});
    }
    expect(calls).toHaveLength(Object.keys(contract).length);
    expect(Object.keys(api)).not.toContain('invoke');
    expect(api.import.onProgress).toBeDefined();
    expect(api.project.chooseFolder).toBeDefined();
  });

  it('channel names are feature:action in lower kebab case', () => {
    for (const channel of Object.keys(contract)) expect(channel).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
  });
});
