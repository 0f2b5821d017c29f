/** Where and why a text is not JSON: 0-based UTF-16 offset, 1-based line and column. */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  /** What was expected and what was found, in plain words (no position prefix). */
  readonly reason: string;
}

/** The result of parsing one JSON text: the value, or where and why it is not JSON. */
export type JsonParseResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: JsonSyntaxError };

/**
 * Parses a JSON text with JSON.parse (fast path); on failure locates the first error itself,
 * because V8's messages sometimes give no position and quote the whole input.
 */
export function parseJsonText(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const located = findJsonSyntaxError(text);
    if (located) return { ok: false, error: located };
    // The scanner and JSON.parse agree on every input we know of; keep V8's word otherwise.
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { offset: 0, line: 1, column: 1, reason } };
  }
}

type Expect =
  'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';

const EXPECTED: Record<Expect, string> = {
  value: 'a value',
  'value-or-close': "a value or ']'",
  key: 'a property name in double quotes',
  'key-or-close': "a property name in double quotes or '}'",
  colon: "':' after the property name",
  'comma-or-close': "',' or the closing bracket",
  end: 'nothing more',
};

/** Names a character for a message: '"x"', "U+FEFF (byte order mark)", "a tab". */
function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code === 0xfeff) return 'U+FEFF (a byte order mark)';
  if (code < 0x20 || code === 0x7f) return `the control character U+${hex4(code)}`;
  return `'${ch}'`;
}

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isHex(code: number): boolean {
  return isDigit(code) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't', 'u']);

/** Scans a string starting at its opening quote; returns the index after it, or an error. */
function scanString(text: string, start: number): number | { at: number; reason: string } {
  let i = start + 1;
  for (;;) {
    if (i >= text.length) return { at: start, reason: 'a string is never closed (missing ")' };
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) {
      return {
        at: i,
        reason: `${describeChar(text[i]!)} inside a string; write it escaped (e.g. \\n, \\t)`,
      };
    }
    if (code === 0x5c) {
      const next = text[i + 1];
      if (next === undefined) return { at: start, reason: 'a string is never closed (missing ")' };
      if (!ESCAPES.has(next)) {
        return { at: i, reason: `'\\${next}' is not a JSON escape` };
      }
      if (next === 'u') {
        for (let k = 2; k < 6; k++) {
          if (!isHex(text.charCodeAt(i + k))) {
            return { at: i, reason: '\\u must be followed by four hex digits' };
          }
        }
        i += 6;
      } else {
        i += 2;
      }
      continue;
    }
    i++;
  }
}

/** Scans a number at start; returns the index after it, or an error. */
function scanNumber(text: string, start: number): number | { at: number; reason: string } {
  let i = start;
  if (text.charCodeAt(i) === 0x2d) i++;
  if (text.charCodeAt(i) === 0x30) {
    i++;
  } else if (isDigit(text.charCodeAt(i))) {
    while (isDigit(text.charCodeAt(i))) i++;
  } else {
    return { at: i, reason: "a '-' must be followed by a digit" };
  }
  if (text.charCodeAt(i) === 0x2e) {
    i++;
    if (!isDigit(text.charCodeAt(i))) return { at: i, reason: "a '.' must be followed by a digit" };
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 0x2b || sign === 0x2d) i++;
    if (!isDigit(text.charCodeAt(i))) return { at: i, reason: 'an exponent needs digits' };
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

const LITERALS = ['true', 'false', 'null'] as const;

/**
 * Finds the first JSON syntax error in text, or null when text is one valid JSON value.
 * Iterative (no recursion), so any nesting depth is safe.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const stack: number[] = [];
  let expect: Expect = 'value';
  let i = 0;
  const fail = (at: number, reason: string): JsonSyntaxError => locate(text, at, reason);
  const afterValue = (): Expect => (stack.length > 0 ? 'comma-or-close' : 'end');
  for (;;) {
    while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
    if (i >= text.length) {
      if (expect === 'end') return null;
      if (text.trim() === '') return fail(i, 'the text is empty; expected a JSON value');
      return fail(i, `the text ends too early; expected ${EXPECTED[expect]}`);
    }
    const ch = text[i]!;
    const code = text.charCodeAt(i);
    switch (expect) {
      case 'end':
        return fail(i, `unexpected ${describeChar(ch)} after the end of the JSON value`);
      case 'colon':
        if (ch !== ':')
          return fail(i, `expected ':' after the property name, found ${describeChar(ch)}`);
        i++;
        expect = 'value';
        continue;
      case 'comma-or-close': {
        const close = stack[stack.length - 1] === 0x7b ? '}' : ']';
        if (ch === ',') {
          i++;
          expect = close === '}' ? 'key' : 'value';
        } else if (ch === close) {
          i++;
          stack.pop();
          expect = afterValue();
        } else {
          const what = close === '}' ? 'a property value' : 'an array element';
          return fail(i, `expected ',' or '${close}' after ${what}, found ${describeChar(ch)}`);
        }
        continue;
      }
      case 'key':
      case 'key-or-close': {
        if (ch === '}' && expect === 'key-or-close') {
          i++;
          stack.pop();
          expect = afterValue();
          continue;
        }
        if (ch !== '"') {
          return fail(i, `expected ${EXPECTED[expect]}, found ${describeChar(ch)}`);
        }
        const end = scanString(text, i);
        if (typeof end !== 'number') return fail(end.at, end.reason);
        i = end;
        expect = 'colon';
        continue;
      }
      case 'value':
      case 'value-or-close': {
        if (ch === ']' && expect === 'value-or-close') {
          i++;
          stack.pop();
          expect = afterValue();
          continue;
        }
        if (ch === '{' || ch === '[') {
          stack.push(code);
          i++;
          expect = ch === '{' ? 'key-or-close' : 'value-or-close';
          continue;
        }
        let end: number | { at: number; reason: string };
        if (ch === '"') {
          end = scanString(text, i);
        } else if (ch === '-' || isDigit(code)) {
          end = scanNumber(text, i);
        } else {
          const literal = LITERALS.find((word) => text.startsWith(word, i));
          if (!literal) {
            const hint = ch === "'" ? ' (JSON strings use double quotes)' : '';
            return fail(i, `expected ${EXPECTED[expect]}, found ${describeChar(ch)}${hint}`);
          }
          end = i + literal.length;
        }
        if (typeof end !== 'number') return fail(end.at, end.reason);
        i = end;
        expect = afterValue();
        continue;
      }
    }
  }
}

/** Turns an offset into line and column (1-based, columns in UTF-16 units as editors count). */
function locate(text: string, offset: number, reason: string): JsonSyntaxError {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { offset, line, column: offset - lineStart + 1, reason };
}
