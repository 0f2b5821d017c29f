/** The official heuristic matcher's lead_grounding rule: the reply's lead set must equal the answer's. */
import { isStandardLead, normaliseLeadName } from '../leads';
import type { StandardLead } from '../leads';
import { PY_SPACE_CLASS_BODY, pyStripChars, pyStripSpace } from './py-text';

// Python's \b, \w, \s and \d are Unicode-aware in str patterns; JavaScript's are ASCII, so the
// patterns spell Python's classes out (word = letter, number or underscore).
const WORD = '[\\p{L}\\p{N}_]';
const SPACE = `[${PY_SPACE_CLASS_BODY}]`;
const NAMES = '(?:iii|ii|i|avr|avl|avf|v[1-6])';
/** `\b<name>\b`: every name starts and ends with a word character. */
const LEAD_NAME = `(?<!${WORD})${NAMES}(?!${WORD})`;
// Python's case-insensitive match also takes the dotless "ı" for "i" (JavaScript's /iu does
// not); the phrase pattern is the only case-insensitive one.
const LEAD_NAME_ANY_CASE = `(?<!${WORD})${NAMES.replaceAll('i', '[iı]')}(?!${WORD})`;
const SEPARATOR = `(?:${SPACE}*,${SPACE}*(?:and${SPACE}+)?|${SPACE}+and${SPACE}+)`;
const LEAD_NAME_RE = new RegExp(LEAD_NAME, 'gu');
const PHRASE_RE = new RegExp(
  `(?<!${WORD})leads?${SPACE}+${LEAD_NAME_ANY_CASE}(?:${SEPARATOR}${LEAD_NAME_ANY_CASE})*`,
  'giu',
);
const BARE_NAMES = new Set([
  'i',
  'ii',
  'iii',
  'avr',
  'avl',
  'avf',
  'v1',
  'v2',
  'v3',
  'v4',
  'v5',
  'v6',
]);
const LIST_SEPARATORS = [',', ';', '/', '\n'] as const;

/** Strips "-", then ":", then white space from the ends, again until nothing changes. */
function stripEnds(text: string): string {
  for (;;) {
    const next = pyStripSpace(pyStripChars(pyStripChars(text, '-'), ':'));
    if (next === text) return text;
    text = next;
  }
}

/** Splits a reply without a "lead(s) X" phrase on the first separator it holds. */
function splitPieces(text: string): string[] {
  const replaced = text.replaceAll('and', ',').replaceAll('leads', 'lead');
  const separator = LIST_SEPARATORS.find((s) => replaced.includes(s));
  if (separator === undefined) return [replaced];
  return replaced
    .split(separator)
    .filter((piece) => pyStripSpace(piece) !== '')
    .map((piece) => pyStripSpace(pyStripChars(piece, '-')));
}

/**
 * The set of leads a reply names, as the official matcher reads it: lower-cased ("ads "/"ad "
 * at the start gains "le"), ends stripped; the lead names of every "lead(s) X, Y and Z" phrase,
 * or failing any phrase the pieces of a split; bare lead names gain "lead ".
 */
export function readLeadSet(reply: string): Set<string> {
  let text = reply.toLowerCase();
  if (text.startsWith('ads ') || text.startsWith('ad ')) text = `le${text}`;
  text = stripEnds(text);
  const phrases = text.match(PHRASE_RE);
  const pieces = phrases
    ? phrases.flatMap((phrase) => phrase.match(LEAD_NAME_RE) ?? [])
    : splitPieces(text);
  return new Set(pieces.map((piece) => (BARE_NAMES.has(piece) ? `lead ${piece}` : piece)));
}

/** The standard leads of a text's lead set as readLeadSet reads it, in standard spelling. */
export function readStandardLeads(text: string): StandardLead[] {
  return [...readLeadSet(text)]
    .map((piece) =>
      normaliseLeadName(piece.startsWith('lead ') ? piece.slice('lead '.length) : piece),
    )
    .filter(isStandardLead);
}

/** lead_grounding: right only when the reply's lead set equals the answer set exactly. */
export function matchLeads(answer: readonly string[], reply: string): boolean {
  const expected = new Set(answer.map((lead) => pyStripSpace(lead).toLowerCase()));
  const read = readLeadSet(reply);
  if (read.size !== expected.size) return false;
  for (const lead of read) if (!expected.has(lead)) return false;
  return true;
}
