import type {
  DenseLabel,
  DenseLabelLine,
  DraftLabel,
  LabelStatus,
} from '../../schemas/dense-label';
import {
  AXES,
  CONDUCTIONS,
  DenseLabelLineSchema,
  DenseLabelSchema,
  DraftLabelSchema,
  ISCHEMIA_STAGES,
  OTHER_FINDINGS,
  RATES,
  RHYTHMS,
  SET_ORDERS,
  TERRITORIES,
} from '../../schemas/dense-label';
import { DATA_SOURCES } from '../../schemas/benchmark-sample';
import type { FieldHint, Problem, Vocabulary } from '../../schemas/issues';
import { describeValue, problem, problemsFromZod } from '../../schemas/issues';
import { TEXT_LIMITS } from '../../schemas/text-limits';

/** Severity and meaning of each dense-label rule, for the README. */
export const LABEL_RULES = {
  'not-an-object': ['error', 'a label line is one JSON object'],
  'unknown-key': ['error', 'no keys beyond those the label format defines'],
  'missing-key': [
    'error',
    'every axis is present: a missing key is an error, never "not looked at"',
  ],
  'wrong-type': ['error', 'each value has the type the label format defines'],
  'axis-value': ['error', 'each axis value is one of the values listed for it'],
  'digit-string': ['error', 'ecg_id is a text of digits'],
  'data-source': ['error', 'data_source is "ptbxl" or "mimic_iv_ecg"'],
  'label-status': ['error', 'status is "draft" or "submitted"'],
  'set-empty': [
    'error',
    'conduction and ischemia.territory hold at least one value ("none" when there is nothing)',
  ],
  'set-repeat': ['error', 'a set holds each value once'],
  'none-alone': ['error', '"none" stands alone in conduction and ischemia.territory'],
  'set-order': ['warning', 'sets are written in the listed order (export sorts them)'],
  'ischemia-none': [
    'error',
    'ischemia.stage is "none" exactly when ischemia.territory is ["none"]',
  ],
  'diagnosis-empty': ['error', 'diagnosis is a non-empty text'],
  'text-too-long': ['error', `diagnosis is at most ${TEXT_LIMITS.diagnosis} characters`],
  'labeller-id': [
    'error',
    'labeller, when present, is a non-empty id without spaces (an id, not a name)',
  ],
  'key-order': ['warning', 'keys are in the documented order (export writes them in order anyway)'],
} as const satisfies Record<string, readonly ['error' | 'warning', string]>;

type LabelRuleId = keyof typeof LABEL_RULES;

function report(
  out: Problem[],
  rule: LabelRuleId,
  path: readonly (string | number)[],
  message: string,
) {
  out.push(problem(LABEL_RULES[rule][0], rule, path, message));
}

const oneOf = (values: readonly string[]) => `one of ${values.join(', ')}`;

const HINTS: Record<string, FieldHint> = {
  data_source: {
    expected: `one of ${DATA_SOURCES.map((s) => JSON.stringify(s)).join(', ')}`,
    rule: 'data-source',
  },
  ecg_id: { expected: 'a text of digits such as "21472"', rule: 'digit-string' },
  label: {
    expected:
      'the dense label object (rate, rhythm, axis, conduction, ischemia, other_findings, diagnosis)',
  },
  labeller: { expected: 'the labeller id (a text)' },
  status: { expected: '"draft" or "submitted"', rule: 'label-status' },
  rate: { expected: oneOf(RATES), rule: 'axis-value' },
  rhythm: { expected: oneOf(RHYTHMS), rule: 'axis-value' },
  axis: { expected: oneOf(AXES), rule: 'axis-value' },
  conduction: { expected: `a list of ${oneOf(CONDUCTIONS)}`, rule: 'axis-value' },
  ischemia: { expected: 'an object with stage and territory' },
  stage: { expected: oneOf(ISCHEMIA_STAGES), rule: 'axis-value' },
  territory: { expected: `a list of ${oneOf(TERRITORIES)}`, rule: 'axis-value' },
  other_findings: {
    expected: `a list (may be empty) of ${oneOf(OTHER_FINDINGS)}`,
    rule: 'axis-value',
  },
  diagnosis: { expected: 'a short clinical summary text' },
};

const SET_ELEMENT_HINTS: Record<string, FieldHint> = {
  conduction: { expected: oneOf(CONDUCTIONS), rule: 'axis-value' },
  territory: { expected: oneOf(TERRITORIES), rule: 'axis-value' },
  other_findings: { expected: oneOf(OTHER_FINDINGS), rule: 'axis-value' },
};

const LINE_KEYS = ['data_source', 'ecg_id', 'label', 'labeller', 'status'];
const LABEL_KEYS = [
  'rate',
  'rhythm',
  'axis',
  'conduction',
  'ischemia',
  'other_findings',
  'diagnosis',
];
const ISCHEMIA_KEYS = ['stage', 'territory'];

function vocabulary(depth: 0 | 1): Vocabulary {
  return {
    hint(path) {
      const last = path[path.length - 1];
      if (typeof last === 'number') return SET_ELEMENT_HINTS[String(path[path.length - 2])];
      return typeof last === 'string' ? HINTS[last] : undefined;
    },
    allowedKeys(path) {
      if (path[path.length - 1] === 'ischemia') return ISCHEMIA_KEYS;
      if (path.length === 0) return depth === 0 ? LABEL_KEYS : LINE_KEYS;
      if (path.length === depth && path[0] === 'label') return LABEL_KEYS;
      return undefined;
    },
  };
}

const lineVocabulary = vocabulary(1);
const labelVocabulary = vocabulary(0);

// other_findings has no "none" and may be empty.
const NO_NONE = { hasNone: false, needsValue: false };

function checkSet(
  values: readonly string[],
  order: readonly string[],
  path: readonly (string | number)[],
  set: { readonly hasNone: boolean; readonly needsValue: boolean },
  out: Problem[],
): void {
  if (set.needsValue && values.length === 0) {
    report(
      out,
      'set-empty',
      path,
      'expected at least one value ("none" when there is nothing), found an empty list',
    );
    return;
  }
  let sorted = true;
  values.forEach((value, k) => {
    const first = values.indexOf(value);
    if (first < k) {
      report(
        out,
        'set-repeat',
        [...path, k],
        `expected each value once, found ${describeValue(value)} again (also at [${first}])`,
      );
    }
    if (k > 0 && order.indexOf(value) < order.indexOf(values[k - 1]!)) sorted = false;
  });
  if (set.hasNone && values.includes('none') && values.length > 1) {
    report(
      out,
      'none-alone',
      path,
      `expected "none" alone or no "none", found ${describeValue(values)}`,
    );
  }
  if (!sorted) {
    const expected = [...new Set(values)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    report(
      out,
      'set-order',
      path,
      `expected the listed order ${JSON.stringify(expected)}, found ${describeValue(values)}`,
    );
  }
}

/**
 * Runs the cross-axis rules on a structurally valid label; prefix is its path in the line. A
 * draft (complete: false) is checked on the axes it holds, and the rules that ask for a value
 * (set-empty, diagnosis-empty) wait until it is submitted.
 */
export function checkLabelRules(
  label: DraftLabel,
  prefix: readonly (string | number)[],
  out: Problem[],
  complete = true,
): void {
  const noneSet = { hasNone: true, needsValue: complete };
  if (label.conduction) {
    checkSet(label.conduction, SET_ORDERS.conduction, [...prefix, 'conduction'], noneSet, out);
  }
  if (label.ischemia) {
    const { stage, territory } = label.ischemia;
    const territoryPath = [...prefix, 'ischemia', 'territory'];
    checkSet(territory, SET_ORDERS.territory, territoryPath, noneSet, out);
    const territoryNone = territory.length === 1 && territory[0] === 'none';
    if (stage === 'none' && !territoryNone && territory.length > 0) {
      report(
        out,
        'ischemia-none',
        territoryPath,
        `expected ["none"] because ischemia.stage is "none", found ${describeValue(territory)}`,
      );
    } else if (stage !== 'none' && territoryNone) {
      report(
        out,
        'ischemia-none',
        territoryPath,
        `expected the territory of the ${stage} ischemia (e.g. ["inferior"]), found ["none"]`,
      );
    }
  }
  if (label.other_findings) {
    const path = [...prefix, 'other_findings'];
    checkSet(label.other_findings, SET_ORDERS.other_findings, path, NO_NONE, out);
  }
  if (complete && label.diagnosis !== undefined && label.diagnosis.trim() === '') {
    report(
      out,
      'diagnosis-empty',
      [...prefix, 'diagnosis'],
      'expected a short clinical summary, found an empty text',
    );
  }
}

function keyOrderWarning(value: object, parsed: object, out: Problem[]): void {
  if (JSON.stringify(value) !== JSON.stringify(parsed)) {
    report(
      out,
      'key-order',
      [],
      'expected keys in the documented order, found another order - export writes them in order',
    );
  }
}

function notAnObject(value: unknown, what: string): Problem {
  return problem('error', 'not-an-object', [], `expected ${what}, found ${describeValue(value)}`);
}

/** Validates one label-file line {data_source, ecg_id, label, [labeller, status]}. */
export function validateDenseLabelLine(value: unknown): {
  line: DenseLabelLine | null;
  problems: Problem[];
} {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      line: null,
      problems: [
        notAnObject(value, 'a label line {"data_source": ..., "ecg_id": ..., "label": {...}}'),
      ],
    };
  }
  const parsed = DenseLabelLineSchema.safeParse(value);
  if (!parsed.success) {
    return { line: null, problems: problemsFromZod(parsed.error.issues, value, lineVocabulary) };
  }
  const problems: Problem[] = [];
  keyOrderWarning(value, parsed.data, problems);
  const { labeller } = parsed.data;
  if (labeller !== undefined && (labeller.trim() === '' || /\s/.test(labeller))) {
    report(
      problems,
      'labeller-id',
      ['labeller'],
      `expected a labeller id without spaces (an id, not a name), found ${describeValue(labeller)}`,
    );
  }
  checkLabelRules(parsed.data.label, ['label'], problems);
  return { line: parsed.data, problems };
}

/** Validates a bare dense label object (the `label` of a line). */
export function validateDenseLabel(value: unknown): {
  label: DenseLabel | null;
  problems: Problem[];
} {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { label: null, problems: [notAnObject(value, 'a dense label object')] };
  }
  const parsed = DenseLabelSchema.safeParse(value);
  if (!parsed.success) {
    return { label: null, problems: problemsFromZod(parsed.error.issues, value, labelVocabulary) };
  }
  const problems: Problem[] = [];
  keyOrderWarning(value, parsed.data, problems);
  checkLabelRules(parsed.data, [], problems);
  return { label: parsed.data, problems };
}

/**
 * Validates the content of a label as the labeller saves it: a submitted label as a complete
 * dense label (validateDenseLabel); a draft may leave axes out, and is checked on the axes it
 * holds (sets, ischemia, lengths) with the rules that ask for a value left to its submission.
 */
export function validateLabelContent(
  value: unknown,
  status: LabelStatus,
): { content: DraftLabel | null; problems: Problem[] } {
  if (status === 'submitted') {
    const { label, problems } = validateDenseLabel(value);
    return { content: label, problems };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { content: null, problems: [notAnObject(value, 'a draft label object')] };
  }
  const parsed = DraftLabelSchema.safeParse(value);
  if (!parsed.success) {
    return {
      content: null,
      problems: problemsFromZod(parsed.error.issues, value, labelVocabulary),
    };
  }
  const problems: Problem[] = [];
  keyOrderWarning(value, parsed.data, problems);
  checkLabelRules(parsed.data, [], problems, false);
  return { content: parsed.data, problems };
}
