/** The pre-flag worker thread: runs the jobs it is sent one after another, posting each result back in order. */
import { parentPort } from 'node:worker_threads';
import type { PreflagJob } from './preflag-job';
import { runPreflagJob } from './preflag-job';

const port = parentPort;
if (!port) throw new Error('preflag-worker.ts runs as a worker thread (see preflag-pool.ts)');
// One job at a time, in the order sent: the pool matches answers to jobs by that order.
let previous: Promise<void> = Promise.resolve();
port.on('message', (job: PreflagJob) => {
  previous = previous.then(() =>
    runPreflagJob(job).then(
      (result) => port.postMessage({ ok: true, result }),
      (error: unknown) =>
        port.postMessage({
          ok: false,
          id: job.id,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }),
    ),
  );
});
