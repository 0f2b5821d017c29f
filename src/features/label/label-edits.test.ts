import { describe, expect, it } from 'vitest';
import type { Measurements } from '../../domain/measure/types';
import type { DraftLabel } from '../../schemas/dense-label';
import { AXIS_SPECS, valueDigit } from './label-axes';
import { checkOverlay, liveChecks } from './label-check-view';
import { editAxis, orderedDraft, proposedDiagnosis } from './label-edits';
import { ALL_ECGS, progressText, visibleRows } from './worklist-view';

const axis = (id: string) => AXIS_SPECS.find((a) => a.id === id)!;

describe('label edits', () => {
  it('keeps "none" alone in sets and the other values in the listed order', () => {
    let label: DraftLabel = {};
    label = editAxis(label, axis('conduction'), 'rbbb');
    label = editAxis(label, axis('conduction'), 'first_degree_av_block');
    expect(label.conduction).toEqual(['first_degree_av_block', 'rbbb']);
    label = editAxis(label, axis('conduction'), 'none');
    expect(label.conduction).toEqual(['none']);
    label = editAxis(label, axis('conduction'), 'lafb');
    expect(label.conduction).toEqual(['lafb']);
    label = editAxis(label, axis('conduction'), 'lafb');
    expect(label.conduction).toEqual([]);
  });

  it('keeps the ischemia pair valid: stage none is territory none; a territory waits for a stage', () => {
    const start: DraftLabel = {};
    expect(editAxis(start, axis('territory'), 'inferior')).toBe(start);
    let label = editAxis(start, axis('stage'), 'old');
    expect(label.ischemia).toEqual({ stage: 'old', territory: [] });
    label = editAxis(label, axis('territory'), 'inferior');
    label = editAxis(label, axis('territory'), 'anterior');
    expect(label.ischemia).toEqual({ stage: 'old', territory: ['anterior', 'inferior'] });
    label = editAxis(label, axis('stage'), 'none');
    expect(label.ischemia).toEqual({ stage: 'none', territory: ['none'] });
    label = editAxis(label, axis('stage'), 'acute');
    expect(label.ischemia).toEqual({ stage: 'acute', territory: [] });
    label = editAxis(label, axis('territory'), 'none');
    expect(label.ischemia).toEqual({ stage: 'none', territory: ['none'] });
  });

  it('proposes the diagnosis once axes 1-7 are set and follows them until the labeller writes', () => {
    let label: DraftLabel = {
      rate: 'normal',
      rhythm: 'sinus',
      axis: 'left',
      conduction: ['none'],
      ischemia: { stage: 'none', territory: ['none'] },
    };
    expect(proposedDiagnosis(label)).toBeNull();
    label = editAxis(label, axis('other_findings'), 'lvh');
    expect(label.diagnosis).toBe(proposedDiagnosis(label));
    expect(label.diagnosis).toMatch(/left axis/);
    label = editAxis(label, axis('axis'), 'normal');
    expect(label.diagnosis).not.toMatch(/left axis/);
    label = { ...label, diagnosis: 'my own words' };
    label = editAxis(label, axis('rate'), 'tachycardia');
    expect(label.diagnosis).toBe('my own words');
    expect(Object.keys(orderedDraft({ diagnosis: 'x', rate: 'normal', axis: 'left' }))).toEqual([
      'rate',
      'axis',
      'diagnosis',
    ]);
  });

  it('numbers values 1-9 then 0, the rest by type-ahead', () => {
    expect([0, 8, 9, 10].map(valueDigit)).toEqual(['1', '9', '0', null]);
    expect(new Set(AXIS_SPECS.map((a) => a.name)).size).toBe(7);
  });
});

/** Measurements as the engine returns them, with only what the checks read. */
function measured(qrsMs: number, beats = 3): Measurements {
  const value = (v: number | null, unit: 'ms' | 'bpm' | 'deg') => ({
    value: v,
    unit,
    from: { beats: [], leads: [], method: 'test' },
  });
  return {
    recordName: 't',
    fsHz: 500,
    durationS: 10,
    leadsUsed: ['I', 'II'],
    beats: Array.from({ length: beats }, (_, i) => ({
      index: i,
      rPeakS: 1 + i,
      qrsOnsetS: 0.95 + i,
      qrsOffsetS: 0.95 + i + qrsMs / 1000,
      qrsMs,
      pOnsetS: 0.8 + i,
      pPeakS: null,
      pOffsetS: null,
      prMs: 150,
      tOnsetS: null,
      tPeakS: null,
      tOffsetS: 1.3 + i,
      rrBeforeMs: null,
      prematurity: null,
      morphologyCorrelation: 1,
      premature: false,
      origin: null,
      qrsAxisDeg: 40,
      leads: {},
      nonConductedP: null,
    })),
    dominantBeats: Array.from({ length: beats }, (_, i) => i),
    medianBeat: null,
    global: {
      heartRate: value(60, 'bpm'),
      rrMean: value(1000, 'ms'),
      rrMin: value(1000, 'ms'),
      rrMax: value(1000, 'ms'),
      rrSd: value(0, 'ms'),
      pr: value(150, 'ms'),
      qrs: { ...value(qrsMs, 'ms'), from: { beats: [0, 1, 2], leads: ['II'], method: 'test' } },
      qt: value(400, 'ms'),
      qtcBazett: value(400, 'ms'),
      qtcFridericia: value(400, 'ms'),
      qrsAxis: value(40, 'deg'),
      pAxis: value(null, 'deg'),
      tAxis: value(null, 'deg'),
    },
    leads: {},
    atrial: { waves: [], associated: true, rate: value(60, 'bpm') },
    notes: [],
  };
}

describe('live checks', () => {
  it('say nothing about axes not written yet, and tie a QRS check to the label and value', () => {
    const wide = measured(146);
    expect(liveChecks({}, wide, null, [])).toEqual([]);
    const [check] = liveChecks({ conduction: ['none'] }, wide, null, []);
    expect(check).toMatchObject({
      id: 'wide-qrs-without-block',
      measuredText: 'QRS duration 146 ms',
      measuredKey: 'qrs',
    });
    const other = liveChecks({ conduction: ['none'], rhythm: 'junctional' }, wide, null, [])[0];
    expect(other?.fingerprint).not.toBe(check?.fingerprint);
    expect(liveChecks({ conduction: ['lbbb'] }, wide, null, [])).toEqual([]);
  });

  it('flags a sample about the ECG that disagrees with a complete label', () => {
    const label: DraftLabel = {
      rate: 'normal',
      rhythm: 'sinus',
      axis: 'normal',
      conduction: ['none'],
      ischemia: { stage: 'none', territory: ['none'] },
      other_findings: [],
    };
    const sample = {
      id: 'p',
      sampleId: 7,
      targetDx: 'complete_left_bundle_branch_block' as const,
      dxLabel: true,
      pathIdx: 0,
      status: 'active',
    };
    const checks = liveChecks(label, null, null, [sample]);
    expect(checks).toEqual([
      expect.objectContaining({ id: 'sample-7-disagrees', axis: 'conduction' }),
    ]);
  });

  it('draws what a value was measured from: one band per beat on its leads', () => {
    const overlay = checkOverlay('qrs', measured(120));
    expect(overlay.bands).toHaveLength(3);
    expect(overlay.bands[0]).toMatchObject({ startS: 0.95, leads: ['II'], label: '120 ms' });
    expect(overlay.highlights).toEqual([{ lead: 'II', role: 'selected' }]);
  });
});

describe('worklist view', () => {
  const row = (ecgId: string, myStatus: 'none' | 'draft' | 'submitted', openChecks = 0) => ({
    id: ecgId,
    source: 'ptbxl' as const,
    ecgId,
    recordAvailable: true,
    myStatus,
    othersLabels: 0,
    samples: 0,
    openChecks,
  });
  const rows = [row('100', 'none'), row('9', 'submitted'), row('20', 'draft', 2)];

  it('filters and sorts by numeric ecg id, status or checks; counts progress', () => {
    expect(visibleRows(rows, ALL_ECGS, 'ecg').map((r) => r.ecgId)).toEqual(['9', '20', '100']);
    expect(visibleRows(rows, ALL_ECGS, 'checks')[0]?.ecgId).toBe('20');
    expect(visibleRows(rows, { ...ALL_ECGS, mine: 'none' }, 'ecg')).toEqual([rows[0]]);
    expect(visibleRows(rows, { ...ALL_ECGS, search: '2' }, 'ecg')).toEqual([rows[2]]);
    expect(progressText(rows)).toBe('1 of 3 labelled');
  });
});
