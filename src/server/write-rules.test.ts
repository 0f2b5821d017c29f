import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_RULE_CATALOG } from '../domain/benchmark/validate-sample';
import { LABEL_RULES } from '../domain/taxonomy/validate-label';
import { ApiErrorSchema } from '../schemas/api/common';
import { SaveLabelResponseSchema } from '../schemas/api/labels';
import { SampleWriteResponseSchema } from '../schemas/api/samples';
import type { BenchmarkSampleV002 } from '../schemas/benchmark-sample';
import type { ApiHarness, TestClient, TestUserName } from '../testing/api-harness';
import { createApiHarness } from '../testing/api-harness';
import { denseLabel, loadRealSamples } from '../testing/sample-fixtures';
import {
  LABEL_BREAKS,
  LINE_ONLY_LABEL_RULES,
  SAMPLE_BREAKS,
  withEveryGrounding,
} from '../testing/sample-breaks';
import { DB_KINDS } from '../testing/test-database';

const errorRules = (catalog: Readonly<Record<string, readonly [string, string]>>) =>
  Object.entries(catalog)
    .filter(([, [severity]]) => severity === 'error')
    .map(([rule]) => rule)
    .sort();

const base = withEveryGrounding(loadRealSamples(1)[0]!);
/** Another ECG of the pool, for re-samples. */
const OTHER_ECG = '99001';

describe('the write-rule tables', () => {
  it('break every error rule of the sample format and of a saved label', () => {
    expect([...new Set(SAMPLE_BREAKS.map((b) => b.rule))].sort()).toEqual(
      errorRules(SAMPLE_RULE_CATALOG),
    );
    expect([...LABEL_BREAKS.map((b) => b.rule), ...LINE_ONLY_LABEL_RULES].sort()).toEqual(
      errorRules(LABEL_RULES),
    );
  });
});

describe.each(DB_KINDS)('rules on every write, through the HTTP API on %s', (kind) => {
  let h: ApiHarness;
  let sampleId = '';
  let refusedEcg = '';
  let curator: TestClient;

  beforeAll(async () => {
    h = await createApiHarness(kind);
    curator = h.client('curator');
    await h.addEcg(base.metadata.ecg_id);
    await h.addEcg(OTHER_ECG, false);
    sampleId = await h.addSample(base);
    refusedEcg = (await h.addEcg('99002')).id;
  });
  afterAll(async () => {
    await h.dispose();
  });

  function expectRefused(response: { status: number; body: unknown }, code: string, rule: string) {
    expect(response.status, JSON.stringify(response.body)).toBe(422);
    const { error } = ApiErrorSchema.parse(response.body);
    expect(error.code).toBe(code);
    const issues = error.issues ?? [];
    expect(issues.map((i) => i.rule)).toContain(rule);
    for (const issue of issues) {
      expect(issue.path).toMatch(/^body\.(sample|content)/);
      expect(issue.message.length).toBeGreaterThan(0);
      expect(issue.severity).toMatch(/^(error|warning)$/);
    }
  }

  it.each(SAMPLE_BREAKS)(
    'refuses a fix in place and a re-sample that break $rule, and saves nothing',
    async ({ rule, make }) => {
      const fix = await curator.request('PUT', `/api/samples/${sampleId}`, {
        body: { sample: make(base) },
        ifMatch: 1,
      });
      expectRefused(fix, 'sample_invalid', rule);
      const moved = make({ ...base, metadata: { ...base.metadata, ecg_id: OTHER_ECG } });
      const resample = await curator.request('POST', `/api/samples/${sampleId}/resample`, {
        body: { sample: moved },
        ifMatch: 1,
      });
      expectRefused(resample, 'sample_invalid', rule);
      const now = await curator.request('GET', `/api/samples/${sampleId}`);
      expect(now.body.version).toBe(1);
      expect(now.body.sample).toEqual(base);
    },
  );

  it.each(LABEL_BREAKS)(
    'refuses a submitted label that breaks $rule (and a draft, unless the rule waits for submission)',
    async ({ rule, content, draftToo }) => {
      const me = h.client('cardiologist');
      const submitted = await me.request('PUT', `/api/ecgs/${refusedEcg}/label`, {
        body: { status: 'submitted', content: content() },
        ifMatch: 0,
      });
      expectRefused(submitted, 'label_invalid', rule);
      if (draftToo) {
        const draft = await me.request('PUT', `/api/ecgs/${refusedEcg}/label`, {
          body: { status: 'draft', content: content() },
          ifMatch: 0,
        });
        expectRefused(draft, 'label_invalid', rule);
      } else {
        // A draft may still be missing what this rule asks for: it is saved, on its own ECG.
        const ecg = (await h.addEcg(String(99100 + LABEL_BREAKS.findIndex((b) => b.rule === rule))))
          .id;
        const draft = await me.request('PUT', `/api/ecgs/${ecg}/label`, {
          body: { status: 'draft', content: content() },
          ifMatch: 0,
        });
        expect(draft.status, JSON.stringify(draft.body)).toBe(200);
      }
      expect((await me.request('GET', `/api/ecgs/${refusedEcg}/label`)).body.label).toBeNull();
    },
  );

  it('saves a sample with warnings and returns them beside it, stored in canonical key order', async () => {
    const id = await h.addSample({ ...base, metadata: { ...base.metadata, id: 1 } });
    const current = (await curator.request('GET', `/api/samples/${id}`)).body;
    const edited: BenchmarkSampleV002 = structuredClone(current.sample);
    const criterion = edited.data.reasoning[0]!.criterion_selection;
    const distractors = [0, 1, 2, 3, 4].filter((k) => k !== criterion.answer_idx);
    criterion.options[distractors[1]!] = criterion.options[distractors[0]!]!;
    const { metadata, data } = edited;
    const reordered = { data, metadata: { ...metadata } };
    const r = await curator.request('PUT', `/api/samples/${id}`, {
      body: { sample: reordered },
      ifMatch: current.version,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const saved = SampleWriteResponseSchema.parse(r.body);
    expect(saved.warnings.map((w) => [w.rule, w.severity, w.path])).toEqual([
      ['key-order', 'warning', 'body.sample'],
      [
        'options-distinct',
        'warning',
        `body.sample.data.reasoning[0].criterion_selection.options[${distractors[1]}]`,
      ],
    ]);
    expect(JSON.stringify(saved.sample)).toBe(JSON.stringify(edited));
    const read = await curator.request('GET', `/api/samples/${id}`);
    expect(JSON.stringify(read.body.sample)).toBe(JSON.stringify(edited));
  });

  it('saves a label with warnings and returns them beside it', async () => {
    const ecg = (await h.addEcg('99003')).id;
    const content = { ...denseLabel('RBBB with LAFB'), conduction: ['lafb', 'rbbb'] };
    const r = await h.client('cardiologist').request('PUT', `/api/ecgs/${ecg}/label`, {
      body: { status: 'submitted', content },
      ifMatch: 0,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const saved = SaveLabelResponseSchema.parse(r.body);
    expect(saved.warnings).toEqual([
      {
        path: 'body.content.conduction',
        rule: 'set-order',
        severity: 'warning',
        message: 'expected the listed order ["rbbb","lafb"], found ["lafb","rbbb"]',
      },
    ]);
    expect(saved.label?.content).toEqual(content);
  });

  it('lets only sample writers write samples, only curators re-sample, and only the labeller write their own label', async () => {
    const valid = { sample: base };
    const moved = { sample: { ...base, metadata: { ...base.metadata, ecg_id: OTHER_ECG } } };
    // Fix in place: cardiologists and curators (src/server/sample-writers.test.ts saves with both).
    const refusedFor = [
      ['PUT', `/api/samples/${sampleId}`, valid, ['reviewer', 'reviewer2', 'admin']],
      [
        'POST',
        `/api/samples/${sampleId}/resample`,
        moved,
        ['cardiologist', 'reviewer', 'reviewer2', 'admin'],
      ],
    ] as const;
    for (const [method, path, body, refused] of refusedFor) {
      for (const who of refused as readonly TestUserName[]) {
        const r = await h.client(who).request(method, path, { body, ifMatch: 1 });
        expect([who, r.status]).toEqual([who, 403]);
      }
      expect((await h.anonymous().request(method, path, { body, ifMatch: 1 })).status).toBe(401);
    }
    expect((await curator.request('GET', `/api/samples/${sampleId}`)).body.version).toBe(1);

    const ecg = (await h.addEcg('99004')).id;
    const label = { status: 'submitted', content: denseLabel('normal ECG') };
    for (const who of ['reviewer', 'curator', 'admin'] as const) {
      const r = await h
        .client(who)
        .request('PUT', `/api/ecgs/${ecg}/label`, { body: label, ifMatch: 0 });
      expect([who, r.status]).toEqual([who, 403]);
    }
    const anonymous = await h
      .anonymous()
      .request('PUT', `/api/ecgs/${ecg}/label`, { body: label, ifMatch: 0 });
    expect(anonymous.status).toBe(401);
    // Each cardiologist writes their own label: a second labeller's save leaves the first's alone.
    const mine = await h
      .client('cardiologist')
      .request('PUT', `/api/ecgs/${ecg}/label`, { body: label, ifMatch: 0 });
    const theirs = await h.client('cardiologist2').request('PUT', `/api/ecgs/${ecg}/label`, {
      body: { status: 'draft', content: { rate: 'tachycardia' } },
      ifMatch: 0,
    });
    expect([mine.status, theirs.status]).toEqual([200, 200]);
    expect(theirs.body.label.id).not.toBe(mine.body.label.id);
    const reread = await h.client('cardiologist').request('GET', `/api/ecgs/${ecg}/label`);
    expect(reread.body.label).toEqual(mine.body.label);
  });
});
