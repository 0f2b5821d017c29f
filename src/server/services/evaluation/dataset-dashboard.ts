/** The dataset dashboard: samples per cell against the target, label distributions, review progress and agreement. */
import {
  findingsHistogram,
  labelDistributions,
  verdictAgreement,
  withTargets,
} from '../../../domain/evaluation/dataset-figures';
import type { DatasetDashboard } from '../../../schemas/api/evaluation';
import type { Db } from '../../storage/database';
import { sampleCells } from '../sample-cells';
import { truthLabels } from './truth-labels';

/** Samples listed per day of review progress. */
const MAX_SAMPLES_PER_DAY = 200;

/** Every figure of the dashboard, from one read of each table. */
export async function datasetDashboard(db: Db): Promise<DatasetDashboard> {
  const cells = withTargets(await sampleCells(db));

  const labels = (await truthLabels(db)).labels;

  const days = await db
    .selectFrom('review_verdicts')
    .select((eb) => eb.fn<string>('substr', ['created_at', eb.val(1), eb.val(10)]).as('day'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy('day')
    .orderBy('day')
    .execute();
  const verdicts = await db
    .selectFrom('review_verdicts')
    .innerJoin('samples', 'samples.id', 'review_verdicts.sample_pk')
    .select([
      'review_verdicts.pass_id',
      'review_verdicts.sample_pk',
      'review_verdicts.reviewer_id',
      'review_verdicts.verdict',
      'review_verdicts.created_at',
      'samples.sample_id',
    ])
    .orderBy('samples.sample_id')
    .execute();
  const samplesByDay = new Map<string, Map<string, number>>();
  for (const v of verdicts) {
    const day = v.created_at.slice(0, 10);
    const seen = samplesByDay.get(day) ?? new Map<string, number>();
    if (seen.size < MAX_SAMPLES_PER_DAY) seen.set(v.sample_pk, v.sample_id);
    samplesByDay.set(day, seen);
  }
  let cumulative = 0;
  const progress = days.map((d) => {
    cumulative += Number(d.n);
    return {
      day: d.day,
      verdicts: Number(d.n),
      cumulative,
      samples: [...(samplesByDay.get(d.day) ?? [])].map(([id, sampleId]) => ({ id, sampleId })),
    };
  });

  return {
    cells,
    labels: {
      submitted: labels.size,
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
