// The review feature's fetchers against the real server in process: what the UI will parse is
// what the routes send (fetch is routed to the Hono app with a reviewer's or curator's cookie).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createReviewPass,
  getAssignableReviewers,
  getReviewPass,
  getReviewPasses,
  closeReviewPass,
  setPassReviewers,
} from '../features/review/api/passes';
import { getPassProgress, getReviewQueue, reviewQueuePath } from '../features/review/api/queue';
import { getPassAgreement } from '../features/review/api/results';
import { getOwnVerdict, getPassVerdicts, saveVerdict } from '../features/review/api/verdicts';
import { ApiRequestError } from '../lib/api-client';
import type { ApiHarness, TestUserName } from './api-harness';
import { createApiHarness } from './api-harness';
import { loadRealSamples } from './sample-fixtures';

const realFetch = globalThis.fetch;

describe('review API client', () => {
  let h: ApiHarness;
  const sampleIds: string[] = [];
  const samples = loadRealSamples(4);

  function signInAs(name: TestUserName) {
    const cookie = h.client(name).cookie ?? '';
    globalThis.fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('cookie', cookie);
      // What a browser adds to the app's own requests.
      headers.set('sec-fetch-site', 'same-origin');
      return Promise.resolve(h.app.request(String(input), { ...init, headers }));
    };
  }

  beforeAll(async () => {
    h = await createApiHarness('sqlite');
    for (const sample of samples) sampleIds.push(await h.addSample(sample));
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });
  afterAll(async () => {
    await h.dispose();
  });

  it('builds queue URLs with the filters the route reads', () => {
    expect(
      reviewQueuePath('p1', { targetDx: 'first_degree_av_block', dxLabel: false, status: 'open' }),
    ).toBe(
      '/api/review-passes/p1/queue?target_dx=first_degree_av_block&dx_label=false&status=open',
    );
  });

  it('creates, lists, assigns and closes passes; reads queues, verdicts, progress, agreement', async () => {
    signInAs('curator');
    const reviewers = await getAssignableReviewers();
    expect(reviewers.map((r) => r.username)).toEqual(['reviewer', 'reviewer2']);
    const pass = await createReviewPass({
      name: 'client pass',
      samples: sampleIds,
      mode: 'blind_double',
      reviewerIds: reviewers.map((r) => r.id),
    });
    expect((await getReviewPasses()).map((p) => p.id)).toContain(pass.id);

    signInAs('reviewer');
    const queue = await getReviewQueue(pass.id, { status: 'open' });
    expect(queue.items).toHaveLength(4);
    const first = queue.items[0]!;
    const saved = await saveVerdict(
      {
        passId: pass.id,
        sampleId: first.sampleId,
        version: first.verdictVersion,
        verdict: { verdict: 'flag', reasons: [4] },
      },
      'client-key-1',
    );
    expect(saved).toMatchObject({
      verdict: 'flag',
      reasons: ['measurement_outside_range'],
      version: 1,
    });
    expect(await getOwnVerdict(pass.id, first.sampleId)).toEqual(saved);
    expect(await getPassVerdicts(pass.id)).toEqual([saved]);
    const progress = await getPassProgress(pass.id);
    expect(progress).toMatchObject({ scope: 'own', pass: null });
    const stale = await saveVerdict(
      { passId: pass.id, sampleId: first.sampleId, version: 0, verdict: { verdict: 'pass' } },
      'client-key-2',
    ).catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(ApiRequestError);
    expect((stale as ApiRequestError).status).toBe(412);

    signInAs('curator');
    expect((await getPassAgreement(pass.id)).overall.n).toBe(0);
    const assigned = await setPassReviewers(pass.id, pass.version, {
      reviewerIds: reviewers.map((r) => r.id),
    });
    const closed = await closeReviewPass(pass.id, assigned.version);
    expect(closed.status).toBe('closed');
    expect((await getReviewPass(pass.id)).version).toBe(closed.version);
  });
});
