/** The official heuristic matcher's yes/no rules (IDQ, finding_identification, diagnostic_decision). */
import { pyStripChars, pyStripSpace } from './py-text';

/** A reply read as yes or no. */
export type YesNo = 'yes' | 'no';

/** A reply as the matcher compares it: white space, then dots, stripped from the ends; lower-cased. */
export function normaliseReply(reply: string): string {
  return pyStripChars(pyStripSpace(reply), '.').toLowerCase();
}

function reads(normalised: string, word: YesNo): boolean {
  const bold = `**${word}**`;
  return (
    normalised.startsWith(word) ||
    normalised.startsWith(bold) ||
    normalised.endsWith(word) ||
    normalised.endsWith(bold)
  );
}

/**
 * A normalised reply read as yes or no: "yes" when it starts or ends with "yes" or "**yes**",
 * else "no" by the same rule (so "None" and "Normal" read no); null when neither.
 */
export function readYesNo(normalised: string): YesNo | null {
  if (reads(normalised, 'yes')) return 'yes';
  if (reads(normalised, 'no')) return 'no';
  return null;
}

/** IDQ: the reply read as yes/no against "yes" when dx_label is true, else "no"; unreadable is wrong. */
export function matchIdq(dxLabel: boolean, reply: string): boolean {
  return readYesNo(normaliseReply(reply)) === (dxLabel ? 'yes' : 'no');
}

/** finding_identification: the reply read as yes/no against the answer; unreadable is wrong. */
export function matchFinding(answer: string, reply: string): boolean {
  return readYesNo(normaliseReply(reply)) === pyStripSpace(answer).toLowerCase();
}

/**
 * diagnostic_decision: a reply read as yes/no is compared as that word; any other reply is
 * compared with the answer as normalised text (so the "Further findings…" sentence matches).
 */
export function matchDecision(answer: string, reply: string): boolean {
  const normalised = normaliseReply(reply);
  return (readYesNo(normalised) ?? normalised) === pyStripSpace(answer).toLowerCase();
}
