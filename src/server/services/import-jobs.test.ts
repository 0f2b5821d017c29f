import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImportJob } from '../../schemas/api/transfer';
import { controlledBody } from '../../testing/controlled-body';
import { PTBXL_JSONL, REPO_ROOT } from '../../testing/sample-fixtures';
import type { TestDatabase } from '../../testing/test-database';
import { DB_KINDS, createTestDatabase, makeTempDir } from '../../testing/test-database';
import type { Actor } from './actor';
import type { ImportCompleted } from './import-jobs';
import { ImportJobs } from './import-jobs';
import { claimJob } from './import-job-store';
import type { RecordRoots } from './records';
import { insertUser } from './users';

const fileText = readFileSync(PTBXL_JSONL, 'utf8');
const fileLines = fileText.split('\n').slice(0, -1);
const recordsDir = path.resolve(REPO_ROOT, '../shared/data/ecg/ptbxl');
const LEASE_MS = 30_000;

/** Polls until the job satisfies the condition (each poll lets the import run on). */
async function until(
  read: () => Promise<ImportJob>,
  condition: (job: ImportJob) => boolean,
): Promise<ImportJob> {
  for (;;) {
    const job = await read();
    if (condition(job)) return job;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(DB_KINDS)('import jobs in the database on %s', (kind) => {
  let database: TestDatabase;
  let roots: RecordRoots;
  let curator: Actor;
  let other: Actor;
  // Two job services on one database: two server processes as the jobs see them.
  let a: ImportJobs;
  let b: ImportJobs;
  const demo = makeTempDir('ecg-demo-');

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    roots = { recordsDir, demoDir: demo.dir };
    const user = (username: string) =>
      insertUser(database.storage.db, null, { username, role: 'curator', passwordHash: 'x' });
    curator = await user('curator');
    other = await user('curator2');
    a = new ImportJobs(database.storage.db, { leaseMs: LEASE_MS });
    b = new ImportJobs(database.storage.db, { leaseMs: LEASE_MS });
  });
  afterAll(async () => {
    await database.dispose();
    demo.remove();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function sampleCount(): Promise<number> {
    const row = await database.storage.db
      .selectFrom('samples')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('announced on one process, uploaded to another, followed on both; done once', async () => {
    // The uploading process renews its lease every 100 ms: renewals are due (on SQLite, held up
    // by the import's own transaction) while the import writes, and must not hold up its commit.
    const quick = new ImportJobs(database.storage.db, { leaseMs: 500 });
    const completed: ImportCompleted[] = [];
    const stop = quick.onImported(async (event) => {
      // Called after the commit: the samples are there for whatever follows.
      expect(await sampleCount()).toBe(fileLines.length);
      completed.push(event);
    });
    const job = await a.start(curator, { fileName: 'ptbxl.jsonl', replace: false, dryRun: false });
    await expect(b.get(other, job.id)).rejects.toMatchObject({ kind: 'not_found' });
    const body = controlledBody();
    const upload = quick.receive(roots, curator, job.id, body.stream, Buffer.byteLength(fileText));
    body.push(`${fileLines.slice(0, 1000).join('\n')}\n`);
    const running = await until(
      () => a.get(curator, job.id),
      (j) => j.entriesRead >= 500,
    );
    expect(running).toMatchObject({ status: 'running', phase: 'reading' });
    // A second upload of the same job, on either process, is refused while this one runs.
    await expect(
      a.receive(roots, curator, job.id, controlledBody().stream, null),
    ).rejects.toMatchObject({ extra: { code: 'import_started' } });
    body.push(`${fileLines.slice(1000).join('\n')}\n`);
    body.close();
    const done = await upload;
    expect(done).toMatchObject({ status: 'imported', phase: 'done' });
    expect(await a.get(curator, job.id)).toEqual(done);
    stop();
    expect(completed).toHaveLength(1);
    expect(completed[0]!.job).toEqual(done);
    expect(completed[0]!.createdSampleIds).toHaveLength(fileLines.length);
    expect(completed[0]!.report.counts.created).toBe(fileLines.length);
  });

  it('fails a running job once its process stops renewing the lease; its PUT is refused', async () => {
    const job = await a.start(curator, { fileName: 'lost.jsonl', replace: false, dryRun: false });
    // A process took the upload, then died (kill -9): nothing renews its lease any more.
    expect(await claimJob(database.storage.db, job.id, 'gone', null, Date.now())).toBe(true);
    const startMs = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(startMs + LEASE_MS - 1000);
    expect((await b.get(curator, job.id)).status).toBe('running');
    vi.setSystemTime(startMs + LEASE_MS + 1000);
    const failed = await b.get(curator, job.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(
      /server process running this import stopped.*nothing was imported/,
    );
    expect(await a.get(curator, job.id)).toEqual(failed);
  });

  it('stores nothing when the job was given up for lost before the import committed', async () => {
    const before = await sampleCount();
    const job = await a.start(curator, {
      fileName: 'again.jsonl',
      replace: true,
      dryRun: false,
    });
    const body = controlledBody();
    const upload = a.receive(roots, curator, job.id, body.stream, null);
    const edited = fileLines
      .slice(0, 50)
      .map((line) => line.replace('"question":"', '"question":"Now: '));
    body.push(`${edited.join('\n')}\n`);
    await until(
      () => a.get(curator, job.id),
      (j) => j.bytesReceived > 0,
    );
    // Another process saw the lease run out (a long pause here) and failed the job.
    await database.storage.db
      .updateTable('import_jobs')
      .set({ status: 'failed', error: 'lost' })
      .where('id', '=', job.id)
      .execute();
    body.close();
    await expect(upload).rejects.toMatchObject({ extra: { code: 'import_lost' } });
    expect(await sampleCount()).toBe(before);
    const revised = await database.storage.db
      .selectFrom('samples')
      .select('version')
      .where('version', '>', 1)
      .execute();
    expect(revised).toEqual([]);
    expect((await b.get(curator, job.id)).status).toBe('failed');
  });

  it('lets one of two simultaneous uploads of a job run, on two processes', async () => {
    const job = await a.start(curator, { fileName: 'twice.jsonl', replace: false, dryRun: true });
    // One broken line: the import that runs refuses the file, whatever the workspace holds.
    const head = `${fileLines.slice(0, 20).join('\n')}\n{"metadata":\n`;
    const send = (jobs: ImportJobs) => {
      const body = controlledBody();
      body.push(head);
      body.close();
      return jobs.receive(roots, curator, job.id, body.stream, null);
    };
    const results = await Promise.allSettled([send(a), send(b)]);
    const ran = results.filter((r) => r.status === 'fulfilled');
    expect(ran).toHaveLength(1);
    expect((ran[0] as PromiseFulfilledResult<ImportJob>).value.status).toBe('refused');
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ extra: { code: 'import_started' } });
  });
});
