/**
 * Demo samples with defects planted on purpose, for reviewers to practise on and for the
 * pre-flags to prove themselves: each is a copy of a clean demo sample (a new id from
 * PLANTED_ID_BASE, same cell) with one thing made wrong, and says which pre-flag must find it.
 * All pass validation (a repeated option is a warning there, as in the real data).
 */
import type { PreflagLocation, PreflagRule } from '../../schemas/preflags';
import type { BenchmarkSampleV002, TargetDx } from '../../schemas/benchmark-sample';
import { parseTimeWindow } from '../../domain/benchmark/options';

/** metadata.id of the first planted sample (the clean demo samples count up from 90000). */
export const PLANTED_ID_BASE = 90100;

/** A planted defect: the sample, what was made wrong, and where the pre-flags must point. */
export interface PlantedDefect {
  readonly sample: BenchmarkSampleV002;
  readonly defect: string;
  readonly expected: readonly { readonly rule: PreflagRule; readonly at: PreflagLocation }[];
}

const grounding = (step: number, question: number, option: number | null): PreflagLocation => ({
  step,
  part: 'ecg_grounding',
  question,
  option,
});

const copy = (s: BenchmarkSampleV002): BenchmarkSampleV002 =>
  JSON.parse(JSON.stringify(s)) as BenchmarkSampleV002;

/** Sets a wave or measurement question's single answer to option `index`. */
function answerWith(sample: BenchmarkSampleV002, step: number, question: number, index: number) {
  const g = sample.data.reasoning[step]!.ecg_grounding[question]!;
  if (g.question_type === 'lead_grounding') throw new Error('answerWith: not a lead question');
  g.answer = [g.options[index]!];
  g.answer_idx = [index];
}

type Planter = (
  find: (dx: TargetDx, label: boolean, nth?: number) => BenchmarkSampleV002,
) => Omit<PlantedDefect, 'sample'> & { readonly sample: BenchmarkSampleV002 };

const PLANTERS: readonly Planter[] = [
  (find) => {
    const sample = copy(find('premature_ventricular_complex', true));
    const g = sample.data.reasoning[0]!.ecg_grounding[0]!;
    const right = (g.answer_idx as number[])[0]!;
    const wrong = right === 0 ? 1 : right - 1;
    answerWith(sample, 0, 0, wrong);
    return {
      sample,
      defect:
        "the premature beat's window answers with a normal beat's QRS; the premature one is a distractor",
      expected: [
        { rule: 'wave-answer-misses', at: grounding(0, 0, wrong) },
        { rule: 'wave-distractor-holds', at: grounding(0, 0, right) },
      ],
    };
  },
  (find) => {
    const sample = copy(find('first_degree_av_block', true, 1));
    const g = sample.data.reasoning[0]!.ecg_grounding[0]!;
    const right = (g.answer_idx as number[])[0]!;
    const w = parseTimeWindow(g.options[right]!)!;
    // The P wave's window moved past its QRS onto the ST segment and T wave of the same beat.
    const start = w.endS + 0.15;
    const moved = `[${start.toFixed(2)}s - ${(start + w.endS - w.startS).toFixed(2)}s]`;
    const options = [...g.options.filter((_, i) => i !== right), moved].sort(
      (a, b) => parseTimeWindow(a)!.startS - parseTimeWindow(b)!.startS,
    );
    g.options = options;
    answerWith(sample, 0, 0, options.indexOf(moved));
    return {
      sample,
      defect: "the P wave's window is moved onto the ST segment and T wave of its beat",
      expected: [{ rule: 'wave-answer-misses', at: grounding(0, 0, options.indexOf(moved)) }],
    };
  },
  (find) => {
    const sample = copy(find('first_degree_av_block', true, 0));
    const g = sample.data.reasoning[0]!.ecg_grounding[1]!;
    const right = (g.answer_idx as number[])[0]!;
    const off = right + 2 < g.options.length ? right + 2 : right - 2;
    answerWith(sample, 0, 1, off);
    return {
      sample,
      defect: 'the PR answer is two bins off the right one',
      expected: [{ rule: 'measurement-outside-bins', at: grounding(0, 1, off) }],
    };
  },
  (find) => {
    const sample = copy(find('inferior_myocardial_infarction', true, 0));
    const g = sample.data.reasoning[0]!.ecg_grounding[0]!;
    const left = g.options.indexOf('Lead aVF');
    g.answer = (g.answer as string[]).filter((a) => a !== 'Lead aVF');
    g.answer_idx = (g.answer_idx as number[]).filter((i) => i !== left);
    return {
      sample,
      defect: 'the lead answer leaves out aVF, which shows a pathological Q wave',
      expected: [{ rule: 'lead-answer-missing', at: grounding(0, 0, left) }],
    };
  },
  (find) => {
    const sample = copy(find('complete_left_bundle_branch_block', true, 0));
    const g = sample.data.reasoning[0]!.ecg_grounding[0]!;
    const right = (g.answer_idx as number[])[0]!;
    const repeated = g.options.find((_, i) => i !== right)!;
    g.options = [...g.options, repeated];
    return {
      sample,
      defect: 'a distractor window is repeated',
      expected: [{ rule: 'duplicate-option', at: grounding(0, 0, g.options.length - 1) }],
    };
  },
  (find) => {
    const sample = copy(find('complete_left_bundle_branch_block', false, 0));
    const f = sample.data.reasoning[0]!.finding_identification;
    f.answer = 'Yes';
    f.answer_idx = 0;
    const measurement = sample.data.reasoning[0]!.ecg_grounding[1]!;
    const answer = (measurement.answer_idx as number[])[0]!;
    return {
      sample,
      defect:
        'the QRS is answered prolonged (> 120 ms) on a normal ECG (QRS 90 ms), against its own QRS answer',
      expected: [
        {
          rule: 'finding-contradicts-measurement',
          at: { step: 0, part: 'finding_identification', question: null, option: null },
        },
        { rule: 'answer-bin-against-finding', at: grounding(0, 1, answer) },
      ],
    };
  },
  (find) => {
    const sample = copy(find('inferior_myocardial_infarction', true, 1));
    const g = sample.data.reasoning[0]!.ecg_grounding[0]!;
    const added = g.options.indexOf('Lead I');
    g.answer_idx = [...(g.answer_idx as number[]), added].sort((a, b) => a - b);
    g.answer = g.answer_idx.map((i) => g.options[i]!);
    return {
      sample,
      defect: 'the lead answer adds lead I, which is not an inferior lead',
      expected: [{ rule: 'lead-answer-outside-group', at: grounding(0, 0, added) }],
    };
  },
  (find) => {
    const sample = copy(find('complete_right_bundle_branch_block', true));
    const g = sample.data.reasoning[0]!.ecg_grounding[0]!;
    const right = (g.answer_idx as number[])[0]!;
    const w = parseTimeWindow(g.options[right]!)!;
    // The QRS window runs 40 ms on into the ST segment: longer than the QRS its answer measures.
    g.options[right] = `[${w.startS.toFixed(2)}s - ${(w.endS + 0.04).toFixed(2)}s]`;
    answerWith(sample, 0, 0, right);
    const measured = sample.data.reasoning[0]!.ecg_grounding[1]!;
    return {
      sample,
      defect: 'the QRS window runs 40 ms into the ST segment, longer than its QRS-duration answer',
      expected: [
        {
          rule: 'measurement-against-window',
          at: grounding(0, 1, (measured.answer_idx as number[])[0]!),
        },
      ],
    };
  },
];

/** The planted samples, made from the clean demo samples. */
export function plantDemoDefects(clean: readonly BenchmarkSampleV002[]): PlantedDefect[] {
  const find = (dx: TargetDx, label: boolean, nth = 0) => {
    const found = clean.filter((s) => s.metadata.target_dx === dx && s.metadata.dx_label === label);
    const sample = found[nth];
    if (!sample)
      throw new Error(`no clean demo sample ${dx}/${label} #${nth} to plant a defect in`);
    return sample;
  };
  return PLANTERS.map((plant, k) => {
    const planted = plant(find);
    planted.sample.metadata.id = PLANTED_ID_BASE + k;
    return planted;
  });
}
