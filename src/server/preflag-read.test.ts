import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SamplePreflagListSchema } from '../schemas/api/preflag-read';
import { ROLES } from '../schemas/api/common';
import type { ApiHarness } from '../testing/api-harness';
import { createApiHarness } from '../testing/api-harness';
import { loadRealSamples } from '../testing/sample-fixtures';
import { DB_KINDS } from '../testing/test-database';
import { nowIso } from './storage/ids';

const [flagged, clean] = loadRealSamples(2);

describe.each(DB_KINDS)('GET /api/samples/:id/preflags on %s', (kind) => {
  let h: ApiHarness;
  let flaggedId = '';
  let cleanId = '';

  beforeAll(async () => {
    h = await createApiHarness(kind);
    flaggedId = await h.addSample(flagged!);
    cleanId = await h.addSample(clean!);
    const row = (rule: string, numbers: unknown) => ({
      sample_pk: flaggedId,
      rule,
      severity: 'warning',
      message: `${rule} message`,
      numbers: JSON.stringify(numbers),
      engine_version: 'test-1',
      created_at: nowIso(),
    });
    // Stored out of order: the route lists them in the sample's order.
    await h.database.storage.db
      .insertInto('sample_preflags')
      .values([
        row('wave-answer-misses', {
          at: { step: 2, part: 'ecg_grounding', question: 1, option: 0 },
          window: { startS: 1.2, endS: 1.5 },
        }),
        row('measurement-outside-bins', {
          at: { step: 1, part: 'ecg_grounding', question: 0, option: null },
          value: 212,
          unit: 'ms',
          answer: '120-200 ms',
          valueOption: '>200 ms',
        }),
        row('decision-disagrees-label', { text: 'No' }),
        { ...row('broken', {}), numbers: 'not json' },
      ])
      .execute();
  });
  afterAll(async () => {
    await h.dispose();
  });

  it('lists the stored pre-flags with their numbers, in the sample order, to every role', async () => {
    for (const role of ROLES) {
      const r = await h.client(role).request('GET', `/api/samples/${flaggedId}/preflags`);
      expect(r.status, role).toBe(200);
      const body = SamplePreflagListSchema.parse(r.body);
      expect(body.sampleId).toBe(flaggedId);
      expect(body.items.map((p) => p.rule)).toEqual([
        'decision-disagrees-label',
        'broken',
        'measurement-outside-bins',
        'wave-answer-misses',
      ]);
      const measurement = body.items[2]!;
      expect(measurement.at).toEqual({
        step: 1,
        part: 'ecg_grounding',
        question: 0,
        option: null,
      });
      expect(measurement.numbers).toEqual({
        value: 212,
        unit: 'ms',
        answer: '120-200 ms',
        valueOption: '>200 ms',
      });
      expect(measurement.message).toBe('measurement-outside-bins message');
      expect(measurement.engineVersion).toBe('test-1');
      // Unreadable numbers read as none; no location reads as the sample as a whole.
      expect(body.items[1]!.numbers).toEqual({});
      expect(body.items[0]!.at).toEqual({ step: null, part: null, question: null, option: null });
    }
  });

  it('answers an empty list for a clean sample, 404 for no sample, 401 signed out', async () => {
    const none = await h.client('reviewer').request('GET', `/api/samples/${cleanId}/preflags`);
    expect(none.status).toBe(200);
    expect(none.body.items).toEqual([]);
    const unknown = await h
      .client('reviewer')
      .request('GET', '/api/samples/0000000000000000000000zzzz/preflags');
    expect(unknown.status).toBe(404);
    const anonymous = await h.anonymous().request('GET', `/api/samples/${flaggedId}/preflags`);
    expect(anonymous.status).toBe(401);
    expect(JSON.stringify(anonymous.body)).not.toContain('measurement-outside-bins');
  });
});
