/** The dataset dashboard: samples per cell against the target, label distributions, review progress and agreement. */
import {
  findingsHistogram,
  labelDistributions,
  verdictAgreement,
  withTargets,
} from '../../../domain/evaluation/dataset-figures';
import type { DatasetDashboard } from '../../../schemas/api/evaluation';
import type { DataSource } from '../../../schemas/benchmark-sample';
import type { Db } from '../../storage/database';
import { truthLabels } from './truth-labels';

/** Every figure of the dashboard, from one read of each table. */
export async function datasetDashboard(db: Db): Promise<DatasetDashboard> {
  const cellRows = await db
    .selectFrom('samples')
    .select(['data_source', 'target_dx', 'dx_label', 'path_idx'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy(['data_source', 'target_dx', 'dx_label', 'path_idx'])
    .orderBy('data_source')
    .orderBy('target_dx')
    .orderBy('dx_label')
    .orderBy('path_idx')
    .execute();
  const cells = withTargets(
    cellRows.map((r) => ({
      dataSource: r.data_source as DataSource,
      targetDx: r.target_dx,
      dxLabel: r.dx_label === 1,
      pathIdx: r.path_idx,
      count: Number(r.n),
    })),
  );

  const labels = [...(await truthLabels(db)).labels.values()];

  const days = await db
    .selectFrom('review_verdicts')
    .select((eb) => eb.fn<string>('substr', ['created_at', eb.val(1), eb.val(10)]).as('day'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy('day')
    .orderBy('day')
    .execute();
  let cumulative = 0;
  const progress = days.map((d) => {
    cumulative += Number(d.n);
    return { day: d.day, verdicts: Number(d.n), cumulative };
  });
  const verdicts = await db
    .selectFrom('review_verdicts')
    .select(['pass_id', 'sample_pk', 'reviewer_id', 'verdict'])
    .execute();

  return {
    cells,
    labels: {
      submitted: labels.length,
      axes: labelDistributions(labels),
      findings: findingsHistogram(labels),
    },
    review: {
      progress,
      agreement: verdictAgreement(
        verdicts.map((v) => ({
          passId: v.pass_id,
          samplePk: v.sample_pk,
          reviewerId: v.reviewer_id,
          verdict: v.verdict,
        })),
      ),
    },
  };
}
