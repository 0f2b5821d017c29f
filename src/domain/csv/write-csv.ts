/** A small RFC 4180 CSV writer: fields with a comma, quote or line break are quoted, quotes doubled. */

const NEEDS_QUOTES = /[",\r\n]/;

/** One field as CSV writes it. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows of text fields as CSV, each line ended by "\n" (as pandas writes on Linux). */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  let out = '';
  for (const row of rows) out += `${row.map(csvField).join(',')}\n`;
  return out;
}
