/**
 * The finding a step states, read off its finding_identification wording: a threshold on a
 * quantity of the whole record ("a PR interval is considered to be prolonged if it is greater than
 * 200 milliseconds") or a per-lead finding over a lead group ("ST elevation in at least two of the
 * anterior leads, including leads V1, V2, V3, and V4 ... greater than 0.1mV"), with the numbers the
 * wording gives and templates.md's where it gives none. Findings the engine cannot measure (notched
 * R, RSR', slurred S, R-peak time, rhythm, fibrillation, dropped beats) read as null.
 */
import type { HoldsWhen } from '../../../schemas/preflags';
import type { StandardLead } from '../../leads';
import { leadsNamedIn } from './question-text';

/** Quantities of the whole record a finding can state a threshold on. */
export type RecordQuantity =
  | 'pr_interval'
  | 'qrs_duration'
  | 'heart_rate'
  | 'qrs_axis'
  | 'r_amplitude'
  | 'sokolow_lyon'
  | 'cornell_product';

/** Units of record quantities. */
export type FindingUnit = 'ms' | 'bpm' | 'degrees' | 'mV' | 'mV*s';

/** A threshold on one quantity of the record. */
export interface RecordFinding {
  readonly kind: 'record';
  readonly quantity: RecordQuantity;
  readonly unit: FindingUnit;
  /** Where the finding holds (lo < value < hi). */
  readonly holdsWhen: HoldsWhen;
  /** The lead of an amplitude (r_amplitude); null otherwise. */
  readonly lead: StandardLead | null;
}

/** Findings judged lead by lead. */
export type LeadFindingKind =
  | 'st_elevation'
  | 'st_depression'
  | 't_inversion'
  | 'lv_strain'
  | 'pathological_q'
  | 'dominant_s'
  | 'dominant_r'
  | 'monophasic_r'
  | 'qr_pattern'
  | 'rs_pattern';

/** How deep a pathological Q must be: deeper than `mv`, and than `fraction` of the R (either may be absent). */
export interface QDepthRule {
  readonly mv: number | null;
  readonly fraction: number | null;
}

/** A finding over a group of leads: which, how many must show it, and the per-lead thresholds. */
export interface LeadFinding {
  readonly kind: 'per-lead';
  readonly finding: LeadFindingKind;
  readonly leads: readonly StandardLead[];
  /** At least this many of the leads must show it ("at least two": 2, "any of": 1, else all). */
  readonly minLeads: number;
  /** ST thresholds in mV per lead (ST elevation / depression at J); empty for other findings. */
  readonly stThresholdMv: Readonly<Partial<Record<StandardLead, number>>>;
  /** Pathological Q: the shortest Q duration (ms; 0 when the wording bounds only its depth) and the depth rule; null for other findings. */
  readonly q: { readonly minMs: number; readonly depth: QDepthRule } | null;
}

/** A finding the engine can measure, as the step states it. */
export type StatedFinding = RecordFinding | LeadFinding;

const NUMBER = String.raw`([+-]?\d+(?:\.\d+)?)`;
const num = (text: string | undefined) => (text === undefined ? NaN : Number(text));

const above = (lo: number): HoldsWhen => ({ lo, hi: null });
const record = (
  quantity: RecordQuantity,
  unit: FindingUnit,
  holdsWhen: HoldsWhen,
  lead: StandardLead | null = null,
): RecordFinding => ({ kind: 'record', quantity, unit, holdsWhen, lead });

// The first pattern that matches reads the finding; each returns null when its numbers are absent.
const RECORD_PATTERNS: readonly ((q: string) => RecordFinding | null)[] = [
  (q) => {
    const m = new RegExp(`PR interval.*greater than ${NUMBER} ?(?:milliseconds|ms)`, 'i').exec(q);
    return m ? record('pr_interval', 'ms', above(num(m[1]))) : null;
  },
  (q) => {
    const m = new RegExp(`QRS duration.*greater than ${NUMBER} ?(?:milliseconds|ms)`, 'i').exec(q);
    return m ? record('qrs_duration', 'ms', above(num(m[1]))) : null;
  },
  (q) => {
    const m = new RegExp(
      `(?:heart|ventricular) rate.*less than ${NUMBER} ?(?:beats per minute|bpm)`,
      'i',
    ).exec(q);
    return m ? record('heart_rate', 'bpm', { lo: null, hi: num(m[1]) }) : null;
  },
  (q) => {
    const m = new RegExp(`QRS axis is between ${NUMBER} and ${NUMBER} degrees`, 'i').exec(q);
    return m ? record('qrs_axis', 'degrees', { lo: num(m[1]), hi: num(m[2]) }) : null;
  },
  (q) => {
    const m = new RegExp(`QRS axis (?:is )?greater than ${NUMBER} degrees`, 'i').exec(q);
    return m ? record('qrs_axis', 'degrees', above(num(m[1]))) : null;
  },
  (q) => {
    const m = new RegExp(
      `sum of the maximum S amplitude in lead V1 and the maximum R amplitude in lead V5 or V6 greater than ${NUMBER} ?mV`,
      'i',
    ).exec(q);
    return m ? record('sokolow_lyon', 'mV', above(num(m[1]))) : null;
  },
  (q) => {
    const m = new RegExp(`Cornell Product.*greater than ${NUMBER} ?mV\\*s`, 'i').exec(q);
    return m ? record('cornell_product', 'mV*s', above(num(m[1]))) : null;
  },
  (q) => {
    const m = new RegExp(
      `R amplitude in lead (III|II|I|aVR|aVL|aVF|V[1-6]) greater than ${NUMBER} ?mV`,
      'i',
    ).exec(q);
    return m ? record('r_amplitude', 'mV', above(num(m[2])), m[1] as StandardLead) : null;
  },
];

// Wordings of per-lead findings; LV strain before ST depression, which its wording also names.
const LEAD_PATTERNS: readonly (readonly [RegExp, LeadFindingKind])[] = [
  [/\bLV strain\b/i, 'lv_strain'],
  [/\bST(?:-segment)? elevation\b/i, 'st_elevation'],
  [/\bST(?:-segment)? depression\b/i, 'st_depression'],
  [/\binverted T waves?\b/i, 't_inversion'],
  [/\bpathological Q waves?\b/i, 'pathological_q'],
  [/\bdominant S waves?\b/i, 'dominant_s'],
  [/\bdominant R waves?\b/i, 'dominant_r'],
  [/\bpositive monophasic QRS complex(?:es)? without Q waves?\b/i, 'monophasic_r'],
  [/\bqR pattern\b/, 'qr_pattern'],
  [/\brS pattern\b/, 'rs_pattern'],
];

/** Lead groups by the region a wording names when it lists no leads (templates.md). */
const REGION_LEADS: readonly (readonly [RegExp, readonly StandardLead[]])[] = [
  [/\blateral leads\b/i, ['I', 'aVL', 'V5', 'V6']],
  [/\binferior leads\b/i, ['II', 'III', 'aVF']],
  [/\banterior leads\b/i, ['V1', 'V2', 'V3', 'V4']],
];

/** Thresholds templates.md gives where a wording states none. */
const DEFAULT_ST_ELEVATION_MV = 0.1;
const DEFAULT_ST_DEPRESSION_MV = 0.07;
const DEFAULT_Q_MIN_MS = 30;
const DEFAULT_Q_FRACTION_OF_R = 0.2;

/** The leads a finding is about: those it names, else those of the region it names. */
function findingLeads(question: string): StandardLead[] {
  // The group is named before any "Note that ..." defining the threshold.
  const statement = question.split(/\bNote that\b/i)[0] ?? question;
  const named = leadsNamedIn(statement);
  if (named.length > 0) return named;
  const paren =
    /\(((?:III|II|I|aVR|aVL|aVF|V[1-6])(?:,? (?:and )?(?:III|II|I|aVR|aVL|aVF|V[1-6]))*)\)/.exec(
      statement,
    );
  if (paren) return leadsNamedIn(`leads ${paren[1]}`);
  return [...(REGION_LEADS.find(([pattern]) => pattern.test(statement))?.[1] ?? [])];
}

/** ST thresholds per lead from the note ("greater than 0.1mV (1mm) in lead V2, and greater than 0.07mV ... in leads V3 and V4"). */
function stThresholds(
  question: string,
  leads: readonly StandardLead[],
  fallbackMv: number,
): Partial<Record<StandardLead, number>> {
  const out: Partial<Record<StandardLead, number>> = {};
  const pattern = new RegExp(
    `greater than ${NUMBER} ?mV(?: \\([^)]*\\))? in (these leads|leads? [^,.?]+)`,
    'gi',
  );
  for (const m of question.matchAll(pattern)) {
    const mv = num(m[1]);
    const target = /^these/i.test(m[2]!) ? leads : leadsNamedIn(m[2]!);
    for (const lead of target) out[lead] ??= mv;
  }
  for (const lead of leads) out[lead] ??= fallbackMv;
  return out;
}

const FRACTIONS: readonly (readonly [RegExp, number])[] = [
  [/\b(?:one-fifth|a fifth) of the\b/i, 1 / 5],
  [/\b(?:one-quarter|a quarter) of the\b/i, 1 / 4],
];

/** The Q criterion a wording states: duration and depth, templates.md's where it states neither. */
function qRule(question: string): LeadFinding['q'] {
  const duration = new RegExp(`duration greater than ${NUMBER} ?(?:milliseconds|ms)`, 'i').exec(
    question,
  );
  const mv = new RegExp(`(?:amplitude greater|deeper) than ${NUMBER} ?mV`, 'i').exec(question);
  const fraction = FRACTIONS.find(([pattern]) => pattern.test(question))?.[1] ?? null;
  const depthStated = mv !== null || fraction !== null;
  // A wording that bounds the depth but names no duration sets none; one that states neither is the template's.
  const minMs = duration ? num(duration[1]) : depthStated ? 0 : DEFAULT_Q_MIN_MS;
  return {
    minMs,
    depth: depthStated
      ? { mv: mv ? num(mv[1]) : null, fraction }
      : { mv: null, fraction: DEFAULT_Q_FRACTION_OF_R },
  };
}

function minLeadsOf(question: string, leads: readonly StandardLead[]): number {
  if (/\bat least two\b/i.test(question)) return Math.min(2, leads.length);
  if (/\bany of\b/i.test(question)) return 1;
  return Math.max(1, leads.length);
}

/** The finding a finding_identification question states; null when the engine cannot judge it. */
export function readStatedFinding(question: string): StatedFinding | null {
  for (const read of RECORD_PATTERNS) {
    const found = read(question);
    if (found) return found;
  }
  const kind = LEAD_PATTERNS.find(([pattern]) => pattern.test(question))?.[1];
  if (!kind) return null;
  const leads = findingLeads(question);
  if (leads.length === 0) return null;
  const st =
    kind === 'st_elevation'
      ? stThresholds(question, leads, DEFAULT_ST_ELEVATION_MV)
      : kind === 'st_depression'
        ? stThresholds(question, leads, DEFAULT_ST_DEPRESSION_MV)
        : {};
  return {
    kind: 'per-lead',
    finding: kind,
    leads,
    minLeads: minLeadsOf(question, leads),
    stThresholdMv: st,
    q: kind === 'pathological_q' ? qRule(question) : null,
  };
}

/** True when a lead question asks which of its leads has the larger R ("V5 or V6", LVH). */
export function asksLargerR(question: string): boolean {
  return /\blarger R amplitude\b/i.test(question);
}
