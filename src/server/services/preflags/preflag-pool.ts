/**
 * A small pool of worker threads for pre-flag jobs. Each worker holds up to PER_WORKER jobs (it
 * runs them one after another), so it starts its next job at once instead of waiting for this
 * thread to answer; the rest wait here. Workers load the TypeScript worker through tsx's loader,
 * so the same code runs in the server, the CLI, the bench and the tests. A worker that dies
 * fails its jobs and is replaced.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PreflagJob, PreflagJobResult } from './preflag-job';

/** Workers a pool uses by default: one per core. */
export function defaultPoolSize(): number {
  return Math.max(1, os.availableParallelism());
}

// CommonJS run by each worker (eval): registers tsx's loader, then imports the TypeScript worker.
const BOOT = `
const { workerData } = require('node:worker_threads');
import('tsx/esm/api').then(({ register }) => { register(); return import(workerData.entry); });
`;
const WORKER_ENTRY = new URL('./preflag-worker.ts', import.meta.url).href;

type Reply = { ok: true; result: PreflagJobResult } | { ok: false; id: number; error: string };

interface Pending {
  readonly job: PreflagJob;
  resolve(result: PreflagJobResult): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  /** Jobs sent to the worker, oldest first (it answers in order). */
  readonly busy: Pending[];
}

/** Jobs a worker holds at once: the one it runs and the next. */
const PER_WORKER = 2;

/** A fixed-size pool of pre-flag worker threads. */
export class PreflagPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private closed = false;

  constructor(readonly size: number = defaultPoolSize()) {
    if (!(Number.isInteger(size) && size >= 1)) throw new Error(`pool size ${size}: must be >= 1`);
  }

  /** Runs a job on the next free worker. */
  run(job: PreflagJob): Promise<PreflagJobResult> {
    if (this.closed) return Promise.reject(new Error('the pre-flag pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  /** Jobs waiting or running. */
  get pending(): number {
    return this.queue.length + this.slots.reduce((n, s) => n + s.busy.length, 0);
  }

  /** Stops every worker; queued and running jobs fail. */
  async close(): Promise<void> {
    this.closed = true;
    const stopped = new Error('the pre-flag pool was closed');
    for (const p of this.queue.splice(0)) p.reject(stopped);
    await Promise.all(
      this.slots.splice(0).map(async (slot) => {
        for (const p of slot.busy.splice(0)) p.reject(stopped);
        await slot.worker.terminate();
      }),
    );
  }

  private spawn(): Slot {
    const worker = new Worker(BOOT, { eval: true, workerData: { entry: WORKER_ENTRY } });
    const slot: Slot = { worker, busy: [] };
    worker.on('message', (reply: Reply) => {
      const current = slot.busy.shift();
      if (current) {
        if (reply.ok) current.resolve(reply.result);
        else current.reject(new Error(`pre-flag job ${reply.id} failed: ${reply.error}`));
      }
      this.pump();
    });
    const lost = (error: Error) => {
      const index = this.slots.indexOf(slot);
      if (index < 0) return;
      this.slots.splice(index, 1);
      for (const p of slot.busy.splice(0)) p.reject(error);
      this.pump();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`a pre-flag worker exited (code ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private pump(): void {
    while (!this.closed && this.queue.length > 0) {
      // The least loaded worker, a new one while the pool is not full, else one with room.
      const idle = this.slots.find((s) => s.busy.length === 0);
      const slot =
        idle ??
        (this.slots.length < this.size
          ? this.spawn()
          : this.slots.find((s) => s.busy.length < PER_WORKER));
      if (!slot) return;
      const next = this.queue.shift()!;
      slot.busy.push(next);
      slot.worker.postMessage(next.job);
    }
  }
}
