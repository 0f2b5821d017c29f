/** Which fields of two JSON documents differ, as JSON paths a curator reads. */
import { formatPath } from '../../../schemas/issues';

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// A list holding any non-object (options, answer, answer_idx) is one field: a changed option
// list reads better as "options" than as the positions that shifted.
function isFieldList(value: Json): boolean {
  return Array.isArray(value) && value.some((item) => !isRecord(item));
}

function sameJson(a: Json, b: Json): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function walk(a: Json, b: Json, path: (string | number)[], out: string[]): void {
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) walk(a[key], b[key], [...path, key], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && !isFieldList(a) && !isFieldList(b)) {
    const shared = Math.min(a.length, b.length);
    for (let i = 0; i < shared; i++) walk(a[i], b[i], [...path, i], out);
    // A step or question present on one side only is named as a whole.
    for (let i = shared; i < Math.max(a.length, b.length); i++) out.push(formatPath([...path, i]));
    return;
  }
  if (!sameJson(a, b)) out.push(formatPath(path));
}

/**
 * The JSON paths where two documents differ, in document order: objects are compared key by
 * key, lists of objects (steps, grounding questions) position by position, and anything else
 * (texts, numbers, lists of texts or numbers) as one field. [] when they are equal.
 */
export function changedPaths(before: Json, after: Json): string[] {
  const out: string[] = [];
  walk(before, after, [], out);
  return out;
}
