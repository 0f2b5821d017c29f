import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDenseLabelLine } from '../domain/taxonomy/validate-label';
import type { ApiHarness, TestUserName } from '../testing/api-harness';
import { createApiHarness } from '../testing/api-harness';
import { denseLabel, loadRealSamples } from '../testing/sample-fixtures';
import { DB_KINDS } from '../testing/test-database';
import { registerEcgRecord } from './services/ecgs';

const [sample] = loadRealSamples(1);
const OTHERS: readonly TestUserName[] = ['reviewer', 'curator', 'admin'];

/** The lines of a JSONL body (the test client parses a one-line body as JSON). */
function jsonlLines(body: unknown): string[] {
  if (body === '' || body === null) return [];
  return typeof body === 'string' ? body.trim().split('\n') : [JSON.stringify(body)];
}

describe.each(DB_KINDS)('label workbench API on %s', (kind) => {
  let h: ApiHarness;
  let withSample = '';
  let prefilled = '';
  let bare = '';

  beforeAll(async () => {
    h = await createApiHarness(kind);
    withSample = (await h.addEcg(sample!.metadata.ecg_id)).id;
    await h.addSample(sample!);
    prefilled = (
      await registerEcgRecord(h.database.storage.db, {
        source: 'ptbxl',
        ecgId: '777',
        path: null,
        metadata: { scp_codes: { IMI: 100, LAFB: 100, SR: 0 }, heart_axis: 'LAD', sex: 1 },
      })
    ).id;
    bare = (await h.addEcg('778', false)).id;
  });
  afterAll(async () => {
    await h.dispose();
  });

  const saveLabel = (
    who: TestUserName,
    ecg: string,
    status: 'draft' | 'submitted',
    content: unknown,
    ifMatch = 0,
  ) =>
    h.client(who).request('PUT', `/api/ecgs/${ecg}/label`, { body: { status, content }, ifMatch });
  const worklistRow = async (who: TestUserName, id: string) => {
    const response = await h.client(who).request('GET', '/api/ecg-worklist');
    expect(response.status).toBe(200);
    return response.body.items.find((row: { id: string }) => row.id === id);
  };

  it('lists every ECG with my status, others’ submitted labels, samples and open checks', async () => {
    expect(await worklistRow('cardiologist', withSample)).toEqual({
      id: withSample,
      source: 'ptbxl',
      ecgId: sample!.metadata.ecg_id,
      recordAvailable: true,
      myStatus: 'none',
      othersLabels: 0,
      samples: 1,
      openChecks: 0,
    });
    expect((await saveLabel('cardiologist', withSample, 'draft', { rate: 'normal' })).status).toBe(
      200,
    );
    expect(
      (await saveLabel('cardiologist2', withSample, 'submitted', denseLabel('theirs'))).status,
    ).toBe(200);
    expect(await worklistRow('cardiologist', withSample)).toMatchObject({
      myStatus: 'draft',
      othersLabels: 1,
    });
    expect(await worklistRow('cardiologist2', withSample)).toMatchObject({
      myStatus: 'submitted',
      othersLabels: 0,
    });
    expect(await worklistRow('cardiologist', bare)).toMatchObject({
      recordAvailable: false,
      samples: 0,
    });
    for (const who of OTHERS)
      expect((await h.client(who).request('GET', '/api/ecg-worklist')).status).toBe(200);
    expect((await h.anonymous().request('GET', '/api/ecg-worklist')).status).toBe(401);
  });

  it('gives the ECG page a PTB-XL draft, sex and the samples about the ECG', async () => {
    const page = await h.client('cardiologist').request('GET', '/api/ecg-refs/ptbxl/777');
    expect(page.status).toBe(200);
    expect(page.body.sex).toBe('female');
    expect(page.body.ptbxlDraft.label).toMatchObject({
      rhythm: 'sinus',
      axis: 'left',
      conduction: ['lafb'],
      ischemia: { territory: ['inferior'] },
    });
    const withSamples = await h
      .client('reviewer')
      .request('GET', `/api/ecg-refs/ptbxl/${sample!.metadata.ecg_id}`);
    expect(withSamples.body.samples).toEqual([
      expect.objectContaining({
        sampleId: sample!.metadata.id,
        targetDx: sample!.metadata.target_dx,
      }),
    ]);
    expect(withSamples.body.ptbxlDraft).toBeNull();
    expect(
      (await h.client('cardiologist').request('GET', '/api/ecg-refs/ptbxl/424242')).status,
    ).toBe(404);
    expect((await h.anonymous().request('GET', '/api/ecg-refs/ptbxl/777')).status).toBe(401);
  });

  it('stores a dismissal (who, when, why) for its values and reopens it when they change', async () => {
    const me = h.client('cardiologist');
    const url = `/api/ecgs/${prefilled}/label/checks`;
    const qrs = {
      checkId: 'lbbb-needs-wide-qrs',
      axis: 'conduction',
      message: 'lbbb needs QRS >= 120 ms; measured 96 ms',
      fingerprint: 'conduction=lbbb|QRS duration=96 ms',
    };
    const reported = await me.request('PUT', url, { body: { checks: [qrs] } });
    expect(reported.status).toBe(200);
    expect(reported.body.items).toEqual([
      expect.objectContaining({ checkId: qrs.checkId, state: 'open', reason: null }),
    ]);
    expect(await worklistRow('cardiologist', prefilled)).toMatchObject({ openChecks: 1 });
    const stale = await me.request('POST', `${url}/${qrs.checkId}/dismissal`, {
      body: { fingerprint: 'conduction=lbbb|QRS duration=97 ms', reason: 'x' },
    });
    expect(stale.status).toBe(409);
    expect(
      (
        await me.request('POST', `${url}/${qrs.checkId}/dismissal`, {
          body: { fingerprint: qrs.fingerprint, reason: '  ' },
        })
      ).status,
    ).toBe(400);
    const dismissed = await me.request('POST', `${url}/${qrs.checkId}/dismissal`, {
      body: { fingerprint: qrs.fingerprint, reason: 'QRS widening obvious in V5-V6 by eye' },
    });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.items[0]).toMatchObject({
      state: 'dismissed',
      reason: 'QRS widening obvious in V5-V6 by eye',
      dismissedBy: 'cardiologist',
    });
    expect(Date.parse(dismissed.body.items[0].dismissedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(await worklistRow('cardiologist', prefilled)).toMatchObject({ openChecks: 0 });
    // Passing for a while, then failing with the same values: still dismissed.
    expect((await me.request('PUT', url, { body: { checks: [] } })).body.items[0].state).toBe(
      'dismissed',
    );
    expect((await me.request('PUT', url, { body: { checks: [qrs] } })).body.items[0].state).toBe(
      'dismissed',
    );
    const page = await me.request('GET', '/api/ecg-refs/ptbxl/777');
    expect(page.body.checks[0]).toMatchObject({ state: 'dismissed', reason: expect.any(String) });
    // Other values: open again, the old dismissal in the audit log.
    const reopened = await me.request('PUT', url, {
      body: { checks: [{ ...qrs, fingerprint: 'conduction=lbbb,rbbb|QRS duration=96 ms' }] },
    });
    expect(reopened.body.items[0]).toMatchObject({
      state: 'open',
      reason: null,
      dismissedBy: null,
    });
    const audit = await h.client('curator').request('GET', `/api/audit?entity=label_check`);
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['dismiss', 'reopen']),
    );
    // Another labeller sees none of it.
    expect(
      (await h.client('cardiologist2').request('GET', '/api/ecg-refs/ptbxl/777')).body.checks,
    ).toEqual([]);
  });

  it('refuses check writes from every other role and anonymous callers', async () => {
    const url = `/api/ecgs/${prefilled}/label/checks`;
    for (const who of OTHERS) {
      expect((await h.client(who).request('PUT', url, { body: { checks: [] } })).status).toBe(403);
      expect(
        (
          await h
            .client(who)
            .request('POST', `${url}/x/dismissal`, { body: { fingerprint: 'f', reason: 'r' } })
        ).status,
      ).toBe(403);
      expect((await saveLabel(who, prefilled, 'draft', { rate: 'normal' })).status).toBe(403);
    }
    expect((await h.anonymous().request('PUT', url, { body: { checks: [] } })).status).toBe(401);
    expect((await h.anonymous().request('POST', '/api/labels/import', { body: '' })).status).toBe(
      401,
    );
  });

  it('exports labels as validated label JSONL: mine for a cardiologist, all submitted for curators', async () => {
    const mine = await h.client('cardiologist2').request('GET', '/api/labels/export');
    expect(mine.status).toBe(200);
    const lines = jsonlLines(mine.body);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(Object.keys(line)).toEqual(['data_source', 'ecg_id', 'label', 'labeller', 'status']);
    expect(line).toMatchObject({ labeller: h.userIds.cardiologist2, status: 'submitted' });
    expect(validateDenseLabelLine(line).problems.filter((p) => p.severity === 'error')).toEqual([]);
    // An incomplete draft is not a label line yet.
    const drafts = await h.client('cardiologist').request('GET', '/api/labels/export');
    expect(drafts.status).toBe(200);
    expect(jsonlLines(drafts.body)).toEqual([]);
    for (const who of ['curator', 'admin'] as const) {
      const all = await h.client(who).request('GET', '/api/labels/export?source=ptbxl');
      expect(jsonlLines(all.body)).toEqual(lines);
    }
    expect((await h.client('reviewer').request('GET', '/api/labels/export')).status).toBe(403);
    expect((await h.anonymous().request('GET', '/api/labels/export')).status).toBe(401);
  });

  it('imports my labels all or nothing, with every problem by line', async () => {
    const me = h.client('cardiologist');
    const good = (ecgId: string, status?: string) =>
      JSON.stringify({
        data_source: 'ptbxl',
        ecg_id: ecgId,
        label: denseLabel(`imported ${ecgId}`),
        ...(status ? { status } : {}),
      });
    const bad = [
      good('778'),
      good('424242'),
      JSON.stringify({ data_source: 'ptbxl', ecg_id: '777', label: { rate: 'fast' } }),
      JSON.stringify({
        data_source: 'ptbxl',
        ecg_id: '777',
        label: denseLabel('x'),
        labeller: h.userIds.cardiologist2,
      }),
      '{not json',
    ].join('\n');
    const refused = await me.request('POST', '/api/labels/import', { body: bad });
    expect(refused.status).toBe(422);
    expect(refused.body.outcome).toBe('refused');
    expect(
      refused.body.problems.map((p: { lineNumber: number; rule: string }) => [
        p.lineNumber,
        p.rule,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [3, expect.any(String)],
        [4, 'labeller-not-you'],
        [5, expect.stringMatching(/^jsonl/)],
      ]),
    );
    expect(await worklistRow('cardiologist', bare)).toMatchObject({ myStatus: 'none' });
    const unknown = await me.request('POST', '/api/labels/import', {
      body: `${good('778')}\n${good('424242')}\n`,
    });
    expect(unknown.body.problems).toEqual([
      expect.objectContaining({ lineNumber: 2, rule: 'unknown-ecg' }),
    ]);
    expect(await worklistRow('cardiologist', bare)).toMatchObject({ myStatus: 'none' });
    const landed = await me.request('POST', '/api/labels/import', {
      body: `${good('778')}\n${good('777', 'submitted')}\n`,
    });
    expect(landed.status).toBe(200);
    expect(landed.body).toMatchObject({
      outcome: 'imported',
      counts: { lines: 2, created: 2, updated: 0 },
    });
    expect(await worklistRow('cardiologist', bare)).toMatchObject({ myStatus: 'draft' });
    expect(await worklistRow('cardiologist', prefilled)).toMatchObject({ myStatus: 'submitted' });
    const again = await me.request('POST', '/api/labels/import', {
      body: `${good('778')}\n${good('777')}\n`,
    });
    expect(again.body.counts).toMatchObject({ unchanged: 1, updated: 1 });
    expect(await worklistRow('cardiologist', prefilled)).toMatchObject({ myStatus: 'draft' });
    // Round trip: what I export imports unchanged.
    const exported = await me.request('GET', '/api/labels/export');
    const back = await me.request('POST', '/api/labels/import', {
      body: jsonlLines(exported.body).join('\n'),
    });
    expect(back.body).toMatchObject({ outcome: 'imported', counts: { unchanged: 2 } });
    for (const who of OTHERS) {
      expect(
        (await h.client(who).request('POST', '/api/labels/import', { body: good('778') })).status,
      ).toBe(403);
    }
  });

  it('streams who has an ECG open', async () => {
    const controller = new AbortController();
    const cookie = h.client('cardiologist').cookie ?? '';
    const response = await h.app.request(`/api/ecgs/${bare}/presence`, {
      headers: { cookie },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('event: presence');
    expect(JSON.parse(/data: (.*)/.exec(text)![1]!)).toEqual({
      you: h.userIds.cardiologist,
      viewers: [{ userId: h.userIds.cardiologist, username: 'cardiologist', role: 'cardiologist' }],
    });
    controller.abort();
    await reader.cancel();
    expect((await h.anonymous().request('GET', `/api/ecgs/${bare}/presence`)).status).toBe(401);
  });
});
