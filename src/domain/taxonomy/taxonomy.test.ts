import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TargetDx } from '../../schemas/benchmark-sample';
import { TARGET_DX } from '../../schemas/benchmark-sample';
import type { DenseLabel } from '../../schemas/dense-label';
import type { LabelMeasurements } from './label-checks';
import { axisClass, checkLabelAgainstMeasurements, rateClass } from './label-checks';
import { proposeDiagnosis } from './propose-diagnosis';
import {
  CONDUCTION_CODES,
  FINDING_CODES,
  INFARCT_CODES,
  INJURY_CODES,
  ISCHEMIA_CODES,
  draftLabelFromPtbxl,
} from './ptbxl-prefill';
import { TARGET_DX_IN_LABEL, sampleLabelDisagreement } from './sample-agreement';
import { validateDenseLabel } from './validate-label';

const shared = resolve(import.meta.dirname, '../../../../shared/data');

/** Minimal RFC 4180 reader (quoted fields with commas and doubled quotes). */
function readCsv(path: string): Record<string, string>[] {
  const text = readFileSync(path, 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  const [head, ...body] = rows;
  return body
    .filter((r) => r.length === head!.length)
    .map((r) => Object.fromEntries(head!.map((h, k) => [h, r[k]!])));
}

const base: DenseLabel = {
  rate: 'normal',
  rhythm: 'sinus',
  axis: 'normal',
  conduction: ['none'],
  ischemia: { stage: 'none', territory: ['none'] },
  other_findings: [],
  diagnosis: 'sinus rhythm',
};

const none: LabelMeasurements = {
  heartRateBpm: null,
  qrsAxisDeg: null,
  qrsDurationMs: null,
  prIntervalMs: null,
  qtcBazettMs: null,
  qtcFridericiaMs: null,
  sex: null,
};

describe('measurement checks while a label is written', () => {
  it('classifies rate and axis at the documented thresholds', () => {
    expect([59, 60, 100, 101].map(rateClass)).toEqual([
      'bradycardia',
      'normal',
      'normal',
      'tachycardia',
    ]);
    expect([-30, 90, -31, -90, 91, 180, -91, -180].map(axisClass)).toEqual([
      'normal',
      'normal',
      'left',
      'left',
      'right',
      'right',
      'extreme',
      'extreme',
    ]);
  });

  it('is silent when nothing was measured or everything agrees', () => {
    expect(checkLabelAgainstMeasurements(base, none)).toEqual([]);
    expect(
      checkLabelAgainstMeasurements(base, {
        ...none,
        heartRateBpm: 72,
        qrsAxisDeg: 40,
        qrsDurationMs: 90,
        prIntervalMs: 160,
      }),
    ).toEqual([]);
  });

  const cases: [string, Partial<DenseLabel>, Partial<LabelMeasurements>, string, string][] = [
    [
      'rate',
      {},
      { heartRateBpm: 48 },
      'rate-vs-heart-rate',
      'measured heart rate 48 bpm is bradycardia',
    ],
    ['axis', {}, { qrsAxisDeg: -60 }, 'axis-vs-measured-axis', 'measured QRS axis -60 deg is left'],
    [
      'lbbb',
      { conduction: ['lbbb'] },
      { qrsDurationMs: 104 },
      'lbbb-needs-wide-qrs',
      'lbbb needs QRS >= 120 ms; measured 104 ms',
    ],
    [
      'ivcd',
      { conduction: ['ivcd'] },
      { qrsDurationMs: 119.4 },
      'ivcd-needs-wide-qrs',
      'measured 119 ms',
    ],
    [
      'wide QRS with conduction none',
      { conduction: ['none'] },
      { qrsDurationMs: 148 },
      'wide-qrs-without-block',
      'measured QRS 148 ms is wide (>= 120 ms), but conduction names no lbbb',
    ],
    [
      'incomplete rbbb',
      { conduction: ['incomplete_rbbb'] },
      { qrsDurationMs: 105 },
      'incomplete-rbbb-needs-qrs-110-119',
      'needs QRS 110-119 ms',
    ],
    [
      'first degree',
      { conduction: ['first_degree_av_block'] },
      { prIntervalMs: 200 },
      'first-degree-av-block-needs-long-pr',
      'needs PR > 200 ms; measured 200 ms',
    ],
    [
      'PR block in AF',
      { rhythm: 'atrial_fibrillation', conduction: ['first_degree_av_block'] },
      {},
      'pr-block-without-p-waves',
      'which atrial_fibrillation does not have',
    ],
    [
      'lafb',
      { axis: 'left', conduction: ['lafb'] },
      { qrsAxisDeg: -40 },
      'lafb-needs-axis-minus-45',
      'measured -40 deg',
    ],
    [
      'lpfb',
      { axis: 'normal', conduction: ['lpfb'] },
      { qrsAxisDeg: 85 },
      'lpfb-needs-axis-over-90',
      'above +90 deg; measured 85 deg',
    ],
    [
      'long qt female',
      { other_findings: ['long_qt'] },
      { qtcBazettMs: 455, qtcFridericiaMs: 440, sex: 'female' },
      'long-qt-needs-long-qtc',
      'needs QTc > 460 ms (female); measured Bazett 455 ms (Fridericia 440 ms)',
    ],
  ];

  it.each(cases)('%s', (_name, labelPatch, measured, id, fragment) => {
    const checks = checkLabelAgainstMeasurements(
      { ...base, ...labelPatch },
      { ...none, ...measured },
    );
    expect(checks.map((c) => c.id)).toEqual([id]);
    expect(checks[0]!.message).toContain(fragment);
  });

  it('uses 450 ms for men', () => {
    const label = { ...base, other_findings: ['long_qt'] } as DenseLabel;
    expect(
      checkLabelAgainstMeasurements(label, { ...none, qtcBazettMs: 455, sex: 'male' }),
    ).toEqual([]);
    expect(
      checkLabelAgainstMeasurements(label, { ...none, qtcBazettMs: 450, sex: 'male' }),
    ).toHaveLength(1);
  });
});

describe('PTB-XL draft labels', () => {
  it('drafts the documented example {"IMI": 100, "LAFB": 100, "SR": 0}', () => {
    const draft = draftLabelFromPtbxl({
      scpCodes: { IMI: 100, LAFB: 100, SR: 0 },
      heartAxis: 'LAD',
      infarctionStadium1: 'Stadium III',
    });
    expect(draft.draft).toBe(true);
    expect(draft.label).toMatchObject({
      rhythm: 'sinus',
      axis: 'left',
      conduction: ['lafb'],
      ischemia: { stage: 'old', territory: ['inferior'] },
      other_findings: [],
      diagnosis: 'sinus rhythm, left axis deviation, LAFB, old inferior MI',
    });
    expect(draft.notes).toEqual([
      'no rate statement; rate drafted as normal - confirm with the measured heart rate',
    ]);
  });

  it('prefers the likelier rhythm and uses the measured axis when heart_axis defers to it', () => {
    const draft = draftLabelFromPtbxl(
      { scpCodes: { AFLT: 100, AFIB: 0 }, heartAxis: 'AXR', infarctionStadium1: null },
      { qrsAxisDeg: 120 },
    );
    expect(draft.label.rhythm).toBe('atrial_flutter');
    expect(draft.label.axis).toBe('right');
  });

  it('says which axis note applies when nothing measured is given', () => {
    const none = draftLabelFromPtbxl({
      scpCodes: { SR: 100 },
      heartAxis: null,
      infarctionStadium1: null,
    });
    expect(none.label.axis).toBe('normal');
    expect(none.notes).toContain(
      'no heart_axis; axis drafted as normal - confirm with the measured axis',
    );
    const deferred = draftLabelFromPtbxl({
      scpCodes: { SR: 100 },
      heartAxis: 'AXR',
      infarctionStadium1: null,
    });
    expect(deferred.notes).toContain(
      'heart_axis AXR defers to the measured axis; axis drafted as normal - confirm with the measured axis',
    );
  });

  it('maps only codes that PTB-XL defines', () => {
    const defined = new Set(
      readCsv(resolve(shared, 'ecg/ptbxl/scp_statements.csv')).map((r) => r['']),
    );
    const mapped = [
      ...Object.keys(CONDUCTION_CODES),
      ...Object.keys(INFARCT_CODES),
      ...Object.keys(ISCHEMIA_CODES),
      ...Object.keys(INJURY_CODES),
      ...Object.keys(FINDING_CODES),
      'SR',
      'SARRH',
      'AFIB',
      'AFLT',
      'SVTAC',
      'PSVT',
      'PACE',
      'SBRAD',
      'STACH',
    ];
    expect(defined.size).toBe(71);
    expect(mapped.filter((code) => !defined.has(code))).toEqual([]);
  });

  it('drafts a valid dense label for every real PTB-XL metadata row', () => {
    const rows = [
      ...readCsv(resolve(shared, 'ecg/ptbxl/ptbxl_database.csv')),
      ...readCsv(resolve(shared, 'ecg/ptbxl-metadata-ecg_exp/ptbxl_database.csv')),
    ];
    expect(rows.length).toBeGreaterThan(3000);
    for (const row of rows) {
      const draft = draftLabelFromPtbxl(statementsOf(row));
      const checked = validateDenseLabel(draft.label);
      expect(checked.problems, row.ecg_id).toEqual([]);
    }
  });

  it('agrees with the benchmark samples about the same ECGs', () => {
    const rows = new Map<string, Record<string, string>>();
    for (const file of [
      'ecg/ptbxl/ptbxl_database.csv',
      'ecg/ptbxl-metadata-ecg_exp/ptbxl_database.csv',
    ]) {
      for (const row of readCsv(resolve(shared, file))) rows.set(String(Number(row.ecg_id)), row);
    }
    const samples = readFileSync(resolve(shared, 'benchmark/ptbxl.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map(
        (l) =>
          JSON.parse(l) as {
            metadata: { id: number; ecg_id: string; target_dx: TargetDx; dx_label: boolean };
          },
      );
    const tally = new Map<TargetDx, { agree: number; total: number }>();
    for (const s of samples) {
      const row = rows.get(s.metadata.ecg_id);
      if (!row) continue;
      const label = draftLabelFromPtbxl(statementsOf(row)).label;
      const t = tally.get(s.metadata.target_dx) ?? { agree: 0, total: 0 };
      t.total++;
      if (sampleLabelDisagreement(s.metadata, label) === null) t.agree++;
      tally.set(s.metadata.target_dx, t);
    }
    const total = [...tally.values()].reduce((n, t) => n + t.total, 0);
    const agree = [...tally.values()].reduce((n, t) => n + t.agree, 0);
    expect(total).toBeGreaterThan(400);
    expect(agree / total).toBeGreaterThan(0.9);
    // Statement codes map one to one onto conduction and finding values, so those must agree.
    for (const dx of TARGET_DX.filter((d) => !d.endsWith('_ischemia'))) {
      const t = tally.get(dx);
      if (t) expect(t.agree / t.total, dx).toBeGreaterThanOrEqual(0.95);
    }
  });
});

function statementsOf(row: Record<string, string>) {
  return {
    scpCodes: JSON.parse(row.scp_codes!.replace(/'/g, '"')) as Record<string, number>,
    heartAxis: row.heart_axis || null,
    infarctionStadium1: row.infarction_stadium1 || null,
  };
}

describe('sample vs label agreement', () => {
  it('names the disagreement in both directions', () => {
    const lbbb = { ...base, conduction: ['lbbb'] } as DenseLabel;
    expect(
      sampleLabelDisagreement(
        { id: 7, target_dx: 'complete_left_bundle_branch_block', dx_label: true },
        base,
      ),
    ).toBe(
      'benchmark sample 7 says this ECG has complete_left_bundle_branch_block, but the label lacks conduction lbbb',
    );
    expect(
      sampleLabelDisagreement(
        { target_dx: 'complete_left_bundle_branch_block', dx_label: false },
        lbbb,
      ),
    ).toContain(
      'does not have complete_left_bundle_branch_block, but the label has conduction lbbb',
    );
    expect(
      sampleLabelDisagreement(
        { target_dx: 'complete_left_bundle_branch_block', dx_label: true },
        lbbb,
      ),
    ).toBeNull();
  });

  it('covers all 17 target diagnoses', () => {
    expect(Object.keys(TARGET_DX_IN_LABEL).sort()).toEqual([...TARGET_DX].sort());
  });

  it('proposes readable diagnoses', () => {
    expect(proposeDiagnosis(base)).toBe('sinus rhythm');
    expect(proposeDiagnosis({ ...base, rate: 'bradycardia', other_findings: ['lvh'] })).toBe(
      'sinus bradycardia, LVH',
    );
    expect(
      proposeDiagnosis({ ...base, rhythm: 'supraventricular_tachycardia', rate: 'tachycardia' }),
    ).toBe('supraventricular tachycardia');
  });
});
