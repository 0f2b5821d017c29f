/**
 * New samples: one imported or restored with its own id (createSample), and one written in the
 * app, which takes the next free id of its source (createNewSample). Both pass the write gate and
 * are stored with revision 1 and an audit entry in one transaction.
 */
import type { RevisionKind, SampleWriteResponse } from '../../schemas/api/samples';
import type { Db } from '../storage/database';
import { nowIso } from '../storage/ids';
import type { Actor } from './actor';
import { insertAuditRow } from './audit';
import { newSampleRows } from './sample-rows';
import { findEcgRecordId, getSample } from './samples';
import { ServiceError } from './service-error';
import { inTransaction } from './transaction';
import { checkSampleWrite } from './write-checks';

/**
 * Inserts a new sample's rows (sample, revision 1, audit) and answers the stored sample; a
 * (data_source, id) already taken is a 409 sample_exists with `taken` as its message.
 */
async function insertNewSample(
  trx: Db,
  rows: ReturnType<typeof newSampleRows>,
  warnings: SampleWriteResponse['warnings'],
  taken: string,
): Promise<SampleWriteResponse> {
  const inserted = await trx
    .insertInto('samples')
    .values(rows.sample)
    .onConflict((oc) => oc.columns(['data_source', 'sample_id']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) {
    throw new ServiceError('conflict', taken, { code: 'sample_exists' });
  }
  await trx.insertInto('sample_revisions').values(rows.revision).execute();
  await insertAuditRow(trx, rows.audit);
  return { ...(await getSample(trx, rows.sample.id)), warnings };
}

/**
 * Stores a new sample (revision 1) with its audit entry, after checkSampleWrite (422 with the
 * problems when it breaks a rule); 409 if (data_source, id) exists.
 */
export async function createSample(
  db: Db,
  actor: Actor | null,
  value: unknown,
  kind: RevisionKind = 'import',
): Promise<SampleWriteResponse> {
  const checked = checkSampleWrite(value);
  const { metadata } = checked.sample;
  return inTransaction(db, async (trx) => {
    const rows = newSampleRows(checked.stored, await findEcgRecordId(trx, metadata), {
      actor,
      kind,
      now: nowIso(),
    });
    return insertNewSample(
      trx,
      rows,
      checked.warnings,
      `A ${metadata.data_source} sample with id ${metadata.id} already exists.`,
    );
  });
}

/** Tries at allocating a new sample id before giving up (two creates may race for one id). */
const CREATE_ATTEMPTS = 5;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A new sample written in the app (by a cardiologist or a curator): it takes the next free id of
 * its data source (any id sent is replaced), its ECG must be registered in the workspace (a
 * MIMIC-IV-ECG sample takes the ECG's subject_id when it names none), and it goes through
 * checkSampleWrite (422 with the problems). Stored as revision 1 of kind "create" with its audit
 * entry, in status review. The id is allocated inside the transaction; a race for it is retried.
 */
export async function createNewSample(
  db: Db,
  actor: Actor,
  value: unknown,
): Promise<SampleWriteResponse> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(db, async (trx) => {
        const record = isRecord(value) ? value : null;
        const metadata = record && isRecord(record['metadata']) ? record['metadata'] : null;
        const source = metadata?.['data_source'];
        const ecgId = metadata?.['ecg_id'];
        if (!record || !metadata || typeof source !== 'string' || typeof ecgId !== 'string') {
          // Let the write gate name what is missing or malformed.
          checkSampleWrite(value);
          throw new ServiceError('invalid', 'The sample names no data source or ECG.');
        }
        const ecg = await trx
          .selectFrom('ecg_records')
          .select(['id', 'subject_id'])
          .where('source', '=', source)
          .where('ecg_id', '=', ecgId)
          .executeTakeFirst();
        if (!ecg) {
          throw new ServiceError('invalid', `ECG ${source}:${ecgId} is not in the workspace.`, {
            issues: [
              {
                path: 'body.sample.metadata.ecg_id',
                message: 'must name an ECG of the workspace (a new sample is written on its ECG)',
              },
            ],
          });
        }
        const last = await trx
          .selectFrom('samples')
          .select((eb) => eb.fn.max('sample_id').as('max'))
          .where('data_source', '=', source)
          .executeTakeFirst();
        const { id: _replaced, ...rest } = metadata;
        const subject =
          rest['subject_id'] === undefined && source === 'mimic_iv_ecg' && ecg.subject_id
            ? { subject_id: ecg.subject_id }
            : {};
        const sample = {
          ...record,
          metadata: { id: Number(last?.max ?? -1) + 1, ...rest, ...subject },
        };
        const checked = checkSampleWrite(sample);
        const rows = newSampleRows(checked.stored, ecg.id, {
          actor,
          kind: 'create',
          now: nowIso(),
        });
        return insertNewSample(
          trx,
          rows,
          checked.warnings,
          `Sample id ${checked.sample.metadata.id} was taken.`,
        );
      });
    } catch (error) {
      const raced =
        error instanceof ServiceError && error.kind === 'conflict' && attempt < CREATE_ATTEMPTS;
      if (!raced) throw error;
    }
  }
}

