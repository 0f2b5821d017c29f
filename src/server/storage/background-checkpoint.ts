import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/** Commits after which a busy database moves its WAL checkpoints to a worker thread. */
export const BACKGROUND_CHECKPOINT_AFTER_COMMITS = 64;

/** How often the worker checkpoints (ms). */
const CHECKPOINT_INTERVAL_MS = 500;

/** SQLite's own default, restored if the worker fails. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

// Plain CommonJS run by the worker (eval): no TypeScript loader needed in tests, CLI or server.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const db = new Database(workerData.file);
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Moves WAL checkpoints of a busy SQLite database off the event loop. better-sqlite3 is
 * synchronous, so SQLite's automatic checkpoint (copying ~1000 pages into the database file and
 * fsyncing it) stalls every request for its whole duration. Once the database has seen
 * BACKGROUND_CHECKPOINT_AFTER_COMMITS commits (a server under load, not a short CLI run), a worker
 * thread with its own connection runs PASSIVE checkpoints, which never block the writer, and the
 * writer's automatic checkpoint is turned off. Durability is unchanged: a commit is on disk once
 * its WAL frames are synced (synchronous=FULL); a checkpoint only copies them into the file.
 */
export class BackgroundCheckpointer {
  private commits = 0;
  private worker: Worker | undefined;
  private stopped = false;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  /** True once the worker runs the checkpoints. */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Counts a commit; starts the worker at the threshold. */
  noteCommit(): void {
    this.commits += 1;
    if (this.commits === BACKGROUND_CHECKPOINT_AFTER_COMMITS && !this.stopped) this.start();
  }

  /** Starts the worker now, whatever the count (before one very large write transaction). */
  startNow(): void {
    if (!this.worker && !this.stopped) this.start();
  }

  private start(): void {
    const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driverPath, file: this.sqlite.name, intervalMs: CHECKPOINT_INTERVAL_MS },
    });
    worker.unref();
    worker.on('error', (error) => {
      // Back to SQLite's own checkpoints, so the WAL cannot grow without bound.
      this.log(`Background WAL checkpoints stopped: ${error.message}`);
      if (this.sqlite.open)
        this.sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
      this.worker = undefined;
    });
    this.sqlite.pragma('wal_autocheckpoint = 0');
    this.worker = worker;
  }

  /** Stops the worker (before the writer connection closes and does the last checkpoint). */
  async stop(): Promise<void> {
    this.stopped = true;
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.ref();
    worker.postMessage('stop');
    await exited;
  }
}
