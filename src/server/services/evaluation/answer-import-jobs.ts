/**
 * Answer import jobs of one server process, as the sample import runs them: announced (POST),
 * sent as one streamed JSONL body (PUT) and polled for progress (GET) by the user who started it.
 */
import { jsonlEntryBatches } from '../../../domain/jsonl/source-entry';
import type { AnswerImportJob, StartAnswerImportRequest } from '../../../schemas/api/evaluation';
import type { Db } from '../../storage/database';
import { newId, nowIso } from '../../storage/ids';
import type { Actor } from '../actor';
import { ServiceError, notFound } from '../service-error';
import { importAnswers } from './answer-import';

/** The largest answers file an import takes (bytes): 10 models' worth of a 6,400-sample benchmark. */
export const MAX_ANSWER_UPLOAD_BYTES = 1024 * 1024 * 1024;
const JOB_TTL_MS = 60 * 60 * 1000;

interface JobEntry {
  job: AnswerImportJob;
  ownerId: string;
  finishedAtMs: number | null;
}

const tooLarge = (bytes: number) =>
  new ServiceError(
    'invalid',
    `The file is ${bytes} bytes; an answers import takes at most ${MAX_ANSWER_UPLOAD_BYTES}. Split it by model.`,
  );

/** The answer import jobs of one server. */
export class AnswerImportJobs {
  private readonly jobs = new Map<string, JobEntry>();

  private sweep(): void {
    const now = Date.now();
    for (const [id, entry] of this.jobs) {
      if (entry.finishedAtMs !== null && now - entry.finishedAtMs > JOB_TTL_MS)
        this.jobs.delete(id);
    }
  }

  /** Announces an upload. */
  start(actor: Actor, request: StartAnswerImportRequest): AnswerImportJob {
    this.sweep();
    if (request.sizeBytes !== undefined && request.sizeBytes > MAX_ANSWER_UPLOAD_BYTES)
      throw tooLarge(request.sizeBytes);
    const job: AnswerImportJob = {
      id: newId(),
      fileName: request.fileName,
      model: request.model,
      status: 'waiting',
      bytesReceived: 0,
      totalBytes: request.sizeBytes ?? null,
      linesRead: 0,
      createdAt: nowIso(),
      finishedAt: null,
      report: null,
      error: null,
    };
    this.jobs.set(job.id, { job, ownerId: actor.id, finishedAtMs: null });
    return job;
  }

  /** The job if the actor started it; 404 otherwise. */
  get(actor: Actor, id: string): AnswerImportJob {
    const entry = this.jobs.get(id);
    if (!entry || entry.ownerId !== actor.id) throw notFound('Answer import');
    return { ...entry.job };
  }

  /** Receives the JSONL body and imports it; resolves with the finished job. */
  async receive(
    db: Db,
    actor: Actor,
    id: string,
    body: ReadableStream<Uint8Array> | null,
    contentLength: number | null,
  ): Promise<AnswerImportJob> {
    const entry = this.jobs.get(id);
    if (!entry || entry.ownerId !== actor.id) throw notFound('Answer import');
    if (entry.job.status !== 'waiting') {
      throw new ServiceError(
        'conflict',
        `This import already received its file (it is ${entry.job.status}); start a new one.`,
        { code: 'import_started' },
      );
    }
    if (!body)
      throw new ServiceError(
        'invalid',
        'The request has no body: send the answers JSONL as the body.',
      );
    if (contentLength !== null && contentLength > MAX_ANSWER_UPLOAD_BYTES)
      throw tooLarge(contentLength);
    const job = entry.job;
    job.status = 'running';
    if (job.totalBytes === null) job.totalBytes = contentLength;
    const finish = () => {
      job.finishedAt = nowIso();
      entry.finishedAtMs = Date.now();
    };
    try {
      const report = await importAnswers(db, jsonlEntryBatches(job.fileName, counted(body, job)), {
        fileName: job.fileName,
        model: job.model,
        actor,
        onProgress: (lines) => {
          job.linesRead = lines;
        },
      });
      job.report = report;
      job.status = report.outcome;
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

/** Passes the upload through, counting bytes into the job and stopping past the size limit. */
async function* counted(
  body: ReadableStream<Uint8Array>,
  job: AnswerImportJob,
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
          { code: 'upload_interrupted' },
        );
      }
      if (chunk.done) return;
      job.bytesReceived += chunk.value.byteLength;
      if (job.bytesReceived > MAX_ANSWER_UPLOAD_BYTES) throw tooLarge(job.bytesReceived);
      yield chunk.value;
    }
  } finally {
    reader.releaseLock();
  }
}

const stores = new WeakMap<object, AnswerImportJobs>();

/** The answer import jobs of one server (keyed by its deps object). */
export function answerImportJobsFor(owner: object): AnswerImportJobs {
  let store = stores.get(owner);
  if (!store) {
    store = new AnswerImportJobs();
    stores.set(owner, store);
  }
  return store;
}
