/** The pre-flag worker thread: runs each job it is sent and posts the result back. */
import { parentPort } from 'node:worker_threads';
import type { PreflagJob } from './preflag-job';
import { runPreflagJob } from './preflag-job';

const port = parentPort;
if (!port) throw new Error('preflag-worker.ts runs as a worker thread (see preflag-pool.ts)');
port.on('message', (job: PreflagJob) => {
  runPreflagJob(job).then(
    (result) => port.postMessage({ ok: true, result }),
    (error: unknown) =>
      port.postMessage({
        ok: false,
        id: job.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  );
});
