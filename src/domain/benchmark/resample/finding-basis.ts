/**
 * What a finding of a path rests on in a record, for a curator to see on the plot: the leads the
 * finding rule read (each with whether it agrees with the path's answer) and the time windows
 * of the waves or intervals it measured (the PR interval of a beat, a QRS, the longest RR).
 * Pure: it reads the engine's measurements and the same finding rules the ranking uses.
 */
import type { DenseLabel } from '../../../schemas/dense-label';
import type { StandardLead } from '../../leads';
import { qrsShapes } from '../../measure/qrs-shape';
import type { MeasuredBeat, Measurements } from '../../measure/types';
import { findingRule } from './finding-rules';

/**
 * A lead a finding rule read, and whether what it shows there agrees with the path's answer
 * (null: a rule about the record reads the lead with others, e.g. S V1 + R V5).
 */
export interface BasisLead {
  readonly lead: string;
  readonly agrees: boolean | null;
}

/** A time window a finding rule measured, in seconds from the record's start. */
export interface BasisWindow {
  readonly label: string;
  readonly startS: number;
  readonly endS: number;
}

/** What one finding rests on; empty lists when the engine cannot judge it. */
export interface FindingBasis {
  readonly leads: readonly BasisLead[];
  readonly windows: readonly BasisWindow[];
  /** True when the rule reads the rhythm (every beat): the plot shows the detected beats. */
  readonly beats: boolean;
}

const NOTHING: FindingBasis = { leads: [], windows: [], beats: false };

/** Leads a record rule reads, by rule id (rules about one named lead read it from the question). */
const RULE_LEADS: Readonly<Record<string, readonly StandardLead[]>> = {
  'axis-between': ['I', 'aVF'],
  'axis-above': ['I', 'aVF'],
  sokolow: ['V1', 'V5', 'V6'],
  cornell: ['aVL', 'V3'],
  'dominant-r-v1': ['V1'],
  'dominant-s-v1-v2': ['V1', 'V2'],
  lbbb: ['V1'],
  rbbb: ['V1', 'V2'],
  'v1-broad-r': ['V1'],
};

/** Rules that read the QRS duration of the dominant beats. */
const QRS_RULES = new Set(['qrs-prolonged', 'cornell', 'lbbb', 'rbbb', 'v1-broad-r']);
/** Rules that read the rhythm: every beat and its RR. */
const RHYTHM_RULES = new Set(['rate-slow', 'rr-regular', 'atrial-fibrillation', 'dropped-beat']);

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const win = (label: string, startS: number, endS: number): BasisWindow => ({
  label,
  startS: round3(startS),
  endS: round3(endS),
});

/** The first dominant beat (those the median beat was built from), else the first beat. */
function dominantBeat(m: Measurements, has: (b: MeasuredBeat) => boolean): MeasuredBeat | null {
  const dominant = m.dominantBeats.map((i) => m.beats[i]).filter((b) => b !== undefined);
  return dominant.find(has) ?? m.beats.find(has) ?? null;
}

function recordWindows(id: string, m: Measurements): BasisWindow[] {
  const out: BasisWindow[] = [];
  if (id === 'pr-prolonged') {
    const beat = dominantBeat(m, (b) => b.pOnsetS !== null);
    const pr = m.global.pr.value;
    if (beat && beat.pOnsetS !== null)
      out.push(win(`PR ${pr ?? beat.prMs} ms`, beat.pOnsetS, beat.qrsOnsetS));
  }
  if (QRS_RULES.has(id)) {
    const beat = dominantBeat(m, () => true);
    const qrs = m.global.qrs.value;
    if (beat) out.push(win(`QRS ${qrs ?? beat.qrsMs} ms`, beat.qrsOnsetS, beat.qrsOffsetS));
  }
  if (id === 'premature-beats' || id === 'premature-widened') {
    const beat = m.beats.find((b) => b.premature);
    if (beat) out.push(win(`premature QRS ${beat.qrsMs} ms`, beat.qrsOnsetS, beat.qrsOffsetS));
  }
  if (id === 'dropped-beat') {
    let longest: MeasuredBeat | null = null;
    for (const b of m.beats) {
      if (b.rrBeforeMs !== null && (longest === null || b.rrBeforeMs > longest.rrBeforeMs!))
        longest = b;
    }
    if (longest && longest.rrBeforeMs !== null) {
      const endS = longest.rPeakS;
      out.push(win(`longest RR ${longest.rrBeforeMs} ms`, endS - longest.rrBeforeMs / 1000, endS));
    }
  }
  return out;
}

/**
 * What one finding question rests on in a record: for a finding about leads, each lead of its
 * group with whether it agrees with the path's answer (a "Yes" agrees where the lead shows it,
 * a "No" where it does not); for a finding about the record, the leads and windows it measured.
 */
export function findingBasis(
  question: string,
  answer: string,
  m: Measurements,
  label: DenseLabel | null,
): FindingBasis {
  const rule = findingRule(question);
  if (!rule) return NOTHING;
  const yes = answer === 'Yes';
  if (rule.perLead) {
    const ctx = { m, shapes: qrsShapes(m.medianBeat), label };
    const leads = rule.perLead.group.flatMap((lead) => {
      const margin = rule.perLead!.margin(ctx, lead);
      return margin === null ? [] : [{ lead, agrees: yes ? margin > 0 : margin <= 0 }];
    });
    return { leads, windows: [], beats: false };
  }
  const named =
    rule.id === 'r-amplitude'
      ? /R amplitude in lead (\w+) greater than/i.exec(question)?.[1]
      : null;
  const leads = named ? [named] : (RULE_LEADS[rule.id] ?? []);
  return {
    leads: leads.map((lead) => ({ lead, agrees: null })),
    windows: recordWindows(rule.id, m),
    beats: RHYTHM_RULES.has(rule.id) || rule.id.startsWith('premature'),
  };
}
