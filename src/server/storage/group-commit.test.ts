import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../testing/test-database';
import { createTestDatabase } from '../../testing/test-database';
import { runWriteTransaction } from './group-commit';
import { nowIso } from './ids';

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
          .values({
            actor_id: null,
            actor_role: 'system',
            entity: 'gc',
            entity_id: action,
            action,
            before: null,
            after: null,
            base_version: null,
            at: nowIso(),
          })
          .execute();
        if (fail) throw new Error(`write ${action} failed`);
        return action;
      });
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => write(`w${i}`, i % 7 === 3)),
    );
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
});
