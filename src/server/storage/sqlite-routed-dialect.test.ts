import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemAuditRow } from '../../testing/audit-row';
import type { TestDatabase } from '../../testing/test-database';
import { createTestDatabase } from '../../testing/test-database';
import { whileSqliteWriterIdle } from './open-database';

/** Lets the event loop turn a few times (I/O, timers, immediates): pending work would run. */
async function turns(n = 5): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe("the server's SQLite connection: reads beside an open write transaction", () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await test.dispose();
  });

  const actions = async (entity: string) =>
    (
      await test.storage.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity', '=', entity)
        .orderBy('seq')
        .execute()
    ).map((row) => row.action);

  const insert = (entity: string, action: string) =>
    test.storage.db
      .insertInto('audit_log')
      .values(systemAuditRow({ entity, entityId: action, action }))
      .execute();

  it('answers a read while a transaction is open, with the last committed data only', async () => {
    const trx = await test.storage.db.startTransaction().execute();
    await trx
      .insertInto('audit_log')
      .values(systemAuditRow({ entity: 'routed-read', entityId: 'a', action: 'in trx' }))
      .execute();
    // On one connection this read would wait for the transaction, which waits for the test.
    expect(await actions('routed-read')).toEqual([]);
    await trx.commit().execute();
    expect(await actions('routed-read')).toEqual(['in trx']);
  });

  it('holds other writes until the transaction ends, outside it (a rollback keeps them)', async () => {
    const trx = await test.storage.db.startTransaction().execute();
    await trx
      .insertInto('audit_log')
      .values(systemAuditRow({ entity: 'routed-write', entityId: 'a', action: 'rolled back' }))
      .execute();
    let written = false;
    const other = insert('routed-write', 'other').then(() => (written = true));
    await turns();
    expect(written).toBe(false);
    await trx.rollback().execute();
    await other;
    expect(await actions('routed-write')).toEqual(['other']);
  });

  it('keeps the connection from writing while whileSqliteWriterIdle runs', async () => {
    let written = false;
    let other: Promise<unknown> | undefined;
    await whileSqliteWriterIdle(test.storage.db, async () => {
      other = insert('routed-idle', 'waited').then(() => (written = true));
      await turns();
      expect(written).toBe(false);
      // Reads go on meanwhile.
      expect(await actions('routed-idle')).toEqual([]);
    });
    await other;
    expect(await actions('routed-idle')).toEqual(['waited']);
  });
});
