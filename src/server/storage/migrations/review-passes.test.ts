import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSample } from '../../services/sample-create';
import { getPassProgress } from '../../services/review-queue';
import { listFlags, listVerdicts, saveVerdict } from '../../services/reviews';
import { loadRealSamples } from '../../../testing/sample-fixtures';
import type { TestDatabase } from '../../../testing/test-database';
import { DB_KINDS, createTestDatabase } from '../../../testing/test-database';
import { newId, nowIso } from '../ids';
import { migrateToLatest } from '../open-database';
import { allMigrations } from './index';

const samples = loadRealSamples(6);

describe.each(DB_KINDS)('migration 0007-review-passes on %s', (kind) => {
  let test: TestDatabase;
  const ids = {
    reviewer: newId(),
    curator: newId(),
    pass: newId(),
    verdict: newId(),
    flag: newId(),
  };
  const sampleIds: string[] = [];

  beforeAll(async () => {
    test = await createTestDatabase(kind, { migrate: false });
    const db = test.storage.db;
    const migrator = new Migrator({
      db,
      provider: { getMigrations: () => Promise.resolve(allMigrations(kind)) },
    });
    const { error } = await migrator.migrateTo('0001-initial');
    if (error) throw error;
    const now = nowIso();
    for (const [id, role] of [
      [ids.reviewer, 'reviewer'],
      [ids.curator, 'curator'],
    ] as const) {
      await db
        .insertInto('users')
        .values({
          id,
          username: role,
          role,
          password_hash: 'x',
          disabled: 0,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    // createSample writes only tables 0001 made, so it stands in for an old server's import.
    for (const sample of samples) sampleIds.push((await createSample(db, null, sample)).id);
    const dx = samples[0]!.metadata.target_dx;
    // The rows a 0001 server wrote: a filter pass, a verdict with one reason, its flags.
    await db
      .insertInto('review_passes')
      .values({
        id: ids.pass,
        name: 'old pass',
        description: '',
        filter: JSON.stringify({ targetDx: dx }),
        status: 'open',
        created_by: ids.curator,
        version: 1,
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
    await db
      .insertInto('review_verdicts')
      .values({
        id: ids.verdict,
        pass_id: ids.pass,
        sample_pk: sampleIds[0]!,
        reviewer_id: ids.reviewer,
        verdict: 'flag',
        reason: 'wording',
        comment: 'old',
        steps: JSON.stringify([
          { stepIdx: 1, verdict: 'flag', reason: 'signal_quality', comment: 'noisy' },
        ]),
        version: 1,
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
    await db
      .insertInto('flags')
      .values({
        id: ids.flag,
        sample_pk: sampleIds[0]!,
        pass_id: ids.pass,
        verdict_id: ids.verdict,
        raised_by: ids.reviewer,
        step_idx: null,
        reason: 'wording',
        comment: 'old',
        status: 'open',
        resolution: null,
        resolved_by: null,
        version: 1,
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
    await migrateToLatest(db, kind);
  });
  afterAll(async () => {
    await test.dispose();
  });

  it("keeps an old pass's samples (its filter as it selects now), in list order", async () => {
    const rows = await test.storage.db
      .selectFrom('review_pass_samples')
      .select(['sample_pk', 'position'])
      .where('pass_id', '=', ids.pass)
      .orderBy('position')
      .execute();
    const expected = samples.flatMap((s, i) =>
      s.metadata.target_dx === samples[0]!.metadata.target_dx ? [sampleIds[i]] : [],
    );
    expect(rows.map((row) => row.sample_pk)).toEqual(expected);
    expect(rows.map((row) => row.position)).toEqual(expected.map((_, i) => i));
  });

  it('reads old single reasons as one-element lists, for verdicts, steps and flags', async () => {
    const curator = { id: ids.curator, username: 'curator', role: 'curator' as const };
    const [verdict] = await listVerdicts(test.storage.db, curator, ids.pass);
    expect(verdict).toMatchObject({
      reasons: ['wording'],
      steps: [{ stepIdx: 1, verdict: 'flag', reasons: ['signal_quality'], comment: 'noisy' }],
    });
    const [flag] = await listFlags(test.storage.db, curator, { reason: 'wording' });
    expect(flag).toMatchObject({ id: ids.flag, reason: 'wording', reasons: ['wording'] });
  });

  it('leaves an old pass open to every reviewer, as it was', async () => {
    const reviewer = { id: ids.reviewer, username: 'reviewer', role: 'reviewer' as const };
    const saved = await saveVerdict(test.storage.db, reviewer, ids.pass, sampleIds[0]!, 1, {
      verdict: 'pass',
      reasons: [],
      comment: '',
      steps: [],
    });
    expect(saved.verdict).toMatchObject({ version: 2, reasons: [] });
    const progress = await getPassProgress(test.storage.db, reviewer, ids.pass);
    expect(progress.reviewers).toEqual([
      expect.objectContaining({ reviewerId: ids.reviewer, done: 1 }),
    ]);
    const tables = (await test.storage.db.introspection.getTables()).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining(['review_pass_samples', 'review_assignments', 'sample_preflags']),
    );
  });
});
