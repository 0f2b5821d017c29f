/**
 * Pre-flags in the database: a sample's results replace its earlier ones in one transaction,
 * only when the sample is still at the version that was checked; and a sample's pre-flags read
 * back in the sample's order, with its last check.
 */
import type { Insertable } from 'kysely';
import { PREFLAG_ENGINE_VERSION } from '../../../domain/review/preflags/catalog';
import type { SamplePreflagsResponse, StoredPreflag } from '../../../schemas/api/preflags';
import type { PreflagNumbers, SamplePart } from '../../../schemas/preflags';
import { PreflagNumbersSchema, SAMPLE_PARTS } from '../../../schemas/preflags';
import type { Db, SamplePreflagsTable } from '../../storage/database';
import { nowIso } from '../../storage/ids';
import { notFound } from '../service-error';
import type { PreflagCheckStatus, PreflagSampleResult } from './preflag-job';

/** Rows per multi-row INSERT (well under both databases' parameter limits). */
const BATCH_ROWS = 200;

/** One sample's result with the version it was computed on. */
export interface CheckedSample {
  readonly sampleId: string;
  readonly version: number;
  readonly result: PreflagSampleResult;
}

/** What a store did: samples written, and of those, how many have a pre-flag / no readable record. */
export interface StoreOutcome {
  readonly stored: number;
  readonly flagged: number;
  readonly failed: number;
}

/**
 * Replaces the pre-flags and the check row of each sample, all in one transaction; a sample
 * edited since it was read is left for the next run (its check stays stale).
 */
export async function storeResults(
  db: Db,
  runId: string | null,
  checked: readonly CheckedSample[],
): Promise<StoreOutcome> {
  if (checked.length === 0) return { stored: 0, flagged: 0, failed: 0 };
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('samples')
      .select(['id', 'version'])
      .where(
        'id',
        'in',
        checked.map((c) => c.sampleId),
      )
      .execute();
    const versions = new Map(current.map((row) => [row.id, row.version]));
    const fresh = checked.filter((c) => versions.get(c.sampleId) === c.version);
    if (fresh.length === 0) return { stored: 0, flagged: 0, failed: 0 };
    const ids = fresh.map((c) => c.sampleId);
    await trx.deleteFrom('sample_preflags').where('sample_pk', 'in', ids).execute();
    const now = nowIso();
    const rows: Insertable<SamplePreflagsTable>[] = fresh.flatMap((c) =>
      c.result.flags.map((f) => ({
        sample_pk: c.sampleId,
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        numbers: JSON.stringify(f.numbers),
        engine_version: PREFLAG_ENGINE_VERSION,
        created_at: now,
        step_idx: f.at.step,
        part: f.at.part,
        question_idx: f.at.question,
        option_idx: f.at.option,
        sample_version: c.version,
      })),
    );
    for (let start = 0; start < rows.length; start += BATCH_ROWS) {
      await trx
        .insertInto('sample_preflags')
        .values(rows.slice(start, start + BATCH_ROWS))
        .execute();
    }
    for (const c of fresh) {
      const check = {
        sample_version: c.version,
        engine_version: PREFLAG_ENGINE_VERSION,
        status: c.result.status,
        note: c.result.note,
        flag_count: c.result.flags.length,
        run_id: runId,
        checked_at: now,
      };
      await trx
        .insertInto('sample_preflag_checks')
        .values({ sample_pk: c.sampleId, ...check })
        .onConflict((oc) => oc.column('sample_pk').doUpdateSet(check))
        .execute();
    }
    return {
      stored: fresh.length,
      flagged: fresh.filter((c) => c.result.flags.length > 0).length,
      failed: fresh.filter((c) => c.result.status === 'record-error').length,
    };
  });
}

const partOrder = (part: string | null) => {
  const i = SAMPLE_PARTS.indexOf((part ?? '') as SamplePart);
  return i < 0 ? SAMPLE_PARTS.length : i;
};

/** A sample's pre-flags, in the sample's order, and its last check; 404 if no such sample. */
export async function readSamplePreflags(
  db: Db,
  sampleId: string,
): Promise<SamplePreflagsResponse> {
  const sample = await db
    .selectFrom('samples')
    .select(['id', 'version'])
    .where('id', '=', sampleId)
    .executeTakeFirst();
  if (!sample) throw notFound('Sample');
  const [check, rows] = await Promise.all([
    db
      .selectFrom('sample_preflag_checks')
      .selectAll()
      .where('sample_pk', '=', sampleId)
      .executeTakeFirst(),
    db.selectFrom('sample_preflags').selectAll().where('sample_pk', '=', sampleId).execute(),
  ]);
  const items: StoredPreflag[] = rows
    .map((row) => ({
      rule: row.rule as StoredPreflag['rule'],
      severity: row.severity as StoredPreflag['severity'],
      message: row.message,
      at: {
        step: row.step_idx,
        part: (row.part as SamplePart | null) ?? null,
        question: row.question_idx,
        option: row.option_idx,
      },
      numbers: parseNumbers(row.numbers),
      engineVersion: row.engine_version,
      createdAt: row.created_at,
    }))
    .sort(
      (a, b) =>
        (a.at.step ?? -1) - (b.at.step ?? -1) ||
        partOrder(a.at.part) - partOrder(b.at.part) ||
        (a.at.question ?? -1) - (b.at.question ?? -1) ||
        (a.at.option ?? -1) - (b.at.option ?? -1),
    );
  return {
    sampleId,
    sampleVersion: sample.version,
    check: check
      ? {
          status: check.status as PreflagCheckStatus,
          note: check.note,
          engineVersion: check.engine_version,
          sampleVersion: check.sample_version,
          checkedAt: check.checked_at,
          stale:
            check.sample_version !== sample.version ||
            check.engine_version !== PREFLAG_ENGINE_VERSION,
        }
      : null,
    items,
  };
}

/** Stored numbers, read with the shared schema (rows written before a schema change read as {}). */
function parseNumbers(text: string): PreflagNumbers {
  try {
    const parsed = PreflagNumbersSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
