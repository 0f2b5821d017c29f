import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../testing/test-database';
import { createTestDatabase } from '../../testing/test-database';
import { groupCommitStats, runWriteTransaction } from './group-commit';
import { systemAuditRow } from '../../testing/audit-row';

describe('group commit (SQLite)', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await test.dispose();
  });

  it('commits concurrent writes together, rolling back only the one that fails', async () => {
    const write = (action: string, fail = false) =>
      runWriteTransaction(test.storage.db, async (trx) => {
        await trx
          .insertInto('audit_log')
          .values(systemAuditRow({ entity: 'gc', entityId: action, action }))
          .execute();
        if (fail) throw new Error(`write ${action} failed`);
        return action;
      });
    const before = groupCommitStats(test.storage.db);
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => write(`w${i}`, i % 7 === 3)),
    );
    const after = groupCommitStats(test.storage.db);
    // Writes queued in the same turn of the event loop share one COMMIT (one fsync).
    expect(after!.commits - before!.commits).toBe(1);
    expect(after!.writes - before!.writes).toBe(30);
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [i] : []));
    expect(failed).toEqual([3, 10, 17, 24]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 'w0' });
    const rows = await test.storage.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'gc')
      .orderBy('seq')
      .execute();
    expect(rows.map((row) => row.action)).toEqual(
      Array.from({ length: 30 }, (_, i) => `w${i}`).filter((_, i) => i % 7 !== 3),
    );
  });

  it('batches writes of requests that arrive in separate I/O callbacks', async () => {
    const db = test.storage.db;
    const before = groupCommitStats(db)!;
    // Like HTTP requests: each starts in its own macrotask, reads outside a transaction, writes.
    const request = async (i: number) => {
      await new Promise((resolve) => setImmediate(resolve));
      await db.selectFrom('audit_log').select('seq').limit(1).execute();
      return runWriteTransaction(db, (trx) =>
        trx
          .insertInto('audit_log')
          .values(
            systemAuditRow({ entity: 'gc-read-then-write', entityId: String(i), action: 'write' }),
          )
          .execute(),
      );
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => request(i)));
    const after = groupCommitStats(db)!;
    expect(after.writes - before.writes).toBe(20);
    expect(after.commits - before.commits).toBe(1);
  });
});
