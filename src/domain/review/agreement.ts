/**
 * Agreement between reviewers who saw the same samples: Cohen's kappa on pass/flag for the whole
 * pass, per reviewer pair, per diagnosis and per step type, each with its 2x2 table.
 */
import type { AgreementTable, KappaResult, Rating } from './kappa';
import { EMPTY_TABLE, addPair, cohensKappa } from './kappa';

/** One reviewer's verdict on a sample, with the steps they judged one by one. */
export interface VerdictForAgreement {
  readonly reviewerId: string;
  readonly verdict: Rating;
  readonly steps: readonly { readonly stepIdx: number; readonly verdict: Rating }[];
}

/** A sample with every verdict given on it in the pass. */
export interface SampleForAgreement {
  readonly targetDx: string;
  /** The type of each reasoning step, by step index (see stepType). */
  readonly stepTypes: readonly string[];
  readonly verdicts: readonly VerdictForAgreement[];
}

/** Kappa for one group (a pair, a diagnosis, a step type). */
export interface GroupAgreement extends KappaResult {
  readonly key: string;
}

/** The whole agreement report. */
export interface AgreementReport {
  /** Samples with verdicts from at least two reviewers. */
  readonly samplesSeenByTwo: number;
  /** Sample-level verdicts over every pair of reviewers on a sample. */
  readonly overall: KappaResult;
  /** Per reviewer pair, keyed "first|second" (ids in sorted order: first is the lower id). */
  readonly byPair: readonly GroupAgreement[];
  readonly byDiagnosis: readonly GroupAgreement[];
  /**
   * Step-level verdicts by step type. A step's verdict is the one given for it, else "pass" when
   * the sample passed; a flagged sample whose steps were not judged one by one leaves its steps
   * unrated (counted in `unratedSteps`), since the flag may concern any of them.
   */
  readonly byStepType: readonly (GroupAgreement & { readonly unratedSteps: number })[];
}

/** The verdict a reviewer gave a step (see AgreementReport.byStepType); null when unrated. */
export function effectiveStepRating(verdict: VerdictForAgreement, stepIdx: number): Rating | null {
  const explicit = verdict.steps.find((step) => step.stepIdx === stepIdx);
  if (explicit) return explicit.verdict;
  return verdict.verdict === 'pass' ? 'pass' : null;
}

function bump(groups: Map<string, AgreementTable>, key: string, first: Rating, second: Rating) {
  groups.set(key, addPair(groups.get(key) ?? EMPTY_TABLE, first, second));
}

function toGroups(groups: Map<string, AgreementTable>): GroupAgreement[] {
  return [...groups.keys()]
    .sort()
    .map((key) => ({ key, ...cohensKappa(groups.get(key) ?? EMPTY_TABLE) }));
}

/** Builds the agreement report over every pair of reviewers who judged the same sample. */
export function agreementReport(samples: readonly SampleForAgreement[]): AgreementReport {
  let overall = EMPTY_TABLE;
  let samplesSeenByTwo = 0;
  const byPair = new Map<string, AgreementTable>();
  const byDiagnosis = new Map<string, AgreementTable>();
  const byStepType = new Map<string, AgreementTable>();
  const unrated = new Map<string, number>();
  for (const sample of samples) {
    const verdicts = [...sample.verdicts].sort((a, b) =>
      a.reviewerId < b.reviewerId ? -1 : a.reviewerId > b.reviewerId ? 1 : 0,
    );
    if (verdicts.length >= 2) samplesSeenByTwo++;
    for (let i = 0; i < verdicts.length; i++) {
      for (let j = i + 1; j < verdicts.length; j++) {
        const first = verdicts[i]!;
        const second = verdicts[j]!;
        overall = addPair(overall, first.verdict, second.verdict);
        bump(byPair, `${first.reviewerId}|${second.reviewerId}`, first.verdict, second.verdict);
        bump(byDiagnosis, sample.targetDx, first.verdict, second.verdict);
        sample.stepTypes.forEach((type, stepIdx) => {
          const a = effectiveStepRating(first, stepIdx);
          const b = effectiveStepRating(second, stepIdx);
          if (a === null || b === null) unrated.set(type, (unrated.get(type) ?? 0) + 1);
          else bump(byStepType, type, a, b);
        });
      }
    }
  }
  for (const type of unrated.keys()) if (!byStepType.has(type)) byStepType.set(type, EMPTY_TABLE);
  return {
    samplesSeenByTwo,
    overall: cohensKappa(overall),
    byPair: toGroups(byPair),
    byDiagnosis: toGroups(byDiagnosis),
    byStepType: toGroups(byStepType).map((group) => ({
      ...group,
      unratedSteps: unrated.get(group.key) ?? 0,
    })),
  };
}
