/**
 * Checks the engine against a benchmark sample's grounding answers: measurement ranges, answer
 * windows and beat-range options. Pure: the caller reads the sample and measures the record.
 */
import {
  parseBeatRange,
  parseMeasurementRange,
  parseTimeWindow,
  rangeContains,
} from '../benchmark/options';
import type { MeasurementRangeOption } from '../benchmark/options';
import { isStandardLead } from '../leads';
import { anchorWindowOfQuestion, qrsInWindow, resolveBeatRange } from './references';
import type { Measurements, MeasuredBeat } from './types';

/** The grounding question fields this check reads (either answer shape). */
export interface GroundingQuestion {
  readonly question: string;
  readonly options: readonly string[];
  readonly answer: string | readonly string[];
  readonly question_type: string;
}

/** The parts of a benchmark sample this check reads. */
export interface CheckedSample {
  readonly metadata: { readonly id: number; readonly ecg_id: string };
  readonly data: {
    readonly reasoning: readonly {
      readonly finding_identification: { readonly question: string };
      readonly ecg_grounding: readonly GroundingQuestion[];
    }[];
  };
}

/** Quantities measurement_grounding questions ask about. */
export type CheckedQuantity =
  | 'r_amplitude'
  | 's_amplitude'
  | 'qrs_duration'
  | 'premature_qrs_duration'
  | 'qrs_axis'
  | 'pr_interval'
  | 'heart_rate'
  | 'atrial_rate';

/** Which quantity a measurement question asks about; null when unknown. */
export function quantityOfQuestion(question: string): CheckedQuantity | null {
  if (/R amplitude/i.test(question)) return 'r_amplitude';
  if (/S amplitude/i.test(question)) return 's_amplitude';
  if (/QRS duration for the premature beat/i.test(question)) return 'premature_qrs_duration';
  if (/QRS duration/i.test(question)) return 'qrs_duration';
  if (/QRS axis/i.test(question)) return 'qrs_axis';
  if (/PR interval/i.test(question)) return 'pr_interval';
  if (/atrial rate/i.test(question)) return 'atrial_rate';
  if (/heart rate|ventricular rate/i.test(question)) return 'heart_rate';
  return null;
}

/** How a measured value sits against the answer: in it, in an option next to it, elsewhere, or not measured. */
export type Verdict = 'exact' | 'neighbour' | 'miss' | 'unmeasured';

/** One measurement_grounding question checked. */
export interface MeasurementCheck {
  readonly sampleId: number;
  readonly ecgId: string;
  readonly quantity: CheckedQuantity | null;
  readonly question: string;
  readonly lead: string | null;
  readonly window: string | null;
  readonly beatIndex: number | null;
  readonly value: number | null;
  readonly unit: string;
  readonly answer: string;
  /** The option the value falls in, if any. */
  readonly valueOption: string | null;
  readonly verdict: Verdict;
}

/** Kinds of answer windows: around a QRS, a P wave, or an ST-T segment. */
export type WindowKind = 'qrs' | 'p' | 'st_t';

/** One wave_grounding answer window checked. */
export interface WindowCheck {
  readonly sampleId: number;
  readonly ecgId: string;
  readonly kind: WindowKind;
  readonly window: string;
  readonly held: boolean;
  readonly beatIndex: number | null;
  readonly detail: string;
  readonly question: string;
}

/** One beat-range option checked. */
export interface BeatRangeCheck {
  readonly sampleId: number;
  readonly ecgId: string;
  readonly option: string;
  readonly isAnswer: boolean;
  readonly anchorBeatIndex: number | null;
  readonly resolved: {
    readonly startS: number;
    readonly endS: number;
    readonly rrMs: number;
  } | null;
  readonly error: string | null;
}

/** Everything checked on one sample. */
export interface SampleCheck {
  readonly measurements: MeasurementCheck[];
  readonly windows: WindowCheck[];
  readonly beatRanges: BeatRangeCheck[];
}

const first = (answer: string | readonly string[]): string =>
  typeof answer === 'string' ? answer : (answer[0] ?? '');

const leadInText = /\bleads? (I{1,3}|aVR|aVL|aVF|V[1-6])\b/;

function windowKind(question: string): WindowKind {
  if (/P wave/.test(question)) return 'p';
  if (/T waves?\b|ST segment and T/.test(question)) return 'st_t';
  return 'qrs';
}

function verdictOf(
  options: readonly string[],
  answer: string,
  value: number | null,
): { verdict: Verdict; valueOption: string | null; unit: string } {
  const ranges = options.map((o) => parseMeasurementRange(o));
  const answerIdx = options.indexOf(answer);
  const unit = ranges[answerIdx]?.unit ?? ranges.find((r) => r)?.unit ?? '';
  if (value === null) return { verdict: 'unmeasured', valueOption: null, unit };
  const idx = ranges.findIndex(
    (r): r is MeasurementRangeOption => r !== null && rangeContains(r, value),
  );
  const valueOption = idx >= 0 ? options[idx]! : null;
  if (idx === answerIdx) return { verdict: 'exact', valueOption, unit };
  const answerRange = ranges[answerIdx];
  // Neighbouring: the next option up or down, or just outside the answer when options leave gaps.
  if (idx >= 0 && Math.abs(idx - answerIdx) === 1)
    return { verdict: 'neighbour', valueOption, unit };
  if (idx < 0 && answerRange) {
    const sorted = ranges
      .map((r, i) => ({ r, i }))
      .filter((x): x is { r: MeasurementRangeOption; i: number } => x.r !== null);
    const below = sorted.filter((x) => x.r.hi !== null && x.r.hi <= value).map((x) => x.i);
    const above = sorted.filter((x) => x.r.lo !== null && x.r.lo > value).map((x) => x.i);
    const near = [Math.max(-1, ...below), Math.min(Infinity, ...above)];
    if (near.includes(answerIdx)) return { verdict: 'neighbour', valueOption, unit };
  }
  return { verdict: 'miss', valueOption, unit };
}

function valueFor(
  quantity: CheckedQuantity | null,
  m: Measurements,
  beat: MeasuredBeat | null,
  pBeat: MeasuredBeat | null,
  lead: string | null,
): number | null {
  switch (quantity) {
    case 'heart_rate':
      return m.global.heartRate.value;
    case 'atrial_rate': {
      const p = m.beats.filter((b) => b.pOnsetS !== null);
      if (p.length < 2) return null;
      const span = p[p.length - 1]!.pOnsetS! - p[0]!.pOnsetS!;
      return span > 0 ? (60 * (p.length - 1)) / span : null;
    }
    case 'qrs_duration':
    case 'premature_qrs_duration':
      return beat ? beat.qrsMs : m.global.qrs.value;
    case 'qrs_axis':
      return beat ? beat.qrsAxisDeg : m.global.qrsAxis.value;
    case 'pr_interval':
      return pBeat?.prMs ?? m.global.pr.value;
    case 'r_amplitude':
      return lead ? (beat?.leads[lead]?.rMv ?? m.leads[lead]?.rMv ?? null) : null;
    case 's_amplitude':
      return lead ? (beat?.leads[lead]?.sMv ?? m.leads[lead]?.sMv ?? null) : null;
    default:
      return null;
  }
}

/**
 * Checks one sample against its record's measurements. The "selected segment" of a measurement
 * question is the latest answer window before it; its lead is named in the latest wave question
 * ("... in lead V1"), or is the latest lead_grounding answer when that question says "selected lead".
 */
export function checkSample(sample: CheckedSample, m: Measurements): SampleCheck {
  const out: SampleCheck = { measurements: [], windows: [], beatRanges: [] };
  const sampleId = sample.metadata.id;
  const ecgId = sample.metadata.ecg_id;
  let window: { startS: number; endS: number; text: string; kind: WindowKind } | null = null;
  let waveQuestion = '';
  let lastLead: string | null = null;
  for (const step of sample.data.reasoning) {
    for (const g of step.ecg_grounding) {
      const answer = first(g.answer);
      if (g.question_type === 'lead_grounding') {
        const lead = answer.replace(/^Lead /, '');
        lastLead = isStandardLead(lead) ? lead : null;
      } else if (g.question_type === 'wave_grounding') {
        waveQuestion = g.question;
        const w = parseTimeWindow(answer);
        if (w) {
          const kind = windowKind(g.question);
          window = { startS: w.startS, endS: w.endS, text: answer, kind };
          out.windows.push(checkWindow(sampleId, ecgId, kind, answer, w, m, g.question));
        }
        if (parseBeatRange(g.options[0] ?? '')) {
          out.beatRanges.push(...checkBeatRanges(sampleId, ecgId, g, m));
        }
      } else if (g.question_type === 'measurement_grounding') {
        const quantity = quantityOfQuestion(g.question);
        const named =
          leadInText.exec(g.question)?.[1] ??
          (/selected lead/.test(waveQuestion) ? null : leadInText.exec(waveQuestion)?.[1]) ??
          null;
        const lead =
          quantity === 'r_amplitude' || quantity === 's_amplitude'
            ? (named ??
              lastLead ??
              leadInText.exec(step.finding_identification.question)?.[1] ??
              null)
            : null;
        const held = window ? qrsInWindow(m.beats, window.startS, window.endS) : null;
        const beat = held ? (m.beats[held.beatIndex] ?? null) : null;
        const pBeat = window ? (m.beats.find((b) => b.qrsOnsetS >= window!.startS) ?? null) : null;
        const value = valueFor(quantity, m, beat, pBeat, lead);
        const v = verdictOf(g.options, answer, value);
        out.measurements.push({
          sampleId,
          ecgId,
          quantity,
          question: g.question,
          lead,
          window: window?.text ?? null,
          beatIndex: quantity === 'pr_interval' ? (pBeat?.index ?? null) : (beat?.index ?? null),
          value,
          unit: v.unit,
          answer,
          valueOption: v.valueOption,
          verdict: v.verdict,
        });
      }
    }
  }
  return out;
}

function checkWindow(
  sampleId: number,
  ecgId: string,
  kind: WindowKind,
  text: string,
  w: { startS: number; endS: number },
  m: Measurements,
  question: string,
): WindowCheck {
  const base = { sampleId, ecgId, kind, window: text, question };
  if (kind === 'qrs') {
    const held = qrsInWindow(m.beats, w.startS, w.endS);
    const b = held ? m.beats[held.beatIndex] : undefined;
    return {
      ...base,
      held: held !== null,
      beatIndex: held?.beatIndex ?? null,
      detail: b ? `QRS ${b.qrsOnsetS}-${b.qrsOffsetS} s` : 'no detected QRS overlaps it enough',
    };
  }
  const next = m.beats.find((b) => b.qrsOnsetS >= w.endS - 0.02);
  const prev = [...m.beats].reverse().find((b) => b.qrsOffsetS <= w.startS + 0.02);
  if (kind === 'p') {
    // A P window ends before the next QRS, within a PR interval of it, and after the last QRS.
    const ok = !!next && next.qrsOnsetS - w.startS <= 0.4 && (!prev || prev.index < next.index);
    return {
      ...base,
      held: ok,
      beatIndex: next?.index ?? null,
      detail: next
        ? `next QRS onset ${next.qrsOnsetS} s, detected P ${next.pOnsetS ?? '-'}-${next.pOffsetS ?? '-'} s`
        : 'no QRS after it',
    };
  }
  const ok = !!prev && (!next || next.index === prev.index + 1);
  return {
    ...base,
    held: ok,
    beatIndex: prev?.index ?? null,
    detail: prev
      ? `after QRS ${prev.qrsOnsetS}-${prev.qrsOffsetS} s, T end ${prev.tOffsetS ?? '-'} s`
      : 'no QRS before it',
  };
}

function checkBeatRanges(
  sampleId: number,
  ecgId: string,
  g: GroundingQuestion,
  m: Measurements,
): BeatRangeCheck[] {
  const anchor = anchorWindowOfQuestion(g.question);
  const held = anchor ? qrsInWindow(m.beats, anchor.startS, anchor.endS) : null;
  const anchorBeatIndex = anchor ? (held?.beatIndex ?? null) : 0;
  const answer = first(g.answer);
  return g.options.map((option) => {
    const range = parseBeatRange(option);
    const base = { sampleId, ecgId, option, isAnswer: option === answer, anchorBeatIndex };
    if (!range) return { ...base, resolved: null, error: 'not a beat range' };
    if (anchorBeatIndex === null) {
      return {
        ...base,
        resolved: null,
        error: `no detected QRS in the anchor window ${JSON.stringify(anchor)}`,
      };
    }
    const r = resolveBeatRange(m.beats, range.fromBeat, range.toBeat, anchorBeatIndex);
    return 'error' in r
      ? { ...base, resolved: null, error: r.error }
      : { ...base, resolved: { startS: r.startS, endS: r.endS, rrMs: r.rrMs }, error: null };
  });
}

/** Share of checks per quantity: exact, exact-or-neighbour, and the count. */
export interface QuantityScore {
  readonly quantity: string;
  readonly count: number;
  readonly exact: number;
  readonly exactOrNeighbour: number;
}

/** Per-quantity scores plus an "all" row, in a stable order. */
export function scoreMeasurements(checks: readonly MeasurementCheck[]): QuantityScore[] {
  const groups = new Map<string, MeasurementCheck[]>();
  for (const c of checks) {
    const key = c.quantity ?? 'unknown';
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const score = (quantity: string, list: readonly MeasurementCheck[]): QuantityScore => ({
    quantity,
    count: list.length,
    exact: list.filter((c) => c.verdict === 'exact').length,
    exactOrNeighbour: list.filter((c) => c.verdict === 'exact' || c.verdict === 'neighbour').length,
  });
  return [...[...groups.keys()].sort().map((k) => score(k, groups.get(k)!)), score('all', checks)];
}

/** True when the answer of each beat-range question has the longest resolved RR among its options. */
export function longestIntervalIsAnswer(ranges: readonly BeatRangeCheck[]): boolean[] {
  const byQuestion = new Map<string, BeatRangeCheck[]>();
  for (const r of ranges) {
    const key = `${r.sampleId}:${r.anchorBeatIndex}`;
    byQuestion.set(key, [...(byQuestion.get(key) ?? []), r]);
  }
  return [...byQuestion.values()].map((list) => {
    const answer = list.find((r) => r.isAnswer);
    const longest = Math.max(...list.map((r) => r.resolved?.rrMs ?? -Infinity));
    return !!answer?.resolved && answer.resolved.rrMs === longest;
  });
}

const pct = (part: number, whole: number) =>
  whole ? `${((100 * part) / whole).toFixed(1)}%` : 'n/a';

/** A plain-text accuracy report: per-quantity scores, every miss with its values, windows, beat ranges. */
export function formatAccuracyReport(checks: readonly SampleCheck[]): string {
  const ms = checks.flatMap((c) => c.measurements);
  const lines = [
    'Measurement questions (value in the answer range / in it or a neighbouring option):',
  ];
  for (const s of scoreMeasurements(ms)) {
    lines.push(
      `  ${s.quantity.padEnd(24)} ${String(s.count).padStart(3)}  exact ${pct(s.exact, s.count).padStart(6)}  exact+neighbour ${pct(s.exactOrNeighbour, s.count).padStart(6)}`,
    );
  }
  const misses = ms.filter((c) => c.verdict !== 'exact');
  lines.push(`Not exact (${misses.length}):`);
  for (const c of misses) {
    lines.push(
      `  [${c.verdict}] sample ${c.sampleId} ecg ${c.ecgId} ${c.quantity}${c.lead ? ` lead ${c.lead}` : ''}${c.window ? ` window ${c.window}` : ''}${c.beatIndex !== null ? ` beat ${c.beatIndex}` : ''}: measured ${c.value ?? 'null'} ${c.unit}, answer ${c.answer}, value in ${c.valueOption ?? 'no option'}`,
    );
  }
  const ws = checks.flatMap((c) => c.windows);
  lines.push(
    'Answer windows (QRS windows must hold a detected QRS; P windows precede one; ST-T windows follow one):',
  );
  for (const kind of ['qrs', 'p', 'st_t'] as const) {
    const list = ws.filter((w) => w.kind === kind);
    const held = list.filter((w) => w.held).length;
    lines.push(`  ${kind.padEnd(5)} ${held}/${list.length} (${pct(held, list.length)})`);
  }
  for (const w of ws.filter((x) => !x.held)) {
    lines.push(
      `  not held: sample ${w.sampleId} ecg ${w.ecgId} ${w.kind} ${w.window}: ${w.detail}`,
    );
  }
  const rs = checks.flatMap((c) => c.beatRanges);
  const resolved = rs.filter((r) => r.resolved).length;
  const longest = longestIntervalIsAnswer(rs);
  lines.push(
    `Beat-range options: ${resolved}/${rs.length} resolved; answer is the longest RR in ${longest.filter(Boolean).length}/${longest.length} questions`,
  );
  for (const r of rs) {
    lines.push(
      `  sample ${r.sampleId} ecg ${r.ecgId} ${r.option}${r.isAnswer ? ' (answer)' : ''}: ${r.resolved ? `${r.resolved.startS}-${r.resolved.endS} s, RR ${r.resolved.rrMs} ms` : r.error}`,
    );
  }
  return lines.join('\n');
}
