import { workerMessageSchema, type WorkerMessage } from '../../shared/ml/messages';
import { selectBackend } from './tf/backend';
import { WorkerLoop } from './WorkerLoop';

// The ML worker process: forked by the host (MlWorker), talks only over the IPC channel.
// It owns the embedding and probability files; only ids, settings, scores and progress
// cross the boundary. A native crash or out-of-memory here never takes the app down.

function send(message: WorkerMessage): void {
  const checked = workerMessageSchema.parse(message);
  process.send?.(checked);
}

async function main(): Promise<void> {
  if (!process.send) {
    process.stderr.write('The ML worker runs as a child process of the studio; start the studio instead.\n');
    process.exit(2);
  }
  // Messages that arrive while the backend starts wait in this buffer.
  const early: unknown[] = [];
  let loop: WorkerLoop | null = null;
  process.on('message', (raw) => (loop ? loop.receive(raw) : early.push(raw)));
  process.on('disconnect', () => process.exit(0));
  const backend = await selectBackend();
  loop = new WorkerLoop(send, backend);
  send({ type: 'ready', pid: process.pid, backend });
  for (const raw of early.splice(0)) loop.receive(raw);
}

main().catch((error) => {
  process.stderr.write(`The ML worker could not start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
