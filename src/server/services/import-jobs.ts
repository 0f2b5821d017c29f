import { jsonlEntryBatches } from '../../domain/jsonl/source-entry';
import type { ImportJob, StartImportRequest } from '../../schemas/api/transfer';
import type { Db } from '../storage/database';
import { newId, nowIso } from '../storage/ids';
import type { Actor } from './actor';
import { importSamples } from './import/import-samples';
import type { RecordRoots } from './records';
import { ServiceError, notFound } from './service-error';

/** The largest upload an import takes (bytes). */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
/** Finished jobs are forgotten after this long. */
const JOB_TTL_MS = 60 * 60 * 1000;
/** A job that has not started receiving its file after this long expires (fails). */
export const WAITING_TTL_MS = 15 * 60 * 1000;

interface JobEntry {
  job: ImportJob;
  ownerId: string;
  finishedAtMs: number | null;
}

/**
 * Import jobs of one server process, in memory: a job is announced (POST), receives its file
 * (PUT, streamed and imported as it arrives) and is polled for progress (GET) by the user who
 * started it. Jobs are lost when the process stops; the import itself is all or nothing.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, JobEntry>();

  private sweep(): void {
    const now = Date.now();
    for (const [id, entry] of this.jobs) {
      expireIfStale(entry, now);
      if (entry.finishedAtMs !== null && now - entry.finishedAtMs > JOB_TTL_MS)
        this.jobs.delete(id);
    }
  }

  /** Announces an upload; returns the waiting job. */
  start(actor: Actor, request: StartImportRequest): ImportJob {
    this.sweep();
    if (request.sizeBytes !== undefined && request.sizeBytes > MAX_UPLOAD_BYTES) {
      throw new ServiceError(
        'invalid',
        `The file is ${request.sizeBytes} bytes; an import takes at most ${MAX_UPLOAD_BYTES}.`,
        {
          issues: [{ path: 'body.sizeBytes', message: `must be at most ${MAX_UPLOAD_BYTES}` }],
        },
      );
    }
    const job: ImportJob = {
      id: newId(),
      fileName: request.fileName,
      replace: request.replace,
      dryRun: request.dryRun,
      status: 'waiting',
      phase: null,
      bytesReceived: 0,
      totalBytes: request.sizeBytes ?? null,
      entriesRead: 0,
      errors: 0,
      warnings: 0,
      createdAt: nowIso(),
      finishedAt: null,
      report: null,
      error: null,
    };
    this.jobs.set(job.id, { job, ownerId: actor.id, finishedAtMs: null });
    return job;
  }

  /** The job if the actor started it; 404 otherwise (other users' jobs do not exist for them). */
  get(actor: Actor, id: string): ImportJob {
    this.sweep();
    const entry = this.jobs.get(id);
    if (!entry || entry.ownerId !== actor.id) throw notFound('Import');
    return { ...entry.job };
  }

  /**
   * Receives the job's file as a byte stream and imports it (all or nothing); resolves with the
   * finished job. 409 if the job already received a file.
   */
  async receive(
    db: Db,
    roots: RecordRoots,
    actor: Actor,
    id: string,
    body: ReadableStream<Uint8Array> | null,
    contentLength: number | null,
  ): Promise<ImportJob> {
    this.sweep();
    const entry = this.jobs.get(id);
    if (!entry || entry.ownerId !== actor.id) throw notFound('Import');
    if (entry.job.error === EXPIRED_MESSAGE) {
      throw new ServiceError('conflict', EXPIRED_MESSAGE, { code: 'import_expired' });
    }
    if (entry.job.status !== 'waiting') {
      throw new ServiceError(
        'conflict',
        `This import already received its file (it is ${entry.job.status}); start a new one.`,
        {
          code: 'import_started',
        },
      );
    }
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
    const job = entry.job;
    job.status = 'running';
    job.phase = 'reading';
    if (job.totalBytes === null) job.totalBytes = contentLength;
    const finish = () => {
      job.finishedAt = nowIso();
      entry.finishedAtMs = Date.now();
    };
    try {
      const report = await importSamples(
        db,
        jsonlEntryBatches(job.fileName, countBytes(body, job)),
        {
          fileName: job.fileName,
          replace: job.replace,
          dryRun: job.dryRun,
          roots,
          actor,
          onProgress: (p) => {
            job.phase = p.phase;
            job.entriesRead = p.entriesRead;
            job.errors = p.errors;
            job.warnings = p.warnings;
          },
        },
      );
      job.report = report;
      job.status = report.outcome;
      job.phase = 'done';
      job.errors = report.counts.errors;
      job.warnings = report.counts.warnings;
    } catch (error) {
      job.status = 'failed';
      job.error = error instanceof Error ? error.message : String(error);
      finish();
      throw error;
    }
    finish();
    return { ...job };
  }
}

const EXPIRED_MESSAGE = `No file arrived within ${WAITING_TTL_MS / 60_000} minutes, so this import expired; start a new one.`;

/** Fails a job still waiting for its file after WAITING_TTL_MS (then forgotten like any other). */
function expireIfStale(entry: JobEntry, nowMs: number): void {
  if (entry.job.status !== 'waiting' || nowMs - Date.parse(entry.job.createdAt) < WAITING_TTL_MS) {
    return;
  }
  entry.job.status = 'failed';
  entry.job.error = EXPIRED_MESSAGE;
  entry.job.finishedAt = new Date(nowMs).toISOString();
  entry.finishedAtMs = nowMs;
}

/** Passes the upload through, counting bytes into the job and stopping past the size limit. */
async function* countBytes(
  body: ReadableStream<Uint8Array>,
  job: ImportJob,
): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
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
      job.bytesReceived += value.byteLength;
      if (job.bytesReceived > MAX_UPLOAD_BYTES) {
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

const stores = new WeakMap<object, ImportJobs>();

/** The job store of one server (keyed by its deps object, so each app has its own). */
export function importJobsFor(owner: object): ImportJobs {
  let store = stores.get(owner);
  if (!store) {
    store = new ImportJobs();
    stores.set(owner, store);
  }
  return store;
}
