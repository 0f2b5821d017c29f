/** Reads a WFDB record (`<base>.hea` + `<base>.dat`) from disk for tests of pure code, which may not import server/. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeWfdbFiles } from '../domain/wfdb/decode-files';

/** Decodes the record at `base` (path without extension); single-.dat records only. */
export async function readRecord(base: string) {
  const name = path.basename(base);
  const files = new Map<string, Uint8Array>([
    [`${name}.hea`, await readFile(`${base}.hea`)],
    [`${name}.dat`, await readFile(`${base}.dat`)],
  ]);
  return decodeWfdbFiles(files, name);
}
