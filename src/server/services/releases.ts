import type { CreateReleaseRequest, Release, ReleaseFile } from '../../schemas/api/releases';
import type { AnswerShape } from '../../schemas/benchmark-sample';
import { parseAnswerShape } from '../../schemas/benchmark-sample';
import type { Db, ReleasesTable } from '../storage/database';
import { newId, nowIso } from '../storage/ids';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { generateReleaseNotes } from './release-changes';
import { freezeSnapshot, prepareSnapshot } from './release-snapshot';
import { ServiceError, notFound, versionConflict } from './service-error';
import { inTransaction } from './transaction';

// The column is named for the old wording; rows written before the shapes were named hold
// "0.0.2" (list) or "0.0.1" (scalar), which parseAnswerShape reads as the shapes they meant.
function storedShape(text: string): AnswerShape {
  const shape = parseAnswerShape(text);
  if (shape === undefined) throw new Error(`releases.format_version holds "${text}", not a shape`);
  return shape;
}

type ReleaseRow = ReleasesTable & {
  created_by_name: string | null;
  previous_name: string | null;
};

function selectReleases(db: Db) {
  return db
    .selectFrom('releases')
    .leftJoin('users as creator', 'creator.id', 'releases.created_by')
    .leftJoin('releases as previous', 'previous.id', 'releases.previous_release_id')
    .selectAll('releases')
    .select(['creator.username as created_by_name', 'previous.name as previous_name']);
}

function filesOf(manifest: string | null): ReleaseFile[] {
  if (manifest === null) return [];
  return (JSON.parse(manifest) as { files: ReleaseFile[] }).files;
}

function toRelease(row: ReleaseRow): Release {
  return {
    id: row.id,
    name: row.name,
    answerShape: storedShape(row.format_version),
    status: row.status === 'draft' ? 'draft' : 'published',
    version: row.version,
    notes: row.notes,
    sampleCount: row.sample_count,
    snapshot: row.snapshot === 1,
    previousRelease:
      row.previous_release_id !== null && row.previous_name !== null
        ? { id: row.previous_release_id, name: row.previous_name }
        : null,
    files: filesOf(row.manifest),
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    publishedBy: row.published_by,
    publishedAt: row.published_at,
  };
}

/** One release; 404 if unknown. */
export async function getRelease(db: Db, id: string): Promise<Release> {
  const row = await selectReleases(db).where('releases.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Release');
  return toRelease(row);
}

/** One release by its name (the command line names releases); 404 if unknown. */
export async function getReleaseByName(db: Db, name: string): Promise<Release> {
  const row = await selectReleases(db).where('releases.name', '=', name).executeTakeFirst();
  if (!row) throw notFound(`Release "${name}"`);
  return toRelease(row);
}

/** Every release, newest first. */
export async function listReleases(db: Db): Promise<Release[]> {
  const rows = await selectReleases(db)
    .orderBy('releases.created_at', 'desc')
    .orderBy('releases.id', 'desc')
    .execute();
  return rows.map(toRelease);
}

/**
 * Cuts a release (curator) in ONE transaction: freezes the revision and content hash of every
 * active sample (refused with 422 if any fails validation; the samples are checked and written
 * before the transaction, and only those changed meanwhile again inside), records the files of both
 * answer shapes, and writes draft notes generated from what changed since the release cut
 * before it. 409 if the name is taken.
 */
export async function cutRelease(
  db: Db,
  actor: Actor,
  input: CreateReleaseRequest,
): Promise<Release> {
  const prepared = await prepareSnapshot(db);
  return inTransaction(db, async (trx) => {
    const previous = await trx
      .selectFrom('releases')
      .select(['id', 'name'])
      .where('snapshot', '=', 1)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const now = nowIso();
    const row: ReleasesTable = {
      id: newId(),
      name: input.name,
      format_version: input.answerShape,
      notes: '',
      sample_count: 0,
      manifest: null,
      created_by: actor.id,
      created_at: now,
      status: 'draft',
      version: 1,
      snapshot: 1,
      previous_release_id: previous?.id ?? null,
      published_by: null,
      published_at: null,
      updated_at: now,
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
    const frozen = await freezeSnapshot(trx, row.id, prepared);
    const notes = await generateReleaseNotes(trx, row.name, row.id, previous ?? null);
    await trx
      .updateTable('releases')
      .set({
        notes,
        sample_count: frozen.sampleCount,
        manifest: JSON.stringify({ files: frozen.files }),
      })
      .where('id', '=', row.id)
      .execute();
    const release = await getRelease(trx, row.id);
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

/** Loads a draft release for a change based on baseVersion: 404, 409 if published, 412 if moved on. */
async function draftAt(trx: Db, id: string, baseVersion: number): Promise<Release> {
  const current = await getRelease(trx, id);
  if (current.status === 'published') {
    throw new ServiceError(
      'conflict',
      `Release "${current.name}" is published: its notes are frozen.`,
      { code: 'release_published' },
    );
  }
  if (current.version !== baseVersion) {
    throw versionConflict(`Release "${current.name}"`, baseVersion, current.version, current);
  }
  return current;
}

async function changeDraft(
  db: Db,
  actor: Actor,
  id: string,
  baseVersion: number,
  action: 'notes' | 'publish',
  set: Partial<ReleasesTable>,
): Promise<Release> {
  return inTransaction(db, async (trx) => {
    const before = await draftAt(trx, id, baseVersion);
    const updated = await trx
      .updateTable('releases')
      .set({ ...set, version: baseVersion + 1, updated_at: nowIso() })
      .where('id', '=', id)
      .where('version', '=', baseVersion)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      const latest = await getRelease(trx, id);
      throw versionConflict(`Release "${latest.name}"`, baseVersion, latest.version, latest);
    }
    const after = await getRelease(trx, id);
    await writeAudit(trx, actor, {
      entity: 'release',
      entityId: id,
      action,
      before,
      after,
      baseVersion,
    });
    return after;
  });
}

/** Replaces a draft release's notes (curator), based on baseVersion (If-Match). */
export function updateReleaseNotes(
  db: Db,
  actor: Actor,
  id: string,
  baseVersion: number,
  notes: string,
): Promise<Release> {
  return changeDraft(db, actor, id, baseVersion, 'notes', { notes });
}

/** Publishes a draft release (curator), based on baseVersion: its notes are frozen from now on. */
export function publishRelease(
  db: Db,
  actor: Actor,
  id: string,
  baseVersion: number,
): Promise<Release> {
  return changeDraft(db, actor, id, baseVersion, 'publish', {
    status: 'published',
    published_by: actor.id,
    published_at: nowIso(),
  });
}
