import type { CreateReleaseRequest, Release } from '../../schemas/api/releases';
import type { AnswerShape } from '../../schemas/benchmark-sample';
import { parseAnswerShape } from '../../schemas/benchmark-sample';
import type { Db, ReleasesTable } from '../storage/database';
import { newId, nowIso } from '../storage/ids';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { ServiceError } from './service-error';
import { inTransaction } from './transaction';

// The column is named for the old wording; rows written before the shapes were named hold
// "0.0.2" (list) or "0.0.1" (scalar), which parseAnswerShape reads as the shapes they meant.
function storedShape(text: string): AnswerShape {
  const shape = parseAnswerShape(text);
  if (shape === undefined) throw new Error(`releases.format_version holds "${text}", not a shape`);
  return shape;
}

function toRelease(row: ReleasesTable): Release {
  return {
    id: row.id,
    name: row.name,
    answerShape: storedShape(row.format_version),
    notes: row.notes,
    sampleCount: row.sample_count,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/** Records a release of the current samples (curator); 409 if the name is taken. */
export async function createRelease(
  db: Db,
  actor: Actor,
  input: CreateReleaseRequest,
): Promise<Release> {
  return inTransaction(db, async (trx) => {
    const count = await trx
      .selectFrom('samples')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'active')
      .executeTakeFirst();
    const row: ReleasesTable = {
      id: newId(),
      name: input.name,
      format_version: input.answerShape,
      notes: input.notes,
      sample_count: Number(count?.n ?? 0),
      manifest: null,
      created_by: actor.id,
      created_at: nowIso(),
    };
    const inserted = await trx
      .insertInto('releases')
      .values(row)
      .onConflict((oc) => oc.column('name').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) {
      throw new ServiceError('conflict', `A release named "${input.name}" exists.`, {
        code: 'release_exists',
      });
    }
    const release = toRelease(row);
    await writeAudit(trx, actor, {
      entity: 'release',
      entityId: row.id,
      action: 'create',
      before: null,
      after: release,
      baseVersion: null,
    });
    return release;
  });
}

/** Every release, newest first. */
export async function listReleases(db: Db): Promise<Release[]> {
  const rows = await db.selectFrom('releases').selectAll().orderBy('created_at', 'desc').execute();
  return rows.map(toRelease);
}
