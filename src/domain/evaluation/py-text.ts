/**
 * Python's text rules where the official evaluator's matching depends on them: which characters
 * `str.strip()` and the regex class `\s` treat as white space (JavaScript's `trim()` and `\s`
 * differ: they take U+FEFF and leave U+001C-U+001F and U+0085), and a strip of given characters.
 */

/** The characters of Python's `str.isspace()`, as the body of a regex character class. */
export const PY_SPACE_CLASS_BODY =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/** True when the UTF-16 code unit is white space to Python (`str.isspace()`). */
export function isPySpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code >= 0x1c;
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Python's `text.strip()` (no argument: white space as Python reads it). */
export function pyStripSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPySpace(text.charCodeAt(start))) start++;
  while (end > start && isPySpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Python's `text.strip(chars)`: removes any of `chars` from both ends. */
export function pyStripChars(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start]!)) start++;
  while (end > start && chars.includes(text[end - 1]!)) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}
