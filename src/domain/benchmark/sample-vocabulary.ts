import type { AnswerShape } from '../../schemas/benchmark-sample';
import { DATA_SOURCES, STEP_PARTS, TARGET_DX } from '../../schemas/benchmark-sample';
import type { FieldHint, Problem, Vocabulary } from '../../schemas/issues';
import { describeValue, problem, valueAt } from '../../schemas/issues';
import { TEXT_LIMITS } from '../../schemas/text-limits';

/** Severity and meaning of the structural rules the schema itself enforces. */
export const STRUCTURE_RULES = {
  'not-an-object': ['error', 'a line holds one JSON object'],
  'unknown-key': ['error', 'no keys beyond those the format defines'],
  'missing-key': [
    'error',
    'every key the format defines is present (subject_id only for MIMIC-IV-ECG)',
  ],
  'wrong-type': [
    'error',
    'each value has the type the format defines (text, whole number, true/false, list, object)',
  ],
  'non-negative-integer': ['error', 'id, path_idx and answer_idx are whole numbers >= 0'],
  'digit-string': ['error', 'ecg_id and subject_id are texts of digits, e.g. "21472"'],
  'data-source': ['error', 'data_source is "ptbxl" or "mimic_iv_ecg"'],
  'target-dx': ['error', 'target_dx is one of the 17 diagnoses'],
  'question-type': ['error', 'question_type names the part the question sits in'],
  'answer-shape': [
    'error',
    'wave/measurement answer and answer_idx are a text and a whole number (scalar shape) or one-element lists (list shape), as the file uses; the workspace stores lists',
  ],
  'text-too-long': [
    'error',
    `a question is at most ${TEXT_LIMITS.question} characters, an option or answer at most ${TEXT_LIMITS.option}`,
  ],
  'key-order': ['warning', "keys are in the docs' order (export writes them in order anyway)"],
} as const satisfies Record<string, readonly ['error' | 'warning', string]>;

const TOP = ['metadata', 'data'];
const METADATA = ['id', 'data_source', 'ecg_id', 'target_dx', 'dx_label', 'path_idx', 'subject_id'];
const DATA = ['initial_diagnostic_question', 'reasoning'];
const INITIAL = ['question', 'options', 'answer', 'question_type'];
const QUESTION = ['question', 'options', 'answer', 'answer_idx', 'question_type'];

const INDEX: FieldHint = { expected: 'a whole number >= 0', rule: 'non-negative-integer' };
const DIGITS: FieldHint = { expected: 'a text of digits such as "21472"', rule: 'digit-string' };

const KEY_HINTS: Record<string, FieldHint> = {
  id: INDEX,
  path_idx: INDEX,
  ecg_id: DIGITS,
  subject_id: DIGITS,
  data_source: {
    expected: `one of ${DATA_SOURCES.map((s) => JSON.stringify(s)).join(', ')}`,
    rule: 'data-source',
  },
  target_dx: {
    expected: `one of the ${TARGET_DX.length} diagnoses (${TARGET_DX.join(', ')})`,
    rule: 'target-dx',
  },
  dx_label: { expected: 'true or false' },
  question: { expected: 'the question text' },
  options: { expected: 'a list of option texts' },
  question_type: { rule: 'question-type' },
  metadata: { expected: 'an object with id, data_source, ecg_id, target_dx, dx_label, path_idx' },
  data: { expected: 'an object with initial_diagnostic_question and reasoning' },
  initial_diagnostic_question: { expected: 'the initial Yes/No question object' },
  reasoning: { expected: 'a list of reasoning steps' },
  criterion_selection: { expected: 'the criterion_selection question object' },
  finding_identification: { expected: 'the finding_identification question object' },
  diagnostic_decision: { expected: 'the diagnostic_decision question object' },
  ecg_grounding: { expected: 'a list of grounding questions (possibly empty)' },
};

function isGroundingPath(path: readonly PropertyKey[]): boolean {
  return (
    path.length >= 6 && path[0] === 'data' && path[1] === 'reasoning' && path[3] === 'ecg_grounding'
  );
}

function groundingAnswerHint(
  shape: AnswerShape,
  type: unknown,
  field: 'answer' | 'answer_idx',
): FieldHint {
  const position = field === 'answer_idx';
  if (type === 'lead_grounding') {
    return position
      ? { expected: 'a list of the positions of the right leads in options' }
      : { expected: 'a list of the right leads, e.g. ["Lead V1", "Lead V2"]' };
  }
  if (shape === 'scalar') {
    return position ? INDEX : { expected: 'the answer text (one of the options)' };
  }
  return position
    ? { expected: 'a one-element list with the position of the answer in options' }
    : { expected: 'a one-element list with the answer text' };
}

function hintFor(shape: AnswerShape) {
  return (path: readonly PropertyKey[], input: unknown): FieldHint | undefined => {
    const last = path[path.length - 1];
    if (typeof last === 'number') {
      const parent = path[path.length - 2];
      if (parent === 'answer_idx') return INDEX;
      if (parent === 'options' || parent === 'answer') return { expected: 'a text' };
      if (parent === 'reasoning') return { expected: 'a reasoning step object' };
      if (parent === 'ecg_grounding') return { expected: 'a grounding question object' };
      return undefined;
    }
    if (typeof last !== 'string') return undefined;
    if ((last === 'answer' || last === 'answer_idx') && isGroundingPath(path)) {
      const type = valueAt(input, [...path.slice(0, -1), 'question_type']);
      return groundingAnswerHint(shape, type, last);
    }
    if (last === 'answer_idx') return INDEX;
    if (last === 'answer') return { expected: 'the answer text (one of the options)' };
    return KEY_HINTS[last];
  };
}

function allowedKeys(path: readonly PropertyKey[]): readonly string[] | undefined {
  if (path.length === 0) return TOP;
  if (path.length === 1)
    return path[0] === 'metadata' ? METADATA : path[0] === 'data' ? DATA : undefined;
  if (path[0] !== 'data') return undefined;
  if (path.length === 2 && path[1] === 'initial_diagnostic_question') return INITIAL;
  if (path[1] !== 'reasoning') return undefined;
  if (path.length === 3) return STEP_PARTS;
  if (path.length === 4 || path.length === 5) return QUESTION;
  return undefined;
}

function describeShape(found: unknown): string {
  if (Array.isArray(found)) return `a list of ${found.length}`;
  return describeValue(found);
}

/** The sample vocabulary for one answer shape: field hints, allowed keys, answer-shape messages. */
export function sampleVocabulary(shape: AnswerShape): Vocabulary {
  return {
    hint: hintFor(shape),
    allowedKeys,
    special(_issue, path, found, input): Problem | undefined {
      if (found === undefined || !isGroundingPath(path) || path.length !== 6) return undefined;
      const field = path[5];
      if (field !== 'answer' && field !== 'answer_idx') return undefined;
      const groundingType = valueAt(input, [...path.slice(0, 5), 'question_type']);
      if (groundingType !== 'wave_grounding' && groundingType !== 'measurement_grounding') {
        return undefined;
      }
      const otherShape =
        shape === 'scalar'
          ? Array.isArray(found)
          : typeof found === 'string' ||
            typeof found === 'number' ||
            (Array.isArray(found) && found.length !== 1);
      if (!otherShape) return undefined;
      return answerShapeProblem(shape, groundingType, path, found);
    },
  };
}

/** Builds the answer-shape problem for a wave/measurement answer in the other shape. */
export function answerShapeProblem(
  shape: AnswerShape,
  groundingType: string,
  path: readonly (string | number)[],
  found: unknown,
): Problem {
  const field = path[5] === 'answer_idx' ? 'answer_idx' : 'answer';
  const what = field === 'answer' ? 'answer' : 'answer position';
  const expected =
    shape === 'scalar'
      ? `the scalar shape writes a ${groundingType} ${what} as ${field === 'answer' ? 'one text' : 'one whole number'}`
      : `the list shape writes a ${groundingType} ${what} as a one-element list`;
  const other = Array.isArray(found)
    ? found.length === 1
      ? ' (the list shape)'
      : ''
    : typeof found === 'string' || typeof found === 'number'
      ? ' (the scalar shape)'
      : '';
  return problem(
    'error',
    'answer-shape',
    path,
    `${expected}, found ${describeShape(found)}${other}`,
  );
}
