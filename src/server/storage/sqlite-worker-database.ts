import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { CompiledQuery, DatabaseConnection, Driver, QueryResult } from 'kysely';
import { CompiledQuery as Compiled, Kysely, SqliteDialect } from 'kysely';
import type { Database, Db } from './database';
import { Mutex } from './mutex';

// Plain CommonJS run by the worker (eval): no TypeScript loader needed in tests, CLI or server.
// Statements are cached by SQL text; errors go back with SQLite's code (constraint names).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
db.pragma('wal_autocheckpoint = 0');
const statements = new Map();
const prepare = (sql) => {
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
};
parentPort.on('message', (m) => {
  try {
    if (m.op === 'close') {
      db.close();
      parentPort.postMessage({ id: m.id, ok: true });
      parentPort.close();
      return;
    }
    const statement = prepare(m.sql);
    if (m.op === 'runMany') {
      let changes = 0;
      for (const params of m.rows) changes += statement.run(params).changes;
      parentPort.postMessage({ id: m.id, ok: true, changes });
    } else if (statement.reader) {
      parentPort.postMessage({ id: m.id, ok: true, rows: statement.all(m.params) });
    } else {
      const result = statement.run(m.params);
      parentPort.postMessage({ id: m.id, ok: true, changes: result.changes, insertId: Number(result.lastInsertRowid) });
    }
  } catch (error) {
    parentPort.postMessage({ id: m.id, ok: false, message: error.message, code: error.code });
  }
});
`;

interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly rows?: unknown[];
  readonly changes?: number;
  readonly insertId?: number;
  readonly message?: string;
  readonly code?: string;
}

/** An error SQLite raised in the worker, with its code (SQLITE_CONSTRAINT_UNIQUE, ...). */
export class SqliteWorkerError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'SqliteError';
  }
}

/** The worker thread and its connection, answering one message at a time. */
class WorkerConnection {
  private readonly worker: Worker;
  private readonly pending = new Map<number, (reply: Reply) => void>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(file: string) {
    const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driverPath, file } });
    this.worker.on('message', (reply: Reply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
    const fail = (error: Error) => {
      this.failure = error;
      for (const answer of this.pending.values())
        answer({ id: -1, ok: false, message: error.message });
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', () => fail(new Error('The SQLite worker thread stopped.')));
  }

  send(message: Record<string, unknown>): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, (reply) =>
        reply.ok ? resolve(reply) : reject(new SqliteWorkerError(reply.message ?? '', reply.code)),
      );
      this.worker.postMessage({ ...message, id });
    });
  }

  async close(): Promise<void> {
    if (this.failure) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    await this.send({ op: 'close' });
    await exited;
  }
}

class WorkerKyselyConnection implements DatabaseConnection {
  constructor(private readonly connection: WorkerConnection) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const reply = await this.connection.send({
      op: 'query',
      sql: query.sql,
      params: query.parameters,
    });
    if (reply.rows) return { rows: reply.rows as R[] };
    return {
      numAffectedRows: BigInt(reply.changes ?? 0),
      insertId: reply.insertId === undefined ? undefined : BigInt(reply.insertId),
      rows: [],
    };
  }

  // eslint-disable-next-line require-yield -- streaming is not offered; the signature asks for a generator.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('The SQLite worker connection does not stream.');
  }
}

class WorkerDriver implements Driver {
  private readonly lock = new Mutex();
  private release: (() => void) | undefined;
  private readonly connection: WorkerKyselyConnection;

  constructor(connection: WorkerConnection) {
    this.connection = new WorkerKyselyConnection(connection);
  }

  init(): Promise<void> {
    return Promise.resolve();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    this.release = await this.lock.lock();
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(Compiled.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(Compiled.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(Compiled.raw('rollback'));
  }

  releaseConnection(): Promise<void> {
    this.release?.();
    return Promise.resolve();
  }

  destroy(): Promise<void> {
    return Promise.resolve();
  }
}

class WorkerDialect extends SqliteDialect {
  constructor(private readonly connection: WorkerConnection) {
    // The worker opens the file; SqliteDialect only lends its compiler, adapter and introspector.
    super({ database: () => Promise.reject(new Error('unused')) });
  }

  override createDriver(): Driver {
    return new WorkerDriver(this.connection);
  }
}

/** A connection to a SQLite file in a worker thread of its own, with Kysely on top. */
export interface SqliteWorkerDatabase {
  /** Queries run in the worker; awaiting them never blocks the event loop on SQLite. */
  readonly db: Db;
  /** Runs one statement once per parameter list (a batch of inserts), in the worker. */
  runMany(sql: string, rows: readonly (readonly unknown[])[]): Promise<void>;
  /** Closes the connection and stops the worker (always call it). */
  close(): Promise<void>;
}

/**
 * Opens the SQLite file on a connection in its own worker thread, for one long write (an
 * import): SQLite's synchronous work, COMMIT included (its fsync, and the checksum pass over
 * every WAL frame a large transaction rewrote: about a second for 250 MB), then happens off the
 * event loop. The caller keeps the server's own connection from writing meanwhile (see
 * whileSqliteWriterIdle): two writers would meet in SQLite's one write lock.
 */
export function openSqliteWorkerDatabase(file: string): SqliteWorkerDatabase {
  const connection = new WorkerConnection(file);
  const db = new Kysely<Database>({ dialect: new WorkerDialect(connection) });
  return {
    db,
    async runMany(sql, rows) {
      await connection.send({ op: 'runMany', sql, rows });
    },
    close: () => connection.close(),
  };
}
