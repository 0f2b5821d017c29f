/**
 * Checks the engine against a benchmark sample's grounding answers: measurement ranges, answer
 * windows and beat-range options. Pure: the caller reads the sample and measures the record.
 * Every grounding rule (which wave, which beat, which lead, which bin) is the grounding module's.
 */
import type {
  BinVerdict,
  GroundingInput,
  GroundingPosition,
  MeasuredQuantity,
  SecondsWindow,
  StepInput,
  WaveKind,
} from '../benchmark/grounding';
import {
  measureGrounding,
  optionWindows,
  readGrounding,
  waveInWindow,
  waveWindowOfBeat,
} from '../benchmark/grounding';
import { median, round } from './measure-math';
import type { Measurements } from './types';

/** The grounding question fields this check reads (either answer shape). */
export interface GroundingQuestion extends GroundingInput {
  readonly answer: string | readonly string[];
}

/** The parts of a benchmark sample this check reads. */
export interface CheckedSample {
  readonly metadata: { readonly id: number; readonly ecg_id: string };
  readonly data: {
    readonly reasoning: readonly (StepInput & {
      readonly ecg_grounding: readonly GroundingQuestion[];
    })[];
  };
}

/** One measurement_grounding question checked. */
export interface MeasurementCheck {
  readonly sampleId: number;
  readonly ecgId: string;
  readonly quantity: MeasuredQuantity | null;
  readonly question: string;
  readonly lead: string | null;
  /** The selected segment's answer option, as written. */
  readonly window: string | null;
  /** That window in seconds (null when there is none, or it is not a time window). */
  readonly windowS: SecondsWindow | null;
  readonly beatIndex: number | null;
  readonly value: number | null;
  readonly unit: string;
  readonly answer: string;
  /** The option the value falls in, if any. */
  readonly valueOption: string | null;
  readonly verdict: BinVerdict;
}

/** One wave_grounding answer window checked. */
export interface WindowCheck {
  readonly sampleId: number;
  readonly ecgId: string;
  /** The wave the question asks for; null when its wording names none (checked as a QRS). */
  readonly kind: WaveKind | null;
  readonly window: string;
  readonly windowS: SecondsWindow;
  readonly held: boolean;
  readonly beatIndex: number | null;
  readonly detail: string;
  readonly question: string;
  /**
   * The engine's window of the asked wave on the beat the answer holds, minus the answer window:
   * start and end in ms (negative: the engine's edge comes first); null when not held.
   */
  readonly edgesMs: { readonly startMs: number; readonly endMs: number } | null;
}

/** One beat-range option checked. */
export interface BeatRangeCheck {
  readonly sampleId: number;
  readonly ecgId: string;
  /** The question the option belongs to. */
  readonly at: GroundingPosition;
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

/** The report's three groups of answer windows: QRS-like, P-like and T-like waves. */
export type WindowGroup = 'qrs' | 'p' | 'st_t';

/** The report group of a wave kind. */
export function windowGroup(kind: WaveKind | null): WindowGroup {
  if (kind === 'p' || kind === 'non_conducted_p') return 'p';
  if (kind === 't' || kind === 'st_t') return 'st_t';
  return 'qrs';
}

/** Checks one sample against its record's measurements. */
export function checkSample(sample: CheckedSample, m: Measurements): SampleCheck {
  const out: SampleCheck = { measurements: [], windows: [], beatRanges: [] };
  const sampleId = sample.metadata.id;
  const ecgId = sample.metadata.ecg_id;
  const steps = sample.data.reasoning;
  steps.forEach((step, s) =>
    step.ecg_grounding.forEach((g, index) => {
      const read = readGrounding(g);
      const answerIdx = read.type === 'other' ? -1 : (read.answerIdx[0] ?? -1);
      const answerText = g.options[answerIdx] ?? '';
      if (read.type === 'wave_grounding') {
        const answer = read.options[answerIdx];
        if (answer?.kind === 'window') {
          const held = waveInWindow(read.waveKind, answer, m.beats);
          const beat = held.held && held.beatIndex !== null ? m.beats[held.beatIndex] : undefined;
          const engine = beat ? waveWindowOfBeat(read.waveKind ?? 'qrs', beat) : null;
          out.windows.push({
            sampleId,
            ecgId,
            kind: read.waveKind,
            window: answerText,
            windowS: { startS: answer.startS, endS: answer.endS },
            question: g.question,
            ...held,
            edgesMs: engine
              ? {
                  startMs: Math.round((engine.startS - answer.startS) * 1000),
                  endMs: Math.round((engine.endS - answer.endS) * 1000),
                }
              : null,
          });
        }
        if (read.options.some((o) => o.kind === 'beats')) {
          optionWindows(read, m.beats).forEach((w, i) => {
            out.beatRanges.push({
              sampleId,
              ecgId,
              at: { step: s, index },
              option: g.options[i]!,
              isAnswer: i === answerIdx,
              anchorBeatIndex: w.ok ? (w.beats?.anchorBeatIndex ?? null) : null,
              resolved: w.ok && w.beats ? { ...w.window, rrMs: w.beats.rrMs } : null,
              error: w.ok ? (w.beats ? null : 'not a beat range') : w.reason,
            });
          });
        }
      } else if (read.type === 'measurement_grounding') {
        const checked = measureGrounding(steps, { step: s, index }, m)!;
        const { target, measured } = checked;
        const holding = checked.place?.holding;
        out.measurements.push({
          sampleId,
          ecgId,
          quantity: target.quantity,
          question: g.question,
          lead: target.lead,
          window: target.segment?.answerText ?? null,
          windowS: target.segment?.window ?? null,
          beatIndex: measured.beatIndex,
          value: measured.value,
          unit: measured.unit ?? '',
          answer: answerText,
          valueOption: holding === undefined || holding === null ? null : g.options[holding]!,
          verdict: checked.verdict,
        });
      }
    }),
  );
  return out;
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
    const key = `${r.sampleId}:${r.at.step}:${r.at.index}`;
    byQuestion.set(key, [...(byQuestion.get(key) ?? []), r]);
  }
  return [...byQuestion.values()].map((list) => {
    const answer = list.find((r) => r.isAnswer);
    const longest = Math.max(...list.map((r) => r.resolved?.rrMs ?? -Infinity));
    return !!answer?.resolved && answer.resolved.rrMs === longest;
  });
}

/** Mean, sample standard deviation and median of a list of ms values. */
export interface Spread {
  readonly meanMs: number;
  readonly sdMs: number;
  readonly medianMs: number;
}

/** How the engine's edges sit against the answer windows of one wave kind, each window once. */
export interface EdgeAgreement {
  readonly kind: WaveKind;
  readonly count: number;
  readonly start: Spread;
  readonly end: Spread;
}

function spread(values: readonly number[]): Spread {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return { meanMs: round(mean, 1), sdMs: round(sd, 1), medianMs: round(median(values), 1) };
}

/**
 * Engine edges minus answer-window edges per wave kind, over the held windows, a window asked in
 * several samples of one ECG counted once. A mean far from 0 is a difference of convention (where
 * the benchmark puts an onset), the spread is beat-by-beat disagreement; answer windows are written
 * to 10 ms, so even identical edges spread by about 3 ms.
 */
export function edgeAgreement(windows: readonly WindowCheck[]): EdgeAgreement[] {
  const byKind = new Map<WaveKind, Map<string, { startMs: number; endMs: number }>>();
  for (const w of windows) {
    if (!w.edgesMs) continue;
    const kind = w.kind ?? 'qrs';
    const seen = byKind.get(kind) ?? new Map<string, { startMs: number; endMs: number }>();
    seen.set(`${w.ecgId} ${w.window}`, w.edgesMs);
    byKind.set(kind, seen);
  }
  return [...byKind.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, seen]) => {
      const edges = [...seen.values()];
      return {
        kind,
        count: edges.length,
        start: spread(edges.map((e) => e.startMs)),
        end: spread(edges.map((e) => e.endMs)),
      };
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
  for (const group of ['qrs', 'p', 'st_t'] as const) {
    const list = ws.filter((w) => windowGroup(w.kind) === group);
    const held = list.filter((w) => w.held).length;
    lines.push(`  ${group.padEnd(5)} ${held}/${list.length} (${pct(held, list.length)})`);
  }
  for (const w of ws.filter((x) => !x.held)) {
    lines.push(
      `  not held: sample ${w.sampleId} ecg ${w.ecgId} ${w.kind} ${w.window}: ${w.detail}`,
    );
  }
  lines.push('Engine edges minus answer-window edges (ms; each window once):');
  for (const e of edgeAgreement(ws)) {
    const f = (x: Spread) => `mean ${x.meanMs} sd ${x.sdMs} median ${x.medianMs}`;
    lines.push(
      `  ${e.kind.padEnd(15)} ${String(e.count).padStart(3)}  start ${f(e.start)}; end ${f(e.end)}`,
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
