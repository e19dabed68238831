// A child process for the lock race test: on each "go" it tries to take the project lock at
// the same instant as its rival, holds it a while, releases it and says when it held it.
import { performance } from 'node:perf_hooks';
import { ProjectLock } from '../../../../electron/services/storage/ProjectLock';

interface Go {
  base: string;
  at: number;
  holdMs: number;
}

const now = () => performance.timeOrigin + performance.now();

process.on('message', (message: Go) => {
  void (async () => {
    while (now() < message.at) {
      // spin: both racers start within microseconds of each other
    }
    try {
      const lock = await ProjectLock.acquire(message.base, `racer ${process.pid}`);
      const from = now();
      await new Promise((r) => setTimeout(r, message.holdMs));
      const to = now();
      await lock.release();
      process.send!({ held: [from, to] });
    } catch (error) {
      process.send!({ refused: (error as Error).message });
    }
  })();
});
process.send!({ ready: true });
