import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SampleListResponseSchema,
  SampleNeighboursSchema,
  SampleResponseSchema,
} from '../schemas/api/samples';
import type { ApiHarness } from '../testing/api-harness';
import { TEST_PASSWORD, TestClient, createApiHarness } from '../testing/api-harness';
import { denseLabel, loadRealSamples } from '../testing/sample-fixtures';
import { DB_KINDS } from '../testing/test-database';

const realSamples = loadRealSamples(40);

describe.each(DB_KINDS)('API on %s', (kind) => {
  let h: ApiHarness;
  const sampleIds: string[] = [];
  let ecgA = '';
  let ecgB = '';

  beforeAll(async () => {
    h = await createApiHarness(kind);
    ecgA = (await h.addEcg(realSamples[0]!.metadata.ecg_id)).id;
    ecgB = (await h.addEcg('99999', false)).id;
    for (const sample of realSamples) sampleIds.push(await h.addSample(sample));
  });
  afterAll(async () => {
    await h.dispose();
  });

  describe('session', () => {
    it('signs in with an HttpOnly, SameSite=Strict cookie and a new id each time', async () => {
      const client = new TestClient(h.app);
      const first = await client.request('POST', '/api/session', {
        body: { username: 'curator', password: TEST_PASSWORD },
      });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        user: { id: h.userIds.curator, username: 'curator', role: 'curator' },
      });
      const cookie = first.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).not.toMatch(/Secure/i);
      const oldCookie = client.cookie;
      await client.login('curator');
      expect(client.cookie).not.toBe(oldCookie);
      const stale = new TestClient(h.app);
      stale.cookie = oldCookie;
      expect((await stale.request('GET', '/api/session')).status).toBe(401);
      expect((await client.request('GET', '/api/session')).body.user.username).toBe('curator');
    });

    it('signs out: the cookie stops working', async () => {
      const client = await h.freshClient('reviewer');
      const cookie = client.cookie;
      expect((await client.request('DELETE', '/api/session')).status).toBe(200);
      const replay = new TestClient(h.app);
      replay.cookie = cookie;
      expect((await replay.request('GET', '/api/session')).status).toBe(401);
    });

    it('refuses a wrong password with 401 and no cookie', async () => {
      const client = new TestClient(h.app);
      const response = await client.request('POST', '/api/session', {
        body: { username: 'admin', password: 'wrong password!' },
      });
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('invalid_credentials');
      expect(client.cookie).toBeUndefined();
    });

    it('throttles an account after 5 failures, even for the right password', async () => {
      const client = new TestClient(h.app);
      for (let i = 0; i < 5; i++) {
        const r = await client.request('POST', '/api/session', {
          body: { username: 'reviewer2', password: 'nope-nope-nope' },
        });
        expect(r.status).toBe(401);
      }
      const locked = await client.request('POST', '/api/session', {
        body: { username: 'reviewer2', password: TEST_PASSWORD },
      });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      // Other accounts are not locked by it.
      await new TestClient(h.app).login('curator');
    });

    it('refuses unknown body keys with 400 naming the path', async () => {
      const r = await h.anonymous().request('POST', '/api/session', {
        body: { username: 'admin', password: 'x', remember: true },
      });
      expect(r.status).toBe(400);
      expect(r.body.error.issues[0].path).toBe('body');
      expect(r.body.error.issues[0].message).toMatch(/remember/);
    });

    it('refuses malformed JSON with 400', async () => {
      const r = await h.anonymous().request('POST', '/api/session', { body: '{"username":' });
      expect(r.status).toBe(400);
      expect(r.body.error.message).toMatch(/not valid JSON/);
    });
  });

  describe('cross-site requests', () => {
    it('refuses a mutating request from another origin', async () => {
      const r = await h.client('admin').request('POST', '/api/users', {
        body: { username: 'mallory', role: 'admin', password: 'x'.repeat(12) },
        headers: { origin: 'https://evil.example', host: 'localhost:8080' },
      });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('cross_site');
    });

    it('refuses Sec-Fetch-Site: cross-site even without Origin', async () => {
      const r = await h.client('cardiologist').request('DELETE', '/api/session', {
        headers: { 'sec-fetch-site': 'cross-site' },
      });
      expect(r.status).toBe(403);
      expect((await h.client('cardiologist').request('GET', '/api/session')).status).toBe(200);
    });

    it('accepts a same-origin request', async () => {
      const r = await h.client('curator').request('POST', '/api/review-passes', {
        body: { name: 'same-origin pass' },
        headers: {
          origin: 'http://localhost:8080',
          host: 'localhost:8080',
          'sec-fetch-site': 'same-origin',
        },
      });
      expect(r.status).toBe(201);
    });
  });

  describe('users', () => {
    it('lets an admin create, list and disable a user; disabling ends their sessions', async () => {
      const admin = h.client('admin');
      const created = await admin.request('POST', '/api/users', {
        body: { username: 'temp-cardio', role: 'cardiologist', password: 'long enough pw' },
      });
      expect(created.status).toBe(201);
      expect(created.body.password_hash).toBeUndefined();
      const temp = await (async () => {
        const client = new TestClient(h.app);
        await client.login('temp-cardio', 'long enough pw');
        return client;
      })();
      const list = await admin.request('GET', '/api/users');
      expect(list.body.items.map((u: { username: string }) => u.username)).toContain('temp-cardio');
      expect((await admin.request('POST', `/api/users/${created.body.id}/disable`)).status).toBe(
        428,
      );
      const disabled = await admin.request('POST', `/api/users/${created.body.id}/disable`, {
        ifMatch: 1,
      });
      expect(disabled.status).toBe(200);
      expect(disabled.body.disabled).toBe(true);
      expect((await temp.request('GET', '/api/session')).status).toBe(401);
      const relogin = await new TestClient(h.app).request('POST', '/api/session', {
        body: { username: 'temp-cardio', password: 'long enough pw' },
      });
      expect(relogin.status).toBe(401);
      const duplicate = await admin.request('POST', '/api/users', {
        body: { username: 'temp-cardio', role: 'curator', password: 'long enough pw' },
      });
      expect(duplicate.status).toBe(409);
    });

    it('refuses a short password with the reason', async () => {
      const r = await h.client('admin').request('POST', '/api/users', {
        body: { username: 'shorty', role: 'reviewer', password: 'short' },
      });
      expect(r.status).toBe(400);
      expect(r.body.error.issues).toEqual([
        { path: 'body.password', message: 'must be at least 10 characters' },
      ]);
    });
  });

  describe('dense labels', () => {
    it('creates with If-Match 0, updates on the current version, refuses stale and missing versions', async () => {
      const me = h.client('cardiologist');
      const empty = await me.request('GET', `/api/ecgs/${ecgA}/label`);
      expect(empty.status).toBe(200);
      expect(empty.body.label).toBeNull();
      expect(empty.body.ecg.recordAvailable).toBe(true);

      const missing = await me.request('PUT', `/api/ecgs/${ecgA}/label`, {
        body: { status: 'draft', content: { rate: 'normal' } },
      });
      expect(missing.status).toBe(428);

      const created = await me.request('PUT', `/api/ecgs/${ecgA}/label`, {
        body: { status: 'draft', content: { rate: 'normal' } },
        ifMatch: 0,
      });
      expect(created.status).toBe(200);
      expect(created.body.label.version).toBe(1);
      expect(created.headers.get('etag')).toBe('"1"');

      const submitted = await me.request('PUT', `/api/ecgs/${ecgA}/label`, {
        body: { status: 'submitted', content: denseLabel('v2') },
        ifMatch: 1,
      });
      expect(submitted.status).toBe(200);
      expect(submitted.body.label.version).toBe(2);

      const stale = await me.request('PUT', `/api/ecgs/${ecgA}/label`, {
        body: { status: 'draft', content: { rate: 'tachycardia' } },
        ifMatch: 1,
      });
      expect(stale.status).toBe(412);
      expect(stale.body.current.label.version).toBe(2);
      expect(stale.body.current.label.content).toEqual(denseLabel('v2'));
    });

    it('refuses an incomplete label on submit and unknown axes in a draft', async () => {
      const me = h.client('cardiologist2');
      const incomplete = await me.request('PUT', `/api/ecgs/${ecgB}/label`, {
        body: { status: 'submitted', content: { rate: 'normal' } },
        ifMatch: 0,
      });
      expect(incomplete.status).toBe(400);
      expect(incomplete.body.error.issues.map((i: { path: string }) => i.path)).toContain(
        'body.content.rhythm',
      );
      const unknownAxis = await me.request('PUT', `/api/ecgs/${ecgB}/label`, {
        body: { status: 'draft', content: { mood: 'happy' } },
        ifMatch: 0,
      });
      expect(unknownAxis.status).toBe(400);
    });

    it("hides another labeller's draft (404, no data) but shows submitted labels to reviewers", async () => {
      const other = h.client('cardiologist2');
      const draft = await other.request('PUT', `/api/ecgs/${ecgA}/label`, {
        body: { status: 'draft', content: { rate: 'bradycardia' } },
        ifMatch: 0,
      });
      expect(draft.status).toBe(200);
      const peek = await h
        .client('cardiologist')
        .request('GET', `/api/labels/${draft.body.label.id}`);
      expect(peek.status).toBe(404);
      expect(JSON.stringify(peek.body)).not.toContain('bradycardia');
      const reviewerPeek = await h
        .client('reviewer')
        .request('GET', `/api/labels/${draft.body.label.id}`);
      expect(reviewerPeek.status).toBe(404);
      const own = await h.client('cardiologist').request('GET', `/api/ecgs/${ecgA}/labels`);
      expect(own.body.items.map((l: { labeller: string }) => l.labeller)).toEqual(['cardiologist']);
      const reviewerList = await h.client('reviewer').request('GET', `/api/ecgs/${ecgA}/labels`);
      expect(
        reviewerList.body.items.map((l: { labeller: string; status: string }) => [
          l.labeller,
          l.status,
        ]),
      ).toEqual([['cardiologist', 'submitted']]);
    });

    it('gives 404 for an unknown ECG', async () => {
      const r = await h
        .client('cardiologist')
        .request('GET', '/api/ecgs/00000000000000000000000000/label');
      expect(r.status).toBe(404);
    });

    it('lets exactly one of two concurrent saves on the same version win', async () => {
      const tabA = h.client('cardiologist');
      const tabB = await h.freshClient('cardiologist');
      const base = (await tabA.request('GET', `/api/ecgs/${ecgA}/label`)).body.label
        .version as number;
      const [a, b] = await Promise.all([
        tabA.request('PUT', `/api/ecgs/${ecgA}/label`, {
          body: { status: 'draft', content: { diagnosis: 'A' } },
          ifMatch: base,
        }),
        tabB.request('PUT', `/api/ecgs/${ecgA}/label`, {
          body: { status: 'draft', content: { diagnosis: 'B' } },
          ifMatch: base,
        }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 412]);
      const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
      expect(loser.body.current.label).toEqual(winner.body.label);
      const now = await tabA.request('GET', `/api/ecgs/${ecgA}/label`);
      expect(now.body.label).toEqual(winner.body.label);
    });
  });

  describe('samples', () => {
    it('reads a sample in the shape the plot uses', async () => {
      const r = await h.client('reviewer').request('GET', `/api/samples/${sampleIds[0]}`);
      expect(r.status).toBe(200);
      const parsed = SampleResponseSchema.parse(r.body);
      expect(parsed.sample).toEqual(realSamples[0]);
      expect(parsed.ecg).toEqual({
        id: ecgA,
        source: 'ptbxl',
        ecgId: realSamples[0]!.metadata.ecg_id,
        recordAvailable: true,
      });
      const other = await h.client('reviewer').request('GET', `/api/samples/${sampleIds[1]}`);
      expect(other.body.ecg.recordAvailable).toBe(
        realSamples[1]!.metadata.ecg_id === realSamples[0]!.metadata.ecg_id,
      );
    });

    it('pages through the list in (data_source, id) order with filters', async () => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const r = await h.client('curator').request('GET', `/api/samples?limit=7${query}`);
        expect(r.status).toBe(200);
        const page = SampleListResponseSchema.parse(r.body);
        seen.push(...page.items.map((item) => item.metadata.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(realSamples.map((s) => s.metadata.id).sort((a, b) => a - b));

      const dx = realSamples[0]!.metadata.target_dx;
      const filtered = await h
        .client('curator')
        .request('GET', `/api/samples?target_dx=${dx}&dx_label=true`);
      const expected = realSamples
        .filter((s) => s.metadata.target_dx === dx && s.metadata.dx_label)
        .map((s) => s.metadata.id);
      expect(filtered.body.items.map((i: { metadata: { id: number } }) => i.metadata.id)).toEqual(
        expected,
      );
      const bad = await h.client('curator').request('GET', '/api/samples?target_dx=flu');
      expect(bad.status).toBe(400);
      expect(bad.body.error.issues[0].path).toBe('query.target_dx');
    });

    it("names each sample's previous and next in list order, with its place", async () => {
      const reviewer = h.client('reviewer');
      const ordered: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const page = SampleListResponseSchema.parse(
          (await reviewer.request('GET', `/api/samples?limit=500${query}`)).body,
        );
        ordered.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      for (const [i, id] of ordered.entries()) {
        const r = await reviewer.request('GET', `/api/samples/${id}/neighbours`);
        expect(r.status).toBe(200);
        expect(SampleNeighboursSchema.parse(r.body)).toEqual({
          previous: ordered[i - 1] ?? null,
          next: ordered[i + 1] ?? null,
          position: i + 1,
          total: ordered.length,
        });
      }
      const unknown = await reviewer.request(
        'GET',
        '/api/samples/zzzzzzzzzzzzzzzzzzzzzzzzzz/neighbours',
      );
      expect(unknown.status).toBe(404);
    });

    it('lets a curator fix in place: new version, revision and audit entry in one go', async () => {
      const curator = h.client('curator');
      const id = sampleIds[2]!;
      const current = (await curator.request('GET', `/api/samples/${id}`)).body;
      const edited = structuredClone(current.sample);
      edited.data.initial_diagnostic_question.question += ' (reworded)';
      const r = await curator.request('PUT', `/api/samples/${id}`, {
        body: { sample: edited },
        ifMatch: current.version,
      });
      expect(r.status).toBe(200);
      expect(r.body.version).toBe(current.version + 1);
      expect(r.body.sample).toEqual(edited);
      const revisions = await curator.request('GET', `/api/samples/${id}/revisions`);
      expect(
        revisions.body.items.map((rev: { version: number; kind: string }) => [
          rev.version,
          rev.kind,
        ]),
      ).toEqual([
        [1, 'import'],
        [2, 'fix'],
      ]);
      expect(revisions.body.items[0].sample).toEqual(current.sample);
      const audit = await curator.request('GET', `/api/audit?entity=sample&entityId=${id}`);
      expect(audit.body.items[0]).toMatchObject({
        actorId: h.userIds.curator,
        actorRole: 'curator',
        action: 'fix',
        baseVersion: current.version,
        before: current.sample,
        after: edited,
      });

      const stale = await curator.request('PUT', `/api/samples/${id}`, {
        body: { sample: current.sample },
        ifMatch: current.version,
      });
      expect(stale.status).toBe(412);
      expect(stale.body.current.sample).toEqual(edited);
    });

    it('refuses a fix that changes the identity, and an invalid sample, with paths', async () => {
      const curator = h.client('curator');
      const id = sampleIds[3]!;
      const current = (await curator.request('GET', `/api/samples/${id}`)).body;
      const moved = structuredClone(current.sample);
      moved.metadata.dx_label = !moved.metadata.dx_label;
      const r = await curator.request('PUT', `/api/samples/${id}`, {
        body: { sample: moved },
        ifMatch: current.version,
      });
      expect(r.status).toBe(400);
      expect(r.body.error.issues[0].path).toBe('body.sample.metadata.dx_label');
      const broken = structuredClone(current.sample);
      broken.metadata.target_dx = 'flu';
      const invalid = await curator.request('PUT', `/api/samples/${id}`, {
        body: { sample: broken },
        ifMatch: current.version,
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.error.issues[0].path).toBe('body.sample.metadata.target_dx');
      expect((await curator.request('GET', `/api/samples/${id}`)).body.version).toBe(
        current.version,
      );
    });

    it('re-samples onto another ECG keeping the distribution cell', async () => {
      const curator = h.client('curator');
      const id = sampleIds[4]!;
      const current = (await curator.request('GET', `/api/samples/${id}`)).body;
      const replacement = structuredClone(current.sample);
      replacement.metadata.ecg_id = '99999';
      const r = await curator.request('POST', `/api/samples/${id}/resample`, {
        body: { sample: replacement },
        ifMatch: current.version,
      });
      expect(r.status).toBe(200);
      expect(r.body.ecg).toEqual({
        id: ecgB,
        source: 'ptbxl',
        ecgId: '99999',
        recordAvailable: false,
      });
      const same = await curator.request('POST', `/api/samples/${id}/resample`, {
        body: { sample: replacement },
        ifMatch: r.body.version,
      });
      expect(same.status).toBe(400);
    });

    it('applies a retried write with the same Idempotency-Key once', async () => {
      const curator = h.client('curator');
      const id = sampleIds[5]!;
      const current = (await curator.request('GET', `/api/samples/${id}`)).body;
      const edited = structuredClone(current.sample);
      edited.data.initial_diagnostic_question.question += ' (retried)';
      const send = () =>
        curator.request('PUT', `/api/samples/${id}`, {
          body: { sample: edited },
          ifMatch: current.version,
          idempotencyKey: 'fix-5-once',
        });
      const first = await send();
      const second = await send();
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      const revisions = await curator.request('GET', `/api/samples/${id}/revisions`);
      expect(revisions.body.items).toHaveLength(2);
      const audit = await curator.request('GET', `/api/audit?entity=sample&entityId=${id}`);
      expect(audit.body.items.filter((e: { action: string }) => e.action === 'fix')).toHaveLength(
        1,
      );
      const reused = await curator.request('PUT', `/api/samples/${id}`, {
        body: { sample: current.sample },
        ifMatch: current.version,
        idempotencyKey: 'fix-5-once',
      });
      expect(reused.status).toBe(422);
    });

    it('gives 404 for an unknown sample', async () => {
      expect((await h.client('curator').request('GET', '/api/samples/nope')).status).toBe(404);
    });
  });

  describe('review', () => {
    it('runs a pass: verdicts by reviewers, flags raised, a curator resolves them', async () => {
      const dx = realSamples[0]!.metadata.target_dx;
      const pass = await h.client('curator').request('POST', '/api/review-passes', {
        body: { name: 'before 0.0.2', filter: { targetDx: dx } },
      });
      expect(pass.status).toBe(201);
      const expectedCount = realSamples.filter((s) => s.metadata.target_dx === dx).length;
      expect(pass.body.sampleCount).toBe(expectedCount);
      const passId = pass.body.id as string;
      const reviewer = h.client('reviewer');
      const flagged = await reviewer.request(
        'PUT',
        `/api/review-passes/${passId}/samples/${sampleIds[0]}/verdict`,
        {
          body: {
            verdict: 'flag',
            reason: 'ambiguous_distractor',
            comment: 'option 3 is also right',
            steps: [{ stepIdx: 0, verdict: 'flag', reason: 'wording' }],
          },
          ifMatch: 0,
        },
      );
      expect(flagged.status).toBe(200);
      const noReason = await reviewer.request(
        'PUT',
        `/api/review-passes/${passId}/samples/${sampleIds[0]}/verdict`,
        {
          body: { verdict: 'flag' },
          ifMatch: 1,
        },
      );
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.issues[0]).toEqual({
        path: 'body.reasons',
        message: 'a flag needs a reason',
      });
      const flags = await h
        .client('curator')
        .request('GET', `/api/flags?status=open&sample=${sampleIds[0]}`);
      expect(
        flags.body.items.map((f: { reason: string; stepIdx: number | null }) => [
          f.reason,
          f.stepIdx,
        ]),
      ).toEqual([
        ['ambiguous_distractor', null],
        ['wording', 0],
      ]);
      // Changing the verdict to pass withdraws its open flags.
      const passed = await reviewer.request(
        'PUT',
        `/api/review-passes/${passId}/samples/${sampleIds[0]}/verdict`,
        {
          body: { verdict: 'pass', steps: [{ stepIdx: 0, verdict: 'flag', reason: 'wording' }] },
          ifMatch: 1,
        },
      );
      expect(passed.status).toBe(200);
      const after = await h
        .client('curator')
        .request('GET', `/api/flags?status=open&sample=${sampleIds[0]}`);
      expect(after.body.items).toHaveLength(1);
      const flag = after.body.items[0];
      const resolved = await h.client('curator').request('PUT', `/api/flags/${flag.id}`, {
        body: { resolution: 'fixed' },
        ifMatch: flag.version,
      });
      expect(resolved.status).toBe(200);
      expect(resolved.body.status).toBe('resolved');

      // A reviewer sees only their own verdicts; a curator sees all.
      const outside = realSamples.findIndex((s) => s.metadata.target_dx !== dx);
      const notInPass = await h
        .client('reviewer2')
        .request('PUT', `/api/review-passes/${passId}/samples/${sampleIds[outside]}/verdict`, {
          body: { verdict: 'pass' },
          ifMatch: 0,
        });
      expect(notInPass.status).toBe(404);
      expect(
        (await h.client('reviewer2').request('GET', `/api/review-passes/${passId}/verdicts`)).body
          .items,
      ).toEqual([]);
      expect(
        (await h.client('curator').request('GET', `/api/review-passes/${passId}/verdicts`)).body
          .items,
      ).toHaveLength(1);
    });
  });

  describe('releases and audit', () => {
    it('lets a curator cut a release once per name, recorded in the audit log', async () => {
      const r = await h
        .client('curator')
        .request('POST', '/api/releases', { body: { name: '0.0.2-rc1' } });
      expect(r.status).toBe(201);
      expect(r.body.sampleCount).toBe(realSamples.length);
      expect(
        (
          await h
            .client('curator')
            .request('POST', '/api/releases', { body: { name: '0.0.2-rc1' } })
        ).status,
      ).toBe(409);
      const audit = await h.client('admin').request('GET', '/api/audit?entity=release');
      expect(audit.body.items).toHaveLength(1);
      expect(audit.body.items[0].after.name).toBe('0.0.2-rc1');
    });

    it('pages the audit log newest first', async () => {
      const all = await h.client('admin').request('GET', '/api/audit?limit=500');
      const pageOne = await h.client('admin').request('GET', '/api/audit?limit=3');
      const pageTwo = await h
        .client('admin')
        .request('GET', `/api/audit?limit=3&cursor=${pageOne.body.nextCursor}`);
      expect([...pageOne.body.items, ...pageTwo.body.items]).toEqual(all.body.items.slice(0, 6));
    });
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const r = await h.anonymous().request('GET', '/api/nothing-here');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
  });
});
