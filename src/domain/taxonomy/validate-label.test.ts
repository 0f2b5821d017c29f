import { describe, expect, it } from 'vitest';
import type { DenseLabelLine } from '../../schemas/dense-label';
import { CONDUCTIONS, OTHER_FINDINGS, TERRITORIES } from '../../schemas/dense-label';
import { formatProblem } from '../../schemas/issues';
import { TEXT_LIMITS } from '../../schemas/text-limits';
import { serializeDenseLabelLine } from './serialize-label';
import {
  LABEL_RULES,
  validateDenseLabel,
  validateDenseLabelLine,
  validateLabelContent,
} from './validate-label';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Raw = any;

// The example from taxonomy.md, as a label-file line.
const docsLine = (): Raw => ({
  data_source: 'ptbxl',
  ecg_id: '21472',
  label: {
    rate: 'normal',
    rhythm: 'sinus',
    axis: 'left',
    conduction: ['none'],
    ischemia: { stage: 'old', territory: ['inferior'] },
    other_findings: [],
    diagnosis: 'old inferior MI, left axis deviation',
  },
});

interface Case {
  name: string;
  edit: (line: Raw) => Raw | void;
  rule: string;
  path: string;
  fragment: string;
  severity?: 'error' | 'warning';
}

const cases: Case[] = [
  {
    name: 'a diagnosis over the length limit',
    edit: (l) => void (l.label.diagnosis = 'd'.repeat(TEXT_LIMITS.diagnosis + 1)),
    rule: 'text-too-long',
    path: 'label.diagnosis',
    fragment: `expected at most ${TEXT_LIMITS.diagnosis} characters, found ${TEXT_LIMITS.diagnosis + 1}`,
  },
  {
    name: 'missing axis',
    edit: (l) => void delete l.label.rhythm,
    rule: 'missing-key',
    path: 'label.rhythm',
    fragment: 'missing - expected one of sinus, sinus_arrhythmia, atrial_fibrillation',
  },
  {
    name: 'missing ischemia territory',
    edit: (l) => void delete l.label.ischemia.territory,
    rule: 'missing-key',
    path: 'label.ischemia.territory',
    fragment: 'missing - expected a list of one of none, anterior',
  },
  {
    name: 'unknown key in the label',
    edit: (l) => void (l.label.qt_ms = 420),
    rule: 'unknown-key',
    path: 'label',
    fragment:
      'unknown key "qt_ms" - the format allows only rate, rhythm, axis, conduction, ischemia, other_findings, diagnosis',
  },
  {
    name: 'unknown key in the line',
    edit: (l) => void (l.comment = 'x'),
    rule: 'unknown-key',
    path: '',
    fragment:
      'unknown key "comment" - the format allows only data_source, ecg_id, label, labeller, status',
  },
  {
    name: 'unknown key in ischemia',
    edit: (l) => void (l.label.ischemia.age = 'old'),
    rule: 'unknown-key',
    path: 'label.ischemia',
    fragment: 'unknown key "age" - the format allows only stage, territory',
  },
  {
    name: 'rate not in the list',
    edit: (l) => void (l.label.rate = 'fast'),
    rule: 'axis-value',
    path: 'label.rate',
    fragment: 'expected one of bradycardia, normal, tachycardia, found "fast"',
  },
  {
    name: 'conduction value misspelled',
    edit: (l) => void (l.label.conduction = ['lbbbb']),
    rule: 'axis-value',
    path: 'label.conduction[0]',
    fragment: 'found "lbbbb"',
  },
  {
    name: 'conduction as one text',
    edit: (l) => void (l.label.conduction = 'none'),
    rule: 'wrong-type',
    path: 'label.conduction',
    fragment: 'expected a list of one of none, first_degree_av_block',
  },
  {
    name: 'empty conduction',
    edit: (l) => void (l.label.conduction = []),
    rule: 'set-empty',
    path: 'label.conduction',
    fragment: 'expected at least one value ("none" when there is nothing), found an empty list',
  },
  {
    name: 'repeated finding',
    edit: (l) => void (l.label.other_findings = ['lvh', 'lvh']),
    rule: 'set-repeat',
    path: 'label.other_findings[1]',
    fragment: 'expected each value once, found "lvh" again (also at [0])',
  },
  {
    name: 'none with a block',
    edit: (l) => void (l.label.conduction = ['none', 'lbbb']),
    rule: 'none-alone',
    path: 'label.conduction',
    fragment: 'expected "none" alone or no "none", found ["none","lbbb"]',
  },
  {
    name: 'set out of order',
    edit: (l) => void (l.label.conduction = ['rbbb', 'first_degree_av_block']),
    rule: 'set-order',
    path: 'label.conduction',
    fragment: 'expected the listed order ["first_degree_av_block","rbbb"]',
    severity: 'warning',
  },
  {
    name: 'stage none with a territory',
    edit: (l) => void (l.label.ischemia.stage = 'none'),
    rule: 'ischemia-none',
    path: 'label.ischemia.territory',
    fragment: 'expected ["none"] because ischemia.stage is "none", found ["inferior"]',
  },
  {
    name: 'old infarct without territory',
    edit: (l) => void (l.label.ischemia.territory = ['none']),
    rule: 'ischemia-none',
    path: 'label.ischemia.territory',
    fragment: 'expected the territory of the old ischemia',
  },
  {
    name: 'blank diagnosis',
    edit: (l) => void (l.label.diagnosis = '  '),
    rule: 'diagnosis-empty',
    path: 'label.diagnosis',
    fragment: 'expected a short clinical summary, found an empty text',
  },
  {
    name: 'labeller given as a name',
    edit: (l) => void (l.labeller = 'Dr Jane Smith'),
    rule: 'labeller-id',
    path: 'labeller',
    fragment: 'expected a labeller id without spaces (an id, not a name), found "Dr Jane Smith"',
  },
  {
    name: 'unknown status',
    edit: (l) => void (l.status = 'final'),
    rule: 'label-status',
    path: 'status',
    fragment: 'expected "draft" or "submitted", found "final"',
  },
  {
    name: 'ecg_id with letters',
    edit: (l) => void (l.ecg_id = 'A21472'),
    rule: 'digit-string',
    path: 'ecg_id',
    fragment: 'expected a text of digits such as "21472", found "A21472"',
  },
  {
    name: 'unknown data source',
    edit: (l) => void (l.data_source = 'ptb-xl'),
    rule: 'data-source',
    path: 'data_source',
    fragment: 'found "ptb-xl"',
  },
  {
    name: 'keys out of order',
    edit: (l) => ({ ecg_id: l.ecg_id, data_source: l.data_source, label: l.label }),
    rule: 'key-order',
    path: '',
    fragment: 'expected keys in the documented order',
    severity: 'warning',
  },
];

describe('validateDenseLabelLine', () => {
  it('accepts the documented example with no problem, with or without labeller and status', () => {
    expect(validateDenseLabelLine(docsLine())).toEqual({ line: docsLine(), problems: [] });
    const full = { ...docsLine(), labeller: 'u_17', status: 'submitted' };
    expect(validateDenseLabelLine(full).problems).toEqual([]);
  });

  it('covers every label rule, with the severity the catalog lists', () => {
    const covered = new Set([...cases.map((c) => c.rule), 'not-an-object']);
    expect(Object.keys(LABEL_RULES).filter((rule) => !covered.has(rule))).toEqual([]);
    for (const c of cases) {
      expect(LABEL_RULES[c.rule as keyof typeof LABEL_RULES][0], c.name).toBe(
        c.severity ?? 'error',
      );
    }
  });

  it.each(cases)('$name -> $rule', (c) => {
    const line = docsLine();
    const value = c.edit(line) ?? line;
    const { problems, line: parsed } = validateDenseLabelLine(value);
    const hits = problems.filter((p) => p.rule === c.rule);
    expect(hits.length, problems.map(formatProblem).join('\n')).toBe(1);
    expect(hits[0]!.severity).toBe(c.severity ?? 'error');
    expect(hits[0]!.pathText).toBe(c.path);
    expect(hits[0]!.message).toContain(c.fragment);
    const otherErrors = problems.filter((p) => p.rule !== c.rule && p.severity === 'error');
    expect(otherErrors.map(formatProblem)).toEqual([]);
    if (c.severity === 'warning') expect(parsed).not.toBeNull();
  });

  it('rejects values that are not objects', () => {
    for (const value of [null, 'label', [docsLine()], 7]) {
      expect(validateDenseLabelLine(value)).toMatchObject({
        line: null,
        problems: [{ rule: 'not-an-object', severity: 'error' }],
      });
    }
  });

  it('validates a bare label with paths from the label itself', () => {
    const label = docsLine().label;
    expect(validateDenseLabel(label).problems).toEqual([]);
    delete label.axis;
    expect(validateDenseLabel(label).problems).toMatchObject([
      { rule: 'missing-key', pathText: 'axis' },
    ]);
  });
});

describe('validateLabelContent', () => {
  const rulesOf = (value: unknown, status: 'draft' | 'submitted') =>
    validateLabelContent(value, status).problems.map((p) => [p.rule, p.pathText]);

  it('checks a submitted label as a complete dense label', () => {
    expect(rulesOf(docsLine().label, 'submitted')).toEqual([]);
    expect(rulesOf({ ...docsLine().label, diagnosis: ' ' }, 'submitted')).toEqual([
      ['diagnosis-empty', 'diagnosis'],
    ]);
    expect(rulesOf({ rate: 'normal' }, 'submitted').map(([rule]) => rule)).toContain('missing-key');
  });

  it('lets a draft leave axes out or empty, and still refuses what no label may hold', () => {
    expect(rulesOf({}, 'draft')).toEqual([]);
    expect(rulesOf({ conduction: [], diagnosis: '' }, 'draft')).toEqual([]);
    expect(rulesOf({ conduction: ['none', 'lbbb'] }, 'draft')).toEqual([
      ['none-alone', 'conduction'],
    ]);
    expect(rulesOf({ other_findings: ['pvc', 'pvc'] }, 'draft')).toEqual([
      ['set-repeat', 'other_findings[1]'],
    ]);
    expect(rulesOf({ ischemia: { stage: 'none', territory: ['inferior'] } }, 'draft')).toEqual([
      ['ischemia-none', 'ischemia.territory'],
    ]);
    expect(rulesOf({ mood: 'calm' }, 'draft')).toEqual([['unknown-key', '']]);
    expect(rulesOf({ diagnosis: 'd'.repeat(TEXT_LIMITS.diagnosis + 1) }, 'draft')).toEqual([
      ['text-too-long', 'diagnosis'],
    ]);
    expect(rulesOf(['rate'], 'draft')).toEqual([['not-an-object', '']]);
  });
});

describe('serializeDenseLabelLine', () => {
  it('sorts every set in the listed order, drops repeats and orders keys', () => {
    const line: DenseLabelLine = {
      status: 'draft',
      labeller: 'u_3',
      label: {
        diagnosis: 'x',
        other_findings: ['pvc', 'lvh', 'pvc'],
        ischemia: { territory: ['inferior', 'anterior'], stage: 'acute' },
        conduction: ['lafb', 'rbbb'],
        axis: 'left',
        rhythm: 'sinus',
        rate: 'normal',
      },
      ecg_id: '9',
      data_source: 'ptbxl',
    } as DenseLabelLine;
    const text = serializeDenseLabelLine(line);
    expect(text).toBe(
      '{"data_source":"ptbxl","ecg_id":"9","label":{"rate":"normal","rhythm":"sinus","axis":"left",' +
        '"conduction":["rbbb","lafb"],"ischemia":{"stage":"acute","territory":["anterior","inferior"]},' +
        '"other_findings":["lvh","pvc"],"diagnosis":"x"},"labeller":"u_3","status":"draft"}',
    );
    expect(serializeDenseLabelLine(JSON.parse(text))).toBe(text);
    expect(validateDenseLabelLine(JSON.parse(text)).problems).toEqual([]);
  });

  it('gives equal labels equal bytes whatever order their sets were built in', () => {
    const base = docsLine() as DenseLabelLine;
    for (let seed = 1; seed <= 20; seed++) {
      const pick = <T>(values: readonly T[]) => values.filter((_, k) => (k * 7 + seed) % 3 === 0);
      const conduction = pick(CONDUCTIONS.slice(1));
      const territory = pick(TERRITORIES.slice(1));
      const findings = pick(OTHER_FINDINGS);
      const a = {
        ...base,
        label: {
          ...base.label,
          conduction,
          ischemia: { stage: 'acute', territory },
          other_findings: findings,
        },
      } as DenseLabelLine;
      const b = {
        ...base,
        label: {
          ...base.label,
          conduction: [...conduction].reverse(),
          ischemia: { stage: 'acute', territory: [...territory].reverse() },
          other_findings: [...findings].reverse(),
        },
      } as DenseLabelLine;
      expect(serializeDenseLabelLine(a)).toBe(serializeDenseLabelLine(b));
      expect(validateDenseLabelLine(JSON.parse(serializeDenseLabelLine(b))).problems).toEqual([]);
    }
  });
});
