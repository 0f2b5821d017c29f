import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { systemAuditRow } from '../../testing/audit-row';
import type { TestDatabase } from '../../testing/test-database';
import { DB_KINDS, createTestDatabase } from '../../testing/test-database';
import { isPublicId, newId, nowIso } from './ids';
import { migrateToLatest } from './open-database';

describe.each(DB_KINDS)('storage on %s', (kind) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await test.dispose();
  });

  it('creates every table and migrating again changes nothing', async () => {
    const tables = (await test.storage.db.introspection.getTables()).map((t) => t.name).sort();
    expect(tables).toEqual(
      expect.arrayContaining([
        'audit_log',
        'dense_labels',
        'ecg_records',
        'flags',
        'idempotency_keys',
        'releases',
        'review_passes',
        'review_verdicts',
        'sample_revisions',
        'samples',
        'sessions',
        'users',
      ]),
    );
    await migrateToLatest(test.storage.db, kind);
    const again = (await test.storage.db.introspection.getTables()).map((t) => t.name).sort();
    expect(again).toEqual(tables);
  });

  it('numbers audit entries in insertion order and keeps JSON text byte for byte', async () => {
    const after = '{"z":1,"a":[1,2],"m":{"b":true,"a":null}}';
    for (const action of ['first', 'second']) {
      await test.storage.db
        .insertInto('audit_log')
        .values(systemAuditRow({ entity: 'test', entityId: 'x', action, after }))
        .execute();
    }
    const rows = await test.storage.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows.map((row) => row.action)).toEqual(['first', 'second']);
    expect(rows[1]!.seq).toBeGreaterThan(rows[0]!.seq);
    expect(rows[0]!.after).toBe(after);
  });

  it('enforces foreign keys', async () => {
    await expect(
      test.storage.db
        .insertInto('sessions')
        .values({ id_hash: 'h', user_id: 'nobody', created_at: nowIso(), expires_at: nowIso() })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
  });

  if (kind === 'sqlite') {
    it('runs SQLite in WAL mode with synchronous=FULL', async () => {
      const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(
        test.storage.db,
      );
      const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(test.storage.db);
      expect(journal.rows[0]?.journal_mode).toBe('wal');
      expect(sync.rows[0]?.synchronous).toBe(2);
    });
  }

  if (kind === 'postgres') {
    it('survives PostgreSQL closing its idle pooled connections, and reconnects', async () => {
      const uncaught: unknown[] = [];
      const onUncaught = (error: unknown) => uncaught.push(error);
      process.on('uncaughtException', onUncaught);
      try {
        const pid = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(
          test.storage.db,
        );
        const admin = new pg.Client({ connectionString: inject('postgresUrl') });
        await admin.connect();
        await admin.query('select pg_terminate_backend($1)', [pid.rows[0]!.pid]);
        await admin.end();
        await new Promise((resolve) => setTimeout(resolve, 200));
        const after = await sql<{ one: number }>`select 1 as one`.execute(test.storage.db);
        expect(after.rows[0]?.one).toBe(1);
        expect(uncaught).toEqual([]);
      } finally {
        process.off('uncaughtException', onUncaught);
      }
    });
  }
});

describe('newId', () => {
  it('gives 26-character base32 ids that do not repeat', () => {
    const ids = new Set(Array.from({ length: 2_000 }, () => newId()));
    expect(ids.size).toBe(2_000);
    for (const id of ids) expect(isPublicId(id)).toBe(true);
    expect(isPublicId('1')).toBe(false);
  });
});
