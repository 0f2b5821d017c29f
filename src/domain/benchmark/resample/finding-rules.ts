/**
 * What the engine can tell about a finding question: a signed margin on a record (> 0: the ECG
 * shows the finding), or per lead for findings a lead question grounds. Margins are in "steps"
 * of the benchmark's bins (10 ms, 0.1 mV, 15 degrees, 10 bpm; 0.05 mV for ST and T levels), so
 * findings of different units rank together. Thresholds are the ones the questions state
 * (../shared/docs/templates.md); a finding the engine cannot judge has no rule.
 */
import type { DenseLabel } from '../../../schemas/dense-label';
import type { StandardLead } from '../../leads';
import type { LeadQrsShape } from '../../measure/qrs-shape';
import type { Measurements } from '../../measure/types';
import { VENTRICULAR_WIDENING_MS } from '../../measure/measure-record';
import { leadsNamedIn } from '../grounding';
import { conductionRule } from './conduction-rules';

/** What a finding rule reads: the record's measurements, its leads' QRS shapes, its label if any. */
export interface FindingContext {
  readonly m: Measurements;
  readonly shapes: Readonly<Record<string, LeadQrsShape>>;
  readonly label: DenseLabel | null;
}

/** A margin function: > 0 when the finding holds, <= 0 when not, null when it cannot be told. */
type Margin = (ctx: FindingContext) => number | null;
/** A per-lead margin function. */
type LeadMargin = (ctx: FindingContext, lead: StandardLead) => number | null;

/** How the engine judges one finding question. */
export interface FindingRule {
  readonly id: string;
  /** What is checked, in words. */
  readonly describe: string;
  /** For findings about leads: the margin in one lead, the group and how many must show it. */
  readonly perLead: {
    readonly margin: LeadMargin;
    readonly group: readonly StandardLead[];
    readonly needed: number;
  } | null;
  /** The margin on the record (for per-lead rules: the needed-th best lead's). */
  readonly margin: Margin;
}

const MS = 10;
const MV = 0.1;
const LEVEL_MV = 0.05;
const DEG = 15;
const BPM = 10;

const num = (text: string | undefined) => (text === undefined ? NaN : Number(text));
const lead = (ctx: FindingContext, name: string) => ctx.m.leads[name] ?? null;
const r = (ctx: FindingContext, name: string) => lead(ctx, name)?.rMv ?? null;
const s = (ctx: FindingContext, name: string) => lead(ctx, name)?.sMv ?? null;
const both = (a: number | null, b: number | null, f: (a: number, b: number) => number) =>
  a === null || b === null ? null : f(a, b);
/** The deepest negative deflection of a lead's QRS (mV, >= 0). */
const deepest = (ctx: FindingContext, name: string) =>
  Math.max(
    0,
    ...(ctx.shapes[name]?.deflections ?? []).filter((d) => d.sign === -1).map((d) => -d.peakMv),
  );

function recordRule(id: string, describe: string, margin: Margin): FindingRule {
  return { id, describe, perLead: null, margin };
}

function leadRule(
  id: string,
  describe: string,
  group: readonly StandardLead[],
  needed: number,
  perLead: LeadMargin,
): FindingRule {
  return {
    id,
    describe,
    perLead: { margin: perLead, group, needed },
    margin: (ctx) => {
      const margins = group.map((l) => perLead(ctx, l)).filter((v): v is number => v !== null);
      if (margins.length < needed) return null;
      return margins.sort((a, b) => b - a)[needed - 1]!;
    },
  };
}

/** The first premature beat's QRS widening over the dominant QRS, past the ventricular threshold. */
function prematureWidening(ctx: FindingContext): number | null {
  const dominant = ctx.m.global.qrs.value;
  const first = ctx.m.beats.find((b) => b.premature);
  if (!first || dominant === null) return null;
  return (first.qrsMs - dominant - VENTRICULAR_WIDENING_MS) / MS;
}

function rrCv(ctx: FindingContext): number | null {
  const sd = ctx.m.global.rrSd.value;
  const mean = ctx.m.global.rrMean.value;
  return sd === null || mean === null || mean === 0 ? null : sd / mean;
}

const labelSays = (ctx: FindingContext, has: (label: DenseLabel) => boolean) =>
  ctx.label === null ? null : has(ctx.label) ? 1 : -1;

/** The rule for a finding question; null when the engine cannot judge it. */
export function findingRule(question: string): FindingRule | null {
  const group = leadsNamedIn(question);
  const needed = /at least two/i.test(question) ? 2 : 1;
  let x: RegExpExecArray | null;
  if (
    (x = /PR interval is considered to be prolonged if it is greater than (\d+)/i.exec(question))
  ) {
    const thr = num(x[1]);
    return recordRule('pr-prolonged', `PR > ${thr} ms`, (c) =>
      both(c.m.global.pr.value, 0, (pr) => (pr - thr) / MS),
    );
  }
  if (
    (x = /QRS duration is considered to be prolonged if it is greater than (\d+)/i.exec(question))
  ) {
    const thr = num(x[1]);
    return recordRule('qrs-prolonged', `QRS > ${thr} ms`, (c) =>
      both(c.m.global.qrs.value, 0, (q) => (q - thr) / MS),
    );
  }
  if ((x = /slow if it is less than (\d+)/i.exec(question))) {
    const thr = num(x[1]);
    return recordRule('rate-slow', `heart rate < ${thr} bpm`, (c) =>
      both(c.m.global.heartRate.value, 0, (hr) => (thr - hr) / BPM),
    );
  }
  if ((x = /QRS axis is between ([-+]?\d+) and ([-+]?\d+)/i.exec(question))) {
    const lo = num(x[1]);
    const hi = num(x[2]);
    return recordRule('axis-between', `QRS axis ${lo} to ${hi} degrees`, (c) =>
      both(c.m.global.qrsAxis.value, 0, (a) => Math.min(a - lo, hi - a) / DEG),
    );
  }
  if ((x = /QRS axis (?:is )?greater than \+?(-?\d+)/i.exec(question))) {
    const thr = num(x[1]);
    return recordRule('axis-above', `QRS axis > ${thr} degrees`, (c) =>
      both(c.m.global.qrsAxis.value, 0, (a) => (a - thr) / DEG),
    );
  }
  if (
    /sum of the maximum S amplitude in lead V1 and the maximum R amplitude in lead V5 or V6 greater than ([\d.]+)/i.test(
      question,
    )
  ) {
    const thr = num(/greater than ([\d.]+)mV/i.exec(question)?.[1]);
    return recordRule('sokolow', `S V1 + max(R V5, R V6) > ${thr} mV`, (c) => {
      const sum = both(s(c, 'V1'), both(r(c, 'V5'), r(c, 'V6'), Math.max), (a, b) => a + b);
      return sum === null ? null : (sum - thr) / MV;
    });
  }
  if ((x = /Cornell Product calculated on this ECG greater than ([\d.]+)/i.exec(question))) {
    const thr = num(x[1]);
    return recordRule('cornell', `(R aVL + S V3) x QRS > ${thr} mV*s`, (c) => {
      const amp = both(r(c, 'aVL'), s(c, 'V3'), (a, b) => a + b);
      return both(amp, c.m.global.qrs.value, (a, q) => ((a * q) / 1000 - thr) / 0.02);
    });
  }
  if ((x = /R amplitude in lead (\w+) greater than ([\d.]+)mV/i.exec(question))) {
    const name = x[1]!;
    const thr = num(x[2]);
    return recordRule('r-amplitude', `R ${name} > ${thr} mV`, (c) =>
      both(r(c, name), 0, (v) => (v - thr) / MV),
    );
  }
  if (/lead V1 show dominant R waves/i.test(question)) {
    return recordRule('dominant-r-v1', 'R V1 > S V1', (c) =>
      both(r(c, 'V1'), s(c, 'V1'), (a, b) => (a - b) / MV),
    );
  }
  if (/dominant S waves in leads V1 and V2/i.test(question)) {
    return recordRule('dominant-s-v1-v2', 'S > R in V1 and V2', (c) =>
      both(
        both(s(c, 'V1'), r(c, 'V1'), (a, b) => a - b),
        both(s(c, 'V2'), r(c, 'V2'), (a, b) => a - b),
        (a, b) => Math.min(a, b) / MV,
      ),
    );
  }
  if (/any premature beats on this ECG/i.test(question)) {
    return recordRule('premature-beats', 'a beat earlier than the RRs before it predict', (c) => {
      const early = c.m.beats.filter((b) => b.premature && b.prematurity !== null);
      return early.length === 0
        ? -1
        : Math.max(...early.map((b) => (0.88 - b.prematurity!) / 0.05), 0.01);
    });
  }
  if (/QRS duration prolonged significantly compared to the normal beats/i.test(question)) {
    return recordRule(
      'premature-widened',
      `premature QRS >= ${VENTRICULAR_WIDENING_MS} ms wider than the dominant`,
      prematureWidening,
    );
  }
  const conduction = conductionRule(question);
  if (conduction) return recordRule(conduction.id, conduction.describe, conduction.margin);
  if (/RR interval is significantly longer than the preceding/i.test(question)) {
    return recordRule('dropped-beat', 'longest RR > 1.5 x the median RR', (c) => {
      const rr = c.m.beats
        .flatMap((b) => (b.rrBeforeMs === null ? [] : [b.rrBeforeMs]))
        .sort((a, b) => a - b);
      if (rr.length < 3) return null;
      return (rr[rr.length - 1]! / rr[rr.length >> 1]! - 1.5) / 0.1;
    });
  }
  if (/ventricular rhythm \(the RR intervals\) regular/i.test(question)) {
    return recordRule('rr-regular', 'RR coefficient of variation < 0.15', (c) =>
      both(rrCv(c), 0, (cv) => (0.15 - cv) / 0.05),
    );
  }
  if (/fibrillatory waves with no visible P waves/i.test(question)) {
    return recordRule(
      'atrial-fibrillation',
      'the label says atrial fibrillation, else irregular RR without a P wave',
      (c) =>
        labelSays(c, (l) => l.rhythm === 'atrial_fibrillation') ??
        both(rrCv(c), 0, (cv) => (c.m.global.pr.value === null ? (cv - 0.15) / 0.05 : -1)),
    );
  }
  if (/left bundle branch block present/i.test(question)) {
    return recordRule(
      'lbbb',
      'the label says LBBB, else QRS >= 120 ms with S > R in V1',
      (c) =>
        labelSays(c, (l) => l.conduction.includes('lbbb')) ??
        both(
          both(c.m.global.qrs.value, 0, (q) => (q - 120) / MS),
          both(s(c, 'V1'), r(c, 'V1'), (a, b) => (a - b) / MV),
          Math.min,
        ),
    );
  }
  if (/right bundle branch block present/i.test(question)) {
    return recordRule(
      'rbbb',
      "the label says RBBB (complete or incomplete), else QRS >= 110 ms with RSR' in V1 or V2",
      (c) =>
        labelSays(
          c,
          (l) => l.conduction.includes('rbbb') || l.conduction.includes('incomplete_rbbb'),
        ) ??
        both(c.m.global.qrs.value, 0, (q) =>
          Math.min((q - 110) / MS, c.shapes['V1']?.rsrPrime || c.shapes['V2']?.rsrPrime ? 1 : -1),
        ),
    );
  }
  if (/broad monophasic R waves or qR pattern in lead V1/i.test(question)) {
    return recordRule('v1-broad-r', 'V1: R > S, R-peak time > 55 ms, QRS > 120 ms', (c) => {
      const rpt = c.shapes['V1']?.rPeakTimeMs ?? null;
      return both(
        both(r(c, 'V1'), s(c, 'V1'), (a, b) => (a - b) / MV),
        both(rpt, c.m.global.qrs.value, (t, q) => Math.min((t - 55) / MS, (q - 120) / MS)),
        Math.min,
      );
    });
  }
  // Findings the leads of a group show.
  if ((x = /ST(?:-segment)? elevation .*greater than ([\d.]+)mV/i.exec(question))) {
    const thr = num(x[1]);
    return leadRule('st-elevation', `ST at J > ${thr} mV`, group, needed, (c, l) =>
      both(lead(c, l)?.stJMv ?? null, 0, (v) => (v - thr) / LEVEL_MV),
    );
  }
  if (/ST-segment depression/i.test(question)) {
    const v2 = /greater than ([\d.]+)mV \([\d.]+mm\) in lead V2/i.exec(question);
    const all = [...question.matchAll(/greater than ([\d.]+)mV/gi)];
    const thrOther = num(all[all.length - 1]?.[1]);
    const thrOf = (l: StandardLead) => (v2 && l === 'V2' ? num(v2[1]) : thrOther);
    return leadRule(
      'st-depression',
      `ST at J < -${thrOther} mV${v2 ? ` (V2: -${v2[1]} mV)` : ''}`,
      group,
      needed,
      (c, l) => both(lead(c, l)?.stJMv ?? null, 0, (v) => (-v - thrOf(l)) / LEVEL_MV),
    );
  }
  if (/LV strain/i.test(question)) {
    return leadRule('lv-strain', 'ST at J < -0.05 mV with T < -0.1 mV', group, 1, (c, l) =>
      both(lead(c, l)?.stJMv ?? null, lead(c, l)?.tMv ?? null, (st, t) =>
        Math.min((-st - 0.05) / LEVEL_MV, (-t - 0.1) / LEVEL_MV),
      ),
    );
  }
  if (/inverted T waves/i.test(question)) {
    return leadRule('t-inverted', 'T < -0.1 mV', group, needed, (c, l) =>
      both(lead(c, l)?.tMv ?? null, 0, (t) => (-t - 0.1) / LEVEL_MV),
    );
  }
  if (/pathological Q waves/i.test(question)) {
    const fifth = /one-fifth of the following R/i.test(question);
    return leadRule(
      'pathological-q',
      `QS, or Q > 30 ms and > ${fifth ? 'R/5' : '0.075 mV'}, or a deep S after a small r`,
      group,
      needed,
      (c, l) => {
        const m = lead(c, l);
        if (!m || m.rMv === null || m.sMv === null || m.qMs === null || m.qMv === null) return null;
        const depth = Math.max(m.qMv, m.sMv);
        const qs = Math.min((0.05 - m.rMv) / LEVEL_MV, (depth - 0.1) / LEVEL_MV);
        const qThr = fifth ? m.rMv / 5 : 0.075;
        const q = Math.min((m.qMs - 30) / MS, (m.qMv - qThr) / LEVEL_MV);
        const rs = Math.min((0.15 - m.rMv) / LEVEL_MV, (m.sMv - 4 * m.rMv - 0.2) / MV);
        return Math.max(qs, q, rs);
      },
    );
  }
  if (/\bqR pattern\b/i.test(question)) {
    return leadRule(
      'qr',
      'an initial q (>= 0.03 mV) then an R at least twice as tall',
      group,
      needed,
      (c, l) => {
        const m = lead(c, l);
        if (!m || m.qMv === null || m.rMv === null) return null;
        return Math.min((m.qMv - 0.03) / LEVEL_MV, (m.rMv - 2 * m.qMv) / MV);
      },
    );
  }
  if (/\brS pattern\b/i.test(question)) {
    return leadRule(
      'rs',
      'a small r (>= 0.03 mV) then an S more than twice as deep',
      group,
      needed,
      (c, l) =>
        both(r(c, l), s(c, l), (rv, sv) => Math.min((rv - 0.03) / LEVEL_MV, (sv - 2 * rv) / MV)),
    );
  }
  if (/positive monophasic QRS complexes without Q waves/i.test(question)) {
    return leadRule(
      'monophasic-r',
      'R >= 0.15 mV and no negative deflection of 0.1 mV',
      group,
      needed,
      (c, l) =>
        both(r(c, l), 0, (rv) => Math.min((rv - 0.15) / MV, (0.1 - deepest(c, l)) / LEVEL_MV)),
    );
  }
  if (
    (x = /broad monophasic R waves, with an R wave peak time of at least (\d+)/i.exec(question))
  ) {
    const thr = num(x[1]);
    return leadRule(
      'broad-monophasic-r',
      `R-peak time >= ${thr} ms, no negative deflection of 0.1 mV`,
      group,
      needed,
      (c, l) =>
        both(c.shapes[l]?.rPeakTimeMs ?? null, 0, (t) =>
          Math.min((t - thr) / MS, (0.1 - deepest(c, l)) / LEVEL_MV),
        ),
    );
  }
  if (/notched QRS complexes/i.test(question)) {
    return leadRule(
      'notched-r',
      'the tallest R has two peaks or a stroke that stops',
      group,
      needed,
      (c, l) => (c.shapes[l] ? (c.shapes[l]!.notchedR ? 1 : -1) : null),
    );
  }
  if (/RSR' pattern/i.test(question)) {
    return leadRule('rsr-prime', "an r, a dip, then an R' >= 0.15 mV", group, needed, (c, l) => {
      const shape = c.shapes[l];
      if (!shape) return null;
      const x2 = shape.rsrPrime;
      return x2
        ? Math.max(0.01, (Math.min(x2.firstMv, x2.secondMv) - x2.dipMv - 0.05) / LEVEL_MV)
        : -1;
    });
  }
  if (/slurred S waves/i.test(question)) {
    return leadRule(
      'slurred-s',
      'an S >= 0.1 mV after the R, longer than the R or than 40 ms',
      group,
      needed,
      (c, l) => {
        const shape = c.shapes[l];
        if (!shape) return null;
        const { firstR, sAfterR } = shape;
        if (!firstR || !sAfterR || -sAfterR.peakMv < 0.1) return -1;
        return (sAfterR.durationMs - Math.min(firstR.durationMs, 40)) / MS;
      },
    );
  }
  return null;
}

/** The margin of a lead question's own choice: "which lead shows the larger R" ranks by R. */
export function leadChoiceMargin(question: string): LeadMargin | null {
  return /larger R amplitude/i.test(question) ? (c, l) => r(c, l) : null;
}
