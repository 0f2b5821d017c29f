/**
 * Candidate ECGs for re-sampling a flagged sample: same source, record available, not used by
 * another sample of its diagnosis, whose label agrees with dx_label (the submitted dense label,
 * else a draft from PTB-XL statements), and whose measurements satisfy the findings of the sample's
 * path; ranked by margin. Pure: the caller supplies each candidate's label and measurements.
 */
import type { DataSource, Metadata } from '../../../schemas/benchmark-sample';
import type { DenseLabel } from '../../../schemas/dense-label';
import { qrsShapes } from '../../measure/qrs-shape';
import type { Measurements } from '../../measure/types';
import type { PtbxlStatements } from '../../taxonomy/ptbxl-prefill';
import { draftLabelFromPtbxl } from '../../taxonomy/ptbxl-prefill';
import { TARGET_DX_IN_LABEL } from '../../taxonomy/sample-agreement';
import type { TemplateVariant } from '../templates';
import { findingRule } from './finding-rules';

/** One ECG of the pool, with what the ranking reads of it. */
export interface CandidateEcg {
  readonly source: DataSource;
  readonly ecgId: string;
  readonly subjectId?: string | null;
  readonly recordAvailable: boolean;
  /** The submitted dense label, if any. */
  readonly label: DenseLabel | null;
  /** PTB-XL statements, used when there is no submitted label. */
  readonly statements?: PtbxlStatements | null;
  /** Null when the record was not measured (missing or unreadable). */
  readonly measurements: Measurements | null;
}

/** A finding of the path checked on a candidate. */
export interface FindingCheck {
  readonly step: number;
  readonly question: string;
  readonly answer: string;
  /** What the engine checked, in words; null when it cannot judge this finding. */
  readonly rule: string | null;
  /** In bin steps, signed so that larger agrees more with the path's answer (null: not judged). */
  readonly margin: number | null;
  /** Whether the engine agrees with the path's answer (a "No" holds at the threshold); null: not judged. */
  readonly agrees: boolean | null;
}

/** A candidate that fits, with its margin (the smallest over the findings judged). */
export interface RankedCandidate {
  readonly ecgId: string;
  readonly subjectId: string | null;
  readonly labelFrom: 'dense label' | 'PTB-XL statements';
  readonly margin: number;
  readonly findings: readonly FindingCheck[];
}

/** A candidate left out, and why. */
export interface RejectedCandidate {
  readonly ecgId: string;
  readonly reasons: readonly string[];
}

/** What ranking needs besides the pool. */
export interface CandidateQuery {
  /** The flagged sample's metadata (its source, diagnosis, label and current ECG). */
  readonly metadata: Metadata;
  readonly variant: TemplateVariant;
  /** ECG ids the other samples of this source and diagnosis use. */
  readonly usedEcgIds: ReadonlySet<string>;
}

/** The findings of a path checked on one record; a finding's margin is signed to agree with its answer. */
export function checkFindings(
  variant: TemplateVariant,
  m: Measurements,
  label: DenseLabel | null,
): FindingCheck[] {
  const ctx = { m, shapes: qrsShapes(m.medianBeat), label };
  return variant.steps.map((step, s) => {
    const rule = findingRule(step.finding.question);
    const raw = rule ? rule.margin(ctx) : null;
    const yes = step.finding.answer === 'Yes';
    return {
      step: s,
      question: step.finding.question,
      answer: step.finding.answer,
      rule: rule?.describe ?? null,
      margin: raw === null ? null : yes ? raw : -raw,
      agrees: raw === null ? null : yes ? raw > 0 : raw <= 0,
    };
  });
}

/** What the cheap checks make of a candidate, before its record is measured. */
export interface CandidateGate {
  /** Why it cannot serve; empty when it may (its measurements still to be checked). */
  readonly reasons: string[];
  readonly label: DenseLabel | null;
  readonly labelFrom: 'dense label' | 'PTB-XL statements';
}

/**
 * The checks that need no measurement: same source, not the sample's own ECG nor one another
 * sample of its diagnosis uses, record available, a label (dense, else drafted from PTB-XL
 * statements) that agrees with dx_label. A caller measures only the candidates that pass.
 */
export function candidateGate(
  query: CandidateQuery,
  c: Omit<CandidateEcg, 'measurements'>,
): CandidateGate {
  const { metadata, usedEcgIds } = query;
  const says = TARGET_DX_IN_LABEL[metadata.target_dx];
  const reasons: string[] = [];
  if (c.source !== metadata.data_source) reasons.push(`another source (${c.source})`);
  if (c.ecgId === metadata.ecg_id) reasons.push("the sample's own ECG");
  else if (usedEcgIds.has(c.ecgId)) reasons.push(`used by another ${metadata.target_dx} sample`);
  if (!c.recordAvailable) reasons.push('record not available');
  const label = c.label ?? (c.statements ? draftLabelFromPtbxl(c.statements).label : null);
  const labelFrom = c.label ? 'dense label' : 'PTB-XL statements';
  if (!label) reasons.push('no dense label and no PTB-XL statements');
  else if (says.holds(label) !== metadata.dx_label) {
    reasons.push(`its ${labelFrom} ${metadata.dx_label ? 'lacks' : 'has'} ${says.says}`);
  }
  return { reasons, label, labelFrom };
}

/** Ranks a pool for a flagged sample: the fitting candidates by margin (largest first), the rest with reasons. */
export function rankCandidates(
  query: CandidateQuery,
  pool: readonly CandidateEcg[],
): { ranked: RankedCandidate[]; rejected: RejectedCandidate[] } {
  const { variant } = query;
  const ranked: RankedCandidate[] = [];
  const rejected: RejectedCandidate[] = [];
  for (const c of pool) {
    const gate = candidateGate(query, c);
    const { reasons, label, labelFrom } = gate;
    if (c.recordAvailable && !c.measurements) reasons.push('record not measured');
    let findings: FindingCheck[] = [];
    if (c.measurements && reasons.length === 0) {
      findings = checkFindings(variant, c.measurements, label);
      for (const f of findings) {
        if (f.agrees === false) {
          reasons.push(
            `step ${f.step + 1}: the path answers ${f.answer} to "${f.rule}", the engine says otherwise`,
          );
        } else if (f.rule !== null && f.agrees === null) {
          reasons.push(`step ${f.step + 1}: the engine cannot measure "${f.rule}" on this record`);
        }
      }
    }
    if (reasons.length > 0) {
      rejected.push({ ecgId: c.ecgId, reasons });
      continue;
    }
    const judged = findings.flatMap((f) => (f.margin === null ? [] : [f.margin]));
    ranked.push({
      ecgId: c.ecgId,
      subjectId: c.subjectId ?? null,
      labelFrom,
      margin: judged.length > 0 ? Math.min(...judged) : 0,
      findings,
    });
  }
  ranked.sort(
    (a, b) => b.margin - a.margin || a.ecgId.localeCompare(b.ecgId, 'en', { numeric: true }),
  );
  return { ranked, rejected };
}
