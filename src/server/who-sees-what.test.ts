import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../schemas/api/audit';
import type { ApiHarness, TestClient } from '../testing/api-harness';
import { createApiHarness } from '../testing/api-harness';
import { denseLabel, loadRealSamples } from '../testing/sample-fixtures';
import { DB_KINDS } from '../testing/test-database';

const samples = loadRealSamples(2);

/** Every audit entry the client can page through (limit 1: the cursor walks past hidden rows). */
async function readWholeAudit(client: TestClient, entity: string): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: number | null = null;
  do {
    const page = await client.request(
      'GET',
      `/api/audit?entity=${entity}&limit=1${cursor === null ? '' : `&cursor=${cursor}`}`,
    );
    expect(page.status).toBe(200);
    entries.push(...(page.body.items as AuditEntry[]));
    cursor = page.body.nextCursor as number | null;
  } while (cursor !== null);
  return entries;
}

describe.each(DB_KINDS)('who sees what on %s', (kind) => {
  let h: ApiHarness;
  let ecgId = '';
  const sampleIds: string[] = [];
  beforeAll(async () => {
    h = await createApiHarness(kind);
    ecgId = (await h.addEcg(samples[0]!.metadata.ecg_id)).id;
    for (const sample of samples) sampleIds.push(await h.addSample(sample));
  });
  afterAll(async () => {
    await h.dispose();
  });

  it("hides cardiologists' label drafts from the audit log, as the label routes do", async () => {
    const label = (note: string) => ({ ...denseLabel(note) });
    const first = h.client('cardiologist');
    const put = (client: TestClient, status: string, note: string, version: number) =>
      client.request('PUT', `/api/ecgs/${ecgId}/label`, {
        body: { status, content: label(note) },
        ifMatch: version,
      });
    expect((await put(first, 'draft', 'DRAFT-SECRET-ONE', 0)).status).toBe(200);
    expect((await put(first, 'draft', 'DRAFT-SECRET-TWO', 1)).status).toBe(200);
    expect((await put(first, 'submitted', 'submitted reading', 2)).status).toBe(200);
    expect((await put(h.client('cardiologist2'), 'draft', 'DRAFT-SECRET-THREE', 0)).status).toBe(
      200,
    );

    for (const reader of ['curator', 'admin'] as const) {
      const entries = await readWholeAudit(h.client(reader), 'dense_label');
      expect(JSON.stringify(entries), reader).not.toContain('DRAFT-SECRET');
      // Only the submission shows: its draft "before" is withheld and said to be.
      expect(
        entries.map((e) => [e.action, e.before, e.redacted]),
        reader,
      ).toEqual([['update:submitted', null, ['before']]]);
      expect(JSON.stringify(entries[0]!.after)).toContain('submitted reading');
    }
    // The label routes agree: the curator cannot read the other draft either.
    const labels = await h.client('curator').request('GET', `/api/ecgs/${ecgId}/labels`);
    expect(JSON.stringify(labels.body)).not.toContain('DRAFT-SECRET');
  });

  it('shows a reviewer only their own flags; curators and admins see every flag', async () => {
    const pass = await h.client('curator').request('POST', '/api/review-passes', {
      body: { name: 'flags visibility' },
    });
    expect(pass.status).toBe(201);
    const flag = (client: TestClient, sampleId: string, comment: string) =>
      client.request('PUT', `/api/review-passes/${pass.body.id}/samples/${sampleId}/verdict`, {
        body: { verdict: 'flag', reason: 'wording', comment },
        ifMatch: 0,
      });
    expect((await flag(h.client('reviewer'), sampleIds[0]!, 'first reviewer')).status).toBe(200);
    expect((await flag(h.client('reviewer2'), sampleIds[1]!, 'second reviewer')).status).toBe(200);

    const raisedBy = async (client: TestClient) =>
      ((await client.request('GET', '/api/flags')).body.items as { raisedBy: string }[])
        .map((f) => f.raisedBy)
        .sort();
    expect(await raisedBy(h.client('reviewer'))).toEqual([h.userIds.reviewer]);
    expect(await raisedBy(h.client('reviewer2'))).toEqual([h.userIds.reviewer2]);
    const everyone = [h.userIds.reviewer, h.userIds.reviewer2].sort();
    expect(await raisedBy(h.client('curator'))).toEqual(everyone);
    expect(await raisedBy(h.client('admin'))).toEqual(everyone);
  });

  it('lets only curators import with replace; admins import new samples only', async () => {
    const start = (client: TestClient, replace: boolean) =>
      client.request('POST', '/api/imports', {
        body: { fileName: 'again.jsonl', replace },
      });
    const admin = await start(h.client('admin'), true);
    expect(admin.status).toBe(403);
    expect(admin.body.error.message).toMatch(/may not import with replace/);
    expect((await start(h.client('admin'), false)).status).toBe(201);
    expect((await start(h.client('curator'), true)).status).toBe(201);
    expect((await start(h.client('reviewer'), true)).status).toBe(403);
    expect((await start(h.client('cardiologist'), true)).status).toBe(403);
    expect((await start(h.anonymous(), true)).status).toBe(401);
  });
});
