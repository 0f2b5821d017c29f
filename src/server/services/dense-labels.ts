import type {
  DenseLabelRecord as DenseLabel,
  LabelStatus,
  OwnLabelResponse,
  SaveLabelResponse,
} from '../../schemas/api/labels';
import { compileOnce } from '../storage/compiled-query';
import type { Db, DenseLabelsTable, EcgRecordsTable } from '../storage/database';
import { newId, nowIso } from '../storage/ids';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { getEcgRecord, toEcgSummary } from './ecgs';
import { notFound, versionConflict } from './service-error';
import { inTransaction } from './transaction';
import { checkLabelWrite } from './write-checks';
import { labelVisibleTo } from './visibility';

type LabelRow = DenseLabelsTable & { labeller: string };

function toLabel(row: LabelRow): DenseLabel {
  return {
    id: row.id,
    ecgId: row.ecg_record_id,
    labellerId: row.labeller_id,
    labeller: row.labeller,
    status: row.status as LabelStatus,
    version: row.version,
    content: JSON.parse(row.content) as DenseLabel['content'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function selectLabels(db: Db) {
  return db
    .selectFrom('dense_labels')
    .innerJoin('users', 'users.id', 'dense_labels.labeller_id')
    .selectAll('dense_labels')
    .select('users.username as labeller');
}

// Autosave runs these on every keystroke pause: compiled once, not per request.
const ecgByIdQuery = compileOnce(['id'], (db: Db, { id }: { id: string }) =>
  db.selectFrom('ecg_records').selectAll().where('id', '=', id),
);

const ownLabelQuery = compileOnce(
  ['ecgId', 'labellerId'],
  (db: Db, p: { ecgId: string; labellerId: string }) =>
    selectLabels(db)
      .where('dense_labels.ecg_record_id', '=', p.ecgId)
      .where('dense_labels.labeller_id', '=', p.labellerId),
);

const insertLabelQuery = compileOnce(
  ['id', 'ecgId', 'labellerId', 'status', 'content', 'now'],
  (
    db: Db,
    p: {
      id: string;
      ecgId: string;
      labellerId: string;
      status: string;
      content: string;
      now: string;
    },
  ) =>
    db
      .insertInto('dense_labels')
      .values({
        id: p.id,
        ecg_record_id: p.ecgId,
        labeller_id: p.labellerId,
        status: p.status,
        content: p.content,
        version: 1,
        created_at: p.now,
        updated_at: p.now,
      })
      .onConflict((oc) => oc.columns(['ecg_record_id', 'labeller_id']).doNothing())
      .returningAll(),
);

const updateLabelQuery = compileOnce(
  ['id', 'baseVersion', 'version', 'status', 'content', 'now'],
  (
    db: Db,
    p: {
      id: string;
      baseVersion: number;
      version: number;
      status: string;
      content: string;
      now: string;
    },
  ) =>
    db
      .updateTable('dense_labels')
      .set({ status: p.status, content: p.content, version: p.version, updated_at: p.now })
      .where('id', '=', p.id)
      .where('version', '=', p.baseVersion)
      .returningAll(),
);

async function ecgOrNotFound(db: Db, ecgRecordId: string): Promise<EcgRecordsTable> {
  const ecg = await ecgByIdQuery.takeFirst(db, { id: ecgRecordId });
  if (!ecg) throw notFound('ECG');
  return ecg;
}

/** The caller's own label of an ECG (null before the first save); 404 if the ECG is unknown. */
export async function getOwnLabel(
  db: Db,
  actor: Actor,
  ecgRecordId: string,
): Promise<OwnLabelResponse> {
  const ecg = await ecgOrNotFound(db, ecgRecordId);
  const row = await ownLabelQuery.takeFirst(db, { ecgId: ecg.id, labellerId: actor.id });
  return { ecg: toEcgSummary(ecg), label: row ? toLabel(row) : null };
}

/**
 * Saves the caller's label of an ECG based on baseVersion (0: creating it), after
 * checkLabelWrite (422 with the problems when the content breaks a rule for its status). A stale
 * base gets 412 with the current label; exactly one of two concurrent saves on the same base wins.
 */
export async function saveOwnLabel(
  db: Db,
  actor: Actor,
  ecgRecordId: string,
  baseVersion: number,
  input: { readonly status: LabelStatus; readonly content: unknown },
): Promise<SaveLabelResponse> {
  const checked = checkLabelWrite(input.status, input.content);
  return inTransaction(db, async (trx) => {
    const ecg = await ecgOrNotFound(trx, ecgRecordId);
    const current = await ownLabelQuery.takeFirst(trx, { ecgId: ecg.id, labellerId: actor.id });
    const conflict = async () => {
      const now = await getOwnLabel(trx, actor, ecgRecordId);
      return versionConflict('Your label of this ECG', baseVersion, now.label?.version ?? 0, now);
    };
    if ((current?.version ?? 0) !== baseVersion) throw await conflict();
    const now = nowIso();
    const content = JSON.stringify(checked.content);
    const saved: DenseLabelsTable | undefined = current
      ? await updateLabelQuery.takeFirst(trx, {
          id: current.id,
          baseVersion: current.version,
          version: current.version + 1,
          status: input.status,
          content,
          now,
        })
      : await insertLabelQuery.takeFirst(trx, {
          id: newId(),
          ecgId: ecg.id,
          labellerId: actor.id,
          status: input.status,
          content,
          now,
        });
    if (!saved) throw await conflict();
    const label = toLabel({ ...saved, labeller: actor.username });
    await writeAudit(trx, actor, {
      entity: 'dense_label',
      entityId: saved.id,
      action: current
        ? current.status !== input.status
          ? `update:${input.status}`
          : 'update'
        : 'create',
      before: current ? toLabel(current) : null,
      after: label,
      baseVersion,
    });
    return { ecg: toEcgSummary(ecg), label, warnings: checked.warnings };
  });
}

/**
 * Labels of an ECG the caller may see: their own (any status) and everyone's submitted ones
 * (reviewers, curators and admins); another labeller's draft is never listed.
 */
export async function listVisibleLabels(
  db: Db,
  actor: Actor,
  ecgRecordId: string,
): Promise<DenseLabel[]> {
  const ecg = await getEcgRecord(db, ecgRecordId);
  const rows = await selectLabels(db)
    .where('dense_labels.ecg_record_id', '=', ecg.id)
    .where((eb) =>
      actor.role === 'cardiologist'
        ? eb('dense_labels.labeller_id', '=', actor.id)
        : eb.or([
            eb('dense_labels.labeller_id', '=', actor.id),
            eb('dense_labels.status', '=', 'submitted'),
          ]),
    )
    .orderBy('users.username')
    .execute();
  return rows.map(toLabel);
}

/** One label by id if the caller may see it (see listVisibleLabels); otherwise 404. */
export async function getVisibleLabel(db: Db, actor: Actor, labelId: string): Promise<DenseLabel> {
  const row = await selectLabels(db).where('dense_labels.id', '=', labelId).executeTakeFirst();
  if (!row || !labelVisibleTo(actor, { labellerId: row.labeller_id, status: row.status })) {
    throw notFound('Label');
  }
  return toLabel(row);
}
