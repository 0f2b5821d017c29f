import type { Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Database, Db } from './database';

interface PendingWrite {
  readonly fn: (trx: Transaction<Database>) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for SQLite: writes that arrive while a commit is in progress are run together
 * in the next transaction, each inside its own savepoint (a failing write rolls back alone), and
 * all are answered after that one COMMIT (one fsync) returns. SQLite runs one writer at a time
 * anyway; this only shares the fsync, so an acknowledged write is still on disk.
 */
class GroupCommitter {
  private queue: PendingWrite[] = [];
  private flushing = false;

  constructor(private readonly db: Db) {}

  run<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
      try {
        await this.db.transaction().execute(async (trx) => {
          for (const write of batch) {
            await sql`savepoint group_write`.execute(trx);
            try {
              const value = await write.fn(trx);
              await sql`release savepoint group_write`.execute(trx);
              outcomes.push({ ok: true, value });
            } catch (error) {
              await sql`rollback to savepoint group_write`.execute(trx);
              await sql`release savepoint group_write`.execute(trx);
              outcomes.push({ ok: false, error });
            }
          }
        });
      } catch (error) {
        // The COMMIT itself failed: nothing of the batch is stored.
        for (const write of batch) write.reject(error);
        continue;
      }
      batch.forEach((write, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) write.resolve(outcome.value);
        else write.reject(outcome.error);
      });
    }
    this.flushing = false;
  }
}

const committers = new WeakMap<Db, GroupCommitter>();

/** Turns on group commit for a SQLite database handle (openDatabase does this). */
export function enableGroupCommit(db: Db): void {
  committers.set(db, new GroupCommitter(db));
}

/** Runs fn as one write transaction: group-committed on SQLite, a plain transaction otherwise. */
export function runWriteTransaction<T>(
  db: Db,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  const committer = committers.get(db);
  return committer ? committer.run(fn) : db.transaction().execute(fn);
}
