/**
 * Re-sampling: candidate ECGs for a flagged sample, a sample generated from its template on an
 * ECG, and the leave-one-out agreement of generated samples with the real benchmark.
 */
export { candidateGate, checkFindings, rankCandidates } from './candidates';
export type {
  CandidateEcg,
  CandidateGate,
  CandidateQuery,
  FindingCheck,
  RankedCandidate,
  RejectedCandidate,
} from './candidates';
export { generateSample, positionKey } from './generate';
export type { GenerateRequest, GenerateResult, GenerationNote } from './generate';
export { answerBeats, compareWithReal, leaveOneOut, windowIou, WINDOW_IOU } from './agreement';
export type { AgreementMiss, AgreementSummary, HeldSample } from './agreement';
export { findingRule } from './finding-rules';
export type { FindingRule, FindingContext } from './finding-rules';
export { findingBasis } from './finding-basis';
export type { BasisLead, BasisWindow, FindingBasis } from './finding-basis';
