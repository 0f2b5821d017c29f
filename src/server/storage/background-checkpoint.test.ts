import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { systemAuditRow } from '../../testing/audit-row';
import { makeTempDir } from '../../testing/test-database';
import { BACKGROUND_CHECKPOINT_AFTER_COMMITS } from './background-checkpoint';
import type { Db } from './database';
import { runWriteTransaction } from './group-commit';
import { openMigratedDatabase, sqliteHandleOf } from './open-database';

async function writeOne(db: Db, i: number): Promise<void> {
  await runWriteTransaction(db, (trx) =>
    trx
      .insertInto('audit_log')
      .values(systemAuditRow({ entity: 'checkpoint', entityId: String(i), action: 'write' }))
      .execute(),
  );
}

/** Rows in a copy of the database file alone (no WAL): what checkpoints have written there. */
function rowsInMainFile(sqliteFile: string, copyDir: string): number {
  const copy = path.join(copyDir, `copy-${Date.now()}.sqlite`);
  copyFileSync(sqliteFile, copy);
  const reader = new BetterSqlite3(copy, { readonly: true });
  try {
    // The schema itself may still be only in the WAL.
    const hasTable = reader
      .prepare("select 1 from sqlite_master where type = 'table' and name = 'audit_log'")
      .get();
    if (!hasTable) return 0;
    return (
      reader.prepare("select count(*) as n from audit_log where entity = 'checkpoint'").get() as {
        n: number;
      }
    ).n;
  } finally {
    reader.close();
  }
}

describe('background WAL checkpoints (SQLite)', () => {
  const temp = makeTempDir();
  const copies = makeTempDir();
  afterAll(() => {
    temp.remove();
    copies.remove();
  });

  it('after enough commits a worker copies committed pages into the file; the writer never checkpoints', async () => {
    const storage = await openMigratedDatabase({ dataDir: temp.dir, databaseUrl: undefined });
    const sqlite = sqliteHandleOf(storage.db)!;
    const file = storage.sqliteFile!;
    const commits = BACKGROUND_CHECKPOINT_AFTER_COMMITS + 20;
    // One write per commit (each awaited), far fewer pages than SQLite's own 1000-page trigger.
    for (let i = 0; i < commits; i++) await writeOne(storage.db, i);
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);

    const deadline = Date.now() + 10_000;
    let inFile = rowsInMainFile(file, copies.dir);
    while (inFile < commits && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      inFile = rowsInMainFile(file, copies.dir);
    }
    expect(inFile).toBe(commits);

    // Writes go on while the worker runs, and close stops it and leaves no WAL behind.
    for (let i = commits; i < commits + 10; i++) await writeOne(storage.db, i);
    await storage.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = await openMigratedDatabase({ dataDir: temp.dir, databaseUrl: undefined });
    const count = await reopened.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('entity', '=', 'checkpoint')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(commits + 10);
    await reopened.close();
  });
});
