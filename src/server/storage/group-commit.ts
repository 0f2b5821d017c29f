import type { Transaction } from 'kysely';
import { CompiledQuery } from 'kysely';
import type { Database, Db } from './database';

// Compiled once: every write of a batch runs these.
const SAVEPOINT = CompiledQuery.raw('savepoint group_write');
const RELEASE = CompiledQuery.raw('release savepoint group_write');
const ROLLBACK_TO = CompiledQuery.raw('rollback to savepoint group_write');

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
  private scheduled = false;
  private commits = 0;
  private writes = 0;

  constructor(
    private readonly db: Db,
    private readonly afterCommit: () => void,
  ) {}

  run<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Commits and writes committed so far (the mean batch size is writes / commits). */
  stats(): GroupCommitStats {
    return { commits: this.commits, writes: this.writes };
  }

  /**
   * Starts the next batch after the event loop has polled I/O once: requests that arrived while
   * the previous COMMIT blocked the thread (better-sqlite3 fsyncs synchronously) reach their write
   * first and join this batch, instead of each write taking the connection, and a fsync, alone.
   */
  private schedule(): void {
    if (this.flushing || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    const batch = this.queue;
    this.queue = [];
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    let commitError: { error: unknown } | undefined;
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const write of batch) {
          await trx.executeQuery(SAVEPOINT);
          try {
            const value = await write.fn(trx);
            await trx.executeQuery(RELEASE);
            outcomes.push({ ok: true, value });
          } catch (error) {
            await trx.executeQuery(ROLLBACK_TO);
            await trx.executeQuery(RELEASE);
            outcomes.push({ ok: false, error });
          }
        }
      });
      this.commits += 1;
      this.writes += batch.length;
    } catch (error) {
      // The COMMIT itself failed: nothing of the batch is stored.
      commitError = { error };
    }
    if (!commitError) {
      try {
        this.afterCommit();
      } catch (error) {
        // The batch is committed; a failing hook must not turn its answers into errors.
        process.stderr.write(`After-commit hook failed: ${String(error)}\n`);
      }
    }
    this.flushing = false;
    if (this.queue.length > 0) this.schedule();
    batch.forEach((write, i) => {
      const outcome = outcomes[i];
      if (commitError) write.reject(commitError.error);
      else if (outcome?.ok) write.resolve(outcome.value);
      else write.reject(outcome?.error);
    });
  }
}

/** How many group commits ran and how many writes they carried. */
export interface GroupCommitStats {
  readonly commits: number;
  readonly writes: number;
}

const committers = new WeakMap<Db, GroupCommitter>();

/** Turns on group commit for a SQLite database handle (openDatabase does this). */
export function enableGroupCommit(db: Db, afterCommit: () => void = () => {}): void {
  committers.set(db, new GroupCommitter(db, afterCommit));
}

/** Runs fn as one write transaction: group-committed on SQLite, a plain transaction otherwise. */
export function runWriteTransaction<T>(
  db: Db,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  const committer = committers.get(db);
  return committer ? committer.run(fn) : db.transaction().execute(fn);
}

/** Group-commit counters of a SQLite handle (undefined on PostgreSQL). */
export function groupCommitStats(db: Db): GroupCommitStats | undefined {
  return committers.get(db)?.stats();
}
