import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlledBody } from '../testing/controlled-body';
import type { ServerProcess } from '../testing/server-process';
import { spawnServer } from '../testing/server-process';
import { PTBXL_JSONL, denseLabel, loadRealSamples } from '../testing/sample-fixtures';
import type { TestDatabase } from '../testing/test-database';
import { createTestDatabase, makeTempDir } from '../testing/test-database';
import { registerEcgRecord } from './services/ecgs';
import { createUser } from './services/users';

const PASSWORD = 'two processes, one database';
const [sample] = loadRealSamples(1);
const fileLines = readFileSync(PTBXL_JSONL, 'utf8').split('\n').slice(0, -1);
/** Short, so a killed process's import is seen failed soon; long enough for a busy machine. */
const IMPORT_LEASE_MS = 3000;

interface Answer {
  status: number;
  headers: Headers;
  // Tests assert on shapes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** One JSON request to a server; `cookie` signs it in. */
async function call(
  base: string,
  method: string,
  path: string,
  options: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : null,
  };
}

describe('two server processes on one PostgreSQL', () => {
  // A and B serve every test; C is there to be killed mid-import.
  const dirs = [makeTempDir('ecg-mp-a-'), makeTempDir('ecg-mp-b-'), makeTempDir('ecg-mp-c-')];
  let database: TestDatabase;
  let servers: ServerProcess[] = [];
  let a = '';
  let b = '';
  let c = '';
  let ecgId = '';

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    for (const [username, role] of [
      ['cardio', 'cardiologist'],
      ['reviewer', 'reviewer'],
      ['curator', 'curator'],
    ] as const) {
      await createUser(database.storage.db, null, { username, role, password: PASSWORD });
    }
    ecgId = (
      await registerEcgRecord(database.storage.db, {
        source: 'ptbxl',
        ecgId: sample!.metadata.ecg_id,
        path: null,
      })
    ).id;
    servers = dirs.map((dir) =>
      spawnServer({
        DATABASE_URL: database.databaseUrl!,
        DATA_DIR: dir.dir,
        IMPORT_LEASE_MS: String(IMPORT_LEASE_MS),
      }),
    );
    const [portA, portB, portC] = await Promise.all(servers.map((server) => server.ready));
    a = `http://127.0.0.1:${portA}`;
    b = `http://127.0.0.1:${portB}`;
    c = `http://127.0.0.1:${portC}`;
  }, 120_000);

  afterAll(async () => {
    for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGTERM');
    await Promise.all(servers.map((server) => server.exited));
    await database.dispose();
    for (const dir of dirs) dir.remove();
  });

  async function signIn(base: string, username: string): Promise<string> {
    const response = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    expect(response.status).toBe(200);
    return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  }

  it('keeps a session across processes: signed in on one, known and signed out on the other', async () => {
    const cookie = await signIn(a, 'cardio');
    expect((await call(b, 'GET', '/api/session', { cookie })).body.user.username).toBe('cardio');
    expect((await call(b, 'DELETE', '/api/session', { cookie })).status).toBe(200);
    expect((await call(a, 'GET', '/api/session', { cookie })).status).toBe(401);
  });

  it('counts sign-in attempts of a pair across processes: a burst over both is checked as on one', async () => {
    const attempts = Array.from({ length: 30 }, (_, i) =>
      call(i % 2 === 0 ? a : b, 'POST', '/api/session', {
        body: { username: 'reviewer', password: `guess ${i}` },
      }),
    );
    const statuses = (await Promise.all(attempts)).map((r) => r.status);
    const checked = statuses.filter((status) => status !== 429);
    // One process lets 5 through (4 free, 1 delayed); two with their own counts would let 10.
    expect(checked.length).toBeGreaterThanOrEqual(5);
    expect(checked.length).toBeLessThanOrEqual(6);
    expect(checked.every((status) => status === 401)).toBe(true);
  });

  it('refuses a stale write on one process after a save on the other (412)', async () => {
    const cookie = await signIn(a, 'cardio');
    const save = (base: string, version: number, note: string) =>
      call(base, 'PUT', `/api/ecgs/${ecgId}/label`, {
        cookie,
        body: { status: 'draft', content: denseLabel(note) },
        headers: { 'if-match': `"${version}"` },
      });
    expect((await save(a, 0, 'first on A')).status).toBe(200);
    const stale = await save(b, 0, 'stale on B');
    expect(stale.status).toBe(412);
    expect(stale.body.current.label.content.diagnosis).toBe('first on A');
    expect((await save(b, 1, 'second on B')).status).toBe(200);
    expect((await save(a, 1, 'stale on A')).status).toBe(412);
  });

  it('answers retries of one write sent to both processes at once with one response', async () => {
    const cookie = await signIn(b, 'cardio');
    const current = await call(a, 'GET', `/api/ecgs/${ecgId}/label`, { cookie });
    const version = current.body.label.version as number;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(i % 2 === 0 ? a : b, 'PUT', `/api/ecgs/${ecgId}/label`, {
          cookie,
          body: { status: 'draft', content: denseLabel('retried across processes') },
          headers: { 'if-match': `"${version}"`, 'idempotency-key': 'across-7' },
        }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(answers.filter((r) => r.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    for (const answer of answers) expect(answer.body).toEqual(answers[0]!.body);
    expect(answers[0]!.body.label.version).toBe(version + 1);
  });

  /** Starts the upload of an import job's file to a server; the test sends the chunks. */
  function upload(base: string, id: string, cookie: string) {
    const body = controlledBody();
    const response = fetch(`${base}/api/imports/${id}/file`, {
      method: 'PUT',
      headers: { cookie, 'content-type': 'application/x-ndjson' },
      body: body.stream,
      duplex: 'half',
    } as RequestInit);
    // Awaited by the test; a killed server's broken-off answer must not count as unhandled.
    response.catch(() => undefined);
    return { ...body, response };
  }

  /** Reads an import's progress, from A and B in turn, until the condition holds. */
  async function pollImport(
    id: string,
    cookie: string,
    condition: (job: { status: string; phase: string | null; entriesRead: number }) => boolean,
  ) {
    for (let i = 0; ; i++) {
      const answer = await call(i % 2 === 0 ? a : b, 'GET', `/api/imports/${id}`, { cookie });
      expect(answer.status).toBe(200);
      if (condition(answer.body)) return answer.body;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('runs an import announced on one process and uploaded to the other, its progress read on both', async () => {
    const cookie = await signIn(a, 'curator');
    const started = await call(a, 'POST', '/api/imports', {
      cookie,
      body: { fileName: 'ptbxl.jsonl' },
    });
    expect(started.status).toBe(201);
    const put = upload(b, started.body.id, cookie);
    put.push(`${fileLines.slice(0, 1000).join('\n')}\n`);
    const running = await pollImport(started.body.id, cookie, (job) => job.entriesRead >= 500);
    expect(running).toMatchObject({ status: 'running', phase: 'reading' });
    // The PUT holds the job: a second upload of it, on the other process, is refused.
    const again = await call(a, 'PUT', `/api/imports/${started.body.id}/file`, {
      cookie,
      body: {},
    });
    expect(again.status).toBe(409);
    put.push(`${fileLines.slice(1000).join('\n')}\n`);
    put.close();
    const response = await put.response;
    expect(response.status).toBe(200);
    const done = (await response.json()) as {
      status: string;
      report: { counts: { created: number } };
    };
    expect(done.status).toBe('imported');
    expect(done.report.counts.created).toBe(fileLines.length);
    expect((await call(a, 'GET', `/api/imports/${started.body.id}`, { cookie })).body).toEqual(
      done,
    );
  });

  it('fails an import whose process is killed in the middle of its write, and stores nothing of it', async () => {
    const db = database.storage.db;
    const versionsBefore = await db
      .selectFrom('samples')
      .select(['id', 'version'])
      .orderBy('id')
      .execute();
    expect(versionsBefore).toHaveLength(fileLines.length);
    const cookie = await signIn(a, 'curator');
    const started = await call(a, 'POST', '/api/imports', {
      cookie,
      body: { fileName: 'reworded.jsonl', replace: true },
    });
    // Every sample reworded: the import stores each as its next revision, in file order.
    const reworded = fileLines.map((line) => line.replace('"question":"', '"question":"Now: '));
    const last = JSON.parse(reworded[reworded.length - 1]!) as { metadata: { id: number } };
    // The test holds the last sample's row: the import's transaction, having written all the
    // others, waits there, still open, until C is killed.
    const hold = await db.startTransaction().execute();
    await hold
      .selectFrom('samples')
      .select('id')
      .where('data_source', '=', 'ptbxl')
      .where('sample_id', '=', last.metadata.id)
      .forUpdate()
      .execute();
    const put = upload(c, started.body.id, cookie);
    put.push(`${reworded.join('\n')}\n`);
    put.close();
    const waitingOnLock = async () =>
      Number(
        (
          await sql<{ n: number }>`select count(*) as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`.execute(db)
        ).rows[0]!.n,
      );
    // The import is in its write and waits on the held row (another wait on a lock, say while
    // it registers ECGs, is not the one this test is after).
    const job = async () =>
      (await call(b, 'GET', `/api/imports/${started.body.id}`, { cookie })).body as {
        status: string;
        phase: string;
      };
    try {
      for (;;) {
        const now = await job();
        expect(['waiting', 'running']).toContain(now.status);
        if (now.phase === 'writing' && (await waitingOnLock()) > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const killed = servers[2]!;
      killed.child.kill('SIGKILL');
      await killed.exited;
      await put.response.catch(() => undefined);
    } finally {
      // Released whatever happened above: a held row would keep the servers from stopping.
      await hold.rollback().execute();
    }
    const failed = await pollImport(started.body.id, cookie, (job) => job.status !== 'running');
    expect(failed.status).toBe('failed');
    expect((failed as unknown as { error: string }).error).toMatch(
      /server process running this import stopped.*nothing was imported/,
    );
    expect(
      await db.selectFrom('samples').select(['id', 'version']).orderBy('id').execute(),
    ).toEqual(versionsBefore);
    const revisions = await db
      .selectFrom('sample_revisions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(revisions.n)).toBe(fileLines.length);
  });
});
