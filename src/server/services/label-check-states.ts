import type { CheckState, FailingCheck } from '../../schemas/api/label-workbench';
import type { Db } from '../storage/database';
import { nowIso } from '../storage/ids';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { getEcgRecord } from './ecgs';
import { ServiceError } from './service-error';
import { inTransaction } from './transaction';

function selectStates(db: Db, actor: Actor, ecgRecordId: string) {
  return db
    .selectFrom('label_checks')
    .leftJoin('users', 'users.id', 'label_checks.dismissed_by')
    .selectAll('label_checks')
    .select('users.username as dismissed_by_name')
    .where('label_checks.labeller_id', '=', actor.id)
    .where('label_checks.ecg_record_id', '=', ecgRecordId)
    .orderBy('label_checks.check_id');
}

/** The caller's stored check states on an ECG, by check id. */
export async function listCheckStates(
  db: Db,
  actor: Actor,
  ecgRecordId: string,
): Promise<CheckState[]> {
  const rows = await selectStates(db, actor, ecgRecordId).execute();
  return rows.map((row) => ({
    checkId: row.check_id,
    axis: row.axis,
    message: row.message,
    fingerprint: row.fingerprint,
    state: row.state as CheckState['state'],
    reason: row.reason,
    dismissedBy: row.dismissed_by_name,
    dismissedAt: row.dismissed_at,
  }));
}

/**
 * Records the checks failing now on the caller's label of an ECG (the page runs them against
 * the record's measurements). A check failing with the fingerprint it was dismissed for stays
 * dismissed; with another fingerprint it opens again. Open checks not failing any more are
 * dropped; dismissals are kept (they hold again if the same values come back).
 */
export async function reportFailingChecks(
  db: Db,
  actor: Actor,
  ecgRecordId: string,
  failing: readonly FailingCheck[],
): Promise<CheckState[]> {
  const ecg = await getEcgRecord(db, ecgRecordId);
  const ids = new Set<string>();
  for (const check of failing) {
    if (ids.has(check.checkId)) {
      throw new ServiceError('invalid', `Check ${check.checkId} is listed twice.`);
    }
    ids.add(check.checkId);
  }
  await inTransaction(db, async (trx) => {
    const stored = await trx
      .selectFrom('label_checks')
      .selectAll()
      .where('labeller_id', '=', actor.id)
      .where('ecg_record_id', '=', ecg.id)
      .execute();
    const byId = new Map(stored.map((row) => [row.check_id, row]));
    const now = nowIso();
    for (const check of failing) {
      const row = byId.get(check.checkId);
      const keepDismissal = row?.state === 'dismissed' && row.fingerprint === check.fingerprint;
      if (row && row.fingerprint === check.fingerprint && row.message === check.message) continue;
      const values = {
        axis: check.axis,
        message: check.message,
        fingerprint: check.fingerprint,
        state: keepDismissal ? 'dismissed' : 'open',
        reason: keepDismissal ? row.reason : null,
        dismissed_by: keepDismissal ? row.dismissed_by : null,
        dismissed_at: keepDismissal ? row.dismissed_at : null,
        updated_at: now,
      };
      if (row) {
        await trx
          .updateTable('label_checks')
          .set(values)
          .where('labeller_id', '=', actor.id)
          .where('ecg_record_id', '=', ecg.id)
          .where('check_id', '=', check.checkId)
          .execute();
        if (row.state === 'dismissed' && !keepDismissal) {
          await writeAudit(trx, actor, {
            entity: 'label_check',
            entityId: `${ecg.id}:${check.checkId}`,
            action: 'reopen',
            before: row,
            after: values,
            baseVersion: null,
          });
        }
      } else {
        await trx
          .insertInto('label_checks')
          .values({
            ...values,
            ecg_record_id: ecg.id,
            labeller_id: actor.id,
            check_id: check.checkId,
          })
          .execute();
      }
    }
    const passing = stored
      .filter((row) => row.state === 'open' && !ids.has(row.check_id))
      .map((row) => row.check_id);
    if (passing.length > 0) {
      await trx
        .deleteFrom('label_checks')
        .where('labeller_id', '=', actor.id)
        .where('ecg_record_id', '=', ecg.id)
        .where('check_id', 'in', passing)
        .execute();
    }
  });
  return listCheckStates(db, actor, ecg.id);
}

/**
 * Dismisses the caller's open check on an ECG with a reason, for the fingerprint it failed
 * with (409 when the check is not open with that fingerprint: the values changed meanwhile).
 */
export async function dismissCheck(
  db: Db,
  actor: Actor,
  ecgRecordId: string,
  checkId: string,
  input: { readonly fingerprint: string; readonly reason: string },
): Promise<CheckState[]> {
  const ecg = await getEcgRecord(db, ecgRecordId);
  await inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('label_checks')
      .selectAll()
      .where('labeller_id', '=', actor.id)
      .where('ecg_record_id', '=', ecg.id)
      .where('check_id', '=', checkId)
      .executeTakeFirst();
    if (!row || row.fingerprint !== input.fingerprint) {
      throw new ServiceError(
        'conflict',
        `Check ${checkId} is not failing with these values any more; nothing was dismissed.`,
        { code: 'check_changed' },
      );
    }
    const after = {
      state: 'dismissed',
      reason: input.reason,
      dismissed_by: actor.id,
      dismissed_at: nowIso(),
      updated_at: nowIso(),
    };
    await trx
      .updateTable('label_checks')
      .set(after)
      .where('labeller_id', '=', actor.id)
      .where('ecg_record_id', '=', ecg.id)
      .where('check_id', '=', checkId)
      .execute();
    await writeAudit(trx, actor, {
      entity: 'label_check',
      entityId: `${ecg.id}:${checkId}`,
      action: 'dismiss',
      before: row,
      after: { ...row, ...after },
      baseVersion: null,
    });
  });
  return listCheckStates(db, actor, ecg.id);
}
