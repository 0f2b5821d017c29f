import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunksOf } from '../../domain/jsonl/read-jsonl';
import { jsonlEntryBatches } from '../../domain/jsonl/source-entry';
import { validateSample } from '../../domain/benchmark/validate-sample';
import { SampleProvenanceSchema } from '../../schemas/sample-provenance';
import type { TestDatabase } from '../../testing/test-database';
import { DB_KINDS, createTestDatabase, makeTempDir } from '../../testing/test-database';
import type { Db } from '../storage/database';
import type { Actor } from './actor';
import { importSamples } from './import/import-samples';
import type { RecordRoots } from './records';
import { applyRegeneration, previewRegeneration } from './regeneration';
import { findSampleByRef, resampleCandidates, resampleFromTemplate } from './resampling';
import { createReviewPass } from './review-passes';
import { listFlags, saveVerdict } from './reviews';
import { SAMPLE_STATUS_REVIEW, getSample, listRevisions } from './samples';
import { ServiceError } from './service-error';
import { createUser } from './users';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const fileText = readFileSync(
  path.resolve(repoRoot, '../shared/data/benchmark/ptbxl.jsonl'),
  'utf8',
);
const recordsDir = path.resolve(repoRoot, '../shared/data/ecg/ptbxl');

/** Samples per (source, target_dx, dx_label, path_idx): the distribution no action may change. */
async function cellCounts(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('samples')
    .select(['data_source', 'target_dx', 'dx_label', 'path_idx'])
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .groupBy(['data_source', 'target_dx', 'dx_label', 'path_idx'])
    .execute();
  return Object.fromEntries(
    rows.map((r) => [`${r.data_source} ${r.target_dx} ${r.dx_label} ${r.path_idx}`, Number(r.n)]),
  );
}

describe.each(DB_KINDS)('re-sampling and regeneration on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  let roots: RecordRoots;
  let curator: Actor;
  const demo = makeTempDir('ecg-demo-');

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = database.storage.db;
    roots = { recordsDir, demoDir: demo.dir };
    const report = await importSamples(db, jsonlEntryBatches('ptbxl.jsonl', chunksOf([fileText])), {
      fileName: 'ptbxl.jsonl',
      roots,
      actor: null,
    });
    expect(report.outcome).toBe('imported');
    const user = await createUser(db, null, {
      username: 'cora',
      role: 'curator',
      password: 'a long enough password',
    });
    curator = { id: user.id, username: user.username, role: 'curator' };
  }, 60_000);
  afterAll(async () => {
    await database.dispose();
    demo.remove();
  });

  it('re-samples a flagged sample onto the best candidate: counts kept, flags closed, back to review, provenance kept', async () => {
    const before = await cellCounts(db);
    // Sample 2232: inferior MI absent, path 0; its ECG (149) and the pool's records are in ../shared.
    const flagged = await findSampleByRef(db, 'ptbxl', 2232);
    const pass = await createReviewPass(db, curator, {
      name: 'pass',
      description: '',
      filter: { dataSource: 'ptbxl', targetDx: 'inferior_myocardial_infarction' },
      mode: 'single',
      reviewerIds: [],
    });
    await saveVerdict(db, curator, pass.id, flagged.id, 0, {
      verdict: 'flag',
      reasons: ['grounding_window_misses_beat'],
      comment: 'window off',
      steps: [],
    });
    expect(await listFlags(db, curator, { status: 'open', sample: flagged.id })).toHaveLength(1);

    const report = await resampleCandidates(db, roots, flagged.id);
    expect(report.ranked.length).toBeGreaterThan(5);
    const best = report.ranked[0]!;
    const outcome = await resampleFromTemplate(db, roots, curator, flagged.id, { seed: 9 });
    expect(outcome.candidate.ecgId).toBe(best.ecgId);
    expect(outcome.closedFlags).toBe(1);
    const after = await getSample(db, flagged.id);
    expect(after.version).toBe(flagged.version + 1);
    expect(after.sample.metadata).toEqual({ ...flagged.sample.metadata, ecg_id: best.ecgId });
    expect(after.ecg.recordAvailable).toBe(true);
    expect(validateSample(after.sample).problems.filter((p) => p.severity === 'error')).toEqual([]);
    const status = await db
      .selectFrom('samples')
      .select('status')
      .where('id', '=', flagged.id)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe(SAMPLE_STATUS_REVIEW);
    const revisions = await listRevisions(db, flagged.id);
    const last = revisions[revisions.length - 1]!;
    expect(last.kind).toBe('resample');
    expect(last.authorId).toBe(curator.id);
    expect(SampleProvenanceSchema.parse(last.provenance)).toEqual({
      template: {
        targetDx: 'inferior_myocardial_infarction',
        dxLabel: false,
        pathIdx: 0,
        variant: 0,
      },
      ecg: { source: 'ptbxl', ecgId: best.ecgId },
      seed: 9,
      engineVersion: outcome.provenance.engineVersion,
    });
    const flags = await listFlags(db, curator, { sample: flagged.id });
    expect(flags.map((f) => [f.status, f.resolution])).toEqual([['resolved', 'resampled']]);
    expect(await cellCounts(db)).toEqual(before);

    // A reviewer's clean pass returns the re-sampled sample from review to active.
    await saveVerdict(db, curator, pass.id, flagged.id, 1, {
      verdict: 'pass',
      reasons: [],
      comment: '',
      steps: [],
    });
    const reviewed = await db
      .selectFrom('samples')
      .select('status')
      .where('id', '=', flagged.id)
      .executeTakeFirstOrThrow();
    expect(reviewed.status).toBe('active');
  });

  it('refuses an ECG that is not a candidate, saying why, and writes nothing', async () => {
    const sample = await findSampleByRef(db, 'ptbxl', 2231);
    const error = await resampleFromTemplate(db, roots, curator, sample.id, {
      ecgId: sample.sample.metadata.ecg_id,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).message).toMatch(
      /No candidate ECG \d+ for sample 2231: the sample's own ECG/,
    );
    expect((await getSample(db, sample.id)).version).toBe(sample.version);
  });

  it('regenerates a diagnosis in one transaction: a preview first, then every generated sample written', async () => {
    const before = await cellCounts(db);
    const preview = await previewRegeneration(db, roots, 'complete_right_bundle_branch_block', {
      seed: 4,
    });
    expect(preview).toHaveLength(200);
    const generated = preview.filter((i) => i.result.ok);
    // Only the samples whose records are in ../shared/data/ecg/ptbxl can be generated.
    expect(generated.map((i) => i.before.metadata.id).sort((a, b) => a - b)).toEqual([
      650, 656, 657, 729, 772, 785,
    ]);
    for (const item of generated) {
      expect(item.changed.length).toBeGreaterThan(0);
      expect(item.result.ok && item.result.sample.metadata).toEqual(item.before.metadata);
    }
    expect(preview.find((i) => !i.result.ok && i.before.metadata.id === 700)?.result).toMatchObject(
      { ok: false, problems: ['record not available'] },
    );

    // A sample changed between the preview and the apply: the whole apply is refused.
    const moved = generated[2]!;
    await db
      .updateTable('samples')
      .set({ version: moved.version + 1 })
      .where('id', '=', moved.pk)
      .execute();
    const refused = await applyRegeneration(db, curator, preview).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ServiceError);
    await db
      .updateTable('samples')
      .set({ version: moved.version })
      .where('id', '=', moved.pk)
      .execute();
    for (const item of generated) expect((await getSample(db, item.pk)).version).toBe(item.version);

    const applied = await applyRegeneration(db, curator, preview);
    expect(applied).toEqual({ written: 6, unchanged: 0, skipped: 194, closedFlags: 0 });
    for (const item of generated) {
      const revisions = await listRevisions(db, item.pk);
      const last = revisions[revisions.length - 1]!;
      expect(last.kind).toBe('regenerate');
      expect(last.sample).toEqual(item.result.ok ? item.result.sample : null);
      expect(last.provenance?.seed).toBe(4);
    }
    expect(await cellCounts(db)).toEqual(before);

    // A second run with the same seed, over templates that now hold the regenerated samples,
    // generates the same samples again: nothing to write.
    const again = await previewRegeneration(db, roots, 'complete_right_bundle_branch_block', {
      seed: 4,
    });
    const regenerated = again.filter((i) => i.result.ok);
    expect(regenerated).toHaveLength(6);
    expect(regenerated.map((i) => [i.before.metadata.id, i.changed])).toEqual(
      generated.map((i) => [i.before.metadata.id, []]),
    );
  });
});
