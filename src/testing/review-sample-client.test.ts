// The review screen's own fetchers (the sample, its pre-flags) against the real server in
// process, and the API error's issues: what the screen parses is what the routes send.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createReviewPass } from '../features/review/api/passes';
import { getReviewSample, getSamplePreflags } from '../features/review/api/review-sample';
import { errorText } from '../features/review/error-text';
import { ApiRequestError } from '../lib/api-client';
import { storeResults } from '../server/services/preflags/preflag-store';
import type { ApiHarness } from './api-harness';
import { createApiHarness } from './api-harness';
import { loadRealSamples } from './sample-fixtures';

const realFetch = globalThis.fetch;

describe('review screen fetchers', () => {
  let h: ApiHarness;
  let sampleId = '';
  const [sample] = loadRealSamples(1);

  function signInAs(name: 'reviewer' | 'curator') {
    const cookie = h.client(name).cookie ?? '';
    globalThis.fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('cookie', cookie);
      headers.set('sec-fetch-site', 'same-origin');
      return Promise.resolve(h.app.request(String(input), { ...init, headers }));
    };
  }

  beforeAll(async () => {
    h = await createApiHarness('sqlite');
    sampleId = await h.addSample(sample!);
    // Stored as a pre-flag run stores its results (the rules themselves are tested elsewhere).
    await storeResults(h.database.storage.db, null, [
      {
        sampleId,
        version: 1,
        result: {
          key: sampleId,
          status: 'checked',
          note: null,
          flags: [
            {
              rule: 'measurement-outside-bins',
              severity: 'warning',
              message: 'two bins off',
              at: { step: 1, part: 'ecg_grounding', question: 0, option: null },
              numbers: {
                value: 212,
                unit: 'ms',
                leads: [
                  {
                    lead: 'V2',
                    value: 0.2,
                    unit: 'mV',
                    threshold: 0.1,
                    answered: true,
                    verdict: 'shows',
                    parts: { stJMv: 0.2 },
                  },
                ],
              },
            },
          ],
        },
      },
    ]);
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });
  afterAll(async () => {
    await h.dispose();
  });

  it('reads the sample and its pre-flags as the screen shows them', async () => {
    signInAs('reviewer');
    const detail = await getReviewSample(sampleId);
    expect(detail.sample.metadata.id).toBe(sample!.metadata.id);
    const preflags = await getSamplePreflags(sampleId);
    expect(preflags.items).toHaveLength(1);
    expect(preflags.items[0]).toMatchObject({
      rule: 'measurement-outside-bins',
      at: { step: 1, part: 'ecg_grounding', question: 0, option: null },
      numbers: { value: 212, unit: 'ms', leads: [{ lead: 'V2', verdict: 'shows' }] },
    });
  });

  it('keeps the server issues of a refused request', async () => {
    signInAs('curator');
    const refused = await createReviewPass({
      name: 'bad',
      samples: ['ptbxl:999999999'],
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiRequestError);
    const error = refused as ApiRequestError;
    expect(error.status).toBe(400);
    expect(error.issues).toEqual([{ path: 'body.samples[0]', message: 'names no sample' }]);
    // What the create form shows.
    expect(errorText(error)).toBe(
      '1 of the listed samples do not exist. body.samples[0]: names no sample',
    );
  });
});
