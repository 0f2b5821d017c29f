import type { DecodedRecord, DecodeOptions } from './decode';
import { decodeWfdbRecord } from './decode';
import { WfdbError } from './errors';
import { parseWfdbHeader } from './header';

// TextDecoder exists in browsers and Node; domain/ compiles without DOM typings, so declare it.
declare const TextDecoder: new () => { decode(bytes: Uint8Array | undefined): string };

/**
 * Decodes a record from dropped files (browser): finds `<recordName>.hea` (or the only `.hea`)
 * among the files keyed by base name, then decodes the signal files it names.
 */
export function decodeWfdbFiles(
  files: ReadonlyMap<string, Uint8Array>,
  recordName?: string,
  opts: DecodeOptions = {},
): DecodedRecord {
  const headers = [...files.keys()].filter((name) => name.endsWith('.hea'));
  const headerName = recordName === undefined ? headers[0] : `${recordName}.hea`;
  if (headerName === undefined || !files.has(headerName)) {
    throw new WfdbError(
      headerName ?? `${recordName ?? 'record'}.hea`,
      'missing-file',
      'no header among the given files',
    );
  }
  if (recordName === undefined && headers.length > 1) {
    throw new WfdbError(
      headerName,
      'inconsistent',
      `several headers given (${headers.join(', ')}); name the record`,
    );
  }
  const header = parseWfdbHeader(new TextDecoder().decode(files.get(headerName)), headerName);
  return decodeWfdbRecord(header, files, opts);
}
