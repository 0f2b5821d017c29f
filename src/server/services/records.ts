import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { DataSource } from '../../schemas/benchmark-sample';
import { DATA_SOURCES } from '../../schemas/benchmark-sample';
import { parseWfdbHeader } from '../../domain/wfdb/header';
import { mimicRecordPath, ptbxlRecordPath } from '../../domain/wfdb/paths';
import type { Db } from '../storage/database';
import { ServiceError, notFound } from './service-error';
import { fileExists } from '../io/file-exists';

/** Where WFDB records are read from: RECORDS_DIR (read-only) and the demo folder in DATA_DIR. */
export interface RecordRoots {
  /** Absolute RECORDS_DIR, or undefined when none is configured. */
  readonly recordsDir: string | undefined;
  /** Absolute folder of the generated demo records (DATA_DIR/demo-records). */
  readonly demoDir: string;
}

/** Stored record paths that start with this live under the demo folder, not RECORDS_DIR. */
export const DEMO_PATH_PREFIX = '@demo/';

/** The demo records folder inside a data directory. */
export function demoRecordsDir(dataDir: string): string {
  return path.join(dataDir, 'demo-records');
}

/** The record roots for a configuration (RECORDS_DIR plus DATA_DIR/demo-records). */
export function recordRoots(config: {
  recordsDir: string | undefined;
  dataDir: string;
}): RecordRoots {
  return { recordsDir: config.recordsDir, demoDir: demoRecordsDir(config.dataDir) };
}

/**
 * Record paths (relative, without extension) a source's layout gives an ECG, best first:
 * PTB-XL 500 Hz then 100 Hz; MIMIC-IV-ECG needs the subject id. Empty when the ids are malformed.
 */
export function candidateRecordPaths(
  source: DataSource,
  ecgId: string,
  subjectId: string | null,
): string[] {
  try {
    if (source === 'ptbxl') return [ptbxlRecordPath(ecgId, 500), ptbxlRecordPath(ecgId, 100)];
    return subjectId === null ? [] : [mimicRecordPath(subjectId, ecgId)];
  } catch {
    return [];
  }
}

/** The file names in each folder, listed once (a missing folder lists as empty). */
async function listFolders(folders: Iterable<string>): Promise<Map<string, ReadonlySet<string>>> {
  const unique = [...new Set(folders)];
  const listed = await Promise.all(
    unique.map((folder) =>
      readdir(folder).then(
        (names) => new Set(names),
        () => new Set<string>(),
      ),
    ),
  );
  return new Map(unique.map((folder, i) => [folder, listed[i]!]));
}

/** Where a record's .hea would be: the folder and the file name. */
function headerPlace(root: string, relative: string): { folder: string; name: string } {
  const slash = relative.lastIndexOf('/');
  return {
    folder: slash < 0 ? root : `${root}/${relative.slice(0, slash)}`,
    name: `${relative.slice(slash + 1)}.hea`,
  };
}

/** The absolute record base (no extension) a stored path names, or null if it names nothing. */
export function resolveStoredPath(roots: RecordRoots, stored: string): string | null {
  const demo = stored.startsWith(DEMO_PATH_PREFIX);
  const root = demo ? roots.demoDir : roots.recordsDir;
  if (root === undefined) return null;
  const relative = demo ? stored.slice(DEMO_PATH_PREFIX.length) : stored;
  const full = path.resolve(root, relative);
  const inside = path.relative(root, full);
  if (inside.startsWith('..') || path.isAbsolute(inside)) return null;
  return full;
}

/**
 * Looks for an ECG's record (its .hea file) under RECORDS_DIR, then under the demo folder;
 * returns the path to store (demo paths carry DEMO_PATH_PREFIX) or null when it is missing.
 */
export async function findRecordPath(
  roots: RecordRoots,
  source: DataSource,
  ecgId: string,
  subjectId: string | null,
): Promise<string | null> {
  const [found] = await findRecordPaths(roots, [{ source, ecgId, subjectId }]);
  return found ?? null;
}

/** What a records scan found for the ECGs it looked at. */
export interface RecordsScan {
  /** ECGs looked at. */
  readonly ecgs: number;
  /** ECGs whose record files were found. */
  readonly found: number;
  /** ECGs whose record files are missing, as "source/ecg_id", in order. */
  readonly missing: readonly string[];
  /** ECGs whose stored path changed (found, moved or lost since the last scan). */
  readonly updated: number;
}

/** Finds the record of every given ECG, listing each candidate folder once. */
export async function findRecordPaths(
  roots: RecordRoots,
  ecgs: readonly { source: DataSource; ecgId: string; subjectId: string | null }[],
): Promise<(string | null)[]> {
  const searched =
    roots.recordsDir === undefined ? [roots.demoDir] : [roots.recordsDir, roots.demoDir];
  const candidates = ecgs.map((ecg) => candidateRecordPaths(ecg.source, ecg.ecgId, ecg.subjectId));
  const folders = await listFolders(
    candidates.flatMap((list) =>
      list.flatMap((relative) => searched.map((root) => headerPlace(root, relative).folder)),
    ),
  );
  return candidates.map((list) => {
    for (const root of searched) {
      for (const relative of list) {
        const place = headerPlace(root, relative);
        if (!folders.get(place.folder)?.has(place.name)) continue;
        return root === roots.demoDir ? `${DEMO_PATH_PREFIX}${relative}` : relative;
      }
    }
    return null;
  });
}

/**
 * Scans the record roots for every registered ECG and stores the path found (or null), so
 * records added to RECORDS_DIR after an import become available. Reports the missing ones.
 */
export async function scanRegisteredRecords(db: Db, roots: RecordRoots): Promise<RecordsScan> {
  const rows = await db
    .selectFrom('ecg_records')
    .select(['id', 'source', 'ecg_id', 'subject_id', 'path'])
    .orderBy('source')
    .orderBy('ecg_id')
    .execute();
  const paths = await findRecordPaths(
    roots,
    rows.map((row) => ({
      source: row.source as DataSource,
      ecgId: row.ecg_id,
      subjectId: row.subject_id,
    })),
  );
  const changes = rows.flatMap((row, i) =>
    row.path === paths[i] ? [] : [{ id: row.id, path: paths[i] ?? null }],
  );
  if (changes.length > 0) {
    await db.transaction().execute(async (trx) => {
      for (const change of changes) {
        await trx
          .updateTable('ecg_records')
          .set({ path: change.path })
          .where('id', '=', change.id)
          .execute();
      }
    });
  }
  const missing = rows.flatMap((row, i) =>
    paths[i] === null ? [`${row.source}/${row.ecg_id}`] : [],
  );
  return {
    ecgs: rows.length,
    found: rows.length - missing.length,
    missing,
    updated: changes.length,
  };
}

/** A record's header and the data files it names (the shape the plot fetches). */
export interface WfdbRecordFiles {
  readonly recordName: string;
  /** The .hea text as stored on disk. */
  readonly header: string;
  /** Signal file names the header names, each once, in header order. */
  readonly files: readonly string[];
}

const SAFE_FILE_NAME = /^[\w][\w.-]*$/;

function checkEcgParams(source: string, ecgId: string): DataSource {
  if (!(DATA_SOURCES as readonly string[]).includes(source)) {
    throw new ServiceError(
      'not_found',
      `Unknown data source "${source}"; expected ${DATA_SOURCES.join(' or ')}.`,
    );
  }
  if (!/^\d{1,12}$/.test(ecgId)) throw new ServiceError('not_found', `ECG "${ecgId}" not found.`);
  return source as DataSource;
}

/**
 * The absolute record base of a registered ECG: its stored path when the files are there,
 * else a fresh look under the roots (RECORDS_DIR may have changed since the import). 404 if
 * the ECG is not registered or its record is missing.
 */
export async function locateRecord(
  db: Db,
  roots: RecordRoots,
  source: string,
  ecgId: string,
): Promise<string> {
  const dataSource = checkEcgParams(source, ecgId);
  const row = await db
    .selectFrom('ecg_records')
    .select(['path', 'subject_id'])
    .where('source', '=', dataSource)
    .where('ecg_id', '=', ecgId)
    .executeTakeFirst();
  if (!row) throw notFound(`ECG ${dataSource}/${ecgId}`);
  if (row.path !== null) {
    const stored = resolveStoredPath(roots, row.path);
    if (stored !== null && (await fileExists(`${stored}.hea`))) return stored;
  }
  const found = await findRecordPath(roots, dataSource, ecgId, row.subject_id);
  const base = found === null ? null : resolveStoredPath(roots, found);
  if (base === null) {
    throw new ServiceError(
      'not_found',
      `The record of ECG ${dataSource}/${ecgId} is not under RECORDS_DIR` +
        `${roots.recordsDir === undefined ? ' (RECORDS_DIR is not set)' : ''}.`,
      { code: 'record_missing' },
    );
  }
  return base;
}

/** Reads a registered ECG's header and lists the files it names (404 if missing or unparsable). */
export async function readRecordFiles(
  db: Db,
  roots: RecordRoots,
  source: string,
  ecgId: string,
): Promise<WfdbRecordFiles & { folder: string }> {
  const base = await locateRecord(db, roots, source, ecgId);
  const header = await readFile(`${base}.hea`, 'utf8');
  const recordName = path.basename(base);
  let parsed;
  try {
    parsed = parseWfdbHeader(header, `${recordName}.hea`);
  } catch (error) {
    throw new ServiceError(
      'unprocessable',
      `The header of ECG ${source}/${ecgId} cannot be read: ${(error as Error).message}`,
      {
        code: 'record_corrupt',
      },
    );
  }
  const files: string[] = [];
  for (const signal of parsed.signals) {
    if (signal.fileName === '~' || signal.format === 0) continue;
    if (!SAFE_FILE_NAME.test(signal.fileName) || files.includes(signal.fileName)) continue;
    files.push(signal.fileName);
  }
  return { recordName, header, files, folder: path.dirname(base) };
}

/** The bytes of one file a registered ECG's header names; 404 for any other name. */
export async function readRecordFile(
  db: Db,
  roots: RecordRoots,
  source: string,
  ecgId: string,
  fileName: string,
): Promise<Uint8Array> {
  if (!SAFE_FILE_NAME.test(fileName)) throw notFound(`File "${fileName}"`);
  const record = await readRecordFiles(db, roots, source, ecgId);
  if (!record.files.includes(fileName)) {
    throw new ServiceError(
      'not_found',
      `File "${fileName}" not found: the header of ECG ${source}/${ecgId} names ${record.files.join(', ') || 'no files'}.`,
    );
  }
  try {
    return await readFile(path.join(record.folder, fileName));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ServiceError(
        'not_found',
        `File "${fileName}" of ECG ${source}/${ecgId} is missing on disk.`,
        {
          code: 'record_missing',
        },
      );
    }
    throw error;
  }
}
