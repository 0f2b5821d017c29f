import { assignReviewers } from '../../domain/review/assign-reviewers';
import type { ReviewWorkViewer } from '../../domain/review/visibility';
import { mayViewPeerProgress } from '../../domain/review/visibility';
import type { ApiIssue } from '../../schemas/api/common';
import type { CreateReviewPassRequest, ReviewMode, ReviewPass } from '../../schemas/api/review';
import { ReviewPassFilterSchema } from '../../schemas/api/review';
import type { Db, ReviewPassesTable } from '../storage/database';
import { newId, nowIso } from '../storage/ids';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { resolveSampleRefs, selectFilteredSamples } from './review-pass-samples';
import { ServiceError, notFound, versionConflict } from './service-error';
import { inTransaction } from './transaction';
import { groupInto } from '../../domain/group-into';

const BATCH_ROWS = 500;

/** A pass row with its mode and status typed. */
export type PassRow = Omit<ReviewPassesTable, 'mode' | 'status'> & {
  mode: ReviewMode;
  status: 'open' | 'closed';
};

function asPassRow(row: ReviewPassesTable): PassRow {
  return {
    ...row,
    mode: row.mode === 'blind_double' ? 'blind_double' : 'single',
    status: row.status === 'closed' ? 'closed' : 'open',
  };
}

/** The pass row; 404 if unknown. */
export async function loadPassRow(db: Db, passId: string): Promise<PassRow> {
  const row = await db
    .selectFrom('review_passes')
    .selectAll()
    .where('id', '=', passId)
    .executeTakeFirst();
  if (!row) throw notFound('Review pass');
  return asPassRow(row);
}

/** Samples per slot: how many reviewers see each sample in this mode. */
export function reviewersPerSample(mode: ReviewMode): number {
  return mode === 'blind_double' ? 2 : 1;
}

/** The reviewers a pass hands its samples to, by id. */
export async function passReviewerIds(db: Db, passId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('review_assignments')
    .select('reviewer_id')
    .distinct()
    .where('pass_id', '=', passId)
    .orderBy('reviewer_id')
    .execute();
  return rows.map((row) => row.reviewer_id);
}

async function countWhere(
  db: Db,
  table: 'review_pass_samples' | 'review_assignments' | 'review_verdicts',
  passId: string,
  reviewerId?: string,
): Promise<number> {
  let select = db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('pass_id', '=', passId);
  if (reviewerId !== undefined && table === 'review_verdicts')
    select = select.where('reviewer_id', '=', reviewerId);
  const row = await select.executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The pass as the viewer may see it (verdict counts: own only in an open blind pass). */
export async function toPass(db: Db, viewer: ReviewWorkViewer, row: PassRow): Promise<ReviewPass> {
  const peers = mayViewPeerProgress(viewer, row);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    selection: row.selection === 'ids' ? 'ids' : 'filter',
    filter: ReviewPassFilterSchema.catch({}).parse(JSON.parse(row.filter)),
    mode: row.mode,
    status: row.status,
    reviewerIds: await passReviewerIds(db, row.id),
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at,
    closedAt: row.closed_at,
    sampleCount: await countWhere(db, 'review_pass_samples', row.id),
    itemCount: await countWhere(db, 'review_assignments', row.id),
    verdictCount: await countWhere(db, 'review_verdicts', row.id, peers ? undefined : viewer.id),
  };
}

/** Checks that every id names an enabled reviewer account; 400 naming each that does not. */
async function checkReviewers(db: Db, reviewerIds: readonly string[]): Promise<void> {
  if (reviewerIds.length === 0) return;
  const users = await db
    .selectFrom('users')
    .select(['id', 'role', 'disabled'])
    .where('id', 'in', [...reviewerIds])
    .execute();
  const byId = new Map(users.map((user) => [user.id, user]));
  const issues: ApiIssue[] = [];
  reviewerIds.forEach((id, index) => {
    const user = byId.get(id);
    const problem = !user
      ? 'names no account'
      : user.role !== 'reviewer'
        ? `is a ${user.role}, not a reviewer`
        : user.disabled !== 0
          ? 'is a disabled account'
          : null;
    if (problem) issues.push({ path: `body.reviewerIds[${index}]`, message: problem });
  });
  if (issues.length > 0)
    throw new ServiceError('invalid', 'Some reviewers cannot be assigned.', { issues });
}

async function insertBatches<T>(items: readonly T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let start = 0; start < items.length; start += BATCH_ROWS) {
    await insert(items.slice(start, start + BATCH_ROWS));
  }
}

/** Hands the pass's samples out again (done items stay with who did them); returns the count. */
async function assignPass(
  trx: Db,
  pass: { id: string; mode: ReviewMode },
  reviewerIds: readonly string[],
): Promise<number> {
  const samples = await trx
    .selectFrom('review_pass_samples')
    .select('sample_pk')
    .where('pass_id', '=', pass.id)
    .orderBy('position')
    .execute();
  const group = async (table: 'review_assignments' | 'review_verdicts') => {
    const rows = await trx
      .selectFrom(table)
      .select(['sample_pk', 'reviewer_id'])
      .where('pass_id', '=', pass.id)
      .orderBy('created_at')
      .execute();
    const map = new Map<string, string[]>();
    for (const row of rows) groupInto(map, row.sample_pk, row.reviewer_id);
    return map;
  };
  const kept = await group('review_verdicts');
  const previous = await group('review_assignments');
  await trx.deleteFrom('review_assignments').where('pass_id', '=', pass.id).execute();
  if (reviewerIds.length === 0) return 0;
  const assignment = assignReviewers({
    sampleIds: samples.map((row) => row.sample_pk),
    reviewerIds,
    perSample: reviewersPerSample(pass.mode),
    kept,
    previous,
  });
  const now = nowIso();
  const rows = [...assignment].flatMap(([sampleId, reviewers]) =>
    reviewers.map((reviewerId) => ({
      pass_id: pass.id,
      sample_pk: sampleId,
      reviewer_id: reviewerId,
      created_at: now,
    })),
  );
  await insertBatches(rows, (batch) =>
    trx.insertInto('review_assignments').values(batch).execute(),
  );
  return rows.length;
}

/**
 * Creates a review pass (curator): fixes its samples (filter or list), hands them to the
 * reviewers (two each in a blind double pass, loads balanced); 409 if the name is taken.
 */
export async function createReviewPass(
  db: Db,
  actor: Actor,
  input: CreateReviewPassRequest,
): Promise<ReviewPass> {
  return inTransaction(db, async (trx) => {
    await checkReviewers(trx, input.reviewerIds);
    const sampleIds = input.samples
      ? await resolveSampleRefs(trx, input.samples)
      : (await selectFilteredSamples(trx, input.filter).execute()).map((row) => row.id);
    if (sampleIds.length === 0) {
      throw new ServiceError(
        'invalid',
        'The filter selects no samples: a pass needs at least one.',
        {
          issues: [{ path: 'body.filter', message: 'selects no samples' }],
        },
      );
    }
    const now = nowIso();
    const row = {
      id: newId(),
      name: input.name,
      description: input.description,
      filter: JSON.stringify(input.samples ? {} : input.filter),
      selection: input.samples ? 'ids' : 'filter',
      mode: input.mode,
      status: 'open' as const,
      created_by: actor.id,
      version: 1,
      created_at: now,
      updated_at: now,
      closed_at: null,
      closed_by: null,
    };
    const inserted = await trx
      .insertInto('review_passes')
      .values(row)
      .onConflict((oc) => oc.column('name').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) {
      throw new ServiceError('conflict', `A review pass named "${input.name}" exists.`, {
        code: 'pass_exists',
      });
    }
    await insertBatches(
      sampleIds.map((sampleId, position) => ({ pass_id: row.id, sample_pk: sampleId, position })),
      (batch) => trx.insertInto('review_pass_samples').values(batch).execute(),
    );
    await assignPass(trx, row, input.reviewerIds);
    const pass = await toPass(trx, actor, row);
    await writeAudit(trx, actor, {
      entity: 'review_pass',
      entityId: row.id,
      action: 'create',
      before: null,
      after: pass,
      baseVersion: null,
    });
    return pass;
  });
}

/** Every review pass, newest first, as the viewer may see it. */
export async function listReviewPasses(db: Db, viewer: ReviewWorkViewer): Promise<ReviewPass[]> {
  const rows = await db
    .selectFrom('review_passes')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  const passes: ReviewPass[] = [];
  for (const row of rows) passes.push(await toPass(db, viewer, asPassRow(row)));
  return passes;
}

/** The pass with this id, else the one with this name; 404 if neither. */
export async function findPassRow(db: Db, idOrName: string): Promise<PassRow> {
  const row = await db
    .selectFrom('review_passes')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .orderBy((eb) => eb.case().when('id', '=', idOrName).then(0).else(1).end())
    .executeTakeFirst();
  if (!row) throw notFound(`Review pass "${idOrName}"`);
  return asPassRow(row);
}

/** One review pass as the viewer may see it; 404 if unknown. */
export async function getReviewPass(
  db: Db,
  viewer: ReviewWorkViewer,
  passId: string,
): Promise<ReviewPass> {
  return toPass(db, viewer, await loadPassRow(db, passId));
}

async function lockForChange(trx: Db, passId: string, baseVersion: number, viewer: Actor) {
  const row = await loadPassRow(trx, passId);
  if (row.version !== baseVersion)
    throw versionConflict(
      'The review pass',
      baseVersion,
      row.version,
      await toPass(trx, viewer, row),
    );
  if (row.status !== 'open')
    throw new ServiceError('conflict', 'This review pass is closed.', { code: 'pass_closed' });
  return row;
}

async function bumpVersion(
  trx: Db,
  row: PassRow,
  changes: { status?: string; closed_at?: string; closed_by?: string },
) {
  const updated = await trx
    .updateTable('review_passes')
    .set({ ...changes, version: row.version + 1, updated_at: nowIso() })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw new ServiceError('conflict', 'The review pass changed meanwhile; try again.');
  return asPassRow(updated);
}

/**
 * Replaces a pass's reviewers (curator, If-Match): open items are handed out again, balanced
 * over the new list; items with a verdict stay with their reviewer. An empty list opens a single
 * pass to every reviewer.
 */
export async function setPassReviewers(
  db: Db,
  actor: Actor,
  passId: string,
  baseVersion: number,
  reviewerIds: readonly string[],
): Promise<ReviewPass> {
  return inTransaction(db, async (trx) => {
    const row = await lockForChange(trx, passId, baseVersion, actor);
    if (row.mode === 'blind_double' && reviewerIds.length < 2) {
      throw new ServiceError('invalid', 'A blind double review needs at least two reviewers.', {
        issues: [{ path: 'body.reviewerIds', message: 'needs at least two reviewers' }],
      });
    }
    await checkReviewers(trx, reviewerIds);
    const before = await toPass(trx, actor, row);
    await assignPass(trx, row, reviewerIds);
    const pass = await toPass(trx, actor, await bumpVersion(trx, row, {}));
    await writeAudit(trx, actor, {
      entity: 'review_pass',
      entityId: passId,
      action: 'assign',
      before: { reviewerIds: before.reviewerIds, itemCount: before.itemCount },
      after: { reviewerIds: pass.reviewerIds, itemCount: pass.itemCount },
      baseVersion,
    });
    return pass;
  });
}

/** Closes a pass (curator, If-Match): no more verdicts; every reviewer may now read them all. */
export async function closeReviewPass(
  db: Db,
  actor: Actor,
  passId: string,
  baseVersion: number,
): Promise<ReviewPass> {
  return inTransaction(db, async (trx) => {
    const row = await lockForChange(trx, passId, baseVersion, actor);
    const now = nowIso();
    const closed = await bumpVersion(trx, row, {
      status: 'closed',
      closed_at: now,
      closed_by: actor.id,
    });
    const pass = await toPass(trx, actor, closed);
    await writeAudit(trx, actor, {
      entity: 'review_pass',
      entityId: passId,
      action: 'close',
      before: { status: 'open' },
      after: { status: 'closed', closedAt: now },
      baseVersion,
    });
    return pass;
  });
}

/** Enabled reviewer accounts a curator may assign, by username. */
export async function listAssignableReviewers(db: Db): Promise<{ id: string; username: string }[]> {
  return db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('role', '=', 'reviewer')
    .where('disabled', '=', 0)
    .orderBy('username')
    .execute();
}
