import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DecodedRecord, DecodeOptions } from '../../domain/wfdb/decode';
import { decodeWfdbRecord } from '../../domain/wfdb/decode';
import { WfdbError } from '../../domain/wfdb/errors';
import { parseWfdbHeader } from '../../domain/wfdb/header';

async function readOrMissing(filePath: string, name: string, why: string): Promise<Uint8Array> {
  try {
    return await readFile(filePath);
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
 */
export async function readWfdbRecord(
  pathWithoutExtension: string,
  opts: DecodeOptions = {},
): Promise<DecodedRecord> {
  const base = pathWithoutExtension.replace(/\.hea$/, '');
  const headerPath = `${base}.hea`;
  const headerName = path.basename(headerPath);
  const headerBytes = await readOrMissing(headerPath, headerName, 'the record header is required');
  const header = parseWfdbHeader(new TextDecoder().decode(headerBytes), headerName);
  const folder = path.dirname(headerPath);
  const files = new Map<string, Uint8Array>();
  for (const s of header.signals) {
    if (files.has(s.fileName) || s.fileName === '~' || s.format === 0) continue;
    const why = `${headerName} names it for signal ${header.signals.indexOf(s) + 1} (${s.leadName})`;
    files.set(s.fileName, await readOrMissing(path.join(folder, s.fileName), s.fileName, why));
  }
  return decodeWfdbRecord(header, files, opts);
}
