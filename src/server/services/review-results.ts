/** What a pass produced, as data: reviewer agreement and the verdicts as JSONL lines. */
import type { SampleForAgreement } from '../../domain/review/agreement';
import { agreementReport } from '../../domain/review/agreement';
import { stepType } from '../../domain/review/step-type';
import type { AgreementResponse, ReviewExportLine } from '../../schemas/api/review-agreement';
import type { BenchmarkSampleV002 } from '../../schemas/benchmark-sample';
import type { Db } from '../storage/database';
import { loadPassRow } from './review-passes';
import { toVerdict } from './reviews';

/** Every verdict of a pass with its sample's place, data source and id, in pass order. */
async function passVerdicts(db: Db, passId: string) {
  const rows = await db
    .selectFrom('review_verdicts as v')
    .innerJoin('samples as s', 's.id', 'v.sample_pk')
    .leftJoin('review_pass_samples as ps', (join) =>
      join.onRef('ps.pass_id', '=', 'v.pass_id').onRef('ps.sample_pk', '=', 'v.sample_pk'),
    )
    .selectAll('v')
    .select(['s.data_source', 's.sample_id', 's.target_dx', 'ps.position'])
    .where('v.pass_id', '=', passId)
    .orderBy('ps.position')
    .orderBy('v.reviewer_id')
    .execute();
  return rows.map((row) => ({
    verdict: toVerdict(row),
    ref: `${row.data_source}:${row.sample_id}`,
    targetDx: row.target_dx,
  }));
}

/**
 * Cohen's kappa between reviewers who judged the same samples (curators and admins; they do not
 * review, so they may read it while a blind pass is open).
 */
export async function getPassAgreement(db: Db, passId: string): Promise<AgreementResponse> {
  const pass = await loadPassRow(db, passId);
  const verdicts = await passVerdicts(db, passId);
  const bySample = new Map<string, typeof verdicts>();
  for (const entry of verdicts) {
    const list = bySample.get(entry.verdict.sampleId) ?? [];
    list.push(entry);
    bySample.set(entry.verdict.sampleId, list);
  }
  const shared = [...bySample].filter(([, list]) => list.length >= 2);
  const contents = new Map<string, BenchmarkSampleV002>();
  const ids = shared.map(([sampleId]) => sampleId);
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await db
      .selectFrom('samples')
      .select(['id', 'content'])
      .where('id', 'in', ids.slice(start, start + 500))
      .execute();
    for (const row of rows) contents.set(row.id, JSON.parse(row.content) as BenchmarkSampleV002);
  }
  const samples: SampleForAgreement[] = shared.map(([sampleId, list]) => ({
    targetDx: list[0]!.targetDx,
    stepTypes: (contents.get(sampleId)?.data.reasoning ?? []).map(stepType),
    verdicts: list.map(({ verdict }) => verdict),
  }));
  const report = agreementReport(samples);
  const reviewerIds = [...new Set(report.byPair.flatMap((pair) => pair.key.split('|')))];
  const names = new Map(
    reviewerIds.length === 0
      ? []
      : (
          await db
            .selectFrom('users')
            .select(['id', 'username'])
            .where('id', 'in', reviewerIds)
            .execute()
        ).map((user) => [user.id, user.username]),
  );
  const person = (id: string) => ({ id, username: names.get(id) ?? '' });
  return {
    passId: pass.id,
    mode: pass.mode,
    status: pass.status,
    ...report,
    byPair: report.byPair.map((pair) => {
      const [first = '', second = ''] = pair.key.split('|');
      return { ...pair, reviewers: [person(first), person(second)] as const };
    }),
    byStepType: [...report.byStepType],
    byDiagnosis: [...report.byDiagnosis],
  };
}

/**
 * The pass's results as export lines: per verdict one line for the sample (step null) and one
 * per step judged on its own, in pass order, then reviewer, then step.
 */
export async function exportPassResults(db: Db, passId: string): Promise<ReviewExportLine[]> {
  await loadPassRow(db, passId);
  const lines: ReviewExportLine[] = [];
  for (const { verdict, ref } of await passVerdicts(db, passId)) {
    const common = {
      passId,
      sample: ref,
      sampleId: verdict.sampleId,
      reviewerId: verdict.reviewerId,
    };
    lines.push({
      ...common,
      step: null,
      verdict: verdict.verdict,
      reasons: verdict.reasons,
      comment: verdict.comment,
      updatedAt: verdict.updatedAt,
    });
    for (const step of [...verdict.steps].sort((a, b) => a.stepIdx - b.stepIdx)) {
      lines.push({
        ...common,
        step: step.stepIdx,
        verdict: step.verdict,
        reasons: step.reasons,
        comment: step.comment,
        updatedAt: verdict.updatedAt,
      });
    }
  }
  return lines;
}

/** Export lines as JSONL text (one compact object per line, each line ending in \n). */
export function toJsonl(lines: readonly ReviewExportLine[]): string {
  return lines.map((line) => `${JSON.stringify(line)}\n`).join('');
}
