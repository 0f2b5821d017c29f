import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportJobSchema } from '../../schemas/api/transfer';
import { TEST_PASSWORD, TestClient, testConfig } from '../../testing/api-harness';
import { controlledBody } from '../../testing/controlled-body';
import type { TestDatabase } from '../../testing/test-database';
import { DB_KINDS, createTestDatabase, makeTempDir } from '../../testing/test-database';
import { createApiApp } from '../app';
import { createUser } from '../services/users';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const ptbxlFile = path.resolve(repoRoot, '../shared/data/benchmark/ptbxl.jsonl');
const recordsDir = path.resolve(repoRoot, '../shared/data/ecg/ptbxl');
const fileText = readFileSync(ptbxlFile, 'utf8');
const fileLines = fileText.split('\n').slice(0, -1);

/** The real CLI, in its own process, on its own SQLite data directory. */
function runCli(args: string[], env: Record<string, string>): string {
  const inherited = { ...process.env };
  delete inherited['DATABASE_URL'];
  return execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), ...args],
    {
      cwd: repoRoot,
      env: { ...inherited, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    },
  );
}

const cliExport: Record<string, { ptbxl: string; manifest: string }> = {};
const cliDir = makeTempDir('ecg-cli-');

beforeAll(() => {
  const env = { DATA_DIR: path.join(cliDir.dir, 'data'), RECORDS_DIR: recordsDir };
  runCli(['import', ptbxlFile], env);
  for (const shape of ['scalar', 'list']) {
    const out = path.join(cliDir.dir, `out-${shape}`);
    runCli(['export', out, '--shape', shape], env);
    cliExport[shape] = {
      ptbxl: readFileSync(path.join(out, 'ptbxl.jsonl'), 'utf8'),
      manifest: readFileSync(path.join(out, 'manifest.json'), 'utf8'),
    };
  }
}, 180_000);
afterAll(() => cliDir.remove());

async function signedIn(app: Hono, username: string): Promise<TestClient> {
  const client = new TestClient(app);
  await client.login(username);
  return client;
}

describe.each(DB_KINDS)('import, export and records API on %s', (kind) => {
  let database: TestDatabase;
  let app: Hono;
  let curator: TestClient;
  let admin: TestClient;
  let reviewer: TestClient;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const config = { ...testConfig(database.dataDir, database.databaseUrl), recordsDir };
    app = createApiApp({ db: database.storage.db, kind, config }).app;
    for (const [username, role] of [
      ['curator', 'curator'],
      ['admin', 'admin'],
      ['reviewer', 'reviewer'],
    ] as const) {
      await createUser(database.storage.db, null, { username, role, password: TEST_PASSWORD });
    }
    curator = await signedIn(app, 'curator');
    admin = await signedIn(app, 'admin');
    reviewer = await signedIn(app, 'reviewer');
  });
  afterAll(async () => {
    await database.dispose();
  });

  async function sampleCount(): Promise<number> {
    const row = await database.storage.db
      .selectFrom('samples')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('lets only curators and admins import', async () => {
    expect(
      (await reviewer.request('POST', '/api/imports', { body: { fileName: 'ptbxl.jsonl' } }))
        .status,
    ).toBe(403);
    expect(
      (await new TestClient(app).request('POST', '/api/imports', { body: { fileName: 'x.jsonl' } }))
        .status,
    ).toBe(401);
    const bad = await curator.request('POST', '/api/imports', {
      body: { fileName: '../x.jsonl', extra: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'body',
      'body.fileName',
    ]);
  });

  it('refuses the file with one broken line: nothing imported, the report names the line', async () => {
    const broken = [...fileLines];
    broken[2499] = broken[2499]!.slice(0, -1);
    const start = await curator.request('POST', '/api/imports', {
      body: { fileName: 'ptbxl.jsonl' },
    });
    expect(start.status).toBe(201);
    expect(start.body.status).toBe('waiting');
    const put = await curator.request('PUT', `/api/imports/${start.body.id}/file`, {
      body: `${broken.join('\n')}\n`,
    });
    expect(put.status).toBe(422);
    const job = ImportJobSchema.parse(put.body);
    expect(job.status).toBe('refused');
    const errors = job.report!.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => p.lineNumber)).toEqual([2500]);
    expect(errors[0]!.text).toContain('ptbxl.jsonl:2500: error:');
    expect(await sampleCount()).toBe(0);
    const again = await curator.request('PUT', `/api/imports/${start.body.id}/file`, {
      body: fileText,
    });
    expect(again.status).toBe(409);
  });

  it('fails an interrupted upload with 400 and imports nothing', async () => {
    const start = await curator.request('POST', '/api/imports', {
      body: { fileName: 'ptbxl.jsonl' },
    });
    const body = controlledBody();
    const upload = app.request(`/api/imports/${start.body.id}/file`, {
      method: 'PUT',
      headers: { cookie: curator.cookie ?? '' },
      body: body.stream,
      duplex: 'half',
    } as RequestInit);
    body.push(`${fileLines.slice(0, 100).join('\n')}\n`);
    body.fail(new Error('client went away'));
    const response = await upload;
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'upload_interrupted',
    );
    const job = await curator.request('GET', `/api/imports/${start.body.id}`);
    expect(job.body).toMatchObject({ status: 'failed' });
    expect(job.body.error).toContain('client went away');
    expect(await sampleCount()).toBe(0);
  });

  it('imports ptbxl.jsonl streamed, with progress readable while the upload runs', async () => {
    const start = await curator.request('POST', '/api/imports', {
      body: { fileName: 'ptbxl.jsonl', sizeBytes: Buffer.byteLength(fileText) },
    });
    const body = controlledBody();
    const upload = app.request(`/api/imports/${start.body.id}/file`, {
      method: 'PUT',
      headers: { cookie: curator.cookie ?? '' },
      body: body.stream,
      duplex: 'half',
    } as RequestInit);
    const half = `${fileLines.slice(0, 1000).join('\n')}\n`;
    body.push(half);
    let progress = (await curator.request('GET', `/api/imports/${start.body.id}`)).body;
    for (let i = 0; i < 200 && progress.entriesRead < 500; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      progress = (await curator.request('GET', `/api/imports/${start.body.id}`)).body;
    }
    // The reader hands entries over in batches, so a partly sent batch may not be counted yet.
    expect(progress).toMatchObject({
      status: 'running',
      phase: 'reading',
      totalBytes: Buffer.byteLength(fileText),
    });
    expect(progress.entriesRead).toBeGreaterThanOrEqual(500);
    expect(progress.entriesRead).toBeLessThanOrEqual(1000);
    expect(progress.bytesReceived).toBe(Buffer.byteLength(half));
    expect(await sampleCount()).toBe(0);
    expect((await admin.request('GET', `/api/imports/${start.body.id}`)).status).toBe(404);
    body.push(`${fileLines.slice(1000).join('\n')}\n`);
    body.close();
    const response = await upload;
    expect(response.status).toBe(200);
    const job = ImportJobSchema.parse(await response.json());
    expect(job).toMatchObject({
      status: 'imported',
      phase: 'done',
      bytesReceived: Buffer.byteLength(fileText),
    });
    expect(job.report!.counts.created).toBe(fileLines.length);
    expect(job.report!.ecgs.withRecord).toBe(40);
    expect(await sampleCount()).toBe(fileLines.length);
  });

  it('refuses a second import of the same ids unless replace is asked', async () => {
    const start = await admin.request('POST', '/api/imports', {
      body: { fileName: 'again.jsonl' },
    });
    const put = await admin.request('PUT', `/api/imports/${start.body.id}/file`, {
      body: `${fileLines.slice(0, 3).join('\n')}\n`,
    });
    expect(put.status).toBe(422);
    expect(
      put.body.report.problems.map((p: { rule: string; lineNumber: number }) => [
        p.rule,
        p.lineNumber,
      ]),
    ).toEqual([
      ['already-imported', 1],
      ['already-imported', 2],
      ['already-imported', 3],
    ]);
    const replace = await curator.request('POST', '/api/imports', {
      body: { fileName: 'again.jsonl', replace: true },
    });
    const ok = await curator.request('PUT', `/api/imports/${replace.body.id}/file`, {
      body: `${fileLines.slice(0, 3).join('\n')}\n`,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.report.counts).toMatchObject({ created: 0, replaced: 0, unchanged: 3 });
  });

  it.each(['scalar', 'list'])(
    'exports the %s shape byte-identical to the CLI export of the same file',
    async (shape) => {
      const jsonl = await curator.request('GET', `/api/export/ptbxl.jsonl?shape=${shape}`);
      expect(jsonl.status).toBe(200);
      expect(jsonl.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
      const text = typeof jsonl.body === 'string' ? jsonl.body : '';
      expect(text.length).toBeGreaterThan(0);
      expect(text === cliExport[shape]!.ptbxl).toBe(true);
      if (shape === 'scalar') expect(text === fileText).toBe(true);
      const manifest = await curator.request('GET', `/api/export/manifest.json?shape=${shape}`);
      expect(manifest.body.answerShape).toBe(shape);
      expect(JSON.stringify(manifest.body, null, 2) + '\n').toBe(cliExport[shape]!.manifest);
      const again = await admin.request('GET', `/api/export/ptbxl.jsonl?shape=${shape}`);
      expect(again.body === jsonl.body).toBe(true);
      expect(again.headers.get('etag')).toBe(jsonl.headers.get('etag'));
    },
  );

  it('keeps ?version= as the old spelling of ?shape=, and writes lists by default', async () => {
    const pairs = [
      ['version=0.0.1', 'shape=scalar'],
      ['version=0.0.2', 'shape=list'],
      ['', 'shape=list'],
    ];
    for (const [old, named] of pairs) {
      const a = await curator.request('GET', `/api/export/ptbxl.jsonl?${old}`);
      const b = await curator.request('GET', `/api/export/ptbxl.jsonl?${named}`);
      expect(a.status).toBe(200);
      expect(a.headers.get('etag')).toBe(b.headers.get('etag'));
    }
    const clash = await curator.request('GET', '/api/export/ptbxl.jsonl?shape=list&version=0.0.1');
    expect(clash.status).toBe(400);
    expect(clash.body.error.issues[0].path).toBe('query.version');
  });

  it('answers 404 for unknown or empty export files, 400 for a bad version, 403 for a reviewer', async () => {
    expect((await curator.request('GET', '/api/export/mimic_iv_ecg.jsonl')).status).toBe(404);
    expect((await curator.request('GET', '/api/export/secrets.txt')).status).toBe(404);
    expect((await curator.request('GET', '/api/export/ptbxl.jsonl?version=0.0.3')).status).toBe(
      400,
    );
    expect((await curator.request('GET', '/api/export/ptbxl.jsonl?shape=lists')).status).toBe(400);
    expect((await reviewer.request('GET', '/api/export/ptbxl.jsonl')).status).toBe(403);
  });

  it('scans RECORDS_DIR and serves the WFDB files a header names, and nothing else', async () => {
    const scan = await curator.request('POST', '/api/records/scan');
    expect(scan.status).toBe(200);
    expect(scan.body.found).toBe(40);
    const withRecord = await database.storage.db
      .selectFrom('ecg_records')
      .select(['ecg_id', 'path'])
      .where('path', 'is not', null)
      .orderBy('ecg_id')
      .executeTakeFirstOrThrow();
    const header = await reviewer.request('GET', `/api/ecgs/ptbxl/${withRecord.ecg_id}/wfdb`);
    expect(header.status).toBe(200);
    const name = path.basename(withRecord.path!);
    expect(header.body).toEqual({
      recordName: name,
      header: readFileSync(path.join(recordsDir, `${withRecord.path}.hea`), 'utf8'),
      files: [`${name}.dat`],
    });
    const dat = await app.request(`/api/ecgs/ptbxl/${withRecord.ecg_id}/wfdb/${name}.dat`, {
      headers: { cookie: reviewer.cookie ?? '' },
    });
    expect(dat.status).toBe(200);
    expect(dat.headers.get('content-type')).toBe('application/octet-stream');
    const bytes = new Uint8Array(await dat.arrayBuffer());
    expect(
      Buffer.from(bytes).equals(readFileSync(path.join(recordsDir, `${withRecord.path}.dat`))),
    ).toBe(true);

    for (const bad of [`${name}.hea`, '..%2F..%2Fptbxl_database.csv', 'x.dat', '%2E%2E']) {
      expect(
        (await reviewer.request('GET', `/api/ecgs/ptbxl/${withRecord.ecg_id}/wfdb/${bad}`)).status,
      ).toBe(404);
    }
    expect(
      (await new TestClient(app).request('GET', `/api/ecgs/ptbxl/${withRecord.ecg_id}/wfdb`))
        .status,
    ).toBe(401);
    expect((await reviewer.request('GET', '/api/ecgs/ptbxl/1/wfdb')).status).toBe(404);
    expect((await reviewer.request('GET', '/api/ecgs/other/1/wfdb')).status).toBe(404);
    const missing = await database.storage.db
      .selectFrom('ecg_records')
      .select('ecg_id')
      .where('path', 'is', null)
      .executeTakeFirstOrThrow();
    const gone = await reviewer.request('GET', `/api/ecgs/ptbxl/${missing.ecg_id}/wfdb`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('record_missing');
  });
});
