/** The official heuristic matcher's text rules: criterion, wave window and measurement range. */
import { PY_SPACE_CLASS_BODY, pyStripChars, pyStripSpace } from './py-text';

/** criterion_selection: the exact option text, case-insensitive, after stripping "-" then white space. */
export function matchCriterion(answer: string, reply: string): boolean {
  return (
    pyStripSpace(pyStripChars(reply, '-')).toLowerCase() === pyStripSpace(answer).toLowerCase()
  );
}

/** A grounding answer's one text: `answer[0]` in the list shape, the text itself in the scalar shape. */
export function singleAnswer(answer: string | readonly string[]): string {
  return typeof answer === 'string' ? answer : (answer[0] ?? '');
}

/** wave_grounding: the exact window text, case-insensitive, brackets included. */
export function matchWave(answer: string | readonly string[], reply: string): boolean {
  return pyStripSpace(reply).toLowerCase() === pyStripSpace(singleAnswer(answer)).toLowerCase();
}

// The official pattern, anchored at the start as Python's re.match is, with Python's Unicode \d
// and \s: `\[?\s*-?\d+\.?\d*\s*[^\d\s]*\s*-\s*-?\d+\.?\d*\s*[^\d\s]*\s*\]?`.
const S = `[${PY_SPACE_CLASS_BODY}]`;
const NOT_DIGIT_OR_SPACE = `[^\\p{Nd}${PY_SPACE_CLASS_BODY}]`;
const BOUND = `-?\\p{Nd}+\\.?\\p{Nd}*${S}*${NOT_DIGIT_OR_SPACE}*`;
const RANGE_AT_START = new RegExp(`^\\[?${S}*${BOUND}${S}*-${S}*${BOUND}${S}*\\]?`, 'u');

/**
 * measurement_grounding: equal stripped, lower-cased texts are right; otherwise, when the answer
 * begins with a range, the range read at the reply's start (given "[" and "]" where it lacks
 * them) must equal the answer. The pattern's unit part can swallow a "]" and the space after it,
 * so "[200ms - 210ms] because …" reads "[200ms - 210ms] ]" and is wrong, as in the official tool.
 */
export function matchMeasurement(answer: string | readonly string[], reply: string): boolean {
  const expected = pyStripSpace(singleAnswer(answer)).toLowerCase();
  const got = pyStripSpace(reply).toLowerCase();
  if (expected === got) return true;
  if (!RANGE_AT_START.test(expected)) return false;
  const match = RANGE_AT_START.exec(got);
  if (!match) return false;
  let range = match[0];
  if (!range.startsWith('[')) range = `[${range}`;
  if (!range.endsWith(']')) range = `${range}]`;
  return range === expected;
}
