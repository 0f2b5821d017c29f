/**
 * Dense-label predictors: imported label files and the built-in "measurements only" reference,
 * stored per ECG and scored per axis against the workspace's submitted labels.
 */
import { readLabelEntries, labelKey } from '../../../domain/evaluation/label-file';
import { labelReport } from '../../../domain/evaluation/label-metrics';
import {
  labelMeasurementsOf,
  majorityLabel,
  predictFromMeasurements,
} from '../../../domain/evaluation/measurement-predictor';
import type { SourceEntry } from '../../../domain/jsonl/source-entry';
import { measureRecord } from '../../../domain/measure/measure-record';
import type { LabelPredictor, LabelReportBody } from '../../../schemas/api/evaluation';
import type { DenseLabel } from '../../../schemas/dense-label';
import { readWfdbRecord } from '../../io/read-wfdb';
import type { Db } from '../../storage/database';
import { newId, nowIso } from '../../storage/ids';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import type { RecordRoots } from '../records';
import { resolveStoredPath } from '../records';
import { ServiceError, notFound } from '../service-error';
import { inTransaction } from '../transaction';
import { truthLabels } from './truth-labels';

/** The built-in reference predictor's name. */
export const REFERENCE_PREDICTOR = 'measurements only';
const MAX_REPORTED = 200;
const BATCH_ROWS = 400;

function toPredictor(row: {
  id: string;
  name: string;
  kind: string;
  report: string;
  created_at: string;
  predictions: number | string | bigint | null;
}): LabelPredictor {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as LabelPredictor['kind'],
    predictions: Number(row.predictions ?? 0),
    createdAt: row.created_at,
    problems: (JSON.parse(row.report) as { problems: string[] }).problems,
  };
}

function predictorsQuery(db: Db) {
  return db
    .selectFrom('label_predictors')
    .select(['id', 'name', 'kind', 'report', 'created_at'])
    .select((eb) =>
      eb
        .selectFrom('label_predictions')
        .whereRef('label_predictions.predictor_id', '=', 'label_predictors.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('predictions'),
    );
}

/** Every stored predictor, by name. */
export async function listPredictors(db: Db): Promise<LabelPredictor[]> {
  return (await predictorsQuery(db).orderBy('name').execute()).map(toPredictor);
}

async function getPredictor(db: Db, id: string): Promise<LabelPredictor> {
  const row = await predictorsQuery(db).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Label predictor');
  return toPredictor(row);
}

/** Stores predictions under a name, replacing an earlier predictor of that name, in one transaction. */
async function storePredictor(
  db: Db,
  actor: Actor | null,
  name: string,
  kind: LabelPredictor['kind'],
  predictions: readonly { ecgRecordId: string; label: DenseLabel }[],
  problems: readonly string[],
): Promise<LabelPredictor> {
  const id = newId();
  await inTransaction(db, async (trx) => {
    const old = await trx
      .selectFrom('label_predictors')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirst();
    if (old) {
      await trx.deleteFrom('label_predictions').where('predictor_id', '=', old.id).execute();
      await trx.deleteFrom('label_predictors').where('id', '=', old.id).execute();
    }
    await trx
      .insertInto('label_predictors')
      .values({
        id,
        name,
        kind,
        report: JSON.stringify({ problems: problems.slice(0, MAX_REPORTED) }),
        created_by: actor?.id ?? null,
        created_at: nowIso(),
      })
      .execute();
    for (let start = 0; start < predictions.length; start += BATCH_ROWS) {
      await trx
        .insertInto('label_predictions')
        .values(
          predictions.slice(start, start + BATCH_ROWS).map((p) => ({
            predictor_id: id,
            ecg_record_id: p.ecgRecordId,
            content: JSON.stringify(p.label),
          })),
        )
        .execute();
    }
    await writeAudit(trx, actor, {
      entity: 'label_predictor',
      entityId: id,
      action: 'import',
      before: old ? { id: old.id } : null,
      after: { name, kind, predictions: predictions.length },
      baseVersion: null,
    });
  });
  return getPredictor(db, id);
}

/** Imports a label JSONL as a predictor; lines about ECGs the workspace lacks are reported. */
export async function importLabelPredictions(
  db: Db,
  actor: Actor | null,
  name: string,
  batches: AsyncIterable<readonly SourceEntry[]>,
): Promise<LabelPredictor> {
  const file = await readLabelEntries(batches);
  const problems = file.problems.map(
    (p) => `${p.lineNumber === null ? p.file : `line ${p.lineNumber}`}: ${p.message} [${p.rule}]`,
  );
  const ecgs = await db.selectFrom('ecg_records').select(['id', 'source', 'ecg_id']).execute();
  const byKey = new Map(ecgs.map((e) => [labelKey(e.source, e.ecg_id), e.id]));
  const predictions: { ecgRecordId: string; label: DenseLabel }[] = [];
  for (const [key, label] of file.labels) {
    const ecgRecordId = byKey.get(key);
    if (ecgRecordId === undefined) problems.push(`${key}: the workspace has no such ECG; left out`);
    else predictions.push({ ecgRecordId, label });
  }
  if (predictions.length === 0) {
    throw new ServiceError(
      'invalid',
      `No prediction in the file is about an ECG of the workspace.`,
      {
        issues: problems.slice(0, 20).map((message) => ({ path: 'body', message })),
      },
    );
  }
  return storePredictor(db, actor, name, 'imported', predictions, problems);
}

/**
 * Computes the "measurements only" reference for every ECG with a submitted label: rate, axis
 * and threshold conduction values from the measurement engine, the truth's majority elsewhere.
 */
export async function computeReferencePredictor(
  db: Db,
  roots: RecordRoots,
  actor: Actor | null,
): Promise<LabelPredictor> {
  const truth = await truthLabels(db);
  if (truth.labels.size === 0)
    throw new ServiceError(
      'invalid',
      'No ECG has a submitted label yet: the reference predicts for labelled ECGs.',
    );
  const majority = majorityLabel([...truth.labels.values()]);
  const paths = await db.selectFrom('ecg_records').select(['id', 'path']).execute();
  const pathOf = new Map(paths.map((p) => [p.id, p.path]));
  const predictions: { ecgRecordId: string; label: DenseLabel }[] = [];
  const problems: string[] = [];
  for (const [key, ecgRecordId] of truth.ecgRecordIds) {
    const stored = pathOf.get(ecgRecordId);
    const base = stored ? resolveStoredPath(roots, stored) : null;
    if (!base) {
      problems.push(`${key}: no record found; no prediction`);
      continue;
    }
    try {
      const measured = labelMeasurementsOf(measureRecord(await readWfdbRecord(base)));
      predictions.push({ ecgRecordId, label: predictFromMeasurements(measured, majority) });
    } catch (error) {
      problems.push(`${key}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (predictions.length === 0)
    throw new ServiceError(
      'invalid',
      `No labelled ECG has a readable record: ${problems.slice(0, 3).join('; ')}`,
    );
  return storePredictor(db, actor, REFERENCE_PREDICTOR, 'reference', predictions, problems);
}

/** A predictor's per-axis scores against the workspace's submitted labels. */
export async function predictorReport(db: Db, predictorId: string): Promise<LabelReportBody> {
  const predictor = await getPredictor(db, predictorId);
  const truth = await truthLabels(db);
  const rows = await db
    .selectFrom('label_predictions')
    .innerJoin('ecg_records', 'ecg_records.id', 'label_predictions.ecg_record_id')
    .select(['ecg_records.source', 'ecg_records.ecg_id', 'label_predictions.content'])
    .where('label_predictions.predictor_id', '=', predictorId)
    .execute();
  const predicted = new Map(
    rows.map((r) => [labelKey(r.source, r.ecg_id), JSON.parse(r.content) as DenseLabel]),
  );
  const report = labelReport(truth.labels, predicted);
  return {
    predictor,
    truthLabels: truth.labels.size,
    severalLabels: truth.severalLabels,
    ...report,
    axes: report.axes.map((a) => ({
      ...a,
      classes: [...a.classes],
      confusion: a.confusion.map((r) => [...r]),
    })),
    unpredicted: [...report.unpredicted],
    withoutTruth: [...report.withoutTruth],
    pairs: report.pairs.map((p) => ({
      ...p,
      truth: { ...p.truth },
      predicted: { ...p.predicted },
    })),
    findings: {
      truth: Object.fromEntries(Object.entries(report.findings.truth)),
      predicted: Object.fromEntries(Object.entries(report.findings.predicted)),
      meanTruth: report.findings.meanTruth,
      meanPredicted: report.findings.meanPredicted,
    },
  };
}
