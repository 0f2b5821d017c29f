/**
 * Who writes sample content, through the HTTP API on SQLite and PostgreSQL: cardiologists and
 * curators fix samples in place and write new ones; reviewers, admins and anonymous callers are
 * refused on every sample-writing route and nothing is stored. A new sample takes the next free
 * id of its source, is checked by the write gate, and is stored with its revision and audit
 * entry, waiting for review.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SampleWriteResponseSchema } from '../schemas/api/samples';
import type { BenchmarkSampleV002 } from '../schemas/benchmark-sample';
import type { ApiHarness, TestUserName } from '../testing/api-harness';
import { createApiHarness } from '../testing/api-harness';
import { loadRealSamples } from '../testing/sample-fixtures';
import { DB_KINDS } from '../testing/test-database';

const [first, second] = loadRealSamples(2);
/** An ECG of the pool with no sample yet: new samples are written on it. */
const FREE_ECG = '99010';

const reworded = (s: BenchmarkSampleV002, note: string): BenchmarkSampleV002 => {
  const out = structuredClone(s);
  out.data.initial_diagnostic_question.question += ` (${note})`;
  return out;
};

describe.each(DB_KINDS)('sample writers on %s', (kind) => {
  let h: ApiHarness;
  let sampleId = '';

  beforeAll(async () => {
    h = await createApiHarness(kind);
    await h.addEcg(first!.metadata.ecg_id);
    await h.addEcg(FREE_ECG);
    sampleId = await h.addSample(first!);
    await h.addSample(second!);
  });
  afterAll(async () => {
    await h.dispose();
  });

  const count = async () =>
    Number(
      (
        await h.database.storage.db
          .selectFrom('samples')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('lets a cardiologist and a curator fix a sample in place, each a revision with its audit entry', async () => {
    let version = 1;
    for (const who of ['cardiologist', 'curator'] as const) {
      const edited = reworded(first!, who);
      const r = await h.client(who).request('PUT', `/api/samples/${sampleId}`, {
        body: { sample: edited },
        ifMatch: version,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.sample).toEqual(edited);
      version = r.body.version;
      const audit = await h
        .client('curator')
        .request('GET', `/api/audit?entity=sample&entityId=${sampleId}`);
      expect(audit.body.items[0]).toMatchObject({
        actorId: h.userIds[who],
        actorRole: who,
        action: 'fix',
        after: edited,
      });
    }
    const revisions = await h
      .client('reviewer')
      .request('GET', `/api/samples/${sampleId}/revisions`);
    expect(
      revisions.body.items.map((x: { kind: string; authorId: string }) => [x.kind, x.authorId]),
    ).toEqual([
      ['import', null],
      ['fix', h.userIds.cardiologist],
      ['fix', h.userIds.curator],
    ]);
  });

  it('refuses every sample write to reviewers and admins (403) and anonymous callers (401), storing nothing', async () => {
    const current = (await h.client('reviewer').request('GET', `/api/samples/${sampleId}`)).body;
    const fix = { sample: reworded(current.sample, 'not allowed') };
    const created = { sample: { ...first!, metadata: { ...first!.metadata, ecg_id: FREE_ECG } } };
    const moved = created;
    const before = await count();
    const writes = [
      ['PUT', `/api/samples/${sampleId}`, fix, current.version],
      ['POST', '/api/samples', created, undefined],
      ['POST', `/api/samples/${sampleId}/resample`, moved, current.version],
    ] as const;
    const refused: TestUserName[] = ['reviewer', 'reviewer2', 'admin'];
    for (const [method, path, body, ifMatch] of writes) {
      for (const who of refused) {
        const r = await h.client(who).request(method, path, { body, ifMatch });
        expect([method, path, who, r.status, r.body.error.code]).toEqual([
          method,
          path,
          who,
          403,
          'forbidden',
        ]);
      }
      const anonymous = await h.anonymous().request(method, path, { body, ifMatch });
      expect([method, path, anonymous.status]).toEqual([method, path, 401]);
    }
    expect(await count()).toBe(before);
    const after = (await h.client('reviewer').request('GET', `/api/samples/${sampleId}`)).body;
    expect([after.version, after.sample]).toEqual([current.version, current.sample]);
  });

  it('writes a new sample on an ECG of the workspace with the next free id, in review, with revision and audit', async () => {
    const body = {
      sample: { ...second!, metadata: { ...second!.metadata, id: 0, ecg_id: FREE_ECG } },
    };
    const r = await h.client('cardiologist').request('POST', '/api/samples', {
      body,
      idempotencyKey: `create-${kind}`,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const saved = SampleWriteResponseSchema.parse(r.body);
    const nextId = Math.max(first!.metadata.id, second!.metadata.id) + 1;
    expect(saved.sample.metadata).toEqual({ ...second!.metadata, id: nextId, ecg_id: FREE_ECG });
    expect(saved.sample.data).toEqual(second!.data);
    expect(saved.ecg).toMatchObject({ source: 'ptbxl', ecgId: FREE_ECG, recordAvailable: true });
    expect(r.headers.get('etag')).toBe('"1"');
    // A retry with the same key replays the answer; nothing is stored twice.
    const replay = await h.client('cardiologist').request('POST', '/api/samples', {
      body,
      idempotencyKey: `create-${kind}`,
    });
    expect([replay.status, replay.body.id]).toEqual([201, saved.id]);
    const row = await h.database.storage.db
      .selectFrom('samples')
      .select(['status', 'sample_id', 'version'])
      .where('id', '=', saved.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'review', sample_id: nextId, version: 1 });
    const revisions = await h
      .client('curator')
      .request('GET', `/api/samples/${saved.id}/revisions`);
    expect(
      revisions.body.items.map((x: { kind: string; authorId: string }) => [x.kind, x.authorId]),
    ).toEqual([['create', h.userIds.cardiologist]]);
    const audit = await h
      .client('curator')
      .request('GET', `/api/audit?entity=sample&entityId=${saved.id}`);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({
      action: 'create',
      actorRole: 'cardiologist',
      before: null,
    });
    // A curator's new sample takes the id after it.
    const next = await h.client('curator').request('POST', '/api/samples', { body });
    expect([next.status, next.body.sample.metadata.id]).toEqual([201, nextId + 1]);
  });

  it('gives racing new samples distinct ids', async () => {
    const body = { sample: { ...first!, metadata: { ...first!.metadata, ecg_id: FREE_ECG } } };
    const results = await Promise.all(
      [0, 1, 2, 3].map(() => h.client('curator').request('POST', '/api/samples', { body })),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const ids = results.map((r) => r.body.sample.metadata.id as number);
    expect(new Set(ids).size).toBe(4);
  });

  it('refuses a new sample on an unknown ECG (400) or breaking a rule (422), with paths, and stores nothing', async () => {
    const before = await count();
    const unknown = await h.client('cardiologist').request('POST', '/api/samples', {
      body: { sample: { ...first!, metadata: { ...first!.metadata, ecg_id: '99999' } } },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues[0].path).toBe('body.sample.metadata.ecg_id');
    const broken = structuredClone({
      ...first!,
      metadata: { ...first!.metadata, ecg_id: FREE_ECG },
    });
    broken.data.reasoning[0]!.criterion_selection.question = '';
    const invalid = await h.client('cardiologist').request('POST', '/api/samples', {
      body: { sample: broken },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.issues[0]).toMatchObject({
      path: 'body.sample.data.reasoning[0].criterion_selection.question',
      rule: 'question-text',
    });
    const shapeless = await h.client('cardiologist').request('POST', '/api/samples', {
      body: { sample: { data: first!.data } },
    });
    expect(shapeless.status).toBe(422);
    expect(shapeless.body.error.issues.map((i: { path: string }) => i.path)).toContain(
      'body.sample.metadata',
    );
    expect(await count()).toBe(before);
  });
});
