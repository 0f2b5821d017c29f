import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiHarness } from '../testing/api-harness';
import { createApiHarness } from '../testing/api-harness';
import { denseLabel, loadRealSamples } from '../testing/sample-fixtures';
import { DB_KINDS } from '../testing/test-database';

const [sample] = loadRealSamples(1);

describe.each(DB_KINDS)('retries on %s', (kind) => {
  let h: ApiHarness;
  let ecgId = '';
  beforeAll(async () => {
    h = await createApiHarness(kind);
    ecgId = (await h.addEcg(sample!.metadata.ecg_id)).id;
  });
  afterAll(async () => {
    await h.dispose();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("answers 100 concurrent retries of one write with the first one's response", async () => {
    const client = h.client('cardiologist');
    const send = () =>
      client.request('PUT', `/api/ecgs/${ecgId}/label`, {
        body: { status: 'draft', content: denseLabel('retried save') },
        ifMatch: 0,
        idempotencyKey: 'save-7f3a',
      });
    const answers = await Promise.all(Array.from({ length: 100 }, send));
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(200));
    const first = answers.filter((a) => a.headers.get('idempotent-replayed') !== 'true');
    expect(first).toHaveLength(1);
    for (const answer of answers) expect(answer.body).toEqual(first[0]!.body);
    // Applied once: version 1, one audit entry.
    expect(first[0]!.body.label.version).toBe(1);
    const audit = await h.database.storage.db
      .selectFrom('audit_log')
      .select('seq')
      .where('entity_id', '=', first[0]!.body.label.id as string)
      .execute();
    expect(audit).toHaveLength(1);
    const own = await client.request('GET', `/api/ecgs/${ecgId}/label`);
    expect(own.body.label.version).toBe(1);
  });

  it('runs a retry again when the first attempt failed (nothing was stored for its key)', async () => {
    const client = h.client('cardiologist2');
    const stale = await client.request('PUT', `/api/ecgs/${ecgId}/label`, {
      body: { status: 'draft', content: denseLabel('x') },
      ifMatch: 4,
      idempotencyKey: 'fails-first',
    });
    expect(stale.status).toBe(412);
    const retried = await client.request('PUT', `/api/ecgs/${ecgId}/label`, {
      body: { status: 'draft', content: denseLabel('x') },
      ifMatch: 4,
      idempotencyKey: 'fails-first',
    });
    expect(retried.status).toBe(412);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
  });

  it('expires an import that never receives its file', async () => {
    const startMs = Date.now();
    const at = (minutes: number) => vi.setSystemTime(startMs + minutes * 60_000);
    vi.useFakeTimers({ toFake: ['Date'] });
    at(0);
    const curator = h.client('curator');
    const started = await curator.request('POST', '/api/imports', {
      body: { fileName: 'never-sent.jsonl' },
    });
    expect(started.status).toBe(201);
    at(14);
    expect((await curator.request('GET', `/api/imports/${started.body.id}`)).body.status).toBe(
      'waiting',
    );
    at(16);
    const expired = await curator.request('GET', `/api/imports/${started.body.id}`);
    expect(expired.body.status).toBe('failed');
    expect(expired.body.error).toMatch(/No file arrived within 15 minutes/);
    const late = await curator.request('PUT', `/api/imports/${started.body.id}/file`, {
      body: '{}\n',
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('import_expired');
    // Forgotten an hour after it expired, like any finished job.
    at(77);
    expect((await curator.request('GET', `/api/imports/${started.body.id}`)).status).toBe(404);
  });
});
