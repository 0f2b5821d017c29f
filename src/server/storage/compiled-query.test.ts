import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../testing/test-database';
import { DB_KINDS, createTestDatabase } from '../../testing/test-database';
import { compileOnce } from './compiled-query';
import type { Db } from './database';
import { runWriteTransaction } from './group-commit';
import { nowIso } from './ids';
import { systemAuditRow } from '../../testing/audit-row';

const insertEntry = compileOnce(
  ['entityId', 'after', 'at'],
  (db: Db, p: { entityId: string; after: string | null; at: string }) =>
    db
      .insertInto('audit_log')
      .values(
        systemAuditRow({
          entity: 'compiled',
          entityId: p.entityId,
          action: 'create',
          after: p.after,
          baseVersion: 7,
          at: p.at,
        }),
      )
      .returning(['seq', 'entity', 'entity_id', 'after', 'base_version']),
);

const entriesOf = compileOnce(['entityId'], (db: Db, p: { entityId: string }) =>
  db
    .selectFrom('audit_log')
    .select(['entity_id', 'after', 'base_version'])
    .where('entity', '=', 'compiled')
    .where('entity_id', '=', p.entityId)
    .orderBy('seq'),
);

describe.each(DB_KINDS)('compileOnce (%s)', (kind) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await test.dispose();
  });

  it('runs the once-compiled SQL with each call’s values, constants kept', async () => {
    const db = test.storage.db;
    const first = await insertEntry.takeFirst(db, {
      entityId: 'a',
      after: '{"n":1}',
      at: nowIso(),
    });
    const second = await insertEntry.takeFirst(db, { entityId: 'b', after: null, at: nowIso() });
    expect(first).toMatchObject({ entity: 'compiled', entity_id: 'a', after: '{"n":1}' });
    expect(Number(first?.base_version)).toBe(7);
    expect(second).toMatchObject({ entity_id: 'b', after: null });
    expect(Number(second?.seq)).toBeGreaterThan(Number(first?.seq));
    expect(await entriesOf.execute(db, { entityId: 'b' })).toHaveLength(1);
    expect(await entriesOf.takeFirst(db, { entityId: 'nobody' })).toBeUndefined();
  });

  it('runs inside the caller’s transaction, which can still roll it back', async () => {
    const db = test.storage.db;
    await expect(
      runWriteTransaction(db, async (trx) => {
        await insertEntry.execute(trx, { entityId: 'rolled-back', after: null, at: nowIso() });
        expect(await entriesOf.execute(trx, { entityId: 'rolled-back' })).toHaveLength(1);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await entriesOf.execute(db, { entityId: 'rolled-back' })).toEqual([]);
  });

  it('refuses a build that inlines a parameter instead of binding it', async () => {
    const inlined = compileOnce(['entityId'], (db: Db, p: { entityId: string }) =>
      db.selectFrom('audit_log').select('seq').where('entity_id', '=', sql.lit(p.entityId)),
    );
    await expect(inlined.execute(test.storage.db, { entityId: 'x' })).rejects.toThrow(
      /entityId did not become bound parameters/,
    );
  });
});
