import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReviewPassSchema } from '../schemas/api/review';
import { ReviewQueueResponseSchema } from '../schemas/api/review-queue';
import type { BenchmarkSampleV002 } from '../schemas/benchmark-sample';
import type { ApiHarness } from '../testing/api-harness';
import { createApiHarness } from '../testing/api-harness';
import { loadRealSamples } from '../testing/sample-fixtures';
import { DB_KINDS } from '../testing/test-database';
import { nowIso } from './storage/ids';

const samples: BenchmarkSampleV002[] = loadRealSamples(24);
const ref = (s: BenchmarkSampleV002) => `${s.metadata.data_source}:${s.metadata.id}`;

describe.each(DB_KINDS)('review passes on %s', (kind) => {
  let h: ApiHarness;
  const sampleIds: string[] = [];
  let counter = 0;
  const name = () => `pass ${++counter}`;

  beforeAll(async () => {
    h = await createApiHarness(kind);
    for (const sample of samples) sampleIds.push(await h.addSample(sample));
  });
  afterAll(async () => {
    await h.dispose();
  });

  const create = (body: Record<string, unknown>) =>
    h.client('curator').request('POST', '/api/review-passes', { body: { name: name(), ...body } });

  async function preflag(sampleIndex: number, rules: string[]) {
    for (const rule of rules) {
      await h.database.storage.db
        .insertInto('sample_preflags')
        .values({
          sample_pk: sampleIds[sampleIndex]!,
          rule,
          severity: 'warning',
          message: `planted ${rule}`,
          numbers: '{}',
          engine_version: 'test',
          created_at: nowIso(),
        })
        .execute();
    }
  }

  describe('creating', () => {
    it('takes a filter on source, diagnosis, label, path and status', async () => {
      const dx = samples[0]!.metadata.target_dx;
      const expected = samples.filter(
        (s) => s.metadata.target_dx === dx && s.metadata.dx_label && s.metadata.path_idx === 0,
      );
      const r = await create({
        filter: { dataSource: 'ptbxl', targetDx: dx, dxLabel: true, pathIdx: 0, status: 'active' },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      const pass = ReviewPassSchema.parse(r.body);
      expect(pass).toMatchObject({
        selection: 'filter',
        mode: 'single',
        sampleCount: expected.length,
        itemCount: 0,
        reviewerIds: [],
      });
      expect(expected.length).toBeGreaterThan(0);
      expect((await create({ filter: { status: 'retired' } })).body.error.issues).toEqual([
        { path: 'body.filter', message: 'selects no samples' },
      ]);
    });

    it('filters on pre-flags: a sample without pre-flag rows is clean', async () => {
      await preflag(3, ['measurement-bin']);
      await preflag(5, ['wave-window', 'duplicate-option']);
      const flagged = await create({ filter: { preflag: 'flagged' } });
      expect(flagged.body.sampleCount).toBe(2);
      const clean = await create({ filter: { preflag: 'clean' } });
      expect(clean.body.sampleCount).toBe(samples.length - 2);
      expect((await create({ filter: { preflag: 'any' } })).body.sampleCount).toBe(samples.length);
    });

    it('takes a list of samples by "source:id" or public id, in the order given, once each', async () => {
      const r = await create({
        samples: [ref(samples[4]!), sampleIds[1], ref(samples[1]!), ref(samples[0]!)],
        reviewerIds: [h.userIds.reviewer],
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body).toMatchObject({ selection: 'ids', sampleCount: 3, itemCount: 3 });
      const queue = await h
        .client('reviewer')
        .request('GET', `/api/review-passes/${r.body.id}/queue`);
      expect(queue.body.items.map((i: { sampleId: string }) => i.sampleId)).toEqual([
        sampleIds[4],
        sampleIds[1],
        sampleIds[0],
      ]);
    });

    it('says which listed samples, reviewers and fields are wrong', async () => {
      const unknown = await create({
        samples: [ref(samples[0]!), 'ptbxl:99999999', 'mimic_iv_ecg:1'],
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.issues).toEqual([
        { path: 'body.samples[1]', message: 'names no sample' },
        { path: 'body.samples[2]', message: 'names no sample' },
      ]);
      const badRef = await create({ samples: ['ptbxl-12'] });
      expect(badRef.body.error.issues[0].path).toMatch(/^body\.samples\[0\]/);
      const both = await create({ samples: [ref(samples[0]!)], filter: { targetDx: 'lbbb' } });
      expect(both.status).toBe(400);
      const bothOk = await create({
        samples: [ref(samples[0]!)],
        filter: { targetDx: samples[0]!.metadata.target_dx },
      });
      expect(bothOk.body.error.issues).toContainEqual({
        path: 'body.samples',
        message: 'give a filter or a list of samples, not both',
      });
      const oneBlind = await create({ mode: 'blind_double', reviewerIds: [h.userIds.reviewer] });
      expect(oneBlind.body.error.issues).toEqual([
        { path: 'body.reviewerIds', message: 'a blind double review needs at least two reviewers' },
      ]);
      const notReviewers = await create({
        reviewerIds: [h.userIds.reviewer, h.userIds.curator, '0000000000000000000000zzzz'],
      });
      expect(notReviewers.status).toBe(400);
      expect(notReviewers.body.error.issues).toEqual([
        { path: 'body.reviewerIds[1]', message: 'is a curator, not a reviewer' },
        { path: 'body.reviewerIds[2]', message: 'names no account' },
      ]);
      const twice = await create({ reviewerIds: [h.userIds.reviewer, h.userIds.reviewer] });
      expect(twice.body.error.issues[0]).toEqual({
        path: 'body.reviewerIds',
        message: 'lists a reviewer twice',
      });
      const taken = await h
        .client('curator')
        .request('POST', '/api/review-passes', { body: { name: 'pass 1' } });
      expect(taken.status).toBe(409);
      expect(taken.body.error.code).toBe('pass_exists');
    });

    it('bounds what a body may hold', async () => {
      const many = await create({
        samples: Array.from({ length: 20_001 }, (_, i) => `ptbxl:${i}`),
      });
      expect(many.status).toBe(400);
      expect(many.body.error.issues[0].path).toBe('body.samples');
      const longComment = await h
        .client('reviewer')
        .request(
          'PUT',
          `/api/review-passes/0000000000000000000000zzzz/samples/${sampleIds[0]}/verdict`,
          { body: { verdict: 'pass', comment: 'x'.repeat(5001) }, ifMatch: 0 },
        );
      expect(longComment.status).toBe(400);
      expect(longComment.body.error.issues[0].path).toBe('body.comment');
      const manyReasons = await h
        .client('reviewer')
        .request(
          'PUT',
          `/api/review-passes/0000000000000000000000zzzz/samples/${sampleIds[0]}/verdict`,
          { body: { verdict: 'flag', reasons: [1, 2, 3, 4, 5, 6, 7, 1] }, ifMatch: 0 },
        );
      expect(manyReasons.body.error.issues[0].path).toBe('body.reasons');
      const badKey = await h
        .client('reviewer')
        .request(
          'PUT',
          `/api/review-passes/0000000000000000000000zzzz/samples/${sampleIds[0]}/verdict`,
          { body: { verdict: 'flag', reasons: [8] }, ifMatch: 0 },
        );
      expect(badKey.body.error.issues[0]).toMatchObject({ path: 'body.reasons[0]' });
    });

    it('refuses cross-site writes to every new pass route', async () => {
      const pass = await create({ reviewerIds: [h.userIds.reviewer] });
      const evil = { origin: 'https://evil.example', host: 'localhost:8080' };
      const writes: [string, string, unknown][] = [
        ['POST', '/api/review-passes', { name: 'evil pass' }],
        ['PUT', `/api/review-passes/${pass.body.id}/reviewers`, { reviewerIds: [] }],
        ['POST', `/api/review-passes/${pass.body.id}/close`, undefined],
        [
          'PUT',
          `/api/review-passes/${pass.body.id}/samples/${sampleIds[0]}/verdict`,
          { verdict: 'pass' },
        ],
      ];
      for (const [method, path, body] of writes) {
        const client = h.client(path.endsWith('/verdict') ? 'reviewer' : 'curator');
        const r = await client.request(method, path, {
          ...(body === undefined ? {} : { body }),
          ifMatch: pass.body.version,
          headers: evil,
        });
        expect(r.status, `${method} ${path}`).toBe(403);
        expect(r.body.error.code).toBe('cross_site');
      }
      const after = await h.client('curator').request('GET', `/api/review-passes/${pass.body.id}`);
      expect(after.body).toMatchObject({
        status: 'open',
        version: pass.body.version,
        verdictCount: 0,
      });
    });
  });

  describe('assigning', () => {
    it('balances a single pass over three reviewers and hands open items out again', async () => {
      await h.client('admin').request('POST', '/api/users', {
        body: { username: 'reviewer3', role: 'reviewer', password: 'x'.repeat(12) },
      });
      const list = await h.client('curator').request('GET', '/api/reviewers');
      const third = list.body.items.find((u: { username: string }) => u.username === 'reviewer3');
      expect(list.body.items.map((u: { username: string }) => u.username)).toEqual([
        'reviewer',
        'reviewer2',
        'reviewer3',
      ]);
      const r = await create({
        samples: sampleIds.slice(0, 10),
        reviewerIds: [h.userIds.reviewer, h.userIds.reviewer2],
      });
      expect(r.body.itemCount).toBe(10);
      const passId = r.body.id as string;
      const queueOf = async (who: 'reviewer' | 'reviewer2') =>
        ReviewQueueResponseSchema.parse(
          (await h.client(who).request('GET', `/api/review-passes/${passId}/queue`)).body,
        ).items.map((item) => item.sampleId);
      expect((await queueOf('reviewer')).length).toBe(5);
      const mine = await queueOf('reviewer');
      // reviewer judges two items; then a third reviewer joins and reviewer2 leaves.
      for (const sampleId of mine.slice(0, 2)) {
        const saved = await h
          .client('reviewer')
          .request('PUT', `/api/review-passes/${passId}/samples/${sampleId}/verdict`, {
            body: { verdict: 'pass' },
            ifMatch: 0,
          });
        expect(saved.status).toBe(200);
      }
      const stale = await h
        .client('curator')
        .request('PUT', `/api/review-passes/${passId}/reviewers`, {
          body: { reviewerIds: [h.userIds.reviewer, third.id] },
          ifMatch: r.body.version + 1,
        });
      expect(stale.status).toBe(412);
      const moved = await h
        .client('curator')
        .request('PUT', `/api/review-passes/${passId}/reviewers`, {
          body: { reviewerIds: [h.userIds.reviewer, third.id] },
          ifMatch: r.body.version,
        });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      expect(moved.body.reviewerIds).toEqual([h.userIds.reviewer, third.id].sort());
      expect(moved.body.itemCount).toBe(10);
      const after = await queueOf('reviewer');
      expect(after).toEqual(expect.arrayContaining(mine.slice(0, 2)));
      expect(after.length).toBe(5);
      expect(await queueOf('reviewer2')).toEqual([]);
      const refused = await h
        .client('reviewer2')
        .request('PUT', `/api/review-passes/${passId}/samples/${sampleIds[0]}/verdict`, {
          body: { verdict: 'pass' },
          ifMatch: 0,
        });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('not_assigned');
      const progress = await h
        .client('curator')
        .request('GET', `/api/review-passes/${passId}/progress`);
      expect(progress.body.scope).toBe('all');
      const lines = progress.body.reviewers.map(
        (p: { username: string; total: number; done: number }) => [p.username, p.total, p.done],
      );
      expect(lines.sort()).toEqual([
        ['reviewer', 5, 2],
        ['reviewer3', 5, 0],
      ]);
      expect(progress.body.pass).toMatchObject({ total: 10, done: 2, timeLeftMs: null });
    });

    it('lets every reviewer judge any sample of a pass with no reviewers', async () => {
      const r = await create({ samples: sampleIds.slice(0, 3) });
      const passId = r.body.id as string;
      for (const who of ['reviewer', 'reviewer2'] as const) {
        const saved = await h
          .client(who)
          .request('PUT', `/api/review-passes/${passId}/samples/${sampleIds[1]}/verdict`, {
            body: { verdict: 'flag', reason: 'wording' },
            ifMatch: 0,
          });
        expect(saved.status).toBe(200);
        expect(saved.body.verdict.reasons).toEqual(['wording']);
      }
      const outside = await h
        .client('reviewer')
        .request('PUT', `/api/review-passes/${passId}/samples/${sampleIds[5]}/verdict`, {
          body: { verdict: 'pass' },
          ifMatch: 0,
        });
      expect(outside.status).toBe(404);
      const queue = await h.client('reviewer').request('GET', `/api/review-passes/${passId}/queue`);
      expect(queue.body.items).toHaveLength(3);
      expect(queue.body.progress.reviewers).toHaveLength(2);
      const agreement = await h
        .client('curator')
        .request('GET', `/api/review-passes/${passId}/agreement`);
      expect(agreement.body.overall.table).toEqual({
        passPass: 0,
        passFlag: 0,
        flagPass: 0,
        flagFlag: 1,
      });
      expect(agreement.body.overall.kappa).toBeNull();
    });
  });

  describe('queue', () => {
    let passId = '';

    beforeAll(async () => {
      const r = await create({ reviewerIds: [h.userIds.reviewer2] });
      passId = r.body.id;
    });

    const queue = async (query = '', who: 'reviewer2' | 'curator' = 'reviewer2') => {
      const r = await h.client(who).request('GET', `/api/review-passes/${passId}/queue${query}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return ReviewQueueResponseSchema.parse(r.body);
    };

    it('puts pre-flagged samples first, most pre-flags first, then the pass order', async () => {
      const { items } = await queue();
      expect(items.slice(0, 2).map((i) => [i.sampleId, i.preflagCount])).toEqual([
        [sampleIds[5], 2],
        [sampleIds[3], 1],
      ]);
      const rest = items.slice(2);
      expect(rest.every((i) => i.preflagCount === 0)).toBe(true);
      expect(rest.map((i) => i.position)).toEqual(
        [...rest.map((i) => i.position)].sort((a, b) => a - b),
      );
      expect(items[2]).toMatchObject({
        ref: ref(samples[0]!),
        targetDx: samples[0]!.metadata.target_dx,
        dxLabel: samples[0]!.metadata.dx_label,
        pathIdx: samples[0]!.metadata.path_idx,
        verdict: null,
        verdictVersion: 0,
      });
    });

    it('passes a sample in one call from its queue row, once per Idempotency-Key', async () => {
      const [first] = (await queue()).items;
      const path = `/api/review-passes/${passId}/samples/${first!.sampleId}/verdict`;
      const send = () =>
        h.client('reviewer2').request('PUT', path, {
          body: { verdict: 'pass' },
          ifMatch: first!.verdictVersion,
          idempotencyKey: `pass-${first!.sampleId}`,
        });
      const once = await send();
      expect(once.status).toBe(200);
      const twice = await send();
      expect(twice.status).toBe(200);
      expect(twice.headers.get('idempotent-replayed')).toBe('true');
      expect(twice.body).toEqual(once.body);
      const own = await h.client('reviewer2').request('GET', path);
      expect(own.body.verdict.version).toBe(1);
      expect(own.headers.get('etag')).toBe('"1"');
      const [row] = (await queue()).items;
      expect(row).toMatchObject({ verdict: 'pass', verdictVersion: 1 });
    });

    it('refuses a step verdict on a step the sample does not have', async () => {
      const item = (await queue('?status=open')).items[0]!;
      const steps = samples[sampleIds.indexOf(item.sampleId)]!.data.reasoning.length;
      const r = await h
        .client('reviewer2')
        .request('PUT', `/api/review-passes/${passId}/samples/${item.sampleId}/verdict`, {
          body: {
            verdict: 'pass',
            steps: [
              { stepIdx: 0, verdict: 'pass' },
              { stepIdx: steps, verdict: 'flag', reasons: [5] },
            ],
          },
          ifMatch: 0,
        });
      expect(r.status).toBe(400);
      expect(r.body.error.issues).toEqual([
        {
          path: 'body.steps[1].stepIdx',
          message: `this sample has ${steps} reasoning steps (0-${steps - 1})`,
        },
      ]);
      const own = await h
        .client('reviewer2')
        .request('GET', `/api/review-passes/${passId}/samples/${item.sampleId}/verdict`);
      expect(own.body.verdict).toBeNull();
    });

    it('filters by status, diagnosis, label, source and pre-flag', async () => {
      const all = (await queue()).items;
      const done = (await queue('?status=done')).items;
      const open = (await queue('?status=open')).items;
      expect(done.map((i) => i.sampleId)).toEqual([sampleIds[5]]);
      expect(done.length + open.length).toBe(all.length);
      const dx = samples[7]!.metadata.target_dx;
      expect((await queue(`?target_dx=${dx}`)).items.map((i) => i.sampleId).sort()).toEqual(
        all
          .filter((i) => i.targetDx === dx)
          .map((i) => i.sampleId)
          .sort(),
      );
      expect((await queue('?dx_label=false')).items.every((i) => !i.dxLabel)).toBe(true);
      expect((await queue('?data_source=mimic_iv_ecg')).items).toEqual([]);
      expect((await queue('?preflag=flagged')).items.map((i) => i.sampleId)).toEqual([
        sampleIds[5],
        sampleIds[3],
      ]);
      expect((await queue('?preflag=clean')).items).toHaveLength(all.length - 2);
      const bad = await h
        .client('reviewer2')
        .request('GET', `/api/review-passes/${passId}/queue?status=maybe`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.issues[0].path).toBe('query.status');
    });

    it("shows a curator any reviewer's queue, and only when named", async () => {
      const missing = await h
        .client('curator')
        .request('GET', `/api/review-passes/${passId}/queue`);
      expect(missing.status).toBe(400);
      expect(missing.body.error.issues[0].path).toBe('query.reviewer');
      const named = await queue(`?reviewer=${h.userIds.reviewer2}`, 'curator');
      expect(named.items).toHaveLength(samples.length);
      expect(named.progress.scope).toBe('all');
      const mine = await queue();
      expect(mine.progress.reviewers[0]).toMatchObject({
        reviewerId: h.userIds.reviewer2,
        total: samples.length,
        done: 1,
        flagged: 0,
        msPerItem: null,
        timeLeftMs: null,
      });
    });
  });
});
