import { describe, expect, it } from 'vitest';
import type { DenseLabel } from '../../schemas/dense-label';
import { axisValue, findingsCount } from './label-axes';
import { classScores, labelReport, majorityValue } from './label-metrics';
import {
  conductionFromMeasurements,
  majorityLabel,
  predictFromMeasurements,
} from './measurement-predictor';

const normal: DenseLabel = {
  rate: 'normal',
  rhythm: 'sinus',
  axis: 'normal',
  conduction: ['none'],
  ischemia: { stage: 'none', territory: ['none'] },
  other_findings: [],
  diagnosis: 'normal ECG',
};
const label = (over: Partial<DenseLabel>): DenseLabel => ({ ...normal, ...over });

describe('axis values and findings per ECG', () => {
  it('reads sets as one sorted class and an empty other_findings as none', () => {
    expect(axisValue(label({ conduction: ['lafb', 'first_degree_av_block'] }), 'conduction')).toBe(
      'first_degree_av_block+lafb',
    );
    expect(axisValue(normal, 'other_findings')).toBe('none');
    expect(
      axisValue(label({ ischemia: { stage: 'old', territory: ['inferior'] } }), 'ischemia_stage'),
    ).toBe('old');
  });

  it('counts non-normal findings', () => {
    expect(findingsCount(normal)).toBe(0);
    expect(
      findingsCount(
        label({
          rate: 'bradycardia',
          axis: 'left',
          conduction: ['first_degree_av_block', 'lafb'],
          ischemia: { stage: 'old', territory: ['inferior', 'lateral'] },
          other_findings: ['pvc'],
        }),
      ),
    ).toBe(6);
  });
});

describe('class scores', () => {
  it('computes accuracy, macro-F1 over the classes present, and the confusion matrix', () => {
    const s = classScores(['a', 'a', 'b', 'c'], ['a', 'b', 'b', 'b']);
    expect(s.accuracy).toBe(0.5);
    expect(s.classes).toEqual(['a', 'b', 'c']);
    expect(s.confusion).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [0, 1, 0],
    ]);
    // F1 a = 2/3, b = 2*1/(2+2+0) = 0.5, c = 0.
    expect(s.macroF1).toBeCloseTo((2 / 3 + 0.5 + 0) / 3, 12);
  });

  it('picks the most common value, ties in sorted order', () => {
    expect(majorityValue(['b', 'a', 'b', 'a', 'c'])).toBe('a');
    expect(majorityValue(['c', 'c', 'a'])).toBe('c');
  });
});

describe('labelReport', () => {
  it('scores each axis beside its majority baseline, groups measurement and waveform axes', () => {
    const truth = new Map([
      ['ptbxl/1', normal],
      ['ptbxl/2', normal],
      ['ptbxl/3', label({ rate: 'tachycardia', rhythm: 'atrial_fibrillation' })],
      ['ptbxl/4', normal],
    ]);
    const predicted = new Map([
      ['ptbxl/1', normal],
      ['ptbxl/2', label({ rate: 'tachycardia' })],
      ['ptbxl/3', label({ rate: 'tachycardia' })],
      ['ptbxl/5', normal],
    ]);
    const report = labelReport(truth, predicted);
    expect(report.scored).toBe(3);
    expect(report.unpredicted).toEqual(['ptbxl/4']);
    expect(report.withoutTruth).toEqual(['ptbxl/5']);
    const rate = report.axes.find((a) => a.axis === 'rate')!;
    expect(rate).toMatchObject({
      group: 'measurement',
      n: 3,
      accuracy: 2 / 3,
      majorityValue: 'normal',
      majorityAccuracy: 2 / 3,
    });
    // Majority always "normal": F1 normal = 2*2/(2*2+1+0) = 0.8, tachycardia 0.
    expect(rate.majorityMacroF1).toBeCloseTo(0.4, 12);
    const rhythm = report.axes.find((a) => a.axis === 'rhythm')!;
    expect(rhythm.group).toBe('waveform');
    expect(rhythm.accuracy).toBe(2 / 3);
    expect(report.findings.truth).toEqual({ 0: 2, 2: 1 });
    expect(report.findings.predicted).toEqual({ 0: 1, 1: 2 });
  });
});

describe('measurements-only reference predictor', () => {
  const m = {
    heartRateBpm: 45,
    qrsAxisDeg: -60,
    qrsDurationMs: 130,
    prIntervalMs: 230,
    qtcBazettMs: 430,
    qtcFridericiaMs: 420,
    sex: null,
  } as const;

  it('reads rate, axis and threshold conduction values from the numbers', () => {
    expect(conductionFromMeasurements(m)).toEqual(['first_degree_av_block', 'ivcd', 'lafb']);
    expect(
      conductionFromMeasurements({ ...m, qrsAxisDeg: 120, qrsDurationMs: 90, prIntervalMs: 150 }),
    ).toEqual(['lpfb']);
    expect(
      conductionFromMeasurements({ ...m, qrsAxisDeg: 30, qrsDurationMs: 119, prIntervalMs: 200 }),
    ).toEqual(['none']);
  });

  it('takes the majority value where the numbers say nothing', () => {
    const majority = majorityLabel([
      label({ rhythm: 'atrial_fibrillation', other_findings: ['pvc'] }),
      label({ rhythm: 'atrial_fibrillation', other_findings: ['pvc'] }),
      normal,
    ]);
    expect(majority.rhythm).toBe('atrial_fibrillation');
    expect(majority.other_findings).toEqual(['pvc']);
    const p = predictFromMeasurements(m, majority);
    expect(p).toMatchObject({
      rate: 'bradycardia',
      axis: 'left',
      rhythm: 'atrial_fibrillation',
      conduction: ['first_degree_av_block', 'lafb', 'ivcd'],
      other_findings: ['pvc'],
    });
    const unmeasured = predictFromMeasurements(
      { ...m, heartRateBpm: null, qrsAxisDeg: null },
      majority,
    );
    expect([unmeasured.rate, unmeasured.axis]).toEqual(['normal', 'normal']);
  });
});
