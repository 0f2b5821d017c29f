import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnswerShape, BenchmarkSample } from '../../schemas/benchmark-sample';
import { formatProblem } from '../../schemas/issues';
import { TEXT_LIMITS } from '../../schemas/text-limits';
import { convertSample } from './convert';
import { ordinalSuffix } from './options';
import { SAMPLE_RULE_CATALOG, detectKind, validateSample } from './validate-sample';
import { detectShapeOfSamples } from './answer-shape';

const benchmarkPath = resolve(import.meta.dirname, '../../../../shared/data/benchmark/ptbxl.jsonl');
const lines = readFileSync(benchmarkPath, 'utf8')
  .split('\n')
  .filter((line) => line !== '');

// Loose view of a raw sample, for mutating copies in the crafted cases.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Raw = any;

const raws: Raw[] = lines.map((line) => JSON.parse(line));
const clone = (value: unknown): Raw => JSON.parse(JSON.stringify(value));

function pick(predicate: (s: Raw) => boolean): Raw {
  const found = raws.find(predicate);
  if (!found) throw new Error('no real sample fits this case');
  return clone(found);
}

type Where = { step: number; g: number };

/** First real sample with a grounding of this type whose options satisfy `ok`; returns where. */
function withGrounding(type: string, ok: (g: Raw) => boolean = () => true): [Raw, Where] {
  for (const s of raws) {
    for (let step = 0; step < s.data.reasoning.length; step++) {
      const gs = s.data.reasoning[step].ecg_grounding;
      for (let g = 0; g < gs.length; g++) {
        if (gs[g].question_type === type && ok(gs[g])) return [clone(s), { step, g }];
      }
    }
  }
  throw new Error(`no real sample has a fitting ${type}`);
}

/** Any path inside a grounding or step question (the real sample picked decides the indices). */
const G = /^data\.reasoning\[\d+\]\.[a-z_]+(\[\d+\])?\./;
const grounding = (s: Raw, w: Where): Raw => s.data.reasoning[w.step].ecg_grounding[w.g];
/** A non-answer option position of a single-answer question. */
const otherThan = (answerIdx: number, count: number) => (answerIdx + 1) % count;
const versionedCount = (s: Raw) =>
  s.data.reasoning
    .flatMap((step: Raw) => step.ecg_grounding)
    .filter((g: Raw) => g.question_type !== 'lead_grounding').length;

describe('validateSample on the real benchmark', () => {
  const results = raws.map((raw) => validateSample(raw));

  it('accepts every real sample with no error', () => {
    const errors = results.flatMap((r, i) =>
      r.problems
        .filter((p) => p.severity === 'error')
        .map((p) => `line ${i + 1}: ${formatProblem(p)}`),
    );
    expect(errors).toEqual([]);
    expect(results.every((r) => r.sample !== null)).toBe(true);
  });

  it('reports exactly the repeated options and misspelled ordinals a direct count finds', () => {
    let repeats = 0;
    let misspelled = 0;
    for (const s of raws) {
      for (const step of s.data.reasoning) {
        for (const g of step.ecg_grounding) {
          repeats += g.options.length - new Set(g.options).size;
          for (const option of g.options) {
            const m = /^\[(\d+)(\w\w) QRS wave - (\d+)(\w\w) QRS wave\]$/.exec(option);
            if (m && (ordinalSuffix(+m[1]!) !== m[2] || ordinalSuffix(+m[3]!) !== m[4]))
              misspelled++;
          }
        }
      }
    }
    const warnings = results.flatMap((r) => r.problems).filter((p) => p.severity === 'warning');
    const count = (rule: string) => warnings.filter((p) => p.rule === rule).length;
    expect(count('options-distinct')).toBe(repeats);
    expect(count('ordinal-spelling')).toBe(misspelled);
    expect(warnings.length).toBe(repeats + misspelled);
    expect(repeats + misspelled).toBeGreaterThan(0);
  });

  it('detects the file as scalar-shaped and each sample as scalar or fitting both', () => {
    const file = detectShapeOfSamples(raws);
    expect(file.shape).toBe('scalar');
    expect(file.conflict).toBe(false);
    const withVersioned = raws.filter((s) => versionedCount(s) > 0).length;
    expect(file.counts['scalar']).toBe(withVersioned);
    expect(file.counts.either).toBe(raws.length - withVersioned);
    for (const [i, r] of results.entries()) {
      expect(r.answerShape).toBe(versionedCount(raws[i]) > 0 ? 'scalar' : null);
    }
  });

  it('returns the input itself when it is already canonical', () => {
    expect(results[0]!.sample).toBe(raws[0]);
  });

  it('accepts the list-shape conversion of every sample, detected as list-shaped', () => {
    const converted = results.map((r) => convertSample(r.sample!, 'list'));
    const file = detectShapeOfSamples(converted);
    expect(file.shape).toBe('list');
    for (const s of converted) {
      const r = validateSample(s);
      expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    }
  });

  it('says a file mixing shapes conflicts', () => {
    const a = results.find((r) => r.answerShape === 'scalar')!.sample!;
    const file = detectShapeOfSamples([a, convertSample(a, 'list')]);
    expect(file).toMatchObject({ shape: null, conflict: true });
  });
});

interface Case {
  name: string;
  make: () => Raw;
  rule: string;
  /** Exact path text, or a pattern when the real sample picked decides the indices. */
  path: string | RegExp;
  fragment: string;
  severity?: 'error' | 'warning';
  /** How many problems of this rule the break causes (default 1). */
  count?: number;
  shape?: AnswerShape;
}

const cases: Case[] = [
  {
    name: 'a question over the length limit',
    make: () => {
      const s = clone(raws[0]);
      s.data.reasoning[0].criterion_selection.question = 'q'.repeat(TEXT_LIMITS.question + 1);
      return s;
    },
    rule: 'text-too-long',
    path: 'data.reasoning[0].criterion_selection.question',
    fragment: `expected at most ${TEXT_LIMITS.question} characters, found ${TEXT_LIMITS.question + 1}`,
  },
  {
    name: 'an option over the length limit',
    make: () => {
      const s = clone(raws[0]);
      s.data.reasoning[0].criterion_selection.options[1] = 'o'.repeat(TEXT_LIMITS.option + 1);
      return s;
    },
    rule: 'text-too-long',
    path: 'data.reasoning[0].criterion_selection.options[1]',
    fragment: `expected at most ${TEXT_LIMITS.option} characters`,
  },
  {
    name: 'unknown key in metadata',
    make: () => {
      const s = clone(raws[0]);
      s.metadata.foo = 1;
      return s;
    },
    rule: 'unknown-key',
    path: 'metadata',
    fragment: 'unknown key "foo" - the format allows only id, data_source, ecg_id',
  },
  {
    name: 'unknown key at the top',
    make: () => ({ ...clone(raws[0]), version: '0.0.1' }),
    rule: 'unknown-key',
    path: '',
    fragment: 'unknown key "version" - the format allows only metadata, data',
  },
  {
    name: 'unknown key in a grounding question',
    make: () => {
      const [s, w] = withGrounding('wave_grounding');
      grounding(s, w).note = 'x';
      return s;
    },
    rule: 'unknown-key',
    path: 'data.reasoning[1].ecg_grounding[0]',
    fragment: 'unknown key "note" - the format allows only question, options, answer, answer_idx',
  },
  {
    name: 'missing dx_label',
    make: () => {
      const s = clone(raws[0]);
      delete s.metadata.dx_label;
      return s;
    },
    rule: 'missing-key',
    path: 'metadata.dx_label',
    fragment: 'missing - expected true or false',
  },
  {
    name: 'missing target_dx',
    make: () => {
      const s = clone(raws[0]);
      delete s.metadata.target_dx;
      return s;
    },
    rule: 'missing-key',
    path: 'metadata.target_dx',
    fragment: 'missing - expected one of the 17 diagnoses (anterior_ischemia,',
  },
  {
    name: 'missing grounding question_type',
    make: () => {
      const [s, w] = withGrounding('lead_grounding');
      delete grounding(s, w).question_type;
      return s;
    },
    rule: 'missing-key',
    path: G,
    fragment:
      'missing - expected one of "lead_grounding", "wave_grounding", "measurement_grounding"',
  },
  {
    name: 'missing diagnostic_decision',
    make: () => {
      const s = clone(raws[0]);
      delete s.data.reasoning[0].diagnostic_decision;
      return s;
    },
    rule: 'missing-key',
    path: 'data.reasoning[0].diagnostic_decision',
    fragment: 'missing - expected the diagnostic_decision question object',
  },
  {
    name: 'dx_label as text',
    make: () => {
      const s = clone(raws[0]);
      s.metadata.dx_label = 'true';
      return s;
    },
    rule: 'wrong-type',
    path: 'metadata.dx_label',
    fragment: 'expected true or false, found "true"',
  },
  {
    name: 'options as one text',
    make: () => {
      const s = clone(raws[0]);
      s.data.reasoning[0].finding_identification.options = 'Yes';
      return s;
    },
    rule: 'wrong-type',
    path: 'data.reasoning[0].finding_identification.options',
    fragment: 'expected a list of option texts, found "Yes"',
  },
  {
    name: 'ecg_id as a number',
    make: () => {
      const s = clone(raws[0]);
      s.metadata.ecg_id = 13665;
      return s;
    },
    rule: 'wrong-type',
    path: 'metadata.ecg_id',
    fragment: 'expected a text of digits such as "21472", found 13665',
  },
  {
    name: 'negative id',
    make: () => {
      const s = clone(raws[0]);
      s.metadata.id = -1;
      return s;
    },
    rule: 'non-negative-integer',
    path: 'metadata.id',
    fragment: 'expected a whole number >= 0, found -1',
  },
  {
    name: 'fractional path_idx',
    make: () => {
      const s = clone(raws[0]);
      s.metadata.path_idx = 1.5;
      return s;
    },
    rule: 'non-negative-integer',
    path: 'metadata.path_idx',
    fragment: 'expected a whole number >= 0, found 1.5',
  },
  {
    name: 'negative answer_idx',
    make: () => {
      const s = clone(raws[0]);
      s.data.reasoning[0].criterion_selection.answer_idx = -2;
      return s;
    },
    rule: 'non-negative-integer',
    path: 'data.reasoning[0].criterion_selection.answer_idx',
    fragment: 'found -2',
  },
  {
    name: 'ecg_id with letters',
    make: () => {
      const s = clone(raws[0]);
      s.metadata.ecg_id = 'E13665';
      return s;
    },
    rule: 'digit-string',
    path: 'metadata.ecg_id',
    fragment: 'expected a text of digits such as "21472", found "E13665"',
  },
  {
    name: 'unknown data_source',
    make: () => {
      const s = clone(raws[0]);
      s.metadata.data_source = 'ptb';
      return s;
    },
    rule: 'data-source',
    path: 'metadata.data_source',
    fragment: 'expected one of "ptbxl", "mimic_iv_ecg", found "ptb"',
  },
  {
    name: 'unknown target_dx',
    make: () => {
      const s = clone(raws[0]);
      s.metadata.target_dx = 'afib';
      return s;
    },
    rule: 'target-dx',
    path: 'metadata.target_dx',
    fragment: 'expected one of the 17 diagnoses (anterior_ischemia, inferior_ischemia,',
  },
  {
    name: 'question_type naming another part',
    make: () => {
      const s = clone(raws[0]);
      s.data.reasoning[0].criterion_selection.question_type = 'finding_identification';
      return s;
    },
    rule: 'question-type',
    path: 'data.reasoning[0].criterion_selection.question_type',
    fragment: 'expected "criterion_selection", found "finding_identification"',
  },
  {
    name: 'unknown grounding question_type',
    make: () => {
      const [s, w] = withGrounding('lead_grounding');
      grounding(s, w).question_type = 'time_grounding';
      return s;
    },
    rule: 'question-type',
    path: G,
    fragment:
      'expected one of "lead_grounding", "wave_grounding", "measurement_grounding", found "time_grounding"',
  },
  {
    name: 'list-shape answer_idx written as a scalar',
    make: () => {
      const [s, w] = withGrounding('measurement_grounding');
      const v2 = clone(convertSample(validateSample(s).sample!, 'list'));
      grounding(v2, w).answer_idx = grounding(v2, w).answer_idx[0];
      return v2;
    },
    rule: 'answer-shape',
    path: G,
    fragment:
      'the list shape writes a measurement_grounding answer position as a one-element list, found',
  },
  {
    name: 'list-shape answer list of two',
    make: () => {
      const [s, w] = withGrounding('wave_grounding');
      const v2 = clone(convertSample(validateSample(s).sample!, 'list'));
      grounding(v2, w).answer.push(grounding(v2, w).options[0]);
      return v2;
    },
    rule: 'answer-shape',
    path: G,
    fragment:
      'the list shape writes a wave_grounding answer as a one-element list, found a list of 2',
  },
  {
    name: 'list-shape sample read as scalar-shaped',
    make: () => {
      const one = pick(
        (x) =>
          versionedCount(x) === 1 &&
          x.data.reasoning.some((st: Raw) =>
            st.ecg_grounding.some((g: Raw) => g.question_type === 'wave_grounding'),
          ),
      );
      return clone(convertSample(validateSample(one).sample!, 'list'));
    },
    shape: 'scalar',
    rule: 'answer-shape',
    path: G,
    fragment:
      'the scalar shape writes a wave_grounding answer as one text, found a list of 1 (the list shape)',
    count: 2,
  },
  {
    name: 'one sample mixing scalar and list answers',
    make: () => {
      const s = pick((x) => versionedCount(x) === 2);
      const g = s.data.reasoning
        .flatMap((st: Raw) => st.ecg_grounding)
        .find((x: Raw) => x.question_type !== 'lead_grounding');
      g.answer = [g.answer];
      g.answer_idx = [g.answer_idx];
      return s;
    },
    rule: 'answer-shape',
    path: G,
    fragment: 'the list shape writes a',
    count: 2,
  },
  {
    name: 'subject_id on a PTB-XL sample',
    make: () => {
      const s = clone(raws[0]);
      s.metadata.subject_id = '10001';
      return s;
    },
    rule: 'subject-id-source',
    path: 'metadata.subject_id',
    fragment: 'expected no subject_id (only mimic_iv_ecg samples have one',
  },
  {
    name: 'MIMIC-IV-ECG sample without subject_id',
    make: () => {
      const s = clone(raws[0]);
      s.metadata.data_source = 'mimic_iv_ecg';
      return s;
    },
    rule: 'subject-id-source',
    path: 'metadata.subject_id',
    fragment: 'missing - expected the MIMIC-IV-ECG patient id',
  },
  {
    name: 'empty question text',
    make: () => {
      const s = clone(raws[0]);
      s.data.reasoning[0].criterion_selection.question = '  ';
      return s;
    },
    rule: 'question-text',
    path: 'data.reasoning[0].criterion_selection.question',
    fragment: 'expected the question text, found an empty text',
  },
  {
    name: 'one measurement option',
    make: () => {
      const [s, w] = withGrounding('measurement_grounding');
      const g = grounding(s, w);
      g.options = [g.answer];
      g.answer_idx = 0;
      return s;
    },
    rule: 'options-count',
    path: G,
    fragment: 'expected at least 2 options, found 1',
  },
  {
    name: 'repeated distractor',
    make: () => {
      const s = clone(raws[0]);
      const q = s.data.reasoning[0].criterion_selection;
      const [a, b] = [0, 1, 2, 3, 4].filter((k) => k !== q.answer_idx);
      q.options[b!] = q.options[a!];
      return s;
    },
    severity: 'warning',
    rule: 'options-distinct',
    path: G,
    fragment: 'expected distinct options, found',
  },
  {
    name: 'answer repeated among options',
    make: () => {
      const s = clone(raws[0]);
      const q = s.data.reasoning[0].criterion_selection;
      q.options[otherThan(q.answer_idx, 5)] = q.answer;
      return s;
    },
    rule: 'answer-option-repeated',
    path: 'data.reasoning[0].criterion_selection.answer',
    fragment: 'expected the answer to appear once in options, found',
  },
  {
    name: 'answer_idx past the options',
    make: () => {
      const s = clone(raws[0]);
      s.data.reasoning[0].criterion_selection.answer_idx = 7;
      return s;
    },
    rule: 'answer-idx-range',
    path: 'data.reasoning[0].criterion_selection.answer_idx',
    fragment:
      'expected a position from 0 to 4 in options (the answer "Evidence of consistent 1:1 atrioventricular conduction" is at 2), found 7',
  },
  {
    name: 'answer_idx pointing at a distractor',
    make: () => {
      const s = clone(raws[0]);
      s.data.reasoning[0].criterion_selection.answer_idx = 0;
      return s;
    },
    rule: 'answer-in-options',
    path: 'data.reasoning[0].criterion_selection.answer_idx',
    fragment:
      'expected 2 (the position of the answer "Evidence of consistent 1:1 atrioventricular conduction" in options), found 0',
  },
  {
    name: 'answer text not among options',
    make: () => {
      const s = clone(raws[0]);
      s.data.reasoning[0].criterion_selection.answer = 'Evidence of 1:1 conduction';
      return s;
    },
    rule: 'answer-in-options',
    path: 'data.reasoning[0].criterion_selection.answer',
    fragment:
      'expected one of the options (options[2] is "Evidence of consistent 1:1 atrioventricular conduction"), found "Evidence of 1:1 conduction"',
  },
  {
    name: 'wave answer_idx off by two',
    make: () => {
      const s = clone(raws[0]);
      s.data.reasoning[1].ecg_grounding[0].answer_idx = 3;
      return s;
    },
    rule: 'answer-in-options',
    path: 'data.reasoning[1].ecg_grounding[0].answer_idx',
    fragment: 'expected 1 (the position of the answer "[5.62s - 5.81s]" in options), found 3',
  },
  {
    name: 'lead answer_idx element pointing elsewhere',
    make: () => {
      const [s, w] = withGrounding(
        'lead_grounding',
        (g) => g.answer.length >= 2 && g.answer.length < g.options.length,
      );
      const g = grounding(s, w);
      g.answer_idx[1] = g.options.findIndex((_: string, k: number) => !g.answer_idx.includes(k));
      return s;
    },
    rule: 'answer-in-options',
    path: G,
    fragment: 'in options), found',
  },
  {
    name: 'list-shape answer_idx element pointing elsewhere',
    make: () => {
      const [s, w] = withGrounding('measurement_grounding');
      const v2 = clone(convertSample(validateSample(s).sample!, 'list'));
      const g = grounding(v2, w);
      g.answer_idx = [otherThan(g.answer_idx[0], g.options.length)];
      return v2;
    },
    rule: 'answer-in-options',
    path: G,
    fragment: '(the position of the answer',
  },
  {
    name: 'initial options reversed',
    make: () => {
      const s = clone(raws[0]);
      s.data.initial_diagnostic_question.options = ['No', 'Yes'];
      return s;
    },
    rule: 'yes-no-options',
    path: 'data.initial_diagnostic_question.options',
    fragment: 'expected exactly ["Yes","No"], found ["No","Yes"]',
  },
  {
    name: 'finding with a third option',
    make: () => {
      const s = clone(raws[0]);
      s.data.reasoning[0].finding_identification.options.push('Maybe');
      return s;
    },
    rule: 'yes-no-options',
    path: 'data.reasoning[0].finding_identification.options',
    fragment: 'expected exactly ["Yes","No"], found ["Yes","No","Maybe"]',
  },
  {
    name: 'initial answer contradicting dx_label',
    make: () => {
      const s = pick((x) => x.metadata.dx_label === true);
      s.data.initial_diagnostic_question.answer = 'No';
      return s;
    },
    rule: 'initial-answer-label',
    path: 'data.initial_diagnostic_question.answer',
    fragment: 'expected "Yes" because metadata.dx_label is true, found "No"',
  },
  {
    name: 'criterion with four options',
    make: () => {
      const s = clone(raws[0]);
      const q = s.data.reasoning[0].criterion_selection;
      const drop = otherThan(q.answer_idx, 5);
      q.options.splice(drop, 1);
      if (drop < q.answer_idx) q.answer_idx--;
      return s;
    },
    rule: 'criterion-options-count',
    path: 'data.reasoning[0].criterion_selection.options',
    fragment: 'expected 5 options (one right criterion and 4 distractors), found 4',
  },
  {
    name: 'decision with a reworded third option',
    make: () => {
      const s = clone(raws[0]);
      const last = s.data.reasoning.length - 1;
      s.data.reasoning[last].diagnostic_decision.options[2] = 'Unclear';
      return s;
    },
    rule: 'decision-options',
    path: 'data.reasoning[1].diagnostic_decision.options',
    fragment:
      'expected exactly ["Yes","No","Further findings are required to confirm the diagnosis"]',
  },
  {
    name: 'last step contradicting dx_label',
    make: () => {
      const s = pick((x) => x.metadata.dx_label === false);
      const d = s.data.reasoning[s.data.reasoning.length - 1].diagnostic_decision;
      d.answer = 'Yes';
      d.answer_idx = 0;
      return s;
    },
    rule: 'decision-last-step',
    path: G,
    fragment: 'expected "No" (the last step decides, and metadata.dx_label is false), found "Yes"',
  },
  {
    name: 'last step still asking for findings',
    make: () => {
      const s = pick((x) => x.metadata.dx_label === true);
      const d = s.data.reasoning[s.data.reasoning.length - 1].diagnostic_decision;
      d.answer = d.options[2];
      d.answer_idx = 2;
      return s;
    },
    rule: 'decision-last-step',
    path: G,
    fragment: 'expected "Yes" (the last step decides',
  },
  {
    name: 'early step deciding',
    make: () => {
      const s = pick((x) => x.data.reasoning.length >= 2);
      s.data.reasoning[0].diagnostic_decision.answer = 'No';
      s.data.reasoning[0].diagnostic_decision.answer_idx = 1;
      return s;
    },
    severity: 'warning',
    rule: 'decision-early',
    path: 'data.reasoning[0].diagnostic_decision.answer',
    fragment:
      'expected "Further findings are required to confirm the diagnosis" (a later step follows), found "No"',
  },
  {
    name: 'no reasoning steps',
    make: () => {
      const s = clone(raws[0]);
      s.data.reasoning = [];
      return s;
    },
    rule: 'reasoning-not-empty',
    path: 'data.reasoning',
    fragment: 'expected at least one reasoning step, found none',
  },
  {
    name: 'six reasoning steps',
    make: () => {
      const s = pick((x) => x.data.reasoning.length === 5);
      s.data.reasoning.unshift(clone(s.data.reasoning[0]));
      return s;
    },
    severity: 'warning',
    rule: 'reasoning-too-long',
    path: 'data.reasoning',
    fragment: 'expected at most 5 steps (the most in the real data), found 6',
  },
  {
    name: 'lead option not a standard lead',
    make: () => {
      const [s, w] = withGrounding('lead_grounding', (g) => g.answer.length < g.options.length);
      const g = grounding(s, w);
      g.options[g.options.findIndex((_: string, k: number) => !g.answer_idx.includes(k))] =
        'Lead V7';
      return s;
    },
    rule: 'lead-option',
    path: G,
    fragment:
      'expected "Lead X" with X one of I, II, III, aVR, aVL, aVF, V1, V2, V3, V4, V5, V6, found "Lead V7"',
  },
  {
    name: 'lead question without answers',
    make: () => {
      const [s, w] = withGrounding('lead_grounding');
      grounding(s, w).answer = [];
      grounding(s, w).answer_idx = [];
      return s;
    },
    rule: 'lead-answer-empty',
    path: G,
    fragment: 'expected at least one lead, found an empty list',
  },
  {
    name: 'lead answer_idx longer than answer',
    make: () => {
      const [s, w] = withGrounding('lead_grounding', (g) => g.answer.length < g.options.length);
      const g = grounding(s, w);
      g.answer_idx.push(g.options.findIndex((_: string, k: number) => !g.answer_idx.includes(k)));
      return s;
    },
    rule: 'lead-answer-lengths',
    path: G,
    fragment: 'positions (one per answer), found',
  },
  {
    name: 'lead answered twice',
    make: () => {
      const [s, w] = withGrounding('lead_grounding', (g) => g.answer.length === 1);
      const g = grounding(s, w);
      g.answer.push(g.answer[0]);
      g.answer_idx.push(g.answer_idx[0]);
      return s;
    },
    rule: 'lead-answer-repeat',
    path: G,
    fragment: 'expected each lead once, found position',
  },
  {
    name: 'wave option in another notation',
    make: () => {
      const s = clone(raws[0]);
      s.data.reasoning[1].ecg_grounding[0].options[0] = '1.48s to 1.69s';
      return s;
    },
    rule: 'wave-option',
    path: 'data.reasoning[1].ecg_grounding[0].options[0]',
    fragment:
      'expected a time window such as "[8.84s - 8.95s]" or a beat range such as "[4th QRS wave - 5th QRS wave]", found "1.48s to 1.69s"',
  },
  {
    name: 'window ending before it starts',
    make: () => {
      const s = clone(raws[0]);
      s.data.reasoning[1].ecg_grounding[0].options[0] = '[1.69s - 1.48s]';
      return s;
    },
    rule: 'window-order',
    path: 'data.reasoning[1].ecg_grounding[0].options[0]',
    fragment: 'expected the start before the end, found "[1.69s - 1.48s]"',
  },
  {
    name: 'window past the record',
    make: () => {
      const s = clone(raws[0]);
      s.data.reasoning[1].ecg_grounding[0].options[3] = '[9.95s - 10.17s]';
      return s;
    },
    rule: 'window-in-record',
    path: 'data.reasoning[1].ecg_grounding[0].options[3]',
    fragment: 'expected a window inside the 10 s record (0s to 10s), found "[9.95s - 10.17s]"',
  },
  {
    name: 'beat range backwards',
    make: () => {
      const [s, w] = withGrounding('wave_grounding', (g) => g.options[0].includes('QRS'));
      const g = grounding(s, w);
      g.options[otherThan(g.answer_idx, g.options.length)] = '[5th QRS wave - 4th QRS wave]';
      return s;
    },
    rule: 'beat-order',
    path: G,
    fragment:
      'expected a first beat of 1 or more, before the last beat, found "[5th QRS wave - 4th QRS wave]"',
  },
  {
    name: 'misspelled ordinal',
    make: () => {
      const [s, w] = withGrounding('wave_grounding', (g) => g.options[0].includes('QRS'));
      const g = grounding(s, w);
      g.options[otherThan(g.answer_idx, g.options.length)] = '[2th QRS wave - 3rd QRS wave]';
      return s;
    },
    severity: 'warning',
    rule: 'ordinal-spelling',
    path: G,
    fragment:
      'expected English ordinals (1st, 2nd, 3rd, 4th, 21st), found "[2th QRS wave - 3rd QRS wave]"',
  },
  {
    name: 'windows mixed with a beat range',
    make: () => {
      const s = clone(raws[0]);
      s.data.reasoning[1].ecg_grounding[0].options[0] = '[1st QRS wave - 2nd QRS wave]';
      return s;
    },
    severity: 'warning',
    rule: 'wave-options-mixed',
    path: 'data.reasoning[1].ecg_grounding[0].options',
    fragment: 'expected all time windows or all beat ranges, found 3 windows and 1 beat ranges',
  },
  {
    name: 'measurement option in words',
    make: () => {
      const s = clone(raws[0]);
      s.data.reasoning[1].ecg_grounding[1].options[0] = 'about 200ms';
      return s;
    },
    rule: 'measurement-option',
    path: 'data.reasoning[1].ecg_grounding[1].options[0]',
    fragment:
      'expected "Below X", "[X - Y]" or "Above X" with one unit of ms, mV, bpm, degrees, found "about 200ms"',
  },
  {
    name: 'measurement option in another unit',
    make: () => {
      const s = clone(raws[0]);
      s.data.reasoning[1].ecg_grounding[1].options[1] = '[210mV - 220mV]';
      return s;
    },
    rule: 'measurement-unit',
    path: 'data.reasoning[1].ecg_grounding[1].options[1]',
    fragment: 'expected a range in ms like options[0], found "[210mV - 220mV]"',
  },
  {
    name: 'measurement range upside down',
    make: () => {
      const s = clone(raws[0]);
      s.data.reasoning[1].ecg_grounding[1].options[1] = '[220ms - 210ms]';
      return s;
    },
    rule: 'measurement-range-order',
    path: 'data.reasoning[1].ecg_grounding[1].options[1]',
    fragment: 'expected the lower bound first, found "[220ms - 210ms]"',
  },
  {
    name: 'measurement ranges out of order',
    make: () => {
      const s = clone(raws[0]);
      const o = s.data.reasoning[1].ecg_grounding[1].options;
      [o[0], o[1]] = [o[1], o[0]];
      return s;
    },
    rule: 'measurement-order',
    path: 'data.reasoning[1].ecg_grounding[1].options[1]',
    fragment:
      'expected a range starting at or above 220ms (options[0] is 210ms to 220ms), found "[200ms - 210ms]"',
  },
  {
    name: '"Above" before the last option',
    make: () => {
      const [s, w] = withGrounding(
        'measurement_grounding',
        (g) =>
          g.options[g.options.length - 1].startsWith('Above') &&
          g.answer_idx < g.options.length - 2,
      );
      const g = grounding(s, w);
      const n = g.options.length;
      [g.options[n - 2], g.options[n - 1]] = [g.options[n - 1], g.options[n - 2]];
      return s;
    },
    rule: 'measurement-order',
    path: G,
    fragment: 'expected "Above ..." only as the last option, found it at position',
  },
  {
    name: 'keys out of order',
    make: () => {
      const s = clone(raws[0]);
      const { id, ...rest } = s.metadata;
      s.metadata = { ...rest, id };
      return s;
    },
    severity: 'warning',
    rule: 'key-order',
    path: '',
    fragment: "expected keys in the format's order",
  },
];

describe('crafted samples, each breaking one rule', () => {
  it('has at least 40 cases, covering every rule in the catalog', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const covered = new Set([...cases.map((c) => c.rule), 'not-an-object']);
    expect(Object.keys(SAMPLE_RULE_CATALOG).filter((rule) => !covered.has(rule))).toEqual([]);
  });

  it('gives each case the severity the catalog lists', () => {
    for (const c of cases)
      expect(SAMPLE_RULE_CATALOG[c.rule]?.[0], c.name).toBe(c.severity ?? 'error');
  });

  it.each(cases)('$name -> $rule', (c) => {
    const value = c.make();
    const result = validateSample(value, c.shape ? { shape: c.shape } : {});
    const severity = c.severity ?? 'error';
    const hits = result.problems.filter((p) => p.rule === c.rule);
    expect(hits.length, result.problems.map(formatProblem).join('\n')).toBe(c.count ?? 1);
    const hit = hits[0]!;
    expect(hit.severity).toBe(severity);
    if (typeof c.path === 'string') expect(hit.pathText).toBe(c.path);
    else expect(hit.pathText).toMatch(c.path);
    expect(hit.message).toContain(c.fragment);
    expect(formatProblem(hit)).toContain(`${hit.pathText}: ${hit.message}`);
    const others = result.problems.filter((p) => p.rule !== c.rule && p.severity === 'error');
    expect(others.map(formatProblem)).toEqual([]);
    if (severity === 'warning') expect(result.sample).not.toBeNull();
  });

  it('says a mixed sample has no answer shape', () => {
    const mixed = cases.find((c) => c.name === 'one sample mixing scalar and list answers')!.make();
    expect(validateSample(mixed)).toMatchObject({
      answerShape: null,
      shape: 'mixed',
      sample: null,
    });
  });

  it('rejects a value that is not an object', () => {
    for (const value of [null, 3, 'sample', [raws[0]]]) {
      const r = validateSample(value);
      expect(r.sample).toBeNull();
      expect(r.problems).toMatchObject([
        { rule: 'not-an-object', severity: 'error', pathText: '' },
      ]);
    }
  });

  it('reports hostile values without throwing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const s = clone(raws[0]);
    s.metadata.id = deep;
    expect(validateSample(s).problems).toMatchObject([
      {
        rule: 'wrong-type',
        pathText: 'metadata.id',
        message: expect.stringContaining('nested too deeply'),
      },
    ]);
    const proto = JSON.parse(lines[0]!.replace('{"metadata":', '{"__proto__":{"x":1},"metadata":'));
    expect(validateSample(proto).problems).toMatchObject([
      {
        rule: 'unknown-key',
        pathText: '',
        message: expect.stringContaining('unknown key "__proto__"'),
      },
    ]);
  });

  it('gives a non-canonical but valid sample back in canonical order', () => {
    const value = cases.find((c) => c.rule === 'key-order')!.make();
    const r = validateSample(value);
    expect(JSON.stringify(r.sample)).toBe(lines[0]);
  });
});

describe('detectKind', () => {
  it('tells samples, dense labels and other values apart', () => {
    expect(detectKind(raws[0])).toBe('sample');
    expect(detectKind({ data_source: 'ptbxl', ecg_id: '1', label: {} })).toBe('dense-label');
    expect(detectKind({ hello: 1 })).toBe('unknown');
    expect(detectKind([1])).toBe('unknown');
    expect(detectKind(null)).toBe('unknown');
  });
});

describe('types', () => {
  it('types a validated sample as a BenchmarkSample', () => {
    const sample: BenchmarkSample | null = validateSample(raws[0]).sample;
    expect(sample?.metadata.id).toBe(0);
  });
});
