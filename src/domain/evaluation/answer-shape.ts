/**
 * A fast yes/no check that a parsed value is an answer file as ModelAnswerSampleSchema defines
 * it. Evaluating 64,000 files is dominated by parsing; the zod schema costs more than the parse
 * itself, so files are checked here first and only a failing one goes through zod for its
 * messages. answer-shape.test.ts holds the two to the same verdict on mutated files.
 */
import { DATA_SOURCES, GROUNDING_TYPES } from '../../schemas/benchmark-sample';
import type { ModelAnswerSample } from '../../schemas/model-answers';

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string');
const isReply = (v: unknown) => v === undefined || v === null || typeof v === 'string';
const optional = (v: unknown, check: (x: unknown) => boolean) => v === undefined || check(v);
const TARGET_DX_NAME = /^[a-z0-9_]+$/;
const SOURCES = new Set<unknown>(DATA_SOURCES);
const GROUNDING = new Set<unknown>(GROUNDING_TYPES);

function isQuestion(v: unknown): boolean {
  return (
    isObject(v) &&
    typeof v['question'] === 'string' &&
    optional(v['options'], isStringList) &&
    typeof v['answer'] === 'string' &&
    optional(v['question_type'], (t) => typeof t === 'string') &&
    isReply(v['model_response'])
  );
}

function isGrounding(v: unknown): boolean {
  if (!isObject(v)) return false;
  const answer = v['answer'];
  return (
    typeof v['question'] === 'string' &&
    isStringList(v['options']) &&
    (typeof answer === 'string' || isStringList(answer)) &&
    GROUNDING.has(v['question_type']) &&
    isReply(v['model_response'])
  );
}

function isStep(v: unknown): boolean {
  return (
    isObject(v) &&
    isQuestion(v['criterion_selection']) &&
    isQuestion(v['finding_identification']) &&
    Array.isArray(v['ecg_grounding']) &&
    v['ecg_grounding'].every(isGrounding) &&
    isQuestion(v['diagnostic_decision'])
  );
}

function isMetadata(v: unknown): boolean {
  if (!isObject(v)) return false;
  const id = v['id'];
  const dx = v['target_dx'];
  return (
    Number.isSafeInteger(id) &&
    (id as number) >= 0 &&
    SOURCES.has(v['data_source']) &&
    typeof v['ecg_id'] === 'string' &&
    typeof dx === 'string' &&
    TARGET_DX_NAME.test(dx) &&
    typeof v['dx_label'] === 'boolean' &&
    optional(v['model'], (m) => typeof m === 'string') &&
    optional(v['inference_mode'], (m) => m === 'forced-commit') &&
    optional(v['parsing_error'], (p) => typeof p === 'boolean')
  );
}

/** True when ModelAnswerSampleSchema would accept the value (and then it may be used as one). */
export function isAnswerSampleShape(value: unknown): value is ModelAnswerSample {
  if (!isObject(value) || !isMetadata(value['metadata'])) return false;
  const data = value['data'];
  return (
    isObject(data) &&
    isQuestion(data['initial_diagnostic_question']) &&
    Array.isArray(data['reasoning']) &&
    data['reasoning'].every(isStep)
  );
}
