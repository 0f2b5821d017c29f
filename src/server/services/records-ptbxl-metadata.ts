import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The PTB-XL metadata file a records folder may hold at its root. */
export const PTBXL_DATABASE_CSV = 'ptbxl_database.csv';

/** One ECG's PTB-XL metadata: CSV columns typed (numbers, booleans, scp_codes as an object). */
export type PtbxlMetadata = Record<string, string | number | boolean | Record<string, number>>;

/** Splits CSV text into rows of fields (RFC 4180: quotes, doubled quotes, newlines in quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Reads PTB-XL's scp_codes, a Python dict literal such as "{'NORM': 100.0, 'SR': 0.0}". */
export function parseScpCodes(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const match of text.matchAll(/'([^']+)'\s*:\s*(-?\d+(?:\.\d+)?)/g)) {
    out[match[1]!] = Number(match[2]);
  }
  return out;
}

const SKIPPED_COLUMNS = new Set(['ecg_id', 'filename_lr', 'filename_hr']);

function typed(column: string, value: string): string | number | boolean | Record<string, number> {
  if (column === 'scp_codes') return parseScpCodes(value);
  if (value === 'True') return true;
  if (value === 'False') return false;
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}

/** Parses ptbxl_database.csv text into metadata by ecg_id (empty fields are left out). */
export function parsePtbxlDatabase(text: string): Map<string, PtbxlMetadata> {
  const [header, ...rows] = parseCsv(text);
  const out = new Map<string, PtbxlMetadata>();
  if (!header) return out;
  const idColumn = header.indexOf('ecg_id');
  if (idColumn < 0) return out;
  for (const row of rows) {
    const ecgId = row[idColumn]?.trim();
    if (!ecgId || !/^\d+(\.0)?$/.test(ecgId)) continue;
    const metadata: PtbxlMetadata = {};
    header.forEach((column, i) => {
      const value = row[i]?.trim() ?? '';
      if (value === '' || SKIPPED_COLUMNS.has(column)) return;
      metadata[column] = typed(column, value);
    });
    out.set(String(Number(ecgId)), metadata);
  }
  return out;
}

/** Loads RECORDS_DIR/ptbxl_database.csv when the folder has one; an empty map otherwise. */
export async function loadPtbxlMetadata(
  recordsDir: string | undefined,
): Promise<Map<string, PtbxlMetadata>> {
  if (recordsDir === undefined) return new Map();
  let text: string;
  try {
    text = await readFile(path.join(recordsDir, PTBXL_DATABASE_CSV), 'utf8');
  } catch {
    return new Map();
  }
  return parsePtbxlDatabase(text);
}
