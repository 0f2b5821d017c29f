import { jsonlEntryBatches } from '../../domain/jsonl/source-entry';
import type { ImportJob, ImportReport, StartImportRequest } from '../../schemas/api/transfer';
import type { Db } from '../storage/database';
import { newId } from '../storage/ids';
import type { Actor } from './actor';
import type { ImportWritten } from './import/writer';
import { importSamples } from './import/import-samples';
import { ImportJobRun } from './import-job-run';
import type { JobEnd, StoredJob } from './import-job-store';
import {
  claimJob,
  deleteFinishedBefore,
  failStaleJob,
  finishJob,
  insertJob,
  readJob,
} from './import-job-store';
import type { RecordRoots } from './records';
import { ServiceError, notFound } from './service-error';

/** The largest upload an import takes (bytes). */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

/** Finished jobs are forgotten after this long. */
const JOB_TTL_MS = 60 * 60 * 1000;

/** A job that has not started receiving its file after this long expires (fails). */
export const WAITING_TTL_MS = 15 * 60 * 1000;

/** A running job whose process has not renewed its lease for this long is failed (default). */
export const DEFAULT_IMPORT_LEASE_MS = 30_000;

const EXPIRED_MESSAGE = `No file arrived within ${WAITING_TTL_MS / 60_000} minutes, so this import expired; start a new one.`;

const stoppedMessage = (leaseMs: number) =>
  `The server process running this import stopped (no sign of it for ${Math.round(leaseMs / 1000)} s); nothing was imported. Start the import again.`;

/** A job whose import committed: what follows an import (pre-flags, notices) starts here. */
export interface ImportCompleted extends ImportWritten {
  readonly job: ImportJob;
  readonly actor: Actor;
  readonly report: ImportReport;
}

/** Called once per import job whose samples were stored, after its transaction committed. */
export type ImportCompletedListener = (completed: ImportCompleted) => void | Promise<void>;

/** Settings of the job service. */
export interface ImportJobsOptions {
  /** A running job not renewed for this long counts as failed (ms). */
  readonly leaseMs: number;
  readonly log?: (line: string) => void;
}

/**
 * Import jobs, stored in the database so every server process answers for every job: a job is
 * announced (POST), receives its file (PUT, streamed and imported as it arrives, on whichever
 * process the PUT reaches) and is polled for progress (GET) by the user who started it. The
 * running process writes its progress and renews a lease; a job whose process died fails once
 * the lease runs out (its import never committed, so nothing of it is stored). A job that never
 * receives its file expires after WAITING_TTL_MS. The import itself is all or nothing.
 */
export class ImportJobs {
  /** Jobs this process runs: alive whatever their lease says (SQLite's import holds up writes). */
  private readonly runningHere = new Set<string>();
  private readonly listeners = new Set<ImportCompletedListener>();
  private readonly log: (line: string) => void;

  constructor(
    private readonly db: Db,
    private readonly options: ImportJobsOptions,
  ) {
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  }

  /**
   * THE completion point of an import job: listener runs after the transaction that stored the
   * samples and marked the job imported has committed (not for dry runs, refusals or
   * failures). Its errors are logged; the import stays committed. Returns the unsubscribe.
   */
  onImported(listener: ImportCompletedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Announces an upload; returns the waiting job. */
  async start(actor: Actor, request: StartImportRequest): Promise<ImportJob> {
    if (request.sizeBytes !== undefined && request.sizeBytes > MAX_UPLOAD_BYTES) {
      throw new ServiceError(
        'invalid',
        `The file is ${request.sizeBytes} bytes; an import takes at most ${MAX_UPLOAD_BYTES}.`,
        {
          issues: [{ path: 'body.sizeBytes', message: `must be at most ${MAX_UPLOAD_BYTES}` }],
        },
      );
    }
    const nowMs = Date.now();
    await deleteFinishedBefore(this.db, nowMs - JOB_TTL_MS);
    return insertJob(this.db, actor.id, request, nowMs);
  }

  /** The job if the actor started it; 404 otherwise (other users' jobs do not exist for them). */
  async get(actor: Actor, id: string): Promise<ImportJob> {
    return (await this.owned(actor, id)).job;
  }

  /**
   * Receives the job's file as a byte stream and imports it (all or nothing); resolves with the
   * finished job. 409 if the job already received a file or expired.
   */
  async receive(
    roots: RecordRoots,
    actor: Actor,
    id: string,
    body: ReadableStream<Uint8Array> | null,
    contentLength: number | null,
  ): Promise<ImportJob> {
    const { job } = await this.owned(actor, id);
    if (job.error === EXPIRED_MESSAGE) {
      throw new ServiceError('conflict', EXPIRED_MESSAGE, { code: 'import_expired' });
    }
    const started = new ServiceError(
      'conflict',
      `This import already received its file (it is ${job.status}); start a new one.`,
      { code: 'import_started' },
    );
    if (job.status !== 'waiting') throw started;
    if (!body)
      throw new ServiceError(
        'invalid',
        'The request has no body: send the JSONL file as the request body.',
      );
    if (contentLength !== null && contentLength > MAX_UPLOAD_BYTES) {
      throw new ServiceError(
        'invalid',
        `The file is ${contentLength} bytes; an import takes at most ${MAX_UPLOAD_BYTES}.`,
      );
    }
    const runner = newId();
    const totalBytes = job.totalBytes ?? contentLength;
    if (!(await claimJob(this.db, id, runner, totalBytes, Date.now()))) throw started;
    this.runningHere.add(id);
    const run = new ImportJobRun(
      this.db,
      id,
      runner,
      { phase: 'reading', bytesReceived: 0, totalBytes, entriesRead: 0, errors: 0, warnings: 0 },
      this.options.leaseMs,
      this.log,
    );
    try {
      await this.runImport(run, job, roots, actor, body);
    } finally {
      this.runningHere.delete(id);
    }
    return (await this.owned(actor, id)).job;
  }

  private async runImport(
    run: ImportJobRun,
    job: ImportJob,
    roots: RecordRoots,
    actor: Actor,
    body: ReadableStream<Uint8Array>,
  ): Promise<void> {
    let committed: ImportWritten | undefined;
    let end: JobEnd;
    try {
      const report = await importSamples(
        this.db,
        jsonlEntryBatches(job.fileName, countBytes(body, run)),
        {
          fileName: job.fileName,
          replace: job.replace,
          dryRun: job.dryRun,
          roots,
          actor,
          onProgress: (p) => run.update(p),
          // The job reads imported in the same transaction that stores its samples, and only
          // while this run still holds it: never samples stored under a job declared failed.
          beforeCommit: async (trx, report) => {
            run.stop();
            const fenced = await finishJob(
              trx,
              run.jobId,
              run.runner,
              run.progress,
              { status: 'imported', report },
              Date.now(),
            );
            if (!fenced) {
              throw new ServiceError(
                'conflict',
                'This import was given up for lost while it ran (its lease ran out); nothing was imported. Start it again.',
                { code: 'import_lost' },
              );
            }
          },
          onCommitted: (written) => {
            committed = written;
          },
        },
      );
      end = { status: report.outcome, report };
    } catch (error) {
      await run.settled();
      const message = error instanceof Error ? error.message : String(error);
      try {
        await finishJob(
          this.db,
          run.jobId,
          run.runner,
          run.progress,
          { status: 'failed', error: message },
          Date.now(),
        );
      } catch (recordError) {
        // The lease runs out and other processes see the job failed; the import's error matters more.
        this.log(`Import ${run.jobId}: could not record its failure (${String(recordError)}).`);
      }
      throw error;
    }
    await run.settled();
    if (end.status !== 'imported') {
      await finishJob(this.db, run.jobId, run.runner, run.progress, end, Date.now());
    } else if (committed) {
      await this.announce(actor, run.jobId, end.report, committed);
    }
  }

  private async announce(
    actor: Actor,
    id: string,
    report: ImportReport,
    written: ImportWritten,
  ): Promise<void> {
    const job = (await readJob(this.db, id))?.job;
    if (!job) return;
    for (const listener of this.listeners) {
      try {
        await listener({ job, actor, report, ...written });
      } catch (error) {
        this.log(`After import ${id}: ${String(error)}`);
      }
    }
  }

  /** The job the actor owns, brought up to date (expired, or its process gone); 404 otherwise. */
  private async owned(actor: Actor, id: string): Promise<StoredJob> {
    const nowMs = Date.now();
    let stored = await readJob(this.db, id);
    if (!stored || stored.ownerId !== actor.id) throw notFound('Import');
    const finishedMs = stored.job.finishedAt === null ? null : Date.parse(stored.job.finishedAt);
    if (finishedMs !== null && nowMs - finishedMs > JOB_TTL_MS) throw notFound('Import');
    const stale = this.staleReason(stored, nowMs);
    if (stale !== null) {
      await failStaleJob(this.db, stored, stale, nowMs);
      stored = await readJob(this.db, id);
      if (!stored) throw notFound('Import');
    }
    return stored;
  }

  /** Why a job should be failed now, or null: it expired, or its process stopped. */
  private staleReason(stored: StoredJob, nowMs: number): string | null {
    const { job } = stored;
    if (job.status === 'waiting' && nowMs - Date.parse(job.createdAt) >= WAITING_TTL_MS) {
      return EXPIRED_MESSAGE;
    }
    if (
      job.status === 'running' &&
      !this.runningHere.has(job.id) &&
      (stored.heartbeatAtMs === null || nowMs - stored.heartbeatAtMs > this.options.leaseMs)
    ) {
      return stoppedMessage(this.options.leaseMs);
    }
    return null;
  }
}

/** Passes the upload through, counting bytes into the run and stopping past the size limit. */
async function* countBytes(
  body: ReadableStream<Uint8Array>,
  run: ImportJobRun,
): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let bytes = 0;
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw new ServiceError(
          'invalid',
          `The upload was interrupted (${error instanceof Error ? error.message : String(error)}); nothing was imported.`,
          {
            code: 'upload_interrupted',
          },
        );
      }
      const { done, value } = chunk;
      if (done) return;
      bytes += value.byteLength;
      await run.update({ bytesReceived: bytes });
      if (bytes > MAX_UPLOAD_BYTES) {
        throw new ServiceError(
          'invalid',
          `The upload is larger than ${MAX_UPLOAD_BYTES} bytes; nothing was imported.`,
        );
      }
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
