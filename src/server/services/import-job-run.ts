import type { Db } from '../storage/database';
import type { JobProgress } from './import-job-store';
import { saveProgress } from './import-job-store';

/** Progress is written at most this often (ms); a poll sees it at most this late. */
export const PROGRESS_WRITE_MS = 250;

/**
 * One process running one import job: keeps its progress, writes it to the job's row now and
 * then (at most every PROGRESS_WRITE_MS, at once on a phase change), and renews the job's lease
 * at least every leaseMs / 5 while the import runs, so other processes see it alive. At most one
 * write is in flight: on SQLite, while the import's own transaction writes, the next one waits
 * for it and they do not pile up.
 */
export class ImportJobRun {
  private current: JobProgress;
  private dirty = false;
  private lastWriteMs = 0;
  private inFlight: Promise<void> | undefined;
  private stopped = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    readonly jobId: string,
    /** This run's claim on the job (import_jobs.runner). */
    readonly runner: string,
    start: JobProgress,
    private readonly leaseMs: number,
    private readonly log: (line: string) => void,
  ) {
    this.current = start;
    this.lastWriteMs = Date.now();
    this.timer = setInterval(() => this.tick(), Math.min(PROGRESS_WRITE_MS, leaseMs / 5));
    // A running import keeps the process busy anyway; the timer alone must not.
    this.timer.unref();
  }

  /** The progress so far. */
  get progress(): JobProgress {
    return this.current;
  }

  /** Notes progress; a new phase is written before this resolves. */
  async update(change: Partial<JobProgress>): Promise<void> {
    const phaseChanged = change.phase !== undefined && change.phase !== this.current.phase;
    this.current = { ...this.current, ...change };
    this.dirty = true;
    if (phaseChanged) await this.write();
  }

  /**
   * Starts no more writes (the caller records the end). Does not wait for the one in flight:
   * on SQLite it may be waiting for the import's own transaction (see settled).
   */
  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /** Stops, and waits for the write in flight (outside the import's transaction). */
  async settled(): Promise<void> {
    this.stop();
    await this.inFlight;
  }

  private tick(): void {
    const renewDue = Date.now() - this.lastWriteMs >= this.leaseMs / 5;
    if (!this.inFlight && (this.dirty || renewDue)) void this.write();
  }

  private async write(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    if (this.stopped) return;
    this.dirty = false;
    const nowMs = Date.now();
    this.inFlight = saveProgress(this.db, this.jobId, this.runner, this.current, nowMs).then(
      () => {
        this.lastWriteMs = nowMs;
      },
      (error: unknown) => {
        // A lost progress write is retried by the next tick; the import itself goes on.
        this.dirty = true;
        this.log(`Import ${this.jobId}: progress not saved (${String(error)}).`);
      },
    );
    const written = this.inFlight;
    await written;
    if (this.inFlight === written) this.inFlight = undefined;
  }
}
