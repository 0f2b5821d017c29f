import type { SynthBeatTruth } from '../../domain/synth';
import type {
  BenchmarkSampleV002,
  GroundingV002,
  StepV002,
  TargetDx,
} from '../../schemas/benchmark-sample';
import { FURTHER_FINDINGS } from '../../schemas/benchmark-sample';
import type { DemoEcg } from './demo-workspace-data-ecgs';
import { groundableBeats, hasQWave, qrsMainlyPositive } from './demo-workspace-data-ecgs';

/** metadata.id of the first demo sample (above the real files' ids, so both can live together). */
export const DEMO_SAMPLE_ID_BASE = 90000;

const DX_NAMES: Partial<Record<TargetDx, string>> = {
  first_degree_av_block: 'first degree AV block',
  complete_left_bundle_branch_block: 'complete left bundle branch block',
  complete_right_bundle_branch_block: 'complete right bundle branch block',
  premature_ventricular_complex: 'premature ventricular complex',
  inferior_myocardial_infarction: 'inferior myocardial infarction',
};

type Decision = 'Yes' | 'No' | typeof FURTHER_FINDINGS;

function rotate<T>(items: readonly T[], right: T, slot: number): { options: T[]; index: number } {
  const index = slot % (items.length + 1);
  const options = [...items];
  options.splice(index, 0, right);
  return { options, index };
}

function criterion(
  dx: string,
  stepIndex: number,
  right: string,
  distractors: readonly string[],
  slot: number,
) {
  const { options, index } = rotate(distractors, right, slot);
  return {
    question:
      stepIndex === 0
        ? `To accurately diagnose ${dx}, which of the following diagnostic criteria should be evaluated?`
        : `In addition to the finding you just identified, which other diagnostic criterion should be evaluated to diagnose ${dx}?`,
    options,
    answer: right,
    answer_idx: index,
    question_type: 'criterion_selection' as const,
  };
}

function finding(question: string, yes: boolean) {
  return {
    question: `Regarding the criterion you selected, ${question}`,
    options: ['Yes', 'No'],
    answer: yes ? 'Yes' : 'No',
    answer_idx: yes ? 0 : 1,
    question_type: 'finding_identification' as const,
  };
}

function decision(dx: string, stepIndex: number, answer: Decision) {
  const options = ['Yes', 'No', FURTHER_FINDINGS];
  return {
    question:
      stepIndex === 0
        ? `Based on the finding identified above, does this ECG suggest the presence of ${dx}?`
        : `Based on all the findings identified so far, does this ECG suggest the presence of ${dx}?`,
    options,
    answer,
    answer_idx: options.indexOf(answer),
    question_type: 'diagnostic_decision' as const,
  };
}

const timeWindow = (fromS: number, toS: number) => `[${fromS.toFixed(2)}s - ${toS.toFixed(2)}s]`;

/** A wave question: the right window among distractor windows, in time order. */
function waveQuestion(
  question: string,
  right: [number, number],
  distractors: readonly [number, number][],
): GroundingV002 {
  const all = [right, ...distractors].sort((a, b) => a[0] - b[0]);
  const options = all.map(([a, b]) => timeWindow(a, b));
  const answer = timeWindow(right[0], right[1]);
  return {
    question,
    options,
    answer: [answer],
    answer_idx: [options.indexOf(answer)],
    question_type: 'wave_grounding',
  };
}

/** A measurement question: five ordered ranges of `stepSize`, the value's range at `slot` (1..3). */
function measurementQuestion(
  question: string,
  value: number,
  stepSize: number,
  unit: string,
  slot: number,
): GroundingV002 {
  let start = Math.floor(value / stepSize) * stepSize;
  // A value on a range edge would fit two options; move the ranges half a step.
  if (value === start) start -= stepSize / 2;
  let low = start - (slot - 1) * stepSize;
  while (low <= 0) low += stepSize;
  const edges = [0, 1, 2, 3].map((k) => low + k * stepSize);
  const options = [
    `Below ${edges[0]}${unit}`,
    `[${edges[0]}${unit} - ${edges[1]}${unit}]`,
    `[${edges[1]}${unit} - ${edges[2]}${unit}]`,
    `[${edges[2]}${unit} - ${edges[3]}${unit}]`,
    `Above ${edges[3]}${unit}`,
  ];
  let index = 4;
  if (value < edges[0]!) index = 0;
  else if (value <= edges[1]!) index = 1;
  else if (value <= edges[2]!) index = 2;
  else if (value <= edges[3]!) index = 3;
  return {
    question,
    options,
    answer: [options[index]!],
    answer_idx: [index],
    question_type: 'measurement_grounding',
  };
}

function leadQuestion(
  question: string,
  leads: readonly string[],
  isAnswer: (lead: string) => boolean,
): GroundingV002 | null {
  const options = leads.map((lead) => `Lead ${lead}`);
  const answerIdx = leads.flatMap((lead, i) => (isAnswer(lead) ? [i] : []));
  if (answerIdx.length === 0 || answerIdx.length === leads.length) return null;
  return {
    question,
    options,
    answer: answerIdx.map((i) => options[i]!),
    answer_idx: answerIdx,
    question_type: 'lead_grounding',
  };
}

// The delineated QRS itself, as the benchmark writes it: a QRS-duration answer then holds the
// window's length (pre-flag measurement-against-window).
const qrsWindow = (b: SynthBeatTruth): [number, number] => [b.qrsOnsetS, b.qrsOffsetS];
const tWindow = (b: SynthBeatTruth): [number, number] => [b.tPeakS - 0.08, b.tPeakS + 0.06];

/** Picks n items spread over a list (deterministic). */
function spread<T>(items: readonly T[], n: number, skip: (item: T) => boolean = () => false): T[] {
  const pool = items.filter((item) => !skip(item));
  if (pool.length <= n) return pool;
  return Array.from({ length: n }, (_, k) => pool[Math.floor(((k + 0.5) * pool.length) / n)]!);
}

interface StepDraft {
  readonly criterion: string;
  readonly distractors: readonly string[];
  readonly finding: string;
  readonly yes: boolean;
  readonly grounding: readonly (GroundingV002 | null)[];
}

function buildSample(
  id: number,
  ecg: DemoEcg,
  targetDx: TargetDx,
  dxLabel: boolean,
  drafts: readonly StepDraft[],
): BenchmarkSampleV002 {
  const dx = DX_NAMES[targetDx]!;
  const seed = Number(ecg.spec.ecgId);
  const reasoning: StepV002[] = drafts.map((draft, i) => ({
    criterion_selection: criterion(dx, i, draft.criterion, draft.distractors, seed + i),
    finding_identification: finding(draft.finding, draft.yes),
    ecg_grounding: draft.grounding.filter((g): g is GroundingV002 => g !== null),
    diagnostic_decision: decision(
      dx,
      i,
      i < drafts.length - 1 ? FURTHER_FINDINGS : dxLabel ? 'Yes' : 'No',
    ),
  }));
  return {
    metadata: {
      id,
      data_source: 'ptbxl',
      ecg_id: ecg.spec.ecgId,
      target_dx: targetDx,
      dx_label: dxLabel,
      path_idx: 0,
    },
    data: {
      initial_diagnostic_question: {
        question: `Does this ECG suggest the presence of ${dx}?`,
        options: ['Yes', 'No'],
        answer: dxLabel ? 'Yes' : 'No',
        question_type: 'initial_diagnostic_question',
      },
      reasoning,
    },
  };
}

/** First-degree AV block: the PR interval (> 200 ms), located and measured on one beat. */
function avBlock(id: number, ecg: DemoEcg): BenchmarkSampleV002 | null {
  const pr = ecg.truth.prMs;
  const beats = groundableBeats(ecg).filter((b) => b.pOnsetS !== null && !b.premature);
  if (pr === null || beats.length < 5) return null;
  const [target, ...others] = spread(beats, 5);
  const yes = pr > 200;
  const prWindow = (b: SynthBeatTruth): [number, number] => [b.pOnsetS!, b.qrsOnsetS];
  return buildSample(id, ecg, 'first_degree_av_block', yes, [
    {
      criterion: 'Prolongation of the PR interval',
      distractors: [
        'Presence of a Delta wave (Slurred upstroke)',
        'Absence of P waves',
        'Presence of non-conducted P waves',
        'Shortening of the QT interval',
      ],
      finding:
        'is the PR interval prolonged on this ECG? Note that a PR interval is considered to be prolonged if it is greater than 200 milliseconds.',
      yes,
      grounding: [
        waveQuestion(
          'In which of the following segments can you observe the PR interval of one beat, from the onset of the P wave to the onset of the QRS complex? The options below refer to time ranges on the ECG signal, provided in seconds.',
          prWindow(target!),
          others.map(tWindow),
        ),
        measurementQuestion(
          'For the selected segment, which range does the measured PR interval fall into?',
          pr,
          40,
          'ms',
          1 + (id % 3),
        ),
      ],
    },
  ]);
}

/** Bundle branch blocks: a wide QRS (> 120 ms), then for a block the leads with upright QRS. */
function bundleBranchBlock(
  id: number,
  ecg: DemoEcg,
  targetDx: TargetDx,
  dxLabel: boolean,
): BenchmarkSampleV002 | null {
  const beats = groundableBeats(ecg).filter((b) => !b.premature);
  if (beats.length < 5) return null;
  const [target, ...others] = spread(beats, 5);
  const wide = ecg.truth.qrsMs > 120;
  const first: StepDraft = {
    criterion: 'Prolongation of the QRS duration',
    distractors: [
      'Reduction in QRS amplitude (Low voltage)',
      'Presence of a normal QRS duration',
      'Beat-to-beat variation in QRS amplitude',
      'Presence of atrial fibrillation',
    ],
    finding:
      'is the QRS duration prolonged on this ECG? Note that a QRS duration is considered to be prolonged if it is greater than 120 milliseconds.',
    yes: wide,
    grounding: [
      waveQuestion(
        'In which of the following segments can you observe a QRS complex? The options below refer to time ranges on the ECG signal, provided in seconds.',
        qrsWindow(target!),
        others.map(tWindow),
      ),
      measurementQuestion(
        'For the selected segment, which range does the measured QRS duration fall into?',
        ecg.truth.qrsMs,
        20,
        'ms',
        1 + (id % 3),
      ),
    ],
  };
  if (dxLabel !== wide) return null;
  if (!dxLabel) return buildSample(id, ecg, targetDx, false, [first]);
  const left = targetDx === 'complete_left_bundle_branch_block';
  const checked = left ? ['I', 'aVL', 'V6'] : ['V1', 'V2'];
  const upright = checked.filter((lead) => qrsMainlyPositive(ecg, lead)).length;
  const leads = left ? ['I', 'aVL', 'V1', 'V2', 'V6'] : ['V1', 'V2', 'aVR', 'aVL', 'V4'];
  const second: StepDraft = {
    criterion: left
      ? 'Presence of a positive monophasic QRS complex without a Q wave in lateral leads'
      : "Presence of a dominant R wave (or RSR' pattern) in leads V1 and V2",
    distractors: left
      ? [
          'Presence of deep S waves in lateral leads',
          'Presence of pathological Q waves in lateral leads',
          "Presence of an RSR' pattern in leads V1 and V2",
          'Presence of a Delta wave (Slurred upstroke)',
        ]
      : [
          'Presence of a dominant S wave in leads V1 and V2',
          'Presence of pathological Q waves in leads V1 and V2',
          'Presence of a positive monophasic QRS complex in lateral leads',
          'Presence of atrial fibrillation',
        ],
    finding: left
      ? 'does this ECG show mainly upright QRS complexes without Q waves in at least two of leads I, aVL and V6?'
      : 'does this ECG show mainly upright QRS complexes in leads V1 and V2?',
    yes: left ? upright >= 2 : upright === 2,
    grounding: [
      leadQuestion(
        'Which of the following leads show a mainly upright QRS complex? Select all possible leads from the options below.',
        leads,
        (lead) => qrsMainlyPositive(ecg, lead),
      ),
    ],
  };
  if (!second.yes) return null;
  return buildSample(id, ecg, targetDx, true, [first, second]);
}

/** Premature ventricular complexes: a premature wide beat, located, with its coupling interval. */
function prematureVentricular(id: number, ecg: DemoEcg): BenchmarkSampleV002 | null {
  const beats = ecg.truth.beats;
  const premature = ecg.truth.prematureBeatIndices.filter(
    (i) => i > 0 && beats[i]!.qrsOffsetS < 9.8,
  );
  const yes = premature.length > 0;
  const draft: StepDraft = {
    criterion: 'Presence of a premature, wide QRS complex not preceded by a P wave',
    distractors: [
      'Prolongation of the PR interval',
      'Presence of a Delta wave (Slurred upstroke)',
      'Presence of ST-segment elevation',
      'Presence of a normal QRS duration',
    ],
    finding:
      'does this ECG show a QRS complex that comes early, is wide and is not preceded by a P wave?',
    yes,
    grounding: [],
  };
  if (!yes) return buildSample(id, ecg, 'premature_ventricular_complex', false, [draft]);
  const index = premature[0]!;
  const beat = beats[index]!;
  const others = spread(
    beats.filter((b, i) => !b.premature && i !== index && b.qrsOnsetS > 0.1 && b.qrsOffsetS < 9.9),
    4,
  );
  const couplingMs = Math.round((beat.rPeakS - beats[index - 1]!.rPeakS) * 1000);
  return buildSample(id, ecg, 'premature_ventricular_complex', true, [
    {
      ...draft,
      grounding: [
        waveQuestion(
          'In which of the following segments can you observe the premature beat? The options below refer to time ranges on the ECG signal, provided in seconds.',
          qrsWindow(beat),
          others.map(qrsWindow),
        ),
        measurementQuestion(
          'For the selected complex, which range does the interval from the preceding R wave (the coupling interval) fall into?',
          couplingMs,
          100,
          'ms',
          1 + (id % 3),
        ),
      ],
    },
  ]);
}

/** Inferior infarct: pathological Q waves in II, III and aVF (computed from the trace). */
function inferiorInfarct(id: number, ecg: DemoEcg, dxLabel: boolean): BenchmarkSampleV002 | null {
  const inferior = ['II', 'III', 'aVF'].filter((lead) => hasQWave(ecg, lead)).length;
  const yes = inferior >= 2;
  if (yes !== dxLabel) return null;
  return buildSample(id, ecg, 'inferior_myocardial_infarction', dxLabel, [
    {
      criterion: 'Presence of pathological Q waves in inferior leads',
      distractors: [
        'Presence of ST-segment depression in lateral leads',
        'Presence of a dominant R wave in lead V1',
        'Presence of tall peaked T waves',
        'Prolongation of the PR interval',
      ],
      finding:
        'does this ECG show pathological Q waves (deeper than 0.1 mV and at least a quarter of the R wave) in at least two of leads II, III and aVF?',
      yes,
      grounding: yes
        ? [
            leadQuestion(
              'Which of the following leads show pathological Q waves? Select all possible leads from the options below.',
              ['I', 'II', 'III', 'aVF', 'V2'],
              (lead) => hasQWave(ecg, lead),
            ),
          ]
        : [],
    },
  ]);
}

/**
 * Builds the demo benchmark samples about the demo ECGs: for five of the 17 target diagnoses,
 * samples with dx_label true on ECGs with the condition and false on normal ones; every answer
 * is computed from the generator's ground truth or the trace itself.
 */
export function buildDemoSamples(ecgs: readonly DemoEcg[]): BenchmarkSampleV002[] {
  const of = (...conditions: string[]) => ecgs.filter((e) => conditions.includes(e.spec.condition));
  const normal = of('normal_sinus_rhythm', 'sinus_bradycardia', 'sinus_tachycardia');
  const out: BenchmarkSampleV002[] = [];
  let id = DEMO_SAMPLE_ID_BASE;
  const add = (sample: BenchmarkSampleV002 | null) => {
    if (sample) out.push(sample);
  };
  const next = () => id++;
  for (const ecg of of('first_degree_av_block')) add(avBlock(next(), ecg));
  for (const ecg of normal) add(avBlock(next(), ecg));
  for (const ecg of of('lbbb'))
    add(bundleBranchBlock(next(), ecg, 'complete_left_bundle_branch_block', true));
  for (const ecg of normal.slice(0, 2))
    add(bundleBranchBlock(next(), ecg, 'complete_left_bundle_branch_block', false));
  for (const ecg of of('rbbb'))
    add(bundleBranchBlock(next(), ecg, 'complete_right_bundle_branch_block', true));
  for (const ecg of normal.slice(2, 4))
    add(bundleBranchBlock(next(), ecg, 'complete_right_bundle_branch_block', false));
  for (const ecg of of('ventricular_premature_beats')) add(prematureVentricular(next(), ecg));
  for (const ecg of normal.slice(4, 6)) add(prematureVentricular(next(), ecg));
  for (const ecg of of('inferior_infarct')) add(inferiorInfarct(next(), ecg, true));
  for (const ecg of normal.slice(0, 2)) add(inferiorInfarct(next(), ecg, false));
  return out;
}
