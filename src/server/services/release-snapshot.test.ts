import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkSampleV002 } from '../../schemas/benchmark-sample';
import { testPasswordHash } from '../../testing/api-harness';
import { importThroughImporter, realSamplesById } from '../../testing/release-fixtures';
import type { TestDatabase } from '../../testing/test-database';
import { DB_KINDS, createTestDatabase } from '../../testing/test-database';
import type { Db } from '../storage/database';
import { newId, nowIso } from '../storage/ids';
import type { Actor } from './actor';
import { buildExport } from './export';
import { freezeSnapshot, loadSnapshot, prepareSnapshot } from './release-snapshot';
import { fixSample } from './samples';
import { inTransaction } from './transaction';
import { insertUser } from './users';

const real = realSamplesById(40);

describe.each(DB_KINDS)('release snapshot on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  let actor: Actor;

  async function emptyRelease(): Promise<string> {
    const id = newId();
    await db
      .insertInto('releases')
      .values({
        id,
        name: id,
        format_version: '0.0.2',
        notes: '',
        sample_count: 0,
        manifest: null,
        created_by: actor.id,
        created_at: nowIso(),
        status: 'draft',
        version: 1,
        snapshot: 1,
        previous_release_id: null,
        published_by: null,
        published_at: null,
        updated_at: null,
      })
      .execute();
    return id;
  }

  async function pkOf(id: number): Promise<string> {
    const row = await db
      .selectFrom('samples')
      .select('id')
      .where('sample_id', '=', id)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = database.storage.db;
    const user = await insertUser(db, null, {
      username: 'curator',
      role: 'curator',
      passwordHash: await testPasswordHash(),
    });
    actor = { id: user.id, username: 'curator', role: 'curator' };
    await importThroughImporter(db, [...real.values()]);
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('freezes a sample written after the preparation at the revision it has at the cut', async () => {
    const prepared = await prepareSnapshot(db);
    const changed = structuredClone(real.get(5)!);
    changed.data.reasoning[0]!.criterion_selection.question += ' (written during the cut)';
    await fixSample(db, actor, await pkOf(5), 1, changed);
    const releaseId = await emptyRelease();
    const frozen = await inTransaction(db, (trx) => freezeSnapshot(trx, releaseId, prepared));
    const snapshot = await loadSnapshot(db, releaseId);
    expect(snapshot).toHaveLength(40);
    expect(snapshot.find((s) => s.id === 5)?.revision).toBe(2);
    expect(snapshot.find((s) => s.id === 6)?.revision).toBe(1);
    // The frozen files are what the workspace exports now, written change included.
    for (const shape of ['list', 'scalar'] as const) {
      const workspace = await buildExport(db, kind, shape);
      const file = frozen.files.find((f) => f.shape === shape)!;
      expect(file.sha256).toBe(workspace.files[0]!.sha256);
      expect(file.bytes).toBe(workspace.files[0]!.bytes);
      expect(workspace.files[0]!.text).toContain('(written during the cut)');
    }
  });

  it('refuses a sample made invalid after the preparation, naming it', async () => {
    const prepared = await prepareSnapshot(db);
    const pk = await pkOf(6);
    const row = await db
      .selectFrom('samples')
      .selectAll()
      .where('id', '=', pk)
      .executeTakeFirstOrThrow();
    const broken = JSON.parse(row.content) as BenchmarkSampleV002;
    broken.data.initial_diagnostic_question.answer =
      broken.data.initial_diagnostic_question.answer === 'Yes' ? 'No' : 'Yes';
    // A new revision written under the services (a bug or a hand edit): the cut must refuse it.
    await db
      .insertInto('sample_revisions')
      .values({
        id: newId(),
        sample_pk: pk,
        version: row.version + 1,
        content: JSON.stringify(broken),
        kind: 'fix',
        author_id: actor.id,
        created_at: nowIso(),
      })
      .execute();
    await db
      .updateTable('samples')
      .set({ version: row.version + 1 })
      .where('id', '=', pk)
      .execute();
    const releaseId = await emptyRelease();
    await expect(
      inTransaction(db, (trx) => freezeSnapshot(trx, releaseId, prepared)),
    ).rejects.toMatchObject({
      kind: 'unprocessable',
      extra: {
        code: 'samples_invalid',
        issues: [
          expect.objectContaining({ path: 'ptbxl:6 data.initial_diagnostic_question.answer' }),
        ],
      },
    });
    expect(await loadSnapshot(db, releaseId)).toEqual([]);
  });
});
