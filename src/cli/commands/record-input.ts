import type { DecodedRecord } from '../../domain/wfdb/decode';
import { WfdbError } from '../../domain/wfdb/errors';
import { readWfdbRecord } from '../../server/io/read-wfdb';
import type { CliIo } from '../command';
import { EXIT } from '../command';

/** A record command's arguments: one record path (".hea" allowed) and an optional --json. */
export interface RecordArgs {
  /** The record path without extension. */
  readonly base: string;
  readonly json: boolean;
}

/** Parses `<record-path> [--json]`; on a usage error writes it and returns the exit code. */
export function parseRecordArgs(
  command: string,
  usage: string,
  args: readonly string[],
  io: CliIo,
): RecordArgs | number {
  const json = args.includes('--json');
  const rest = args.filter((a) => a !== '--json');
  const unknown = rest.find((a) => a.startsWith('--'));
  if (unknown !== undefined || rest.length !== 1) {
    io.err(
      `${unknown !== undefined ? `Unknown option ${unknown}` : `${command} takes exactly one record path`}\nUsage: ${usage}`,
    );
    return EXIT.usage;
  }
  return { base: rest[0]!.replace(/\.hea$/, ''), json };
}

/**
 * Reads a WFDB record; a WfdbError is written to err and becomes an exit code (3 when a file
 * is missing, 1 when the record is malformed or corrupt).
 */
export async function readRecordOrExit(
  base: string,
  io: CliIo,
  opts: { verify: boolean },
): Promise<DecodedRecord | number> {
  try {
    return await readWfdbRecord(base, opts);
  } catch (error) {
    if (!(error instanceof WfdbError)) throw error;
    io.err(error.message);
    return error.reason === 'missing-file' ? EXIT.failure : EXIT.invalid;
  }
}
