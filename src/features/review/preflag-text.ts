/** A pre-flag in a reviewer's words: its rule, where it points in the sample, its numbers. */
import type { StoredPreflag } from '../../schemas/api/preflags';
import type { PreflagLocation, PreflagNumbers } from '../../schemas/preflags';
import type { BenchmarkSampleV002 } from '../../schemas/benchmark-sample';

/** Each rule of the pre-flag engine as a reviewer reads it. */
const RULE_TITLES: Readonly<Record<string, string>> = {
  'measurement-outside-bins': "Measurement answer outside the bin of the engine's value",
  'wave-answer-misses': 'Wave answer window misses the wave it names',
  'wave-distractor-holds': 'A distractor window holds the wave too',
  'lead-answer-not-shown': "An answered lead's measurement does not show the finding",
  'lead-answer-missing': 'A lead that shows the finding is not answered',
  'lead-answer-outside-group': 'An answered lead is outside the finding’s leads',
  'finding-contradicts-measurement': "Finding answer contradicts the engine's measurement",
  'answer-bin-against-finding': 'Measurement answer lies on the side the finding denies',
  'measurement-against-window': 'QRS-duration answer disagrees with its window’s length',
  'duplicate-option': 'A question repeats an option',
  'misspelled-ordinal': 'Misspelled beat ordinal',
  'decision-disagrees-label': 'Decision disagrees with dx_label',
};

/** The rule in words ("wave-answer-misses" as a sentence; an unknown rule as its words). */
export function ruleTitle(rule: string): string {
  const known = RULE_TITLES[rule];
  if (known) return known;
  const words = rule.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const PART_WORDS: Readonly<Record<string, string>> = {
  initial_diagnostic_question: 'initial question',
  criterion_selection: 'criterion',
  finding_identification: 'finding',
  diagnostic_decision: 'decision',
};

/** The option text a location names, where the sample has it. */
function optionText(
  sample: BenchmarkSampleV002 | undefined,
  at: PreflagLocation,
): string | undefined {
  if (!sample || at.option === null) return undefined;
  if (at.part === 'initial_diagnostic_question')
    return sample.data.initial_diagnostic_question.options[at.option];
  const step = at.step === null ? undefined : sample.data.reasoning[at.step];
  if (!step) return undefined;
  if (at.part === 'ecg_grounding' && at.question !== null)
    return step.ecg_grounding[at.question]?.options[at.option];
  if (at.part === 'criterion_selection') return step.criterion_selection.options[at.option];
  if (at.part === 'finding_identification') return step.finding_identification.options[at.option];
  if (at.part === 'diagnostic_decision') return step.diagnostic_decision.options[at.option];
  return undefined;
}

/** Where a pre-flag points: "Step 2 · grounding question 1 · option 3 (“1.2–1.5 s”)". */
export function locationText(at: PreflagLocation, sample?: BenchmarkSampleV002): string {
  const parts: string[] = [];
  if (at.step !== null) parts.push(`Step ${at.step + 1}`);
  if (at.part === 'ecg_grounding') {
    parts.push(at.question === null ? 'grounding' : `grounding question ${at.question + 1}`);
  } else if (at.part !== null) {
    parts.push(PART_WORDS[at.part] ?? at.part.replace(/_/g, ' '));
  }
  if (at.option !== null) {
    const text = optionText(sample, at);
    parts.push(
      text === undefined ? `option ${at.option + 1}` : `option ${at.option + 1} (“${text}”)`,
    );
  }
  return parts.length === 0 ? 'The sample as a whole' : parts.join(' · ');
}

/** A number as a reviewer reads it: up to 3 decimals, no trailing zeros. */
function num(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

const withUnit = (value: number, unit: string | undefined) =>
  unit ? `${num(value)} ${unit}` : num(value);

/** One labelled value behind a pre-flag. */
export interface NumberLine {
  readonly label: string;
  readonly value: string;
}

/** The numbers behind a pre-flag as labelled lines, units written. */
export function numberLines(numbers: PreflagNumbers): NumberLine[] {
  const lines: NumberLine[] = [];
  const unit = numbers.unit;
  if (numbers.value !== undefined)
    lines.push({
      label: "Engine's value",
      value: numbers.value === null ? 'not measured' : withUnit(numbers.value, unit),
    });
  if (numbers.answer !== undefined) lines.push({ label: 'Answer', value: numbers.answer });
  if (numbers.valueOption !== undefined)
    lines.push({
      label: 'Bin of the value',
      value: numbers.valueOption ?? 'none (a gap, or beyond the ends)',
    });
  if (numbers.accepted) lines.push({ label: 'Accepted bins', value: numbers.accepted.join(' · ') });
  if (numbers.holdsWhen) {
    const { lo, hi } = numbers.holdsWhen;
    const u = unit ? ` ${unit}` : '';
    const when =
      lo !== null && hi !== null
        ? `${num(lo)} < value < ${num(hi)}${u}`
        : lo !== null
          ? `value > ${num(lo)}${u}`
          : hi !== null
            ? `value < ${num(hi)}${u}`
            : 'always';
    lines.push({ label: 'Finding holds when', value: when });
  }
  if (numbers.margin !== undefined)
    lines.push({ label: 'Margin allowed', value: withUnit(numbers.margin, unit) });
  if (numbers.minLeads !== undefined)
    lines.push({ label: 'Leads needed', value: `at least ${numbers.minLeads}` });
  if (numbers.lead) lines.push({ label: 'Lead', value: numbers.lead });
  if (numbers.beatIndex !== undefined && numbers.beatIndex !== null)
    lines.push({ label: 'Beat', value: `detected beat ${numbers.beatIndex + 1}` });
  if (numbers.window)
    lines.push({
      label: 'Option window',
      value: `${num(numbers.window.startS)}–${num(numbers.window.endS)} s`,
    });
  if (numbers.waveWindow !== undefined)
    lines.push({
      label: 'Wave found',
      value: numbers.waveWindow
        ? `${num(numbers.waveWindow.startS)}–${num(numbers.waveWindow.endS)} s`
        : 'none on that beat',
    });
  if (numbers.text !== undefined) lines.push({ label: 'Text', value: `“${numbers.text}”` });
  if (numbers.expected !== undefined)
    lines.push({ label: 'Expected', value: `“${numbers.expected}”` });
  for (const [key, value] of Object.entries(numbers.extra ?? {}))
    lines.push({
      label: key,
      value: typeof value === 'number' ? num(value) : String(value),
    });
  return lines;
}

/** A pre-flag's per-lead evidence as rows (lead, value with unit, threshold, answered, reading). */
export function leadRows(preflag: StoredPreflag) {
  return (preflag.numbers.leads ?? []).map((lead) => ({
    lead: lead.lead,
    value: lead.value === null ? 'not measured' : withUnit(lead.value, lead.unit),
    threshold:
      lead.threshold === null || lead.threshold === undefined
        ? '–'
        : withUnit(lead.threshold, lead.unit),
    answered: lead.answered ? 'yes' : 'no',
    verdict: lead.verdict,
  }));
}
