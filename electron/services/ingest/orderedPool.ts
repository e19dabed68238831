type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface PoolOptions {
  /** Calls in flight at once. */
  concurrency: number;
  /** How far work may run ahead of the consumer (bounds memory, and what a cancel must wait for). */
  window?: number;
  signal?: AbortSignal;
}

/**
 * Runs `work` over `items` with at most `concurrency` calls in flight and yields the results
 * in item order, so what follows (duplicate decisions, batches, splits) does not depend on
 * which file happened to decode first. Work keeps running while the consumer is busy, up to
 * `window` items ahead. After `signal` aborts, no new item starts; results of items already
 * started are still yielded, and the generator returns only once none is in flight.
 */
export async function* orderedPool<T, R>(items: readonly T[], work: (item: T, index: number) => Promise<R>, options: PoolOptions): AsyncGenerator<R> {
  const { concurrency, signal } = options;
  const window = Math.max(options.window ?? Infinity, concurrency);
  const settled = new Map<number, Settled<R>>();
  let started = 0;
  let active = 0;
  let next = 0;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  const sleep = (): Promise<void> => new Promise((resolve) => (wake = resolve));
  const launch = (): void => {
    while (active < concurrency && started < items.length && started < next + window && !signal?.aborted) {
      const index = started++;
      active++;
      work(items[index], index)
        .then(
          (value) => settled.set(index, { ok: true, value }),
          (error: unknown) => settled.set(index, { ok: false, error }),
        )
        .finally(() => {
          active--;
          launch();
          notify();
        });
    }
  };
  launch();
  try {
    while (next < started || (!signal?.aborted && next < items.length)) {
      const result = settled.get(next);
      if (!result) {
        await sleep();
        continue;
      }
      settled.delete(next++);
      launch();
      if (!result.ok) throw result.error;
      yield result.value;
    }
  } finally {
    while (active > 0) await sleep();
  }
}
