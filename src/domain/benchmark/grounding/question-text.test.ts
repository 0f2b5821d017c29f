import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WaveKind } from './question-text';
import {
  anchorWindowOfQuestion,
  leadsNamedIn,
  namesSelectedLead,
  quantityOfQuestion,
  waveKindOfQuestion,
  withAnchorWindow,
} from './question-text';

const TAIL = ' The options below refer to time ranges on the ECG signal, provided in seconds.';

describe('wave kind of a question', () => {
  const cases: [string, WaveKind][] = [
    [
      'In which of the following segments can you locate a QRS wave to measure the R amplitude in lead aVL?',
      'qrs',
    ],
    [
      'Within the selected leads, in which of the following segments can you observe the QRS complex with ST-segment elevation?',
      'qrs',
    ],
    [
      'Within the selected leads, in which of the following segments can you observe the notched R wave?',
      'qrs',
    ],
    [
      'To verify that the inferior leads do not show pathological Q waves, in which of the following segments can you locate the QRS complex in these leads?',
      'qrs',
    ],
    ['In which of the following segments can you observe the premature beat?', 'premature_beat'],
    [
      'In which of the following segments can you observe a P wave that demonstrates the prolonged PR interval?',
      'p',
    ],
    [
      'In which of the following segments can you observe a non-conducted P wave?',
      'non_conducted_p',
    ],
    [
      'In which of the following segments can you observe the non-conducted P wave, specifically within the prolonged RR interval?',
      'non_conducted_p',
    ],
    [
      'Within the selected leads, in which of the following segments can you observe the inverted T wave?',
      't',
    ],
    // The finding named in the "verify" clause (T waves) is not what is asked for here, and is here.
    [
      'To verify that the anterior leads do not show inverted T waves, in which of the following segments can you locate the T wave in these leads?',
      't',
    ],
    [
      'To verify that the anterior leads do not show ST elevation, in which of the following segments can you locate the QRS complex in these leads?',
      'qrs',
    ],
    [
      'Within the selected leads, in which of the following segments can you locate the ST segment and T wave showing the LV strain pattern?',
      'st_t',
    ],
    [
      "Which of the following intervals between two consecutive QRS waves represents this significantly longer interval? To ensure clear indexing, the '1st QRS wave' refers to the QRS wave located at [0.38s - 0.49s] in the ECG signal.",
      'rr_interval',
    ],
  ];
  it.each(cases)('%s -> %s', (question, kind) => {
    expect(waveKindOfQuestion(question + TAIL)).toBe(kind);
  });
  it('is null when the wording names no wave', () => {
    expect(waveKindOfQuestion('In which of the following segments can you see it?')).toBeNull();
  });
});

describe('quantity of a measurement question', () => {
  it.each([
    [
      'For the selected segment, which range does the measured R amplitude fall into?',
      'r_amplitude',
    ],
    [
      'For the selected segment, which range does the measured S amplitude fall into?',
      's_amplitude',
    ],
    [
      'For the selected segment, which range does the measured QRS duration fall into?',
      'qrs_duration',
    ],
    [
      'Which range does the measured QRS duration for the premature beat fall into?',
      'premature_qrs_duration',
    ],
    ['For the selected segment, which range does the measured QRS axis fall into? ', 'qrs_axis'],
    [
      'For the selected segment, which range does the measured PR interval fall into?',
      'pr_interval',
    ],
    ['Which range does the measured heart rate fall into?', 'heart_rate'],
    ['Which of the following ranges does the measured atrial rate fall into?', 'atrial_rate'],
  ])('%s -> %s', (question, quantity) => {
    expect(quantityOfQuestion(question)).toBe(quantity);
  });
  it('is null for a quantity the rules do not know', () => {
    expect(quantityOfQuestion('Which range does the measured QT interval fall into?')).toBeNull();
  });
});

describe('leads named in a question', () => {
  it('reads single leads, lists and the "selected lead" reference', () => {
    expect(leadsNamedIn('to measure the R amplitude in lead aVL? The options')).toEqual(['aVL']);
    expect(leadsNamedIn('To verify that leads I, aVL, and V6 do not show')).toEqual([
      'I',
      'aVL',
      'V6',
    ]);
    expect(leadsNamedIn('To verify that leads II, III, and aVF do not show')).toEqual([
      'II',
      'III',
      'aVF',
    ]);
    expect(leadsNamedIn('Within the leads V1 or V2, in which')).toEqual(['V1', 'V2']);
    expect(leadsNamedIn('To verify that lead V1 does not show')).toEqual(['V1']);
    expect(leadsNamedIn('To verify that the lateral leads do not show ST elevation')).toEqual([]);
    expect(leadsNamedIn('in the selected lead?')).toEqual([]);
    // LVH's strain finding lists its group in parentheses.
    expect(
      leadsNamedIn('an LV strain ... in any of the lateral leads (I, aVL, V5, and V6)?'),
    ).toEqual(['I', 'aVL', 'V5', 'V6']);
    expect(leadsNamedIn('the lateral leads (see above)')).toEqual([]);
    expect(namesSelectedLead('to measure the R amplitude in the selected lead?')).toBe(true);
    expect(namesSelectedLead('Within the selected leads, in which')).toBe(true);
    expect(namesSelectedLead('in lead V1?')).toBe(false);
  });
});

describe('the pinned "1st QRS wave" window', () => {
  it('reads it with the window scanner; null when absent or malformed', () => {
    const q =
      "Which ...? To ensure clear indexing, the '1st QRS wave' refers to the QRS wave located at [0.38s - 0.49s] in the ECG signal.";
    expect(anchorWindowOfQuestion(q)).toEqual({ startS: 0.38, endS: 0.49 });
    expect(anchorWindowOfQuestion(q.replace('[0.38s - 0.49s]', '[0.38 - 0.49]'))).toBeNull();
    expect(anchorWindowOfQuestion('no anchor here')).toBeNull();
  });
  it('writes another window in its place, the rest of the question unchanged', () => {
    const q =
      "Which ...? To ensure clear indexing, the '1st QRS wave' refers to the QRS wave located at [0.38s - 0.49s] in the ECG signal.";
    const moved = withAnchorWindow(q, '[1.02s - 1.11s]');
    expect(moved).toBe(q.replace('[0.38s - 0.49s]', '[1.02s - 1.11s]'));
    expect(anchorWindowOfQuestion(moved!)).toEqual({ startS: 1.02, endS: 1.11 });
    expect(withAnchorWindow('no anchor here', '[1.02s - 1.11s]')).toBeNull();
  });
});

describe('every grounding question of ptbxl.jsonl', () => {
  const file = path.resolve(
    import.meta.dirname,
    '../../../../../shared/data/benchmark/ptbxl.jsonl',
  );
  type Raw = {
    data: { reasoning: { ecg_grounding: { question: string; question_type: string }[] }[] };
  };
  const questions = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((l) => (JSON.parse(l) as Raw).data.reasoning.flatMap((s) => s.ecg_grounding));

  it('names a wave kind for each wave question and a quantity for each measurement question', () => {
    const kinds = new Map<string, number>();
    for (const q of questions.filter((x) => x.question_type === 'wave_grounding')) {
      const kind = waveKindOfQuestion(q.question);
      kinds.set(String(kind), (kinds.get(String(kind)) ?? 0) + 1);
    }
    // Counts read off the file's 53 wave wordings (templates.md: "Questions about ST changes ask
    // for the QRS window"); none is left without a kind.
    expect(Object.fromEntries(kinds)).toEqual({
      qrs: 4782,
      premature_beat: 300,
      p: 182,
      non_conducted_p: 21,
      t: 489,
      st_t: 111,
      rr_interval: 53,
    });
    const quantities = questions
      .filter((x) => x.question_type === 'measurement_grounding')
      .map((x) => quantityOfQuestion(x.question));
    expect(quantities).toHaveLength(2679);
    expect(quantities).not.toContain(null);
  });
});
