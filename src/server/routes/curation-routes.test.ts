import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunksOf } from '../../domain/jsonl/read-jsonl';
import { jsonlEntryBatches } from '../../domain/jsonl/source-entry';
import { validateSample } from '../../domain/benchmark/validate-sample';
import type { BenchmarkSampleV002 } from '../../schemas/benchmark-sample';
import {
  FlagBoardSchema,
  RegenerationPreviewSchema,
  ResampleCandidatesSchema,
} from '../../schemas/api/curation';
import type { FlagBoard, ResampleCandidates } from '../../schemas/api/curation';
import type { ApiHarness, TestClient } from '../../testing/api-harness';
import { createApiHarness } from '../../testing/api-harness';
import { PTBXL_JSONL, REPO_ROOT } from '../../testing/sample-fixtures';
import { DB_KINDS } from '../../testing/test-database';
import { importSamples } from '../services/import/import-samples';
import { recordRoots } from '../services/records';

const recordsDir = path.resolve(REPO_ROOT, '../shared/data/ecg/ptbxl');
const fileText = readFileSync(PTBXL_JSONL, 'utf8');
// Sample 2232 (inferior MI absent, path 0) and 2231: their ECGs and ~30 candidates have records.
const FLAGGED = 2232;
const DISMISSED = 2231;
const REGENERATED_DX = 'complete_right_bundle_branch_block';

describe.each(DB_KINDS)('curation routes on %s', (kind) => {
  let h: ApiHarness;
  let ids: Map<number, string>;
  let passId = '';
  const curator = () => h.client('curator');

  async function board(): Promise<FlagBoard> {
    const response = await curator().request('GET', '/api/curation/board');
    expect(response.status).toBe(200);
    return FlagBoardSchema.parse(response.body);
  }
  async function flag(client: TestClient, sampleId: number, reasons: string[]) {
    const response = await client.request(
      'PUT',
      `/api/review-passes/${passId}/samples/${ids.get(sampleId)}/verdict`,
      { body: { verdict: 'flag', reasons, comment: `flagged ${sampleId}` }, ifMatch: 0 },
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  }
  async function revisions(sampleId: number): Promise<number> {
    const response = await curator().request('GET', `/api/samples/${ids.get(sampleId)}/revisions`);
    return (response.body.items as unknown[]).length;
  }

  beforeAll(async () => {
    h = await createApiHarness(kind, { config: { recordsDir } });
    const report = await importSamples(
      h.database.storage.db,
      jsonlEntryBatches('ptbxl.jsonl', chunksOf([fileText])),
      { fileName: 'ptbxl.jsonl', roots: recordRoots(h.config), actor: null },
    );
    expect(report.outcome).toBe('imported');
    ids = new Map();
    let cursor: string | null = null;
    do {
      const page = await curator().request(
        'GET',
        `/api/samples?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      for (const item of page.body.items as { id: string; metadata: { id: number } }[])
        ids.set(item.metadata.id, item.id);
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    const pass = await curator().request('POST', '/api/review-passes', {
      body: { name: 'curation', samples: [`ptbxl:${FLAGGED}`, `ptbxl:${DISMISSED}`] },
    });
    expect(pass.status).toBe(201);
    passId = pass.body.id as string;
    await flag(h.client('reviewer'), FLAGGED, ['grounding_window_misses_beat']);
    await flag(h.client('reviewer2'), DISMISSED, ['wording', 'other']);
  }, 120_000);
  afterAll(async () => {
    await h.dispose();
  });

  it('refuses every curation route to anonymous callers, cardiologists and reviewers; admins read but do not write', async () => {
    const sample = ids.get(FLAGGED)!;
    const calls = [
      { method: 'GET', path: '/api/curation/board' },
      { method: 'GET', path: `/api/samples/${sample}/resample-candidates` },
      {
        method: 'POST',
        path: `/api/samples/${sample}/resample-from-template`,
        body: { dryRun: true },
        ifMatch: 1,
        write: true,
      },
      { method: 'GET', path: `/api/regenerations/${REGENERATED_DX}` },
      {
        method: 'POST',
        path: `/api/regenerations/${REGENERATED_DX}`,
        body: { token: '0'.repeat(64) },
        write: true,
      },
    ] as const;
    for (const call of calls) {
      const options = {
        ...('body' in call ? { body: call.body } : {}),
        ...('ifMatch' in call ? { ifMatch: call.ifMatch } : {}),
      };
      const label = `${call.method} ${call.path}`;
      const anonymous = await h.anonymous().request(call.method, call.path, options);
      expect(anonymous.status, label).toBe(401);
      expect(JSON.stringify(anonymous.body)).not.toContain('ptbxl:');
      for (const name of ['cardiologist', 'reviewer'] as const) {
        const refused = await h.client(name).request(call.method, call.path, options);
        expect(refused.status, `${name} ${label}`).toBe(403);
        expect(refused.body.error.code).toBe('forbidden');
      }
      const admin = await h.client('admin').request(call.method, call.path, options);
      expect(admin.status, `admin ${label}`).toBe('write' in call ? 403 : 200);
    }
    // Nothing was written by the refused calls.
    expect(await revisions(FLAGGED)).toBe(1);
  });

  it('bounds and checks the bodies of the writes', async () => {
    const sample = ids.get(FLAGGED)!;
    const big = await curator().request('POST', `/api/samples/${sample}/resample-from-template`, {
      body: { dryRun: true, padding: 'x'.repeat(2000) },
      ifMatch: 1,
    });
    expect(big.status).toBe(413);
    const unknownKey = await curator().request(
      'POST',
      `/api/samples/${sample}/resample-from-template`,
      { body: { dryRun: true, sample: {} }, ifMatch: 1 },
    );
    expect(unknownKey.status).toBe(400);
    const badEcg = await curator().request(
      'POST',
      `/api/samples/${sample}/resample-from-template`,
      {
        body: { ecgId: '../../etc' },
        ifMatch: 1,
      },
    );
    expect(badEcg.status).toBe(400);
    expect(badEcg.body.error.issues[0].path).toBe('body.ecgId');
    const noIfMatch = await curator().request(
      'POST',
      `/api/samples/${sample}/resample-from-template`,
      { body: { dryRun: true } },
    );
    expect(noIfMatch.status).toBe(428);
    const bigApply = await curator().request('POST', `/api/regenerations/${REGENERATED_DX}`, {
      body: { token: 'f'.repeat(64), padding: 'x'.repeat(600) },
    });
    expect(bigApply.status).toBe(413);
    const unknownDx = await curator().request('GET', '/api/regenerations/not_a_diagnosis');
    expect(unknownDx.status).toBe(400);
    expect(unknownDx.body.error.message).toContain('"not_a_diagnosis" is not a target diagnosis');
    expect(await revisions(FLAGGED)).toBe(1);
  });

  it('shows the open flags grouped by diagnosis, source and reason, and the samples per cell', async () => {
    const b = await board();
    expect(b.openFlags).toBe(2);
    expect(b.groups).toEqual([
      {
        targetDx: 'inferior_myocardial_infarction',
        dataSource: 'ptbxl',
        reason: 'grounding_window_misses_beat',
        count: 1,
      },
      {
        targetDx: 'inferior_myocardial_infarction',
        dataSource: 'ptbxl',
        reason: 'wording',
        count: 1,
      },
    ]);
    expect(b.flags.map((f) => [f.sample.key, f.reasons, f.comment])).toEqual([
      [`ptbxl:${FLAGGED}`, ['grounding_window_misses_beat'], `flagged ${FLAGGED}`],
      [`ptbxl:${DISMISSED}`, ['wording', 'other'], `flagged ${DISMISSED}`],
    ]);
    expect(b.flags[0]!.sample).toMatchObject({ status: 'active', pathIdx: 0, dxLabel: false });
    expect(b.cells.reduce((sum, c) => sum + c.count, 0)).toBe(fileText.trim().split('\n').length);
    expect(b.cells).toContainEqual({
      dataSource: 'ptbxl',
      targetDx: 'inferior_myocardial_infarction',
      dxLabel: false,
      pathIdx: 0,
      count: expect.any(Number) as number,
    });
    expect(b.awaitingReview).toEqual({ count: 0, samples: [] });
  });

  let candidates: ResampleCandidates;
  it('lists the candidate ECGs ranked, with what each finding rests on, and the rest counted by reason', async () => {
    const response = await curator().request(
      'GET',
      `/api/samples/${ids.get(FLAGGED)}/resample-candidates`,
    );
    expect(response.status).toBe(200);
    candidates = ResampleCandidatesSchema.parse(response.body);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(candidates.template).toEqual({
      targetDx: 'inferior_myocardial_infarction',
      dxLabel: false,
      pathIdx: 0,
      variant: 0,
    });
    expect(candidates.ranked.length).toBeGreaterThan(5);
    expect(candidates.ranked.map((c) => c.rank)).toEqual(candidates.ranked.map((_, i) => i + 1));
    const margins = candidates.ranked.map((c) => c.margin);
    expect(margins).toEqual([...margins].sort((a, b) => b - a));
    for (const c of candidates.ranked) {
      expect(c.record).toEqual({ source: 'ptbxl', ecgId: c.ecgId, recordAvailable: true });
      expect(c.ecgId).not.toBe(candidates.sample.sample.metadata.ecg_id);
      // Both findings of inferior MI path 0 read leads (ST elevation, Q waves in II, III, aVF).
      for (const f of c.findings) {
        expect(f.agrees).toBe(true);
        expect(f.basis.leads.length).toBeGreaterThan(0);
      }
    }
    const reasons = new Map(candidates.rejected.byReason.map((r) => [r.reason, r.count]));
    expect(reasons.get('record not available')).toBeGreaterThan(2000);
    expect(reasons.get("the sample's own ECG")).toBe(1);
    expect(
      candidates.rejected.withRecord.every((r) => !r.reasons.includes('record not available')),
    ).toBe(true);
    expect(candidates.openFlags.map((f) => f.reasons)).toEqual([['grounding_window_misses_beat']]);
    expect(candidates.status).toBe('active');
  });

  it('previews a re-sample without writing, then commits exactly the previewed sample: flags closed, back to review, cells unchanged', async () => {
    const pk = ids.get(FLAGGED)!;
    const before = await board();
    const second = candidates.ranked[1]!;
    const stale = await curator().request('POST', `/api/samples/${pk}/resample-from-template`, {
      body: { ecgId: second.ecgId, dryRun: true },
      ifMatch: 7,
    });
    expect(stale.status).toBe(412);
    const preview = await curator().request('POST', `/api/samples/${pk}/resample-from-template`, {
      body: { ecgId: second.ecgId, seed: 5, dryRun: true },
      ifMatch: 1,
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.dryRun).toBe(true);
    const generated = preview.body.generated as BenchmarkSampleV002;
    expect(generated.metadata).toEqual({
      ...candidates.sample.sample.metadata,
      ecg_id: second.ecgId,
    });
    expect(validateSample(generated).problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(preview.body.changes[0]).toEqual({
      path: 'metadata.ecg_id',
      before: candidates.sample.sample.metadata.ecg_id,
      after: second.ecgId,
    });
    expect(preview.body.provenance).toMatchObject({ seed: 5, ecg: { ecgId: second.ecgId } });
    // Nothing written: same version, the flag still open.
    expect(await revisions(FLAGGED)).toBe(1);
    expect((await board()).openFlags).toBe(2);

    const wrongHash = await curator().request('POST', `/api/samples/${pk}/resample-from-template`, {
      body: { ecgId: second.ecgId, seed: 6, expectSha256: preview.body.sha256 },
      ifMatch: 1,
    });
    expect(wrongHash.status).toBe(409);
    expect(wrongHash.body.error.code).toBe('resample_changed');
    expect(await revisions(FLAGGED)).toBe(1);

    const committed = await curator().request('POST', `/api/samples/${pk}/resample-from-template`, {
      body: { ecgId: second.ecgId, seed: 5, expectSha256: preview.body.sha256 },
      ifMatch: 1,
    });
    expect(committed.status, JSON.stringify(committed.body)).toBe(200);
    expect(committed.headers.get('etag')).toBe('"2"');
    expect(committed.body).toMatchObject({ dryRun: false, status: 'review', closedFlags: 1 });
    expect(committed.body.sample.sample).toEqual(generated);
    expect(await revisions(FLAGGED)).toBe(2);

    const after = await board();
    expect(after.cells).toEqual(before.cells);
    expect(after.openFlags).toBe(1);
    expect(after.flags.map((f) => f.sample.key)).toEqual([`ptbxl:${DISMISSED}`]);
    expect(after.awaitingReview).toEqual({
      count: 1,
      samples: [
        {
          id: pk,
          key: `ptbxl:${FLAGGED}`,
          targetDx: 'inferior_myocardial_infarction',
          ecgId: second.ecgId,
        },
      ],
    });
    const flags = await curator().request('GET', `/api/flags?sample=${pk}`);
    expect(flags.body.items.map((f: { resolution: string }) => f.resolution)).toEqual([
      'resampled',
    ]);

    // The same base version again: the sample moved on.
    const again = await curator().request('POST', `/api/samples/${pk}/resample-from-template`, {
      body: {},
      ifMatch: 1,
    });
    expect(again.status).toBe(412);
    expect(await revisions(FLAGGED)).toBe(2);
  });

  it('dismisses a flag only with a reason, keeps the reason, and does not close it twice', async () => {
    const open = (await board()).flags.find((f) => f.sample.key === `ptbxl:${DISMISSED}`)!;
    const noReason = await curator().request('PUT', `/api/flags/${open.id}`, {
      body: { resolution: 'dismissed' },
      ifMatch: open.version,
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues).toEqual([
      { path: 'body.note', message: 'a dismissal needs a reason' },
    ]);
    const noteOnFix = await curator().request('PUT', `/api/flags/${open.id}`, {
      body: { resolution: 'fixed', note: 'x' },
      ifMatch: open.version,
    });
    expect(noteOnFix.status).toBe(400);
    const dismissed = await curator().request('PUT', `/api/flags/${open.id}`, {
      body: { resolution: 'dismissed', note: 'The wording is the benchmark’s own.' },
      ifMatch: open.version,
    });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({
      status: 'resolved',
      resolution: 'dismissed',
      resolutionNote: 'The wording is the benchmark’s own.',
    });
    const twice = await curator().request('PUT', `/api/flags/${open.id}`, {
      body: { resolution: 'fixed' },
      ifMatch: dismissed.body.version,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('flag_resolved');
    expect((await board()).openFlags).toBe(0);
  });

  it('regenerates a diagnosis from a preview: a stale token writes nothing, the fresh one writes in one go, cells unchanged', async () => {
    const before = await board();
    const first = await curator().request('GET', `/api/regenerations/${REGENERATED_DX}`);
    expect(first.status).toBe(200);
    const preview = RegenerationPreviewSchema.parse(first.body);
    // Only the samples whose records are in ../shared can be generated.
    expect(preview.counts).toEqual({ samples: 200, changed: 6, unchanged: 0, skipped: 194 });
    const changed = preview.items.filter((i) => i.outcome === 'changed');
    expect(changed.map((i) => i.key)).toEqual(
      [650, 656, 657, 729, 772, 785].map((id) => `ptbxl:${id}`),
    );
    for (const item of changed) {
      expect(item.fields.length).toBeGreaterThan(0);
      expect(item.fields.every((f) => f.path.startsWith('data.'))).toBe(true);
      expect(item.fields.every((f) => JSON.stringify(f.before) !== JSON.stringify(f.after))).toBe(
        true,
      );
    }
    expect(preview.items.find((i) => i.key === 'ptbxl:700')).toMatchObject({
      outcome: 'skipped',
      problems: ['record not available'],
    });

    // A sample of the diagnosis changes after the preview: its token no longer applies.
    const pk = ids.get(700)!;
    const current = await curator().request('GET', `/api/samples/${pk}`);
    const edited = structuredClone(current.body.sample) as BenchmarkSampleV002;
    edited.data.reasoning[0]!.finding_identification.question += ' ';
    const fix = await curator().request('PUT', `/api/samples/${pk}`, {
      body: { sample: edited },
      ifMatch: current.body.version,
    });
    expect(fix.status, JSON.stringify(fix.body)).toBe(200);
    const stale = await curator().request('POST', `/api/regenerations/${REGENERATED_DX}`, {
      body: { token: preview.token },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('regeneration_changed');
    for (const item of changed) {
      const s = await curator().request('GET', `/api/samples/${item.id}`);
      expect(s.body.version).toBe(item.version);
    }

    const fresh = RegenerationPreviewSchema.parse(
      (await curator().request('GET', `/api/regenerations/${REGENERATED_DX}`)).body,
    );
    expect(fresh.token).not.toBe(preview.token);
    const applied = await curator().request('POST', `/api/regenerations/${REGENERATED_DX}`, {
      body: { token: fresh.token },
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body).toEqual({
      written: fresh.counts.changed,
      unchanged: fresh.counts.unchanged,
      skipped: 194,
      closedFlags: 0,
    });
    const after = await board();
    expect(after.cells).toEqual(before.cells);
    expect(after.awaitingReview.count).toBe(1 + fresh.counts.changed);
    for (const item of changed) {
      const revs = await curator().request('GET', `/api/samples/${item.id}/revisions`);
      const last = revs.body.items.at(-1) as { kind: string; provenance: { seed: number } };
      expect(last.kind).toBe('regenerate');
    }
  });
});
