/** Numbers as Python writes them, so our CSVs compare with the official tool's byte for byte. */

/**
 * Python's repr of a float (what pandas writes for a float column): the shortest digits that
 * read back exactly, positional for exponents -4..15 with at least one decimal ("1.0",
 * "0.3333333333333333"), scientific otherwise ("1e-05", "1.5e+16").
 */
export function pyFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  // toExponential() without digits gives the shortest round-trip digits, as Python's repr does.
  const [mantissa = '', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const frac = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${frac}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = exponent + 1;
  if (digits.length <= whole) return `${sign}${digits}${'0'.repeat(whole - digits.length)}.0`;
  return `${sign}${digits.slice(0, whole)}.${digits.slice(whole)}`;
}

/** A value of a pandas DataFrame cell: an integer, a float or text. */
export type FrameCell =
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'text'; readonly value: string };

/** An integer cell. */
export const int = (value: number): FrameCell => ({ kind: 'int', value });
/** A float cell. */
export const float = (value: number): FrameCell => ({ kind: 'float', value });
/** A text cell. */
export const text = (value: string): FrameCell => ({ kind: 'text', value });

/**
 * Formats rows as pandas' to_csv does: a column holding any float is a float column, so its
 * integers are written as floats too ("3.0"); integer columns are written as integers.
 */
export function formatFrame(rows: readonly (readonly FrameCell[])[]): string[][] {
  const floatColumns = new Set<number>();
  for (const row of rows) row.forEach((cell, i) => cell.kind === 'float' && floatColumns.add(i));
  return rows.map((row) =>
    row.map((cell, i) => {
      if (cell.kind === 'text') return cell.value;
      if (cell.kind === 'float' || floatColumns.has(i)) return pyFloatRepr(cell.value);
      return String(cell.value);
    }),
  );
}
