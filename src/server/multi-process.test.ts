import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerProcess } from '../testing/server-process';
import { spawnServer } from '../testing/server-process';
import { denseLabel, loadRealSamples } from '../testing/sample-fixtures';
import type { TestDatabase } from '../testing/test-database';
import { createTestDatabase, makeTempDir } from '../testing/test-database';
import { registerEcgRecord } from './services/ecgs';
import { createUser } from './services/users';

const PASSWORD = 'two processes, one database';
const [sample] = loadRealSamples(1);

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
  const dirs = [makeTempDir('ecg-mp-a-'), makeTempDir('ecg-mp-b-')];
  let database: TestDatabase;
  let servers: ServerProcess[] = [];
  let a = '';
  let b = '';
  let ecgId = '';

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    for (const [username, role] of [
      ['cardio', 'cardiologist'],
      ['reviewer', 'reviewer'],
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
      spawnServer({ DATABASE_URL: database.databaseUrl!, DATA_DIR: dir.dir }),
    );
    const [portA, portB] = await Promise.all(servers.map((server) => server.ready));
    a = `http://127.0.0.1:${portA}`;
    b = `http://127.0.0.1:${portB}`;
  }, 120_000);

  afterAll(async () => {
    for (const server of servers) server.child.kill('SIGTERM');
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
});
