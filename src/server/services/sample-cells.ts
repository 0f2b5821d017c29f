/** Samples per (source, diagnosis, label, path): the distribution curation must keep. */
import type { SampleCell } from '../../schemas/api/curation';
import type { DataSource } from '../../schemas/benchmark-sample';
import type { Db } from '../storage/database';

/** Every cell of the workspace with its sample count, in (source, diagnosis, label, path) order. */
export async function sampleCells(db: Db): Promise<SampleCell[]> {
  const rows = await db
    .selectFrom('samples')
    .select(['data_source', 'target_dx', 'dx_label', 'path_idx'])
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .groupBy(['data_source', 'target_dx', 'dx_label', 'path_idx'])
    .orderBy('data_source')
    .orderBy('target_dx')
    .orderBy('dx_label')
    .orderBy('path_idx')
    .execute();
  return rows.map((r) => ({
    dataSource: r.data_source as DataSource,
    targetDx: r.target_dx,
    dxLabel: r.dx_label === 1,
    pathIdx: r.path_idx,
    count: Number(r.n),
  }));
}
