import { draftLabelFromPtbxl, ptbxlStatementsOf } from '../../domain/taxonomy/ptbxl-prefill';
import type { EcgWorkbenchResponse, WorklistRow } from '../../schemas/api/label-workbench';
import type { DataSource, TargetDx } from '../../schemas/benchmark-sample';
import type { Db } from '../storage/database';
import type { Actor } from './actor';
import { toEcgSummary } from './ecgs';
import { listCheckStates } from './label-check-states';
import { notFound } from './service-error';

/**
 * Every ECG of the workspace with what the labelling worklist shows, for one user, in one
 * query: the user's label status, others' submitted labels, current samples, open checks.
 */
export async function listWorklist(db: Db, actor: Actor): Promise<WorklistRow[]> {
  const others = db
    .selectFrom('dense_labels')
    .select('ecg_record_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'submitted')
    .where('labeller_id', '<>', actor.id)
    .groupBy('ecg_record_id')
    .as('others');
  const samples = db
    .selectFrom('samples')
    .select(['data_source', 'ecg_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('replaced_by', 'is', null)
    .groupBy(['data_source', 'ecg_id'])
    .as('samples');
  const checks = db
    .selectFrom('label_checks')
    .select('ecg_record_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('labeller_id', '=', actor.id)
    .where('state', '=', 'open')
    .groupBy('ecg_record_id')
    .as('checks');
  const rows = await db
    .selectFrom('ecg_records as e')
    .leftJoin('dense_labels as mine', (join) =>
      join.onRef('mine.ecg_record_id', '=', 'e.id').on('mine.labeller_id', '=', actor.id),
    )
    .leftJoin(others, 'others.ecg_record_id', 'e.id')
    .leftJoin(samples, (join) =>
      join.onRef('samples.data_source', '=', 'e.source').onRef('samples.ecg_id', '=', 'e.ecg_id'),
    )
    .leftJoin(checks, 'checks.ecg_record_id', 'e.id')
    .select([
      'e.id',
      'e.source',
      'e.ecg_id',
      'e.path',
      'mine.status as my_status',
      'others.n as others_n',
      'samples.n as samples_n',
      'checks.n as checks_n',
    ])
    .orderBy('e.source')
    .orderBy('e.ecg_id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    source: row.source as DataSource,
    ecgId: row.ecg_id,
    recordAvailable: row.path !== null,
    myStatus: (row.my_status ?? 'none') as WorklistRow['myStatus'],
    othersLabels: Number(row.others_n ?? 0),
    samples: Number(row.samples_n ?? 0),
    openChecks: Number(row.checks_n ?? 0),
  }));
}

function ptbxlRowOf(metadata: Record<string, unknown>): Record<string, unknown> {
  // The demo workspace keeps its PTB-XL-style statements under "ptbxl"; a records folder's
  // ptbxl_database.csv row is the metadata itself.
  const nested = metadata['ptbxl'];
  return typeof nested === 'object' && nested !== null
    ? (nested as Record<string, unknown>)
    : metadata;
}

function sexOf(row: Record<string, unknown>): 'male' | 'female' | null {
  // PTB-XL codes sex as 0 (male) and 1 (female).
  if (row['sex'] === 0) return 'male';
  if (row['sex'] === 1) return 'female';
  return null;
}

/**
 * What the ECG page needs for the ECG `source`/`ecgId`: its summary, the PTB-XL draft (when
 * its metadata has scp_codes), sex, the samples about it, and the caller's check states.
 */
export async function getEcgWorkbench(
  db: Db,
  actor: Actor,
  source: string,
  ecgId: string,
): Promise<EcgWorkbenchResponse> {
  const ecg = await db
    .selectFrom('ecg_records')
    .selectAll()
    .where('source', '=', source)
    .where('ecg_id', '=', ecgId)
    .executeTakeFirst();
  if (!ecg) throw notFound('ECG');
  const metadata = ecg.metadata
    ? ptbxlRowOf(JSON.parse(ecg.metadata) as Record<string, unknown>)
    : null;
  const statements = metadata ? ptbxlStatementsOf(metadata) : null;
  const draft = statements ? draftLabelFromPtbxl(statements) : null;
  const samples = await db
    .selectFrom('samples')
    .select(['id', 'sample_id', 'target_dx', 'dx_label', 'path_idx', 'status'])
    .where('data_source', '=', ecg.source)
    .where('ecg_id', '=', ecg.ecg_id)
    .where('replaced_by', 'is', null)
    .orderBy('sample_id')
    .execute();
  return {
    ecg: toEcgSummary(ecg),
    sex: metadata ? sexOf(metadata) : null,
    ptbxlDraft: draft ? { label: draft.label, notes: [...draft.notes] } : null,
    samples: samples.map((s) => ({
      id: s.id,
      sampleId: s.sample_id,
      targetDx: s.target_dx as TargetDx,
      dxLabel: Boolean(s.dx_label),
      pathIdx: s.path_idx,
      status: s.status,
    })),
    checks: actor.role === 'cardiologist' ? await listCheckStates(db, actor, ecg.id) : [],
  };
}
