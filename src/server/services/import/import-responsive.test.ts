import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunksOf } from '../../../domain/jsonl/read-jsonl';
import { jsonlEntryBatches } from '../../../domain/jsonl/source-entry';
import { systemAuditRow } from '../../../testing/audit-row';
import { PTBXL_JSONL, REPO_ROOT } from '../../../testing/sample-fixtures';
import type { TestDatabase } from '../../../testing/test-database';
import { DB_KINDS, createTestDatabase, makeTempDir } from '../../../testing/test-database';
import type { RecordRoots } from '../records';
import { importSamples } from './import-samples';

const fileText = readFileSync(PTBXL_JSONL, 'utf8');
const sampleCount = fileText.split('\n').length - 1;
const recordsDir = path.resolve(REPO_ROOT, '../shared/data/ecg/ptbxl');

/** Counts turns of the event loop (setImmediate callbacks) until stopped. */
function turnCounter() {
  let turns = 0;
  let running = true;
  const loop = () => {
    turns += 1;
    if (running) setImmediate(loop);
  };
  setImmediate(loop);
  return {
    get turns() {
      return turns;
    },
    stop: () => (running = false),
  };
}

/** Lets the event loop turn a few times: pending work that could run would. */
async function turns(n = 5): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe.each(DB_KINDS)('an import beside other requests on %s', (kind) => {
  let database: TestDatabase;
  let roots: RecordRoots;
  const demo = makeTempDir('ecg-demo-');

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    roots = { recordsDir, demoDir: demo.dir };
  });
  afterAll(async () => {
    await database.dispose();
    demo.remove();
  });

  async function counts() {
    const db = database.storage.db;
    const n = async (table: 'samples' | 'sample_revisions' | 'ecg_records' | 'audit_log') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      samples: await n('samples'),
      revisions: await n('sample_revisions'),
      ecgs: await n('ecg_records'),
      audit: await n('audit_log'),
    };
  }

  it('leaves the database as it was when the import fails after writing every row', async () => {
    const before = await counts();
    let rowsInTransaction = 0;
    const failing = importSamples(
      database.storage.db,
      jsonlEntryBatches('ptbxl.jsonl', chunksOf([fileText])),
      {
        fileName: 'ptbxl.jsonl',
        roots,
        actor: null,
        beforeCommit: async (trx) => {
          rowsInTransaction = Number(
            (
              await trx
                .selectFrom('samples')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          );
          throw new Error('the process went away mid-import');
        },
      },
    );
    await expect(failing).rejects.toThrow('the process went away mid-import');
    expect(rowsInTransaction).toBe(sampleCount);
    expect(await counts()).toEqual(before);
  });

  it('yields to the event loop while it reads and writes; reads see the last commit; other writes are kept', async () => {
    const db = database.storage.db;
    const counter = turnCounter();
    const turnsAt: Record<string, number> = {};
    let readDuringWrite: number | undefined;
    let otherWrite: Promise<unknown> | undefined;
    let otherWritten = false;
    const report = await importSamples(db, jsonlEntryBatches('ptbxl.jsonl', chunksOf([fileText])), {
      fileName: 'ptbxl.jsonl',
      roots,
      actor: null,
      onProgress: (p) => {
        turnsAt[p.phase] ??= counter.turns;
      },
      beforeCommit: async () => {
        turnsAt['commit'] = counter.turns;
        // Another request reads and writes while the import's transaction is open.
        readDuringWrite = Number(
          (
            await db
              .selectFrom('samples')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
        otherWrite = db
          .insertInto('audit_log')
          .values(systemAuditRow({ entity: 'beside-import', entityId: '1', action: 'write' }))
          .execute()
          .then(() => (otherWritten = true));
        await turns();
        // SQLite has one writer: the other write waits for the import, outside its transaction.
        if (kind === 'sqlite') expect(otherWritten).toBe(false);
      },
    });
    counter.stop();
    await otherWrite;
    expect(report.outcome).toBe('imported');
    expect(readDuringWrite).toBe(0);
    // Turns of the event loop while reading and while writing: other requests were served. An
    // import that never yields lets at most one turn through per phase; how many more there are
    // depends on the machine's speed (slices of 8 ms), so the test asks for a few, not a count.
    expect(turnsAt['records']! - turnsAt['reading']!).toBeGreaterThanOrEqual(3);
    expect(turnsAt['commit']! - turnsAt['writing']!).toBeGreaterThanOrEqual(3);
    expect((await counts()).samples).toBe(sampleCount);
    const other = await db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'beside-import')
      .execute();
    expect(other).toHaveLength(1);
  });
});
