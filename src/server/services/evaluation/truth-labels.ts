/** The workspace's submitted dense labels, one per ECG, as the truth evaluation scores against. */
import { labelKey } from '../../../domain/evaluation/label-file';
import type { DenseLabel } from '../../../schemas/dense-label';
import type { Db } from '../../storage/database';

/** Submitted labels by "source/ecg_id" (the latest when several labellers submitted), with ECG ids. */
export interface TruthLabels {
  readonly labels: Map<string, DenseLabel>;
  readonly ecgRecordIds: Map<string, string>;
  /** ECGs with more than one submitted label. */
  readonly severalLabels: number;
}

/** Reads every submitted label. */
export async function truthLabels(db: Db): Promise<TruthLabels> {
  const rows = await db
    .selectFrom('dense_labels')
    .innerJoin('ecg_records', 'ecg_records.id', 'dense_labels.ecg_record_id')
    .select([
      'ecg_records.id as ecg_pk',
      'ecg_records.source',
      'ecg_records.ecg_id',
      'dense_labels.content',
    ])
    .where('dense_labels.status', '=', 'submitted')
    .orderBy('dense_labels.updated_at')
    .orderBy('dense_labels.id')
    .execute();
  const labels = new Map<string, DenseLabel>();
  const ecgRecordIds = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const row of rows) {
    const key = labelKey(row.source, row.ecg_id);
    // Rows come oldest first: the last one per ECG wins.
    labels.set(key, JSON.parse(row.content) as DenseLabel);
    ecgRecordIds.set(key, row.ecg_pk);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return {
    labels,
    ecgRecordIds,
    severalLabels: [...seen.values()].filter((n) => n > 1).length,
  };
}
