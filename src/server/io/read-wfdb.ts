import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DecodedRecord, DecodeOptions } from '../../domain/wfdb/decode';
import { decodeWfdbRecord } from '../../domain/wfdb/decode';
import { WfdbError } from '../../domain/wfdb/errors';
import { parseWfdbHeader } from '../../domain/wfdb/header';

/** Reads a whole file: `readFile` (the default) or, on a thread of its own, `readFileSync`. */
export type FileReader = (filePath: string) => Promise<Uint8Array> | Uint8Array;

async function readOrMissing(
  read: FileReader,
  filePath: string,
  name: string,
  why: string,
): Promise<Uint8Array> {
  try {
    return await read(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new WfdbError(name, 'missing-file', `${why}, but ${filePath} does not exist`);
    }
    throw error;
  }
}

/**
 * Reads a WFDB record from disk: `<path>.hea` plus every signal file it names, from the same
 * folder; a trailing `.hea` on the path is accepted. Missing files throw WfdbError('missing-file').
 * A worker thread passes `readFileSync`: the asynchronous reads' round trips through libuv's
 * shared thread pool (open, stat, read, close per file) left its core idle a third of a pre-flag
 * job; read synchronously, one worker checks 245-250 samples a second instead of 185, two 370-410
 * instead of 290-300 (`npm run bench -- --only preflags`).
 */
export async function readWfdbRecord(
  pathWithoutExtension: string,
  opts: DecodeOptions = {},
  read: FileReader = readFile,
): Promise<DecodedRecord> {
  const base = pathWithoutExtension.replace(/\.hea$/, '');
  const headerPath = `${base}.hea`;
  const headerName = path.basename(headerPath);
  const headerBytes = await readOrMissing(
    read,
    headerPath,
    headerName,
    'the record header is required',
  );
  const header = parseWfdbHeader(new TextDecoder().decode(headerBytes), headerName);
  const folder = path.dirname(headerPath);
  const files = new Map<string, Uint8Array>();
  for (const s of header.signals) {
    if (files.has(s.fileName) || s.fileName === '~' || s.format === 0) continue;
    const why = `${headerName} names it for signal ${header.signals.indexOf(s) + 1} (${s.leadName})`;
    files.set(
      s.fileName,
      await readOrMissing(read, path.join(folder, s.fileName), s.fileName, why),
    );
  }
  return decodeWfdbRecord(header, files, opts);
}
