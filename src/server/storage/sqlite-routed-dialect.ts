import type {
  CompiledQuery,
  DatabaseConnection,
  Driver,
  QueryResult,
  SqliteDatabase,
} from 'kysely';
import { CompiledQuery as Compiled, SelectQueryNode, SqliteDialect } from 'kysely';
import type { Mutex } from './mutex';

function run(database: SqliteDatabase, query: CompiledQuery): QueryResult<unknown> {
  const statement = database.prepare(query.sql);
  if (statement.reader) return { rows: statement.all(query.parameters) };
  const { changes, lastInsertRowid } = statement.run(query.parameters);
  return {
    numAffectedRows: changes === undefined || changes === null ? undefined : BigInt(changes),
    insertId:
      lastInsertRowid === undefined || lastInsertRowid === null
        ? undefined
        : BigInt(lastInsertRowid),
    rows: [],
  };
}

/**
 * A connection as Kysely sees it, bound to a database connection only per query: a SELECT
 * outside a transaction runs on the reader; anything else (writes, raw SQL, streams, a whole
 * transaction) holds the writer until it ends.
 */
class RoutedConnection implements DatabaseConnection {
  private releaseWriter: (() => void) | undefined;

  constructor(private readonly driver: RoutedSqliteDriver) {}

  /** Holds the writer until release (for a transaction). */
  async holdWriter(): Promise<void> {
    this.releaseWriter ??= await this.driver.writerLock.lock();
  }

  release(): void {
    this.releaseWriter?.();
    this.releaseWriter = undefined;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.releaseWriter) return run(this.driver.writer, query) as QueryResult<R>;
    if (SelectQueryNode.is(query.query)) return run(this.driver.reader(), query) as QueryResult<R>;
    const release = await this.driver.writerLock.lock();
    try {
      return run(this.driver.writer, query) as QueryResult<R>;
    } finally {
      release();
    }
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query))
      throw new Error('The SQLite driver streams only SELECT queries.');
    // An iterated statement keeps its connection busy across awaits: the writer's, held.
    const holding = this.releaseWriter !== undefined;
    if (!holding) await this.holdWriter();
    try {
      for (const row of this.driver.writer.prepare(query.sql).iterate(query.parameters))
        yield { rows: [row as R] };
    } finally {
      if (!holding) this.release();
    }
  }
}

/**
 * Kysely's SQLite driver with reads moved off the writer: the server's one write connection
 * serialises writes and transactions as before, while a SELECT outside a transaction runs on a
 * second, read-only connection to the same file (WAL: it reads the last commit, never waiting
 * for a transaction in progress). A long write transaction, an import, then holds up other
 * writes (which SQLite would serialise anyway) but no reads.
 */
class RoutedSqliteDriver implements Driver {
  private readerConnection: SqliteDatabase | undefined;

  constructor(
    readonly writer: SqliteDatabase,
    private readonly openReader: () => SqliteDatabase,
    readonly writerLock: Mutex,
  ) {}

  /** The read-only connection, opened on first use (after migrations have made the schema). */
  reader(): SqliteDatabase {
    this.readerConnection ??= this.openReader();
    return this.readerConnection;
  }

  init(): Promise<void> {
    return Promise.resolve();
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return Promise.resolve(new RoutedConnection(this));
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as RoutedConnection).holdWriter();
    await connection.executeQuery(Compiled.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(Compiled.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(Compiled.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(Compiled.raw(`savepoint ${quoted(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(Compiled.raw(`rollback to ${quoted(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(Compiled.raw(`release ${quoted(name)}`));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as RoutedConnection).release();
    return Promise.resolve();
  }

  destroy(): Promise<void> {
    this.readerConnection?.close();
    this.readerConnection = undefined;
    this.writer.close();
    return Promise.resolve();
  }
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The server's SQLite dialect: writes on `writer`, reads outside transactions on a reader.
 * Every use of the writer holds writerLock; whoever else holds it keeps the writer idle.
 */
export class RoutedSqliteDialect extends SqliteDialect {
  constructor(
    private readonly writer: SqliteDatabase,
    private readonly openReader: () => SqliteDatabase,
    private readonly writerLock: Mutex,
  ) {
    super({ database: writer });
  }

  override createDriver(): Driver {
    return new RoutedSqliteDriver(this.writer, this.openReader, this.writerLock);
  }
}
