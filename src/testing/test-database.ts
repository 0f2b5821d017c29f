import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
// The `postgresUrl` the global setup provides (its declaration, for every tsconfig that checks this).
import type {} from './postgres-global-setup';
import type { DbKind } from '../server/storage/database';
import type { Storage } from '../server/storage/open-database';
import { openDatabase, openMigratedDatabase } from '../server/storage/open-database';

/** Both database kinds, for `describe.each(DB_KINDS)`. */
export const DB_KINDS: readonly DbKind[] = ['sqlite', 'postgres'];

/** A migrated, empty database for one test file, and how to remove it. */
export interface TestDatabase {
  readonly storage: Storage;
  /** DATA_DIR (temp) and DATABASE_URL (postgres only) pointing at this database. */
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  dispose(): Promise<void>;
}

/** A new temp directory under the OS temp dir, removed by the returned function. */
export function makeTempDir(prefix = 'ecg-test-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Creates a fresh database of the given kind (a new PostgreSQL database per call), migrated
 * unless `migrate` is false (migration tests apply migrations themselves).
 */
export async function createTestDatabase(
  kind: DbKind,
  { migrate = true }: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const temp = makeTempDir();
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if (kind === 'postgres') {
    const adminUrl = inject('postgresUrl');
    const name = `t_${Date.now()}_${Math.floor(Math.random() * 1e9)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    databaseUrl = adminUrl.replace(/\/postgres$/, `/${name}`);
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  }
  const target = { dataDir: temp.dir, databaseUrl };
  const storage = migrate ? await openMigratedDatabase(target) : openDatabase(target);
  return {
    storage,
    dataDir: temp.dir,
    databaseUrl,
    async dispose() {
      await storage.close();
      await dropDatabase();
      temp.remove();
    },
  };
}
