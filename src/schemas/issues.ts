import type { z } from 'zod';

/** error: an export refuses the file; warning: reported, export allowed. */
export type Severity = 'error' | 'warning';

/** One thing wrong with a sample or label, located by its JSON path. */
export interface Problem {
  readonly severity: Severity;
  /** Stable rule id, e.g. 'answer-in-options'; the README lists them all. */
  readonly rule: string;
  readonly path: readonly (string | number)[];
  /** The path as a curator reads it: 'data.reasoning[1].ecg_grounding[0].answer_idx'. */
  readonly pathText: string;
  /** What was expected and what was found, without the path. */
  readonly message: string;
}

/** Renders a JSON path: ['data','reasoning',1,'answer'] -> 'data.reasoning[1].answer'; [] -> ''. */
export function formatPath(path: readonly (string | number | symbol)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Builds a Problem, filling in pathText. */
export function problem(
  severity: Severity,
  rule: string,
  path: readonly (string | number)[],
  message: string,
): Problem {
  return { severity, rule, path, pathText: formatPath(path), message };
}

/** One line for people: 'error data.metadata.id: expected ..., found ... [rule-id]'. */
export function formatProblem(p: Problem): string {
  return `${p.severity} ${p.pathText === '' ? '(top level)' : p.pathText}: ${p.message} [${p.rule}]`;
}

/** True when any problem is an error (an export must refuse). */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

const MAX_SHOWN_CHARS = 80;

/** Describes a found JSON value briefly: "afib", 3, true, null, a list of 2, an object, nothing. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'an empty list';
    const shown = safeJson(value);
    if (shown === null) return `a list of ${value.length} (nested too deeply to show)`;
    return shown.length <= MAX_SHOWN_CHARS
      ? shown
      : `a list of ${value.length} (${shown.slice(0, MAX_SHOWN_CHARS)}…)`;
  }
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = JSON.stringify(value);
    return shown.length <= MAX_SHOWN_CHARS ? shown : `${shown.slice(0, MAX_SHOWN_CHARS)}…"`;
  }
  return String(value);
}

// The JSON text of a value, or null for cycles or nesting too deep to print; the caller then
// describes it by its top level only, so no fallback recurses (String() of a 10,000-deep list
// throws RangeError as JSON.stringify does).
function safeJson(value: unknown): string | null {
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return null;
  }
}

/** Lists values for a message, shortened past `max` entries: "a, b, c, ... (17 in all)". */
export function listValues(values: readonly unknown[], max = 6, quote = false): string {
  const show = (v: unknown) => (quote ? JSON.stringify(v) : String(v));
  if (values.length <= max) return values.map(show).join(', ');
  return `${values.slice(0, max).map(show).join(', ')}, ... (${values.length} in all)`;
}

/** Reads the value at a path inside a parsed JSON value; undefined when the path leads nowhere. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** How a field's values are described to curators, and the rule id its breaches carry. */
export interface FieldHint {
  /** e.g. 'a whole number >= 0', 'a text of digits such as "21472"'; absent: derived from zod. */
  readonly expected?: string;
  /** Rule id for a wrong value (not a wrong type), e.g. 'target-dx'. */
  readonly rule?: string;
}

/** Per-document vocabulary used to turn zod issues into curator messages. */
export interface Vocabulary {
  /** Hint for the value at a path; input is the whole parsed document, for context. */
  readonly hint: (path: readonly PropertyKey[], input: unknown) => FieldHint | undefined;
  /** Allowed keys of the object at a path, in order, for unknown-key messages. */
  readonly allowedKeys: (path: readonly PropertyKey[]) => readonly string[] | undefined;
  /** Rewrites a type/shape problem at a path when the document has a better word for it. */
  readonly special?: (
    issue: z.core.$ZodIssue,
    path: readonly (string | number)[],
    found: unknown,
    input: unknown,
  ) => Problem | undefined;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  tuple: 'a list',
};

function isMissingKey(input: unknown, path: readonly PropertyKey[]): boolean {
  const last = path[path.length - 1];
  if (typeof last !== 'string') return false;
  const parent = valueAt(input, path.slice(0, -1));
  return (
    parent !== null &&
    typeof parent === 'object' &&
    !Array.isArray(parent) &&
    !Object.prototype.hasOwnProperty.call(parent, last)
  );
}

function expectedFromIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return TYPE_WORDS[issue.expected] ?? issue.expected;
  if (issue.code === 'invalid_value') {
    return issue.values.length === 1
      ? JSON.stringify(issue.values[0])
      : `one of ${listValues(issue.values, 6, true)}`;
  }
  if (issue.code === 'invalid_union' && 'options' in issue) {
    return `one of ${listValues((issue as { options: readonly unknown[] }).options, 6, true)}`;
  }
  return 'a value';
}

function toPath(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((p) => (typeof p === 'symbol' ? String(p) : p));
}

/** Turns zod issues into Problems in curator words; `input` is the value that was parsed. */
export function problemsFromZod(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  vocabulary: Vocabulary,
): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) out.push(...problemsFromIssue(issue, input, vocabulary));
  return out;
}

function problemsFromIssue(
  issue: z.core.$ZodIssue,
  input: unknown,
  vocabulary: Vocabulary,
): Problem[] {
  const path = toPath(issue.path);
  const found = valueAt(input, issue.path);
  const special = vocabulary.special?.(issue, path, found, input);
  if (special) return [special];
  const hint = vocabulary.hint(issue.path, input);
  if (issue.code !== 'unrecognized_keys' && isMissingKey(input, issue.path)) {
    const expected = hint?.expected ?? expectedFromIssue(issue);
    return [problem('error', 'missing-key', path, `missing - expected ${expected}`)];
  }
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = vocabulary.allowedKeys(issue.path);
      const where = allowed ? ` - the format allows only ${allowed.join(', ')}` : '';
      return issue.keys.map((key) =>
        problem('error', 'unknown-key', path, `unknown key ${JSON.stringify(key)}${where}`),
      );
    }
    case 'invalid_type': {
      const expected = hint?.expected ?? TYPE_WORDS[issue.expected] ?? issue.expected;
      if (issue.expected === 'int' && typeof found === 'number') {
        return [
          problem(
            'error',
            hint?.rule ?? 'whole-number',
            path,
            `expected ${expected}, found ${found}`,
          ),
        ];
      }
      return [
        problem('error', 'wrong-type', path, `expected ${expected}, found ${describeValue(found)}`),
      ];
    }
    case 'invalid_value': {
      const expected = hint?.expected ?? expectedFromIssue(issue);
      return [
        problem(
          'error',
          hint?.rule ?? 'allowed-value',
          path,
          `expected ${expected}, found ${describeValue(found)}`,
        ),
      ];
    }
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator !== undefined) {
        const options = (issue as { options?: readonly unknown[] }).options ?? [];
        // zod 4 already ends the path with the discriminator key; older versions did not.
        const atKey = path[path.length - 1] === issue.discriminator;
        const where = atKey ? path : [...path, issue.discriminator];
        const value = atKey ? found : valueAt(found, [issue.discriminator]);
        const hinted = vocabulary.hint(where, input);
        return [
          problem(
            'error',
            hinted?.rule ?? 'allowed-value',
            where,
            `expected one of ${listValues(options, 6, true)}, found ${describeValue(value)}`,
          ),
        ];
      }
      return [
        problem(
          'error',
          'wrong-type',
          path,
          `expected ${hint?.expected ?? 'a valid value'}, found ${describeValue(found)}`,
        ),
      ];
    }
    case 'too_small':
    case 'too_big': {
      if (issue.code === 'too_big' && issue.origin === 'string' && typeof found === 'string') {
        return [
          problem(
            'error',
            'text-too-long',
            path,
            `expected at most ${String(issue.maximum)} characters, found ${found.length}`,
          ),
        ];
      }
      if (issue.origin === 'array') {
        const count = Array.isArray(found) ? found.length : 0;
        return [
          problem(
            'error',
            hint?.rule ?? 'list-length',
            path,
            `expected ${hint?.expected ?? `a list of ${String(issue.code === 'too_small' ? issue.minimum : issue.maximum)}`}, found a list of ${count}`,
          ),
        ];
      }
      return [
        problem(
          'error',
          hint?.rule ?? (issue.code === 'too_small' ? 'too-small' : 'too-big'),
          path,
          `expected ${hint?.expected ?? 'a value in range'}, found ${describeValue(found)}`,
        ),
      ];
    }
    case 'invalid_format':
      return [
        problem(
          'error',
          hint?.rule ?? 'format',
          path,
          `expected ${hint?.expected ?? issue.format}, found ${describeValue(found)}`,
        ),
      ];
    default:
      return [
        problem(
          'error',
          hint?.rule ?? 'invalid',
          path,
          `${issue.message}; found ${describeValue(found)}`,
        ),
      ];
  }
}
