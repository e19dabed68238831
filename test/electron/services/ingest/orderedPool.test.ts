import { describe, expect, it } from 'vitest';
import { orderedPool } from '../../../../electron/services/ingest/orderedPool';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the ordered work pool behind imports', () => {
  it('yields results in item order however the work finishes, never above the concurrency', async () => {
    let active = 0;
    let peak = 0;
    const out: number[] = [];
    for await (const value of orderedPool([30, 5, 20, 1, 10, 2], async (ms, i) => {
      peak = Math.max(peak, ++active);
      await delay(ms);
      active--;
      return i;
    }, { concurrency: 3 })) {
      out.push(value);
    }
    expect(out).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(3);
  });

  it('after an abort starts nothing new, still yields what was started, and returns when none runs', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const out: number[] = [];
    let running = 0;
    for await (const value of orderedPool(Array.from({ length: 50 }, (_, i) => i), async (i) => {
      started.push(i);
      running++;
      await delay(2);
      running--;
      return i;
    }, { concurrency: 2, signal: controller.signal })) {
      out.push(value);
      if (value === 4) controller.abort();
    }
    expect(running).toBe(0);
    expect(out).toEqual(started);
    expect(started.length).toBeLessThan(10);
  });

  it('runs no further ahead of a slow consumer than its window', async () => {
    let started = 0;
    let maxAhead = 0;
    let consumed = 0;
    for await (const _ of orderedPool(Array.from({ length: 40 }, (_, i) => i), async (i) => {
      started++;
      return i;
    }, { concurrency: 2, window: 5 })) {
      consumed++; // this one is in our hands now
      maxAhead = Math.max(maxAhead, started - consumed);
      await delay(1);
    }
    expect(started).toBe(40);
    expect(maxAhead).toBeLessThanOrEqual(5);
  });

  it('passes on a failure of the work', async () => {
    const run = async () => {
      for await (const _ of orderedPool([1, 2, 3], async (n) => {
        if (n === 2) throw new Error('disk full');
        return n;
      }, { concurrency: 2 })) void _;
    };
    await expect(run()).rejects.toThrow('disk full');
  });
});
