import { sql } from 'kysely';
import { z } from 'zod';
import type { ReviewWorkViewer } from '../../domain/review/visibility';
import type {
  Flag,
  FlagReason,
  PutVerdictRequest,
  StepVerdict,
  Verdict,
} from '../../schemas/api/review';
import {
  FlagReasonSchema,
  FlagResolutionSchema,
  VerdictValueSchema,
} from '../../schemas/api/review';
import type { BenchmarkSampleV002 } from '../../schemas/benchmark-sample';
import type { Db, FlagsTable, ReviewVerdictsTable } from '../storage/database';
import { newId, nowIso } from '../storage/ids';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { loadPassRow } from './review-passes';
import { flagVisibleTo, verdictVisibleTo } from './review-visibility';
import { ServiceError, notFound, versionConflict } from './service-error';
import { SAMPLE_STATUS } from './sample-rows';
import { inTransaction } from './transaction';

/** Reasons as stored: a JSON list, or (rows from before lists) the single reason column. */
function storedReasons(list: string | null, single: string | null): FlagReason[] {
  if (list !== null) return z.array(FlagReasonSchema).catch([]).parse(JSON.parse(list));
  const parsed = FlagReasonSchema.safeParse(single);
  return parsed.success ? [parsed.data] : [];
}

// Step verdicts as stored in review_verdicts.steps: `reason` in rows from before reason lists.
const StoredStepSchema = z
  .object({
    stepIdx: z.int(),
    verdict: VerdictValueSchema,
    reasons: z.array(FlagReasonSchema).optional(),
    reason: FlagReasonSchema.nullable().optional(),
    comment: z.string().default(''),
  })
  .transform((step): StepVerdict => ({
    stepIdx: step.stepIdx,
    verdict: step.verdict,
    reasons: step.reasons ?? (step.reason ? [step.reason] : []),
    comment: step.comment,
  }));

/** A verdict row as the API returns it (old single reasons read as one-element lists). */
export function toVerdict(row: ReviewVerdictsTable): Verdict {
  return {
    id: row.id,
    passId: row.pass_id,
    sampleId: row.sample_pk,
    reviewerId: row.reviewer_id,
    verdict: VerdictValueSchema.parse(row.verdict),
    reasons: storedReasons(row.reasons, row.reason),
    comment: row.comment,
    steps: z.array(StoredStepSchema).parse(JSON.parse(row.steps)),
    version: row.version,
    createdAt: row.created_at,
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

/**
 * Whether the reviewer may judge the sample in the pass: their item, or any sample of a pass
 * with no assignments (open to every reviewer). 404 when the sample is not in the pass, 403 when
 * it is someone else's item.
 */
async function checkItem(db: Db, passId: string, sampleId: string, reviewerId: string) {
  const own = await db
    .selectFrom('review_assignments')
    .select('sample_pk')
    .where('pass_id', '=', passId)
    .where('sample_pk', '=', sampleId)
    .where('reviewer_id', '=', reviewerId)
    .executeTakeFirst();
  if (own) return;
  const inPass = await db
    .selectFrom('review_pass_samples')
    .select('sample_pk')
    .where('pass_id', '=', passId)
    .where('sample_pk', '=', sampleId)
    .executeTakeFirst();
  if (!inPass) throw notFound('Sample in this review pass');
  const assigned = await db
    .selectFrom('review_assignments')
    .select('sample_pk')
    .where('pass_id', '=', passId)
    .limit(1)
    .executeTakeFirst();
  if (assigned) {
    throw new ServiceError('forbidden', 'This sample is not in your queue for this pass.', {
      code: 'not_assigned',
    });
  }
}

/** 400 naming each step verdict whose step the sample does not have. */
async function checkSteps(db: Db, sampleId: string, steps: PutVerdictRequest['steps']) {
  if (steps.length === 0) return;
  const row = await db
    .selectFrom('samples')
    .select('content')
    .where('id', '=', sampleId)
    .executeTakeFirstOrThrow();
  const count = (JSON.parse(row.content) as BenchmarkSampleV002).data.reasoning.length;
  const issues = steps.flatMap((step, index) =>
    step.stepIdx < count
      ? []
      : [
          {
            path: `body.steps[${index}].stepIdx`,
            message: `this sample has ${count} reasoning steps (0-${count - 1})`,
          },
        ],
  );
  if (issues.length > 0)
    throw new ServiceError('invalid', 'A step verdict names a step the sample does not have.', {
      issues,
    });
}

/** The caller's verdict on a sample in a pass (null before the first save). */
export async function getOwnVerdict(
  db: Db,
  actor: Actor,
  passId: string,
  sampleId: string,
): Promise<{ verdict: Verdict | null }> {
  await loadPassRow(db, passId);
  const row = await findVerdict(db, passId, sampleId, actor.id);
  if (!row) await checkItem(db, passId, sampleId, actor.id);
  return { verdict: row ? toVerdict(row) : null };
}

/** The flags a verdict raises: one for the sample if flagged, one per flagged step. */
function raisedFlags(input: PutVerdictRequest) {
  return [
    ...(input.verdict === 'flag'
      ? [{ stepIdx: null, reasons: input.reasons, comment: input.comment }]
      : []),
    ...input.steps.filter((step) => step.verdict === 'flag'),
  ];
}

/**
 * Saves the caller's verdict on an item of theirs (If-Match: 0 to create). Flags raised by the
 * verdict are kept in step: open flags of this verdict are replaced by the ones it now raises.
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
    const pass = await loadPassRow(trx, passId);
    if (pass.status !== 'open')
      throw new ServiceError('conflict', 'This review pass is closed.', { code: 'pass_closed' });
    await checkItem(trx, passId, sampleId, actor.id);
    await checkSteps(trx, sampleId, input.steps);
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
      reason: input.reasons[0] ?? null,
      reasons: JSON.stringify(input.reasons),
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

    if (current) {
      await trx
        .deleteFrom('flags')
        .where('verdict_id', '=', saved.id)
        .where('status', '=', 'open')
        .execute();
    }
    const flags = raisedFlags(input).map((flag) => ({
      id: newId(),
      sample_pk: sampleId,
      pass_id: passId,
      verdict_id: saved.id,
      raised_by: actor.id,
      step_idx: flag.stepIdx,
      reason: flag.reasons[0] ?? 'other',
      reasons: JSON.stringify(flag.reasons),
      comment: flag.comment,
      status: 'open',
      resolution: null,
      resolution_note: null,
      resolved_by: null,
      version: 1,
      created_at: now,
      updated_at: now,
    }));
    if (flags.length > 0) await trx.insertInto('flags').values(flags).execute();
    // A sample generated anew from its template waits for review; a clean pass returns it.
    if (flags.length === 0) {
      await trx
        .updateTable('samples')
        .set({ status: SAMPLE_STATUS.active })
        .where('id', '=', sampleId)
        .where('status', '=', SAMPLE_STATUS.review)
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

/** Verdicts in a pass that the viewer may read (see domain/review/visibility.ts). */
export async function listVerdicts(
  db: Db,
  viewer: ReviewWorkViewer,
  passId: string,
): Promise<Verdict[]> {
  await loadPassRow(db, passId);
  let select = db.selectFrom('review_verdicts').selectAll().where('pass_id', '=', passId);
  const visible = verdictVisibleTo(viewer);
  if (visible) select = select.where(visible);
  const rows = await select.orderBy('updated_at').orderBy('id').execute();
  return rows.map(toVerdict);
}

function toFlag(row: FlagsTable): Flag {
  const reasons = storedReasons(row.reasons, row.reason);
  return {
    id: row.id,
    sampleId: row.sample_pk,
    passId: row.pass_id,
    raisedBy: row.raised_by,
    stepIdx: row.step_idx,
    reason: reasons[0] ?? 'other',
    reasons,
    comment: row.comment,
    status: row.status === 'resolved' ? 'resolved' : 'open',
    resolution: FlagResolutionSchema.nullable().parse(row.resolution),
    resolutionNote: row.resolution_note ?? null,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Flags the viewer may read, oldest first, filtered by status, reason, sample or pass. */
export async function listFlags(
  db: Db,
  reader: Actor,
  query: {
    status?: 'open' | 'resolved' | undefined;
    reason?: FlagReason | undefined;
    sample?: string | undefined;
    pass?: string | undefined;
    /** At most this many (the oldest). */
    limit?: number | undefined;
  },
): Promise<Flag[]> {
  let select = db.selectFrom('flags').selectAll();
  const visible = flagVisibleTo(reader);
  if (visible) select = select.where(visible);
  if (query.status) select = select.where('status', '=', query.status);
  // Reason names are fixed identifiers, so a quoted name matches exactly one list element.
  if (query.reason) select = select.where('reasons', 'like', `%"${query.reason}"%`);
  if (query.sample) select = select.where('sample_pk', '=', query.sample);
  if (query.pass) select = select.where('pass_id', '=', query.pass);
  select = select
    .orderBy('created_at')
    .orderBy(sql`coalesce(step_idx, -1)`)
    .orderBy('id');
  if (query.limit !== undefined) select = select.limit(query.limit);
  return (await select.execute()).map(toFlag);
}

/**
 * A curator resolves a flag (fixed, resampled, dismissed), based on its version; a dismissal
 * keeps its reason (`note`). An already resolved flag is not resolved again (409).
 */
export async function resolveFlag(
  db: Db,
  actor: Actor,
  flagId: string,
  baseVersion: number,
  resolution: 'fixed' | 'resampled' | 'dismissed',
  note: string | null = null,
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
    if (row.status === 'resolved') {
      throw new ServiceError(
        'conflict',
        `This flag was already closed (${row.resolution ?? 'resolved'}).`,
        { code: 'flag_resolved' },
      );
    }
    const updated = await trx
      .updateTable('flags')
      .set({
        status: 'resolved',
        resolution,
        resolution_note: resolution === 'dismissed' ? note : null,
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
