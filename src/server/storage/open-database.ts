import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { BackgroundCheckpointer } from './background-checkpoint';
import type { Database, Db, DbKind } from './database';
import { enableGroupCommit } from './group-commit';
import { allMigrations } from './migrations/index';
import { Mutex } from './mutex';
import { RoutedSqliteDialect } from './sqlite-routed-dialect';

/** Where the database lives: PostgreSQL when databaseUrl is set, else SQLite in dataDir. */
export interface StorageTarget {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
}

/** An open database: the Kysely handle, its kind, and how to close it. */
export interface Storage {
  readonly db: Db;
  readonly kind: DbKind;
  /** Absolute path of the SQLite file (undefined on PostgreSQL). */
  readonly sqliteFile: string | undefined;
  close(): Promise<void>;
}

/** The SQLite file name inside DATA_DIR. */
export const SQLITE_FILE_NAME = 'workbench.sqlite';

/** Opens the SQLite file with the durability settings every write relies on. */
export function openSqliteFile(file: string): BetterSqlite3.Database {
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before the response acknowledges it (survives kill -9 and power loss).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

/** A read-only connection to the file (WAL: it reads the last commit while the writer writes). */
function openSqliteReader(file: string): BetterSqlite3.Database {
  const reader = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  reader.pragma('busy_timeout = 5000');
  return reader;
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh; preparing costs as much as running a small statement.
 * This keeps the most recent prepared statements by SQL text (Kysely's SQL text is stable).
 */
function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = cache.get(text);
      // A statement still being iterated (a streamed read) cannot run again: prepare another.
      if (statement?.busy) return sqlite.prepare(text);
      if (statement) {
        cache.delete(text);
      } else {
        statement = sqlite.prepare(text);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

const sqliteHandles = new WeakMap<Db, BetterSqlite3.Database>();
const checkpointers = new WeakMap<Db, BackgroundCheckpointer>();
const writerLocks = new WeakMap<Db, Mutex>();

/**
 * Runs fn while no query, write or transaction of the server's SQLite connection can start (reads
 * outside transactions go on from the reader): for a write on another connection, which would
 * otherwise meet the server's writes in SQLite's one write lock and wait for it synchronously.
 */
export function whileSqliteWriterIdle<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const lock = writerLocks.get(db);
  if (!lock) throw new Error('whileSqliteWriterIdle: not a SQLite database from openDatabase.');
  return lock.hold(fn);
}
const pgPools = new WeakMap<Db, pg.Pool>();

/** The pg pool behind a PostgreSQL Db from openDatabase (undefined on SQLite). */
export function pgPoolOf(db: Db): pg.Pool | undefined {
  return pgPools.get(db);
}

/**
 * The better-sqlite3 handle behind a SQLite Db from openDatabase (undefined on PostgreSQL): for
 * bulk writes through prepared statements inside a Kysely transaction on the same connection.
 */
export function sqliteHandleOf(db: Db): BetterSqlite3.Database | undefined {
  return sqliteHandles.get(db);
}

/**
 * Moves a SQLite database's WAL checkpoints to their worker thread now (no-op elsewhere): a
 * write of hundreds of MB would otherwise be copied into the file by the automatic checkpoint
 * of its COMMIT, on the event loop.
 */
export function moveCheckpointsOffThread(db: Db): void {
  checkpointers.get(db)?.startNow();
}

/** Opens (without migrating) the configured database. */
export function openDatabase(target: StorageTarget): Storage {
  if (target.databaseUrl) {
    const pool = new pg.Pool({ connectionString: target.databaseUrl, max: 10 });
    // An idle pooled connection that the server closes (restart, admin termination) emits
    // 'error' on the pool; unhandled, that would crash the process. pg drops the connection and
    // the next query opens a new one, so noting it is all there is to do.
    pool.on('error', (error) => {
      console.error(`PostgreSQL closed an idle connection: ${error.message}`);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    pgPools.set(db, pool);
    return { db, kind: 'postgres', sqliteFile: undefined, close: () => db.destroy() };
  }
  mkdirSync(target.dataDir, { recursive: true });
  const file = path.join(target.dataDir, SQLITE_FILE_NAME);
  const sqlite = openSqliteFile(file);
  const writerLock = new Mutex();
  const db = new Kysely<Database>({
    dialect: new RoutedSqliteDialect(
      withStatementCache(sqlite),
      () => withStatementCache(openSqliteReader(file)),
      writerLock,
    ),
  });
  sqliteHandles.set(db, sqlite);
  writerLocks.set(db, writerLock);
  const checkpointer = new BackgroundCheckpointer(sqlite);
  checkpointers.set(db, checkpointer);
  enableGroupCommit(db, () => checkpointer.noteCommit());
  return {
    db,
    kind: 'sqlite',
    sqliteFile: file,
    async close() {
      await checkpointer.stop();
      await db.destroy();
    },
  };
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db, kind: DbKind): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(allMigrations(kind)) },
    // Features are built on parallel branches, so a migration numbered below one a workspace
    // already ran can land later (0010 after 0013); each touches only its own tables, so it runs
    // then instead of refusing to start.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Database migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`);
  }
}

/** Opens the configured database and brings its schema up to date. */
export async function openMigratedDatabase(target: StorageTarget): Promise<Storage> {
  const storage = openDatabase(target);
  try {
    await migrateToLatest(storage.db, storage.kind);
  } catch (error) {
    await storage.close();
    throw error;
  }
  return storage;
}
