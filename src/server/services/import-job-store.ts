import type { Transaction } from 'kysely';
import type {
  ImportJob,
  ImportPhase,
  ImportReport,
  StartImportRequest,
} from '../../schemas/api/transfer';
import type { Database, Db, ImportJobsTable } from '../storage/database';
import { newId } from '../storage/ids';

// The import_jobs table, shared by every server process: each change of a job is one
// conditional UPDATE (compare-and-set on its status and runner), so two processes acting on one
// job at once (a PUT on each, a lease expiry seen by one while the other finishes) cannot both
// win.

/** A job as stored, with its owner and the run that holds it. */
export interface StoredJob {
  readonly job: ImportJob;
  readonly ownerId: string;
  readonly runner: string | null;
  /** When the run last renewed its lease (ms since the epoch); null unless running. */
  readonly heartbeatAtMs: number | null;
}

/** How far a running job has come (what its run writes as it goes). */
export interface JobProgress {
  readonly phase: ImportPhase;
  readonly bytesReceived: number;
  readonly totalBytes: number | null;
  readonly entriesRead: number;
  readonly errors: number;
  readonly warnings: number;
}

/** How a job ended. */
export type JobEnd =
  | { readonly status: 'imported' | 'checked' | 'refused'; readonly report: ImportReport }
  | { readonly status: 'failed'; readonly error: string };

function toStoredJob(row: ImportJobsTable): StoredJob {
  return {
    job: {
      id: row.id,
      fileName: row.file_name,
      replace: row.replace === 1,
      dryRun: row.dry_run === 1,
      status: row.status as ImportJob['status'],
      phase: row.phase as ImportPhase | null,
      bytesReceived: Number(row.bytes_received),
      totalBytes: row.total_bytes === null ? null : Number(row.total_bytes),
      entriesRead: row.entries_read,
      errors: row.errors,
      warnings: row.warnings,
      createdAt: row.created_at,
      finishedAt: row.finished_at,
      report: row.report === null ? null : (JSON.parse(row.report) as ImportReport),
      error: row.error,
    },
    ownerId: row.owner_id,
    runner: row.runner,
    heartbeatAtMs: row.heartbeat_at === null ? null : Date.parse(row.heartbeat_at),
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Stores a new job, waiting for its file. */
export async function insertJob(
  db: Db,
  ownerId: string,
  request: StartImportRequest,
  nowMs: number,
): Promise<ImportJob> {
  const row: ImportJobsTable = {
    id: newId(),
    owner_id: ownerId,
    file_name: request.fileName,
    replace: request.replace ? 1 : 0,
    dry_run: request.dryRun ? 1 : 0,
    status: 'waiting',
    phase: null,
    bytes_received: 0,
    total_bytes: request.sizeBytes ?? null,
    entries_read: 0,
    errors: 0,
    warnings: 0,
    created_at: iso(nowMs),
    finished_at: null,
    report: null,
    error: null,
    runner: null,
    heartbeat_at: null,
  };
  await db.insertInto('import_jobs').values(row).execute();
  return toStoredJob(row).job;
}

/** The job, or undefined. */
export async function readJob(db: Db, id: string): Promise<StoredJob | undefined> {
  const row = await db
    .selectFrom('import_jobs')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toStoredJob(row);
}

/** Hands a waiting job to a new run; false if it is no longer waiting (another run has it). */
export async function claimJob(
  db: Db,
  id: string,
  runner: string,
  totalBytes: number | null,
  nowMs: number,
): Promise<boolean> {
  const result = await db
    .updateTable('import_jobs')
    .set({
      status: 'running',
      phase: 'reading',
      runner,
      heartbeat_at: iso(nowMs),
      total_bytes: totalBytes,
    })
    .where('id', '=', id)
    .where('status', '=', 'waiting')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Writes a running job's progress and renews its lease; false if the run no longer holds it. */
export async function saveProgress(
  db: Db,
  id: string,
  runner: string,
  progress: JobProgress,
  nowMs: number,
): Promise<boolean> {
  const result = await db
    .updateTable('import_jobs')
    .set({
      phase: progress.phase,
      bytes_received: progress.bytesReceived,
      total_bytes: progress.totalBytes,
      entries_read: progress.entriesRead,
      errors: progress.errors,
      warnings: progress.warnings,
      heartbeat_at: iso(nowMs),
    })
    .where('id', '=', id)
    .where('runner', '=', runner)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records how a run ended, if the run still holds the job; false otherwise (its lease was
 * declared expired meanwhile). Inside an import's transaction this is the fence: the samples
 * are stored only if the job is still this run's, and the job reads imported only if they are.
 */
export async function finishJob(
  db: Db | Transaction<Database>,
  id: string,
  runner: string,
  progress: JobProgress,
  end: JobEnd,
  nowMs: number,
): Promise<boolean> {
  const result = await db
    .updateTable('import_jobs')
    .set({
      status: end.status,
      phase: end.status === 'failed' ? progress.phase : 'done',
      bytes_received: progress.bytesReceived,
      total_bytes: progress.totalBytes,
      entries_read: progress.entriesRead,
      errors: end.status === 'failed' ? progress.errors : end.report.counts.errors,
      warnings: end.status === 'failed' ? progress.warnings : end.report.counts.warnings,
      report: end.status === 'failed' ? null : JSON.stringify(end.report),
      error: end.status === 'failed' ? end.error : null,
      finished_at: iso(nowMs),
      heartbeat_at: null,
    })
    .where('id', '=', id)
    .where('runner', '=', runner)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Fails a job that is as `seen` still: waiting (it expired) or running under the same run and
 * lease (its process stopped). False if the job moved on meanwhile.
 */
export async function failStaleJob(
  db: Db,
  seen: StoredJob,
  error: string,
  nowMs: number,
): Promise<boolean> {
  let update = db
    .updateTable('import_jobs')
    .set({ status: 'failed', error, finished_at: iso(nowMs), heartbeat_at: null })
    .where('id', '=', seen.job.id)
    .where('status', '=', seen.job.status);
  if (seen.job.status === 'running') {
    update = update.where('runner', '=', seen.runner);
    update =
      seen.heartbeatAtMs === null
        ? update.where('heartbeat_at', 'is', null)
        : update.where('heartbeat_at', '=', iso(seen.heartbeatAtMs));
  }
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Forgets jobs finished before the cutoff. */
export async function deleteFinishedBefore(db: Db, cutoffMs: number): Promise<void> {
  await db.deleteFrom('import_jobs').where('finished_at', '<', iso(cutoffMs)).execute();
}
