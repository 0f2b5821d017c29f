import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSamplePreflags } from '../../services/preflags/preflag-store';
import { createSample } from '../../services/sample-create';
import { loadRealSamples } from '../../../testing/sample-fixtures';
import type { TestDatabase } from '../../../testing/test-database';
import { DB_KINDS, createTestDatabase } from '../../../testing/test-database';
import { nowIso } from '../ids';
import { migrateToLatest } from '../open-database';
import { allMigrations } from './index';

describe.each(DB_KINDS)('migration 0008-preflags on %s', (kind) => {
  let test: TestDatabase;
  let sampleId = '';

  beforeAll(async () => {
    test = await createTestDatabase(kind, { migrate: false });
    const db = test.storage.db;
    const migrator = new Migrator({
      db,
      provider: { getMigrations: () => Promise.resolve(allMigrations(kind)) },
    });
    const { error } = await migrator.migrateTo('0007-review-passes');
    if (error) throw error;
    sampleId = (await createSample(db, null, loadRealSamples(1)[0]!)).id;
    // A row as a 0007 server could write it: no location, no sample version.
    await db
      .insertInto('sample_preflags')
      .values({
        sample_pk: sampleId,
        rule: 'duplicate-option',
        severity: 'error',
        message: 'written before 0008',
        numbers: '{"text":"[1.00s - 1.10s]"}',
        engine_version: 'old',
        created_at: nowIso(),
      } as never)
      .execute();
    await migrateToLatest(db, kind);
  });
  afterAll(async () => {
    await test.dispose();
  });

  it('keeps old pre-flags, read as pointing at the whole sample, with no check yet', async () => {
    const read = await readSamplePreflags(test.storage.db, sampleId);
    expect(read.check).toBeNull();
    expect(read.items).toEqual([
      expect.objectContaining({
        rule: 'duplicate-option',
        message: 'written before 0008',
        at: { step: null, part: null, question: null, option: null },
        numbers: { text: '[1.00s - 1.10s]' },
        engineVersion: 'old',
      }),
    ]);
  });

  it('adds the check and run tables, empty', async () => {
    const db = test.storage.db;
    expect(await db.selectFrom('sample_preflag_checks').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('preflag_runs').selectAll().execute()).toEqual([]);
  });
});
