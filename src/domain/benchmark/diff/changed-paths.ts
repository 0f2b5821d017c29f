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

/** One field that differs: its JSON path and its value on each side (null where it is absent). */
export interface ChangedField {
  readonly path: string;
  readonly before: Json;
  readonly after: Json;
}

function walk(a: Json, b: Json, path: (string | number)[], out: ChangedField[]): void {
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) walk(a[key], b[key], [...path, key], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && !isFieldList(a) && !isFieldList(b)) {
    const shared = Math.min(a.length, b.length);
    for (let i = 0; i < shared; i++) walk(a[i], b[i], [...path, i], out);
    // A step or question present on one side only is named as a whole.
    for (let i = shared; i < Math.max(a.length, b.length); i++)
      out.push({ path: formatPath([...path, i]), before: a[i] ?? null, after: b[i] ?? null });
    return;
  }
  if (!sameJson(a, b)) out.push({ path: formatPath(path), before: a ?? null, after: b ?? null });
}

/**
 * The fields where two documents differ, in document order, with both values: objects are
 * compared key by key, lists of objects (steps, grounding questions) position by position, and
 * anything else (texts, numbers, lists of texts or numbers) as one field. [] when equal.
 */
export function changedFields(before: Json, after: Json): ChangedField[] {
  const out: ChangedField[] = [];
  walk(before, after, [], out);
  return out;
}

/** The JSON paths where two documents differ, in document order (see changedFields). */
export function changedPaths(before: Json, after: Json): string[] {
  return changedFields(before, after).map((field) => field.path);
}
