import path from 'node:path';
import { agreementCsv } from '../../domain/review/agreement-csv';
import { writeFileAtomically } from '../../server/io/benchmark-files';
import { findPassRow } from '../../server/services/review-passes';
import { exportPassResults, getPassAgreement, toJsonl } from '../../server/services/review-results';
import { ServiceError } from '../../server/services/service-error';
import type { CliCommand, CliIo } from '../command';
import { EXIT } from '../command';
import { parseArgs, usageError } from './benchmark-input';
import { openConfiguredStorage } from './workspace-storage';

const usage = [
  'ecg-workbench review export <pass-id-or-name> [--out <file.jsonl>]',
  'ecg-workbench review agreement <pass-id-or-name> [--csv]',
  '  export: one JSON line per verdict (sample "source:id", reviewer id, step or null, verdict,',
  "  reasons, comment); agreement: Cohen's kappa with its 2x2 tables, as JSON or CSV.",
  '  Reads the database of DATA_DIR (SQLite) or DATABASE_URL (PostgreSQL), like the server.',
].join('\n');

async function write(io: CliIo, text: string, out: string | undefined): Promise<number> {
  if (out === undefined) {
    if (text !== '') io.out(text);
    return EXIT.ok;
  }
  try {
    await writeFileAtomically(path.resolve(out), async (put) => {
      await put(text);
      return true;
    });
  } catch (error) {
    io.err(`Cannot write ${out}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failure;
  }
  return EXIT.ok;
}

/** `review export|agreement <pass>`: a pass's results as data, for pipelines. */
export const reviewCommand: CliCommand = {
  name: 'review',
  summary: "Export a review pass's verdicts (JSONL) or its reviewer agreement (JSON/CSV)",
  usage,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'export' && sub !== 'agreement') {
      return usageError(
        io,
        usage,
        sub ? `Unknown review subcommand "${sub}".` : 'review: export or agreement?',
      );
    }
    const parsed = parseArgs(rest, {
      flags: sub === 'agreement' ? ['csv'] : [],
      values: sub === 'export' ? ['out'] : [],
    });
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    if (parsed.positional.length !== 1)
      return usageError(io, usage, `review ${sub} takes one pass (its id or name)`);
    const opened = await openConfiguredStorage(io);
    if (typeof opened === 'number') return opened;
    const { storage } = opened;
    try {
      const pass = await findPassRow(storage.db, parsed.positional[0]!);
      if (sub === 'export') {
        const lines = await exportPassResults(storage.db, pass.id);
        const code = await write(io, toJsonl(lines), parsed.values.get('out'));
        io.err(`${lines.length} verdict lines from pass "${pass.name}" (${pass.status}).`);
        return code;
      }
      const report = await getPassAgreement(storage.db, pass.id);
      return write(
        io,
        parsed.flags.has('csv') ? agreementCsv(report) : `${JSON.stringify(report, null, 2)}\n`,
        undefined,
      );
    } catch (error) {
      if (error instanceof ServiceError) {
        io.err(`review ${sub}: ${error.message}`);
        return EXIT.invalid;
      }
      throw error;
    } finally {
      await storage.close();
    }
  },
};
