import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, parseJsonText } from './json-syntax';

function jsonParses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('findJsonSyntaxError', () => {
  it.each([
    ['{"a":}', 5, "expected a value, found '}'"],
    ['{"a":1', 6, 'ends too early'],
    ['{"a":1}x', 7, "unexpected 'x' after the end"],
    ['', 0, 'empty'],
    ['\uFEFF{}', 0, 'byte order mark'],
    ['{"a":"\u0001"}', 6, 'control character U+0001 inside a string'],
    ['{"a": tru}', 6, 'expected a value'],
    ["{'a':1}", 1, 'property name in double quotes'],
    ['[1,]', 3, 'expected a value'],
    ['{"a" 1}', 5, "expected ':'"],
    ['[1 2]', 3, "expected ',' or ']'"],
    ['"\\x"', 1, 'not a JSON escape'],
    ['[01]', 2, "expected ',' or ']'"],
    ['-', 1, "'-' must be followed by a digit"],
    ['"abc', 0, 'never closed'],
  ])('locates the error in %j at offset %i', (text, offset, reason) => {
    const error = findJsonSyntaxError(text);
    expect(error?.offset).toBe(offset);
    expect(error?.reason).toContain(reason);
    expect(jsonParses(text)).toBe(false);
  });

  it('gives line and column in multi-line texts', () => {
    expect(findJsonSyntaxError('{\n  "a": 1,\n  "b": ]\n}')).toMatchObject({ line: 3, column: 8 });
  });

  it('agrees with JSON.parse on valid JSON and on every mutation of it', () => {
    fc.assert(
      fc.property(
        fc.jsonValue().map((v) => JSON.stringify(v, null, 1)),
        fc.nat(),
        fc.constantFrom('', '"', ',', ':', '{', '}', '[', ']', '\\', 'x', '0', '-', '\n', '\u0001'),
        fc.boolean(),
        (text, position, insert, replace) => {
          expect(findJsonSyntaxError(text)).toBeNull();
          const at = position % (text.length + 1);
          const mutated = text.slice(0, at) + insert + text.slice(replace ? at + 1 : at);
          expect(findJsonSyntaxError(mutated) === null).toBe(jsonParses(mutated));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('handles nesting a million deep without recursion', () => {
    expect(findJsonSyntaxError(`${'['.repeat(1e6)}${']'.repeat(1e6)}`)).toBeNull();
    expect(findJsonSyntaxError(`${'{"a":'.repeat(1e6)}1`)?.reason).toMatch(/ends too early/);
  });
});

describe('parseJsonText', () => {
  it('returns the value or a located error', () => {
    expect(parseJsonText('{"a":[1]}')).toEqual({ ok: true, value: { a: [1] } });
    expect(parseJsonText('{"a":[1}')).toMatchObject({ ok: false, error: { column: 8 } });
  });
});
