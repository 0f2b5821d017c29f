/** One stored answer beside the workspace's sample, for the drill-down view. */
import type { ForcedCommitScore } from '../../../domain/evaluation/forced-commit';
import type { SampleScore } from '../../../domain/evaluation/score-sample';
import type { AnswerDetail } from '../../../schemas/api/evaluation';
import type { ModelReplies } from '../../../schemas/model-replies';
import type { Db } from '../../storage/database';
import { getSample } from '../samples';
import { notFound } from '../service-error';
import { getRun } from './runs';

/** A run's replies to one sample, with each step's verdict; 404 if the run did not answer it. */
export async function answerDetail(db: Db, runId: string, samplePk: string): Promise<AnswerDetail> {
  const run = await getRun(db, runId);
  const row = await db
    .selectFrom('model_answers')
    .select(['replies', 'score', 'sample_version'])
    .where('run_id', '=', runId)
    .where('sample_pk', '=', samplePk)
    .executeTakeFirst();
  if (!row) throw notFound('Answer');
  const sample = await getSample(db, samplePk);
  const score = JSON.parse(row.score) as SampleScore | ForcedCommitScore;
  const steps =
    'steps' in score
      ? [...score.steps]
      : score.points.map((p) => ({
          stage: 'diagnostic_decision',
          loop: p.loop,
          item: null,
          correct: p.correct,
        }));
  return {
    run,
    samplePk,
    sampleVersion: row.sample_version,
    sample: sample.sample,
    stale: sample.version !== row.sample_version,
    ecg: {
      source: sample.ecg.source,
      ecgId: sample.ecg.ecgId,
      recordAvailable: sample.ecg.recordAvailable,
    },
    replies: JSON.parse(row.replies) as ModelReplies,
    idqCorrect: score.idqCorrect,
    steps,
  };
}
