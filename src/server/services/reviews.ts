import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  CreateReviewPassRequest,
  Flag,
  FlagReason,
  PutVerdictRequest,
  ReviewPass,
  ReviewPassFilterSchema,
  Verdict,
} from '../../schemas/api/review';
import type { Db, FlagsTable, ReviewPassesTable, ReviewVerdictsTable } from '../storage/database';
import { newId, nowIso } from '../storage/ids';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { getSample } from './samples';
import { ServiceError, notFound, versionConflict } from './service-error';
import { inTransaction } from './transaction';
import { seesAllFlags } from './visibility';

type PassFilter = z.infer<typeof ReviewPassFilterSchema>;

function samplesInPass(db: Db, filter: PassFilter) {
  let select = db.selectFrom('samples');
  if (filter.dataSource) select = select.where('data_source', '=', filter.dataSource);
  if (filter.targetDx) select = select.where('target_dx', '=', filter.targetDx);
  if (filter.dxLabel !== undefined) select = select.where('dx_label', '=', filter.dxLabel ? 1 : 0);
  return select;
}

async function toPass(db: Db, row: ReviewPassesTable): Promise<ReviewPass> {
  const filter = JSON.parse(row.filter) as PassFilter;
  const samples = await samplesInPass(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const verdicts = await db
    .selectFrom('review_verdicts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('pass_id', '=', row.id)
    .executeTakeFirst();
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    filter,
    status: row.status as 'open' | 'closed',
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at,
    sampleCount: Number(samples?.n ?? 0),
    verdictCount: Number(verdicts?.n ?? 0),
  };
}

/** Creates a review pass (curator); 409 if the name is taken. */
export async function createReviewPass(
  db: Db,
  actor: Actor,
  input: CreateReviewPassRequest,
): Promise<ReviewPass> {
  return inTransaction(db, async (trx) => {
    const now = nowIso();
    const row: ReviewPassesTable = {
      id: newId(),
      name: input.name,
      description: input.description,
      filter: JSON.stringify(input.filter),
      status: 'open',
      created_by: actor.id,
      version: 1,
      created_at: now,
      updated_at: now,
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
    const pass = await toPass(trx, row);
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

/** Every review pass, newest first, with progress counts. */
export async function listReviewPasses(db: Db): Promise<ReviewPass[]> {
  const rows = await db
    .selectFrom('review_passes')
    .selectAll()
    .orderBy('created_at', 'desc')
    .execute();
  return Promise.all(rows.map((row) => toPass(db, row)));
}

/** One review pass; 404 if unknown. */
export async function getReviewPass(db: Db, id: string): Promise<ReviewPass> {
  const row = await db
    .selectFrom('review_passes')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Review pass');
  return toPass(db, row);
}

function toVerdict(row: ReviewVerdictsTable): Verdict {
  return {
    id: row.id,
    passId: row.pass_id,
    sampleId: row.sample_pk,
    reviewerId: row.reviewer_id,
    verdict: row.verdict as 'pass' | 'flag',
    reason: row.reason as FlagReason | null,
    comment: row.comment,
    steps: JSON.parse(row.steps) as Verdict['steps'],
    version: row.version,
    updatedAt: row.updated_at,
  };
}

async function findVerdict(db: Db, passId: string, sampleId: string, reviewerId: string) {
  return db
    .selectFrom('review_verdicts')
    .selectAll()
    .where('pass_id', '=', passId)
    .where('sample_pk', '=', sampleId)
    .where('reviewer_id', '=', reviewerId)
    .executeTakeFirst();
}

/** The caller's verdict on a sample in a pass (null before the first save). */
export async function getOwnVerdict(
  db: Db,
  actor: Actor,
  passId: string,
  sampleId: string,
): Promise<{ verdict: Verdict | null }> {
  await getReviewPass(db, passId);
  await getSample(db, sampleId);
  const row = await findVerdict(db, passId, sampleId, actor.id);
  return { verdict: row ? toVerdict(row) : null };
}

/**
 * Saves the caller's verdict (If-Match: 0 to create). Flags raised by the verdict are kept in
 * step: open flags of this verdict are replaced by the ones it now raises.
 */
export async function saveVerdict(
  db: Db,
  actor: Actor,
  passId: string,
  sampleId: string,
  baseVersion: number,
  input: PutVerdictRequest,
): Promise<{ verdict: Verdict }> {
  return inTransaction(db, async (trx) => {
    const pass = await getReviewPass(trx, passId);
    if (pass.status !== 'open')
      throw new ServiceError('conflict', 'This review pass is closed.', { code: 'pass_closed' });
    const inPass = await samplesInPass(trx, pass.filter)
      .select('id')
      .where('id', '=', sampleId)
      .executeTakeFirst();
    if (!inPass) throw notFound('Sample in this review pass');
    const current = await findVerdict(trx, passId, sampleId, actor.id);
    const conflict = async () => {
      const now = await findVerdict(trx, passId, sampleId, actor.id);
      return versionConflict('Your verdict', baseVersion, now?.version ?? 0, {
        verdict: now ? toVerdict(now) : null,
      });
    };
    if ((current?.version ?? 0) !== baseVersion) throw await conflict();
    const now = nowIso();
    const fields = {
      verdict: input.verdict,
      reason: input.reason,
      comment: input.comment,
      steps: JSON.stringify(input.steps),
      updated_at: now,
    };
    const saved = current
      ? await trx
          .updateTable('review_verdicts')
          .set({ ...fields, version: current.version + 1 })
          .where('id', '=', current.id)
          .where('version', '=', current.version)
          .returningAll()
          .executeTakeFirst()
      : await trx
          .insertInto('review_verdicts')
          .values({
            id: newId(),
            pass_id: passId,
            sample_pk: sampleId,
            reviewer_id: actor.id,
            ...fields,
            version: 1,
            created_at: now,
          })
          .onConflict((oc) => oc.columns(['pass_id', 'sample_pk', 'reviewer_id']).doNothing())
          .returningAll()
          .executeTakeFirst();
    if (!saved) throw await conflict();

    await trx
      .deleteFrom('flags')
      .where('verdict_id', '=', saved.id)
      .where('status', '=', 'open')
      .execute();
    const raised = [
      ...(input.verdict === 'flag'
        ? [{ stepIdx: null, reason: input.reason, comment: input.comment }]
        : []),
      ...input.steps.filter((step) => step.verdict === 'flag'),
    ];
    for (const flag of raised) {
      await trx
        .insertInto('flags')
        .values({
          id: newId(),
          sample_pk: sampleId,
          pass_id: passId,
          verdict_id: saved.id,
          raised_by: actor.id,
          step_idx: flag.stepIdx,
          reason: flag.reason ?? 'other',
          comment: flag.comment,
          status: 'open',
          resolution: null,
          resolved_by: null,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    const verdict = toVerdict(saved);
    await writeAudit(trx, actor, {
      entity: 'review_verdict',
      entityId: saved.id,
      action: current ? 'update' : 'create',
      before: current ? toVerdict(current) : null,
      after: verdict,
      baseVersion,
    });
    return { verdict };
  });
}

/** Verdicts in a pass: a reviewer sees their own, curators and admins see everyone's. */
export async function listVerdicts(db: Db, actor: Actor, passId: string): Promise<Verdict[]> {
  await getReviewPass(db, passId);
  let select = db.selectFrom('review_verdicts').selectAll().where('pass_id', '=', passId);
  if (actor.role === 'reviewer') select = select.where('reviewer_id', '=', actor.id);
  const rows = await select.orderBy('updated_at').execute();
  return rows.map(toVerdict);
}

function toFlag(row: FlagsTable): Flag {
  return {
    id: row.id,
    sampleId: row.sample_pk,
    passId: row.pass_id,
    raisedBy: row.raised_by,
    stepIdx: row.step_idx,
    reason: row.reason as FlagReason,
    comment: row.comment,
    status: row.status as 'open' | 'resolved',
    resolution: row.resolution as Flag['resolution'],
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Flags, oldest first, filtered by status, reason or sample; a reviewer sees only their own. */
export async function listFlags(
  db: Db,
  reader: Actor,
  query: {
    status?: 'open' | 'resolved' | undefined;
    reason?: FlagReason | undefined;
    sample?: string | undefined;
  },
): Promise<Flag[]> {
  let select = db.selectFrom('flags').selectAll();
  if (!seesAllFlags(reader)) select = select.where('raised_by', '=', reader.id);
  if (query.status) select = select.where('status', '=', query.status);
  if (query.reason) select = select.where('reason', '=', query.reason);
  if (query.sample) select = select.where('sample_pk', '=', query.sample);
  const rows = await select
    .orderBy('created_at')
    .orderBy(sql`coalesce(step_idx, -1)`)
    .orderBy('id')
    .execute();
  return rows.map(toFlag);
}

/** A curator resolves a flag (fixed, resampled, dismissed), based on its version. */
export async function resolveFlag(
  db: Db,
  actor: Actor,
  flagId: string,
  baseVersion: number,
  resolution: 'fixed' | 'resampled' | 'dismissed',
): Promise<Flag> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('flags')
      .selectAll()
      .where('id', '=', flagId)
      .executeTakeFirst();
    if (!row) throw notFound('Flag');
    if (row.version !== baseVersion)
      throw versionConflict('The flag', baseVersion, row.version, toFlag(row));
    const updated = await trx
      .updateTable('flags')
      .set({
        status: 'resolved',
        resolution,
        resolved_by: actor.id,
        version: row.version + 1,
        updated_at: nowIso(),
      })
      .where('id', '=', flagId)
      .where('version', '=', baseVersion)
      .returningAll()
      .executeTakeFirst();
    if (!updated) {
      const latest = await trx
        .selectFrom('flags')
        .selectAll()
        .where('id', '=', flagId)
        .executeTakeFirstOrThrow();
      throw versionConflict('The flag', baseVersion, latest.version, toFlag(latest));
    }
    const flag = toFlag(updated);
    await writeAudit(trx, actor, {
      entity: 'flag',
      entityId: flagId,
      action: `resolve:${resolution}`,
      before: toFlag(row),
      after: flag,
      baseVersion,
    });
    return flag;
  });
}
