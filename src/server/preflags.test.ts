import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREFLAG_ENGINE_VERSION } from '../domain/review/preflags/catalog';
import { PreflagRunSchema, SamplePreflagsResponseSchema } from '../schemas/api/preflags';
import type { PreflagRun } from '../schemas/api/preflags';
import type { BenchmarkSampleV002 } from '../schemas/benchmark-sample';
import type { ApiHarness, TestClient } from '../testing/api-harness';
import { createApiHarness } from '../testing/api-harness';
import { DB_KINDS } from '../testing/test-database';
import { DEMO_ECG_SPECS, generateDemoEcg } from './services/demo-workspace-data-ecgs';
import { plantDemoDefects } from './services/demo-workspace-data-planted';
import { buildDemoSamples } from './services/demo-workspace-data-samples';
import { seedDemoWorkspaceData } from './services/demo-workspace-data';
import { storeResults } from './services/preflags/preflag-store';

const clean = buildDemoSamples(DEMO_ECG_SPECS.map(generateDemoEcg));
const planted = plantDemoDefects(clean);
const ref = (s: BenchmarkSampleV002) => `ptbxl:${s.metadata.id}`;

describe.each(DB_KINDS)('pre-flags through the API on %s', (kind) => {
  let h: ApiHarness;
  let curator: TestClient;
  const idOf = new Map<string, string>();

  /** Polls the run until it is no longer running (each poll is a real request; no fixed sleeps). */
  async function finished(run: PreflagRun): Promise<PreflagRun> {
    for (;;) {
      const r = await curator.request('GET', `/api/preflags/runs/${run.id}`);
      expect(r.status).toBe(200);
      const now = PreflagRunSchema.parse(r.body);
      if (now.status !== 'running') return now;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async function start(body: Record<string, unknown>): Promise<PreflagRun> {
    const r = await curator.request('POST', '/api/preflags/run', { body });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.headers.get('location')).toBe(`/api/preflags/runs/${r.body.id}`);
    return PreflagRunSchema.parse(r.body);
  }

  const preflagsOf = async (sampleRef: string, client = curator) => {
    const r = await client.request('GET', `/api/samples/${idOf.get(sampleRef)}/preflags`);
    expect(r.status).toBe(200);
    return SamplePreflagsResponseSchema.parse(r.body);
  };

  beforeAll(async () => {
    h = await createApiHarness(kind);
    curator = h.client('curator');
    // The demo workspace: its records under DATA_DIR/demo-records, its clean and planted samples.
    await seedDemoWorkspaceData(h.database.storage.db, {
      dataDir: h.database.dataDir,
      recordsDir: undefined,
      log: () => {},
    });
    const rows = await h.database.storage.db
      .selectFrom('samples')
      .select(['id', 'sample_id'])
      .execute();
    for (const row of rows) idOf.set(`ptbxl:${row.sample_id}`, row.id);
  });
  afterAll(async () => {
    await h.dispose();
  });

  it('refuses the run and run routes to other roles and anonymous; any signed-in reader reads a sample', async () => {
    const sample = idOf.get(ref(clean[0]!))!;
    for (const [path, method] of [
      ['/api/preflags/run', 'POST'],
      ['/api/preflags/runs', 'GET'],
      ['/api/preflags/runs/0000000000000000000000zzzz', 'GET'],
    ] as const) {
      const body = method === 'POST' ? { body: { samples: [ref(clean[0]!)] } } : {};
      expect((await h.anonymous().request(method, path, body)).status).toBe(401);
      for (const name of ['cardiologist', 'reviewer', 'reviewer2'] as const) {
        const r = await h.client(name).request(method, path, body);
        expect(r.status, `${name} ${method} ${path}`).toBe(403);
        expect(r.body.error.code).toBe('forbidden');
      }
    }
    expect((await h.anonymous().request('GET', `/api/samples/${sample}/preflags`)).status).toBe(
      401,
    );
    for (const name of ['cardiologist', 'reviewer', 'curator', 'admin'] as const)
      expect((await h.client(name).request('GET', `/api/samples/${sample}/preflags`)).status).toBe(
        200,
      );
    // Nothing ran: the sample reads as never checked.
    expect((await preflagsOf(ref(clean[0]!))).check).toBeNull();
    const admin = await h.client('admin').request('GET', '/api/preflags/runs');
    expect(admin.status).toBe(200);
    expect(admin.body.items).toEqual([]);
  });

  it('runs on every sample in worker threads: every planted defect found, no clean sample flagged', async () => {
    const run = await start({});
    expect(run).toMatchObject({
      trigger: 'request',
      total: clean.length + planted.length,
      engineVersion: PREFLAG_ENGINE_VERSION,
    });
    expect(run.workers).toBeGreaterThanOrEqual(1);
    const done = await finished(run);
    expect(done).toMatchObject({
      status: 'done',
      done: clean.length + planted.length,
      flagged: planted.length,
      failed: 0,
      error: null,
    });
    for (const p of planted) {
      const read = await preflagsOf(ref(p.sample));
      expect(read.check).toMatchObject({ status: 'checked', stale: false, sampleVersion: 1 });
      for (const e of p.expected)
        expect(read.items, p.defect).toContainEqual(
          expect.objectContaining({
            rule: e.rule,
            at: e.at,
            engineVersion: PREFLAG_ENGINE_VERSION,
          }),
        );
      // What the review screen needs: the message and the numbers behind it.
      for (const item of read.items) expect(item.message.length).toBeGreaterThan(20);
    }
    const measured = await preflagsOf(ref(planted[2]!.sample));
    expect(measured.items[0]).toMatchObject({
      rule: 'measurement-outside-bins',
      numbers: {
        unit: 'ms',
        basis: 'beat',
        value: expect.any(Number),
        accepted: expect.any(Array),
      },
    });
    for (const s of clean) {
      const read = await preflagsOf(ref(s));
      expect(read.items, ref(s)).toEqual([]);
      expect(read.check?.status).toBe('checked');
    }
  });

  it('the sample list filters on pre-flags and on a rule', async () => {
    const list = async (query: string) => {
      const r = await curator.request('GET', `/api/samples?limit=100&${query}`);
      expect(r.status).toBe(200);
      return (r.body.items as { metadata: { id: number } }[]).map((i) => i.metadata.id);
    };
    expect(await list('preflag=flagged')).toEqual(planted.map((p) => p.sample.metadata.id));
    expect(await list('preflag=clean')).toEqual(clean.map((s) => s.metadata.id));
    expect(await list('preflag_rule=duplicate-option')).toEqual([planted[4]!.sample.metadata.id]);
    const bad = await curator.request('GET', '/api/samples?preflag_rule=nonsense');
    expect(bad.status).toBe(400);
  });

  it("a re-run replaces each sample's rows, never adds to them", async () => {
    const count = async () =>
      Number(
        (
          await h.database.storage.db
            .selectFrom('sample_preflags')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const run = await finished(
      await start({ filter: { targetDx: 'inferior_myocardial_infarction' } }),
    );
    expect(run).toMatchObject({ status: 'done', total: 6, done: 6, flagged: 2 });
    expect(await count()).toBe(before);
    const check = await h.database.storage.db
      .selectFrom('sample_preflag_checks')
      .select('run_id')
      .where('sample_pk', '=', idOf.get(ref(planted[3]!.sample))!)
      .executeTakeFirstOrThrow();
    expect(check.run_id).toBe(run.id);
  });

  it('a fixed sample reads stale until a stale-only run checks it again', async () => {
    const target = planted[4]!.sample;
    const id = idOf.get(ref(target))!;
    const fixed = structuredClone(target);
    const g = fixed.data.reasoning[0]!.ecg_grounding[0]!;
    g.options = g.options.slice(0, -1);
    const put = await curator.request('PUT', `/api/samples/${id}`, {
      body: { sample: fixed },
      ifMatch: 1,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await preflagsOf(ref(target))).check).toMatchObject({ stale: true, sampleVersion: 1 });
    const run = await finished(await start({ onlyStale: true }));
    expect(run).toMatchObject({ status: 'done', total: 1, flagged: 0 });
    const read = await preflagsOf(ref(target));
    expect(read).toMatchObject({
      sampleVersion: 2,
      check: { stale: false, sampleVersion: 2 },
      items: [],
    });
  });

  it('a result computed on an older version is not stored', async () => {
    const id = idOf.get(ref(planted[4]!.sample))!;
    const outcome = await storeResults(h.database.storage.db, null, [
      {
        sampleId: id,
        version: 1,
        result: { key: id, status: 'checked', note: null, flags: [] },
      },
    ]);
    expect(outcome).toEqual({ stored: 0, flagged: 0, failed: 0 });
    expect((await preflagsOf(ref(planted[4]!.sample))).check?.sampleVersion).toBe(2);
  });

  it('takes a list of samples, refusing unknown ones and a list with a filter', async () => {
    const run = await finished(await start({ samples: [ref(planted[0]!.sample), ref(clean[0]!)] }));
    expect(run).toMatchObject({ total: 2, flagged: 1, scope: { listed: 2, onlyStale: false } });
    const unknown = await curator.request('POST', '/api/preflags/run', {
      body: { samples: ['ptbxl:123456789'] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues[0].path).toBe('body.samples[0]');
    const both = await curator.request('POST', '/api/preflags/run', {
      body: { samples: [ref(clean[0]!)], filter: { dxLabel: true } },
    });
    expect(both.status).toBe(400);
  });

  it('runs after an import lands, in the background; a sample without a record gets the text rules', async () => {
    const sample = structuredClone(planted[4]!.sample);
    sample.metadata.id = 95000;
    sample.metadata.ecg_id = '95000';
    const text = `${JSON.stringify(sample)}\n`;
    const job = await curator.request('POST', '/api/imports', {
      body: { fileName: 'one.jsonl', sizeBytes: text.length, replace: false, dryRun: false },
    });
    expect(job.status).toBe(201);
    const put = await curator.request('PUT', `/api/imports/${job.body.id}/file`, { body: text });
    expect(put.body.status).toBe('imported');
    // The import answered first; its run shows up once the background has stored it.
    let run: PreflagRun | undefined;
    while (!run) {
      const runs = await curator.request('GET', '/api/preflags/runs');
      run = (runs.body.items as PreflagRun[]).find((r) => r.trigger === 'import');
      if (!run) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(run).toMatchObject({ trigger: 'import', total: 1, scope: { onlyStale: true } });
    expect(await finished(run)).toMatchObject({ status: 'done', done: 1, flagged: 1 });
    const id = (
      await h.database.storage.db
        .selectFrom('samples')
        .select('id')
        .where('sample_id', '=', 95000)
        .executeTakeFirstOrThrow()
    ).id;
    idOf.set('ptbxl:95000', id);
    const read = await preflagsOf('ptbxl:95000');
    expect(read.check).toMatchObject({
      status: 'no-record',
      note: expect.stringContaining('no record'),
    });
    expect(read.items.map((i) => i.rule)).toEqual(['duplicate-option']);
  });
});
