/**
 * Finds benchmark ECGs' records under a folder for the commands that check a benchmark file
 * against the records a user holds (measure --benchmark, regenerate-check): the source's own
 * layout first (PTB-XL: records500/<thousands>/<id>_hr), else the record's file name anywhere
 * under the folder, as in collections that keep PTB-XL records in other layouts.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { candidateRecordPaths } from '../../server/services/records';
import type { DataSource } from '../../schemas/benchmark-sample';
import { fileExists } from '../../server/io/file-exists';

/** Every .hea file under a folder, by base name without extension (the first found wins). */
async function headersByName(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.hea')) continue;
    const name = e.name.slice(0, -4);
    if (!out.has(name)) out.set(name, path.join(e.parentPath, name));
  }
  return out;
}

/** An ECG as a benchmark sample's metadata names it. */
export interface RecordKey {
  readonly data_source: DataSource;
  readonly ecg_id: string;
  readonly subject_id?: string | null | undefined;
}

/** Returns a lookup from an ECG to its record base path under root (null when not there). */
export function recordFinder(root: string): (ecg: RecordKey) => Promise<string | null> {
  let byName: Promise<Map<string, string>> | null = null;
  return async (ecg) => {
    const candidates = candidateRecordPaths(ecg.data_source, ecg.ecg_id, ecg.subject_id ?? null);
    for (const relative of candidates) {
      const at = path.join(root, relative);
      if (await fileExists(`${at}.hea`)) return at;
    }
    byName ??= headersByName(root);
    const names = await byName;
    for (const relative of candidates) {
      const found = names.get(path.basename(relative));
      if (found) return found;
    }
    return null;
  };
}
