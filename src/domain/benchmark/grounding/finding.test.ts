import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { beatsAt, measurementsWith } from '../../../testing/measured-beats';
import { PTBXL_JSONL } from '../../../testing/sample-fixtures';
import { wavePeaksIn } from './beats';
import { asksLargerR, readStatedFinding } from './finding';
import { leadParts, recordFindingValue } from './finding-values';

const NOTE_Q_AMI =
  ' Note that a pathological Q wave in these leads is defined as either (1) a QS complex, (2) a Q wave with a duration greater than 30 milliseconds and an amplitude greater than 0.075mV (0.75mm), or (3) a deep S wave with only a small r wave preceding it.';
const NOTE_Q_IMI =
  ' Note that a pathological Q wave in these leads is defined as either (1) a QS complex, (2) a Q wave with a duration greater than 30 milliseconds and an amplitude greater than one-fifth of the following R amplitude, or (3) a deep S wave with only a small r wave preceding it.';
const R = 'Regarding the criterion you selected, ';

describe('the finding a step states, read from its wording', () => {
  it('record thresholds: PR, QRS, heart rate, axis ranges, amplitudes, Sokolow-Lyon, Cornell', () => {
    const read = (q: string) => readStatedFinding(R + q);
    expect(
      read(
        'is the PR interval prolonged on this ECG? Note that a PR interval is considered to be prolonged if it is greater than 200 milliseconds.',
      ),
    ).toEqual({
      kind: 'record',
      quantity: 'pr_interval',
      unit: 'ms',
      holdsWhen: { lo: 200, hi: null },
      lead: null,
    });
    expect(
      read(
        'is the QRS duration prolonged on this ECG? Note that a QRS duration is considered to be prolonged if it is greater than 120 milliseconds.',
      ),
    ).toMatchObject({ quantity: 'qrs_duration', holdsWhen: { lo: 120, hi: null } });
    expect(
      read(
        'does this ECG show a slow heart rate? Note that a heart rate is considered to be slow if it is less than 70 beats per minute (bpm).',
      ),
    ).toMatchObject({ quantity: 'heart_rate', unit: 'bpm', holdsWhen: { lo: null, hi: 70 } });
    expect(
      read(
        'does this ECG show left axis deviation, where the QRS axis is between -90 and -30 degrees?',
      ),
    ).toMatchObject({ quantity: 'qrs_axis', holdsWhen: { lo: -90, hi: -30 } });
    expect(
      read(
        'does this ECG show right axis deviation, where the QRS axis is between +90 and +180 degrees?',
      ),
    ).toMatchObject({ quantity: 'qrs_axis', holdsWhen: { lo: 90, hi: 180 } });
    expect(read('is the QRS axis greater than +60 degrees on this ECG?')).toMatchObject({
      quantity: 'qrs_axis',
      holdsWhen: { lo: 60, hi: null },
    });
    expect(
      read(
        'does this ECG show right axis deviation, where the QRS axis is greater than +100 degrees?',
      ),
    ).toMatchObject({ holdsWhen: { lo: 100, hi: null } });
    expect(
      read(
        'is the maximum R amplitude in lead aVL greater than 1.1mV? Note that R amplitude is the amplitude of the positive deflection in the QRS complex.',
      ),
    ).toMatchObject({ quantity: 'r_amplitude', lead: 'aVL', holdsWhen: { lo: 1.1, hi: null } });
    expect(read('is the R amplitude in lead V1 greater than 1.5mV?')).toMatchObject({
      quantity: 'r_amplitude',
      lead: 'V1',
    });
    expect(
      read(
        'is the sum of the maximum S amplitude in lead V1 and the maximum R amplitude in lead V5 or V6 greater than 3.5mV? Note that S amplitude is ...',
      ),
    ).toMatchObject({ quantity: 'sokolow_lyon', holdsWhen: { lo: 3.5, hi: null } });
    expect(
      read(
        'is the Cornell Product calculated on this ECG greater than 0.244mV*s? Note that the Cornell Product is calculated as the sum of the S amplitude in lead V3 and the R amplitude in lead aVL, multiplied by the QRS duration in seconds.',
      ),
    ).toMatchObject({ quantity: 'cornell_product', unit: 'mV*s', holdsWhen: { lo: 0.244 } });
  });

  it('per-lead findings: the group, how many leads, per-lead ST thresholds from the note', () => {
    expect(
      readStatedFinding(
        `${R}does this ECG show ST-segment depression in at least two of the anterior leads, including leads V2, V3, and V4? Note that ST depression is defined as a depression of the J-point greater than 0.1mV (1mm) in lead V2, and greater than 0.07mV (0.7mm) in leads V3 and V4.`,
      ),
    ).toEqual({
      kind: 'per-lead',
      finding: 'st_depression',
      leads: ['V2', 'V3', 'V4'],
      minLeads: 2,
      stThresholdMv: { V2: 0.1, V3: 0.07, V4: 0.07 },
      q: null,
    });
    expect(
      readStatedFinding(
        `${R}does this ECG show ST elevation in at least two of the anterior leads, including leads V1, V2, V3, and V4? Note that ST elevation is defined as an elevation of the J-point greater than 0.1mV (1mm) in these leads.`,
      ),
    ).toMatchObject({
      finding: 'st_elevation',
      stThresholdMv: { V1: 0.1, V2: 0.1, V3: 0.1, V4: 0.1 },
    });
    expect(
      readStatedFinding(
        `${R}does this ECG show pathological Q waves in at least two of the anterior leads, including leads V1, V2, V3, and V4?${NOTE_Q_AMI}`,
      ),
    ).toMatchObject({
      finding: 'pathological_q',
      q: { minMs: 30, depth: { mv: 0.075, fraction: null } },
    });
    expect(
      readStatedFinding(
        `${R}does this ECG show pathological Q waves in at least two of the inferior leads, including leads II, III, and aVF?${NOTE_Q_IMI}`,
      ),
    ).toMatchObject({
      leads: ['II', 'III', 'aVF'],
      q: { minMs: 30, depth: { mv: null, fraction: 0.2 } },
    });
    // The demo's wording bounds the depth only: no duration threshold.
    expect(
      readStatedFinding(
        `${R}does this ECG show pathological Q waves (deeper than 0.1 mV and at least a quarter of the R wave) in at least two of leads II, III and aVF?`,
      ),
    ).toMatchObject({ q: { minMs: 0, depth: { mv: 0.1, fraction: 0.25 } } });
    // A group named by region alone, and "any of".
    expect(
      readStatedFinding(
        `${R}does this ECG show an LV strain, characterized by ST depression with T wave inversion, in any of the lateral leads (I, aVL, V5, and V6)?`,
      ),
    ).toMatchObject({ finding: 'lv_strain', leads: ['I', 'aVL', 'V5', 'V6'], minLeads: 1 });
    expect(
      readStatedFinding(
        `${R}does this ECG show dominant S waves in leads V1 and V2, where the amplitude of the negative deflection in the QRS complex is greater than the amplitude of the positive deflection?`,
      ),
    ).toMatchObject({ finding: 'dominant_s', leads: ['V1', 'V2'], minLeads: 2 });
    expect(
      readStatedFinding(`${R}does this ECG show a qR pattern in any of leads I and aVL?`),
    ).toMatchObject({
      finding: 'qr_pattern',
      leads: ['I', 'aVL'],
      minLeads: 1,
    });
  });

  it('findings the engine cannot judge read as null', () => {
    for (const q of [
      "does this ECG show an RSR' pattern in lead V1 or V2, where there is an additional positive deflection (r' or R') following the initial r or R wave?",
      'does this ECG show notched QRS complexes in any of the lateral leads, including leads I, aVL, V5, and V6?',
      'is the ventricular rhythm (the RR intervals) regular on this ECG?',
      'for the QRS complex in the selected segment, is the QRS duration prolonged significantly compared to the normal beats on this ECG?',
    ])
      expect(readStatedFinding(R + q), q).toBeNull();
  });

  it('reads every ptbxl.jsonl finding wording the templates give a number or a lead group for', () => {
    const kinds = new Map<string, number>();
    for (const line of readFileSync(PTBXL_JSONL, 'utf8').split('\n')) {
      if (!line) continue;
      const sample = JSON.parse(line) as {
        data: { reasoning: { finding_identification: { question: string } }[] };
      };
      for (const step of sample.data.reasoning) {
        const f = readStatedFinding(step.finding_identification.question);
        const key = f === null ? 'null' : f.kind === 'record' ? f.quantity : f.finding;
        kinds.set(key, (kinds.get(key) ?? 0) + 1);
      }
    }
    // Counts of templates.md's chains: each wording read the same way every time it occurs.
    expect(Object.fromEntries(kinds)).toMatchObject({
      pr_interval: 182,
      qrs_duration: 400,
      heart_rate: 111,
      qrs_axis: 174 + 93 + 66 + 70,
      r_amplitude: 200 + 38,
      sokolow_lyon: 200,
      cornell_product: 200,
      st_elevation: 600,
      st_depression: 600,
      t_inversion: 489,
      lv_strain: 111,
      pathological_q: 482,
      dominant_s: 175,
      dominant_r: 36,
      monophasic_r: 150,
      // LAFB, LPFB, and CRBBB's "broad monophasic R waves or qR pattern in lead V1".
      qr_pattern: 146 + 39 + 58,
      rs_pattern: 172,
    });
  });

  it('tells the LVH "larger R" lead question', () => {
    expect(
      asksLargerR(
        'Which of the following leads show the larger R amplitude? Select the lead from the options below.',
      ),
    ).toBe(true);
    expect(asksLargerR('Which of the following leads show ST elevation?')).toBe(false);
  });
});

describe("the engine's numbers for a finding", () => {
  const m = measurementsWith(beatsAt([0.5, 1.5, 2.5]));
  it('record values: the median beat, Sokolow-Lyon and Cornell from lead amplitudes', () => {
    const value = (q: string) => {
      const f = readStatedFinding(R + q);
      if (f?.kind !== 'record') throw new Error('not a record finding');
      return recordFindingValue(f, m);
    };
    expect(value('is the PR interval prolonged? ... greater than 200 milliseconds.')).toEqual({
      value: 150,
      note: null,
    });
    expect(value('is the maximum R amplitude in lead aVL greater than 1.1mV?')).toEqual({
      value: 0.55,
      note: null,
    });
    // S(V1) 1.05 + R(V5) 1.85; V6 not in the record.
    expect(
      value(
        'is the sum of the maximum S amplitude in lead V1 and the maximum R amplitude in lead V5 or V6 greater than 3.5mV?',
      ),
    ).toEqual({ value: 2.9, note: null });
    expect(value('is the Cornell Product calculated on this ECG greater than 0.244mV*s?')).toEqual({
      value: null,
      note: 'R in aVL, S in V3 or the QRS duration not measured',
    });
  });

  it("a lead's numbers: the deepest negative deflection is an S, or the Q of a QS", () => {
    expect(leadParts(m, 'V1')).toMatchObject({ rMv: 0.25, sMv: 1.05, negativeMv: 1.05 });
    const qs = { ...m, leads: { V1: { ...m.leads['V1']!, rMv: 0.01, sMv: 0, qMs: 90, qMv: 0.9 } } };
    expect(leadParts(qs, 'V1')?.negativeMv).toBe(0.9);
    expect(leadParts(m, 'V6')).toBeNull();
  });
});

describe('P and T peaks in a window (how distractors are read)', () => {
  // R peaks at 0.5, 1.5, 2.5 s: P peaks 0.11 s before each QRS onset; T peaks 0.25 s after R (median).
  const m = {
    beats: beatsAt([0.5, 1.5, 2.5]),
    medianBeat: { tPeakMs: 250, pPeakMs: -160 } as never,
  };
  it('finds the beat whose P or T peaks inside, never through a QRS', () => {
    expect(wavePeaksIn('p', { startS: 1.3, endS: 1.4 }, m)).toEqual([1]);
    expect(wavePeaksIn('t', { startS: 1.7, endS: 1.8 }, m)).toEqual([1]);
    expect(wavePeaksIn('st_t', { startS: 0.6, endS: 0.8 }, m)).toEqual([0]);
    expect(wavePeaksIn('t', { startS: 1.1, endS: 1.2 }, m)).toEqual([]);
    // A window holding a QRS holds no P or T in this reading.
    expect(wavePeaksIn('p', { startS: 1.3, endS: 1.6 }, m)).toEqual([]);
  });
});
