/** The pre-flag worker thread: runs the jobs it is sent one after another, posting each result back in order. */
import { parentPort } from 'node:worker_threads';
import type { PreflagJob } from './preflag-job';
import { runPreflagJob } from './preflag-job';

/**
 * Heap ballast: V8 starts a worker's heap small and sets the next full collection at a multiple
 * of what survived the last one, so checking records (a few MB of signals and measurements each)
 * ran a mark-compact every dozen records, and a worker spent ~9.5 ms of CPU per sample where the
 * main thread spends 5.5. A large array of doubles (no pointers: marking skips its contents)
 * raises the surviving size, so full collections come seldom: 5.4 ms per sample, and 2 workers
 * checked 1.63-1.65x the samples of 1 (317-334 samples/s; without it 1.45x, 196-202 samples/s;
 * since records are read synchronously, 370-410 samples/s, 1.5-1.6x one worker's 245-250).
 * 96 MB helped only some runs. It costs this much memory per worker while a pre-flag run lasts
 * (the pool stops its workers when no run is left).
 */
const HEAP_BALLAST_MB = 192;
const heapBallast: number[] = new Array<number>((HEAP_BALLAST_MB * 1024 * 1024) / 8).fill(0.5);
// Held for the worker's lifetime (a reference the optimiser cannot drop).
(globalThis as { preflagHeapBallast?: number[] }).preflagHeapBallast = heapBallast;

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
