import type { SampleShape } from './answer-shape';
import { DATA_SOURCES, TARGET_DX } from '../../schemas/benchmark-sample';
import { TEXT_LIMITS } from '../../schemas/text-limits';

// A hand-written twin of the zod schemas that only answers yes or no. Real files are almost
// always valid and canonical, so this cheap walk lets validation skip zod's copy; anything it
// rejects goes through zod, which explains what is wrong.

const dataSources: ReadonlySet<unknown> = new Set(DATA_SOURCES);
const targetDx: ReadonlySet<unknown> = new Set(TARGET_DX);
const digits = /^\d+$/;

const TOP_KEYS = ['metadata', 'data'];
const METADATA_KEYS = ['id', 'data_source', 'ecg_id', 'target_dx', 'dx_label', 'path_idx'];
const DATA_KEYS = ['initial_diagnostic_question', 'reasoning'];
const INITIAL_KEYS = ['question', 'options', 'answer', 'question_type'];
const STEP_KEYS = [
  'criterion_selection',
  'finding_identification',
  'ecg_grounding',
  'diagnostic_decision',
];
const QUESTION_KEYS = ['question', 'options', 'answer', 'answer_idx', 'question_type'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// for-in walks the map's enum cache without allocating a key array as Object.keys does. It also
// visits inherited enumerable keys, which only makes this say no (and zod then explains).
function hasKeys(o: Record<string, unknown>, keys: readonly string[]): boolean {
  let i = 0;
  for (const key in o) {
    if (key !== keys[i]) return false;
    i++;
  }
  return i === keys.length;
}

function isIndex(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isQuestion(value: unknown): boolean {
  return typeof value === 'string' && value.length <= TEXT_LIMITS.question;
}

function isOption(value: unknown): boolean {
  return typeof value === 'string' && value.length <= TEXT_LIMITS.option;
}

function isOptionList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!isOption(value[i])) return false;
  return true;
}

function isIndexList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!isIndex(value[i])) return false;
  return true;
}

function isMetadata(m: unknown): boolean {
  if (!isRecord(m)) return false;
  let count = 0;
  for (const key in m) {
    if (count < 6 ? key !== METADATA_KEYS[count] : count > 6 || key !== 'subject_id') return false;
    count++;
  }
  if (count === 7) {
    const subject = m.subject_id;
    if (typeof subject !== 'string' || !digits.test(subject)) return false;
  } else if (count !== 6) return false;
  return (
    isIndex(m.id) &&
    dataSources.has(m.data_source) &&
    typeof m.ecg_id === 'string' &&
    digits.test(m.ecg_id) &&
    targetDx.has(m.target_dx) &&
    typeof m.dx_label === 'boolean' &&
    isIndex(m.path_idx)
  );
}

function isSingleAnswerQuestion(q: unknown, questionType: string): boolean {
  return (
    isRecord(q) &&
    hasKeys(q, QUESTION_KEYS) &&
    isQuestion(q.question) &&
    isOptionList(q.options) &&
    isOption(q.answer) &&
    isIndex(q.answer_idx) &&
    q.question_type === questionType
  );
}

// Counts of wave/measurement answers seen in the scalar shape (texts) and the list shape (lists).
interface Tally {
  texts: number;
  lists: number;
}

function isGrounding(g: unknown, tally: Tally): boolean {
  if (!isRecord(g) || !hasKeys(g, QUESTION_KEYS)) return false;
  if (!isQuestion(g.question) || !isOptionList(g.options)) return false;
  const type = g.question_type;
  if (type === 'lead_grounding') return isOptionList(g.answer) && isIndexList(g.answer_idx);
  if (type !== 'wave_grounding' && type !== 'measurement_grounding') return false;
  const { answer, answer_idx: idx } = g;
  if (isOption(answer) && isIndex(idx)) {
    tally.texts++;
    return true;
  }
  if (
    Array.isArray(answer) &&
    answer.length === 1 &&
    isOption(answer[0]) &&
    Array.isArray(idx) &&
    idx.length === 1 &&
    isIndex(idx[0])
  ) {
    tally.lists++;
    return true;
  }
  return false;
}

function isStep(s: unknown, tally: Tally): boolean {
  if (!isRecord(s) || !hasKeys(s, STEP_KEYS)) return false;
  if (!isSingleAnswerQuestion(s.criterion_selection, 'criterion_selection')) return false;
  if (!isSingleAnswerQuestion(s.finding_identification, 'finding_identification')) return false;
  if (!isSingleAnswerQuestion(s.diagnostic_decision, 'diagnostic_decision')) return false;
  if (!Array.isArray(s.ecg_grounding)) return false;
  for (const g of s.ecg_grounding) if (!isGrounding(g, tally)) return false;
  return true;
}

/**
 * One cheap walk: when value is structurally a sample (what a zod schema accepts) with every
 * key already in the docs' order, returns its answer shape ('mixed' means neither schema
 * accepts it); null when it is not such a sample and needs the zod schema to explain why.
 */
export function canonicalShape(value: unknown): SampleShape | null {
  if (!isRecord(value) || !hasKeys(value, TOP_KEYS) || !isMetadata(value.metadata)) return null;
  const data = value.data;
  if (!isRecord(data) || !hasKeys(data, DATA_KEYS)) return null;
  const initial = data.initial_diagnostic_question;
  if (
    !isRecord(initial) ||
    !hasKeys(initial, INITIAL_KEYS) ||
    !isQuestion(initial.question) ||
    !isOptionList(initial.options) ||
    !isOption(initial.answer) ||
    initial.question_type !== 'initial_diagnostic_question'
  ) {
    return null;
  }
  if (!Array.isArray(data.reasoning)) return null;
  const tally: Tally = { texts: 0, lists: 0 };
  for (const step of data.reasoning) if (!isStep(step, tally)) return null;
  if (tally.texts > 0) return tally.lists > 0 ? 'mixed' : 'scalar';
  return tally.lists > 0 ? 'list' : 'either';
}
