/**
 * Finding answers against the engine and against the sample's own measurement answers:
 * finding-contradicts-measurement (a threshold the engine measures, passed by more than the
 * margin the other way; per-lead findings counted over the group), and answer-bin-against-finding
 * (a measurement answer's range wholly on the side of the threshold the finding answer denies).
 */
import type { HoldsWhen, Preflag } from '../../../schemas/preflags';
import type { Measurements } from '../../measure/types';
import type { LeadFinding, RecordFinding, RecordQuantity } from '../../benchmark/grounding';
import { measurementTarget, recordFindingValue } from '../../benchmark/grounding';
import type { BenchmarkSample } from '../../../schemas/benchmark-sample';
import { FINDING_MARGINS } from './catalog';
import { leadEvidence } from './lead-verdict';
import type { PreflagRuleFn } from './preflag';
import { at, preflag } from './preflag';
import type { JudgedStep } from './steps';
import { FINDING_NAMES, describeHolds, judgedSteps } from './steps';

const NAMES: Readonly<Record<RecordQuantity, string>> = {
  pr_interval: 'PR',
  qrs_duration: 'QRS',
  heart_rate: 'heart rate',
  qrs_axis: 'QRS axis',
  r_amplitude: 'R',
  sokolow_lyon: 'S(V1) + R(V5 or V6)',
  cornell_product: 'Cornell product',
};

const nameOf = (f: RecordFinding) =>
  f.quantity === 'r_amplitude' && f.lead ? `R in ${f.lead}` : NAMES[f.quantity];

/** Clearly inside the range (by the margin on each bounded side). */
const clearlyInside = (v: number, h: HoldsWhen, margin: number) =>
  (h.lo === null || v >= h.lo + margin) && (h.hi === null || v <= h.hi - margin);
/** Clearly outside the range (by the margin past a bound). */
const clearlyOutside = (v: number, h: HoldsWhen, margin: number) =>
  (h.lo !== null && v <= h.lo - margin) || (h.hi !== null && v >= h.hi + margin);

function recordContradiction(step: JudgedStep, f: RecordFinding, m: Measurements): Preflag[] {
  const { value, note } = recordFindingValue(f, m);
  if (value === null) return [];
  const margin = FINDING_MARGINS[f.quantity];
  const contradicted = step.yes
    ? clearlyOutside(value, f.holdsWhen, margin)
    : clearlyInside(value, f.holdsWhen, margin);
  if (!contradicted) return [];
  const stated = describeHolds(nameOf(f), f.holdsWhen, f.unit);
  return [
    preflag(
      'finding-contradicts-measurement',
      `The finding is answered ${step.yes ? 'Yes' : 'No'} (${stated}), but the engine measures ${nameOf(f)} ${value} ${f.unit} on the median beat, more than ${margin} ${f.unit} ${step.yes ? 'outside' : 'inside'} that range (the margin allowed for the engine's error).${note ? ` ${note}` : ''}`,
      at.finding(step.step),
      {
        value,
        unit: f.unit,
        answer: step.yes ? 'Yes' : 'No',
        holdsWhen: f.holdsWhen,
        margin,
        lead: f.lead,
        basis: f.quantity === 'heart_rate' ? 'record' : 'median-beat',
      },
    ),
  ];
}

function leadContradiction(step: JudgedStep, f: LeadFinding, m: Measurements): Preflag[] {
  const answered = new Set(step.leadQuestions.flatMap((q) => q.read.answerLeads));
  const leads = f.leads.map((lead) => leadEvidence(f, lead, m, answered.has(lead)));
  const shows = leads.filter((l) => l.verdict === 'shows');
  const absent = leads.filter((l) => l.verdict === 'absent');
  const possible = leads.length - absent.length;
  const need = f.minLeads;
  const contradicted = step.yes ? possible < need : shows.length >= need;
  if (!contradicted) return [];
  const list = (xs: typeof leads) => xs.map((l) => l.lead).join(', ') || 'none';
  const what = FINDING_NAMES[f.finding];
  const message = step.yes
    ? `The finding (${what}) is answered Yes, needing ${need} of leads ${f.leads.join(', ')}, but the engine's median beat says ${list(absent)} do not show it beyond the margin, leaving ${possible}.`
    : `The finding (${what}) is answered No, but the engine's median beat shows it beyond the margin in ${list(shows)}: ${shows.length} of leads ${f.leads.join(', ')}, where ${need} suffice.`;
  return [
    preflag('finding-contradicts-measurement', message, at.finding(step.step), {
      answer: step.yes ? 'Yes' : 'No',
      minLeads: need,
      leads,
    }),
  ];
}

/** Measurement questions of a step that measure the finding's own quantity. */
function sameQuantityQuestions(sample: BenchmarkSample, step: JudgedStep, f: RecordFinding) {
  const steps = sample.data.reasoning;
  return steps[step.step]!.ecg_grounding.flatMap((g, index) => {
    const target = measurementTarget(steps, { step: step.step, index });
    if (!target || target.quantity !== f.quantity) return [];
    if (f.quantity === 'r_amplitude' && target.lead !== f.lead) return [];
    return [{ index, target, options: g.options }];
  });
}

function binAgainstFinding(sample: BenchmarkSample, step: JudgedStep, f: RecordFinding): Preflag[] {
  const h = f.holdsWhen;
  return sameQuantityQuestions(sample, step, f).flatMap(({ index, target, options }) => {
    const answerIdx = target.read.answerIdx[0] ?? -1;
    const range = target.read.options[answerIdx];
    if (!range || range.kind !== 'range') return [];
    const { lo, hi } = range;
    const outside =
      (hi !== null && h.lo !== null && hi <= h.lo) || (lo !== null && h.hi !== null && lo >= h.hi);
    const inside =
      (h.lo === null || (lo !== null && lo >= h.lo)) &&
      (h.hi === null || (hi !== null && hi <= h.hi));
    if (step.yes ? !outside : !inside) return [];
    const stated = describeHolds(nameOf(f), h, f.unit);
    return [
      preflag(
        'answer-bin-against-finding',
        `The finding is answered ${step.yes ? 'Yes' : 'No'} (${stated}), but the measurement answer ${options[answerIdx]} lies wholly ${step.yes ? 'outside' : 'inside'} that range.`,
        at.grounding(step.step, index, answerIdx),
        { answer: options[answerIdx]!, holdsWhen: h, unit: f.unit, lead: f.lead },
      ),
    ];
  });
}

/** Finding answers against the engine's values and the sample's own measurement answers. */
export const findingRules: PreflagRuleFn = ({ sample, m }) =>
  judgedSteps(sample).flatMap((step) => {
    const f = step.finding;
    if (f.kind === 'record')
      return [...(m ? recordContradiction(step, f, m) : []), ...binAgainstFinding(sample, step, f)];
    return m ? leadContradiction(step, f, m) : [];
  });
