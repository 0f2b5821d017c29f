import path from 'node:path';
import { importSamples } from '../../server/services/import/import-samples';
import { formatImportReport } from '../../server/services/import/report';
import { recordRoots, scanRegisteredRecords } from '../../server/services/records';
import { ServiceError } from '../../server/services/service-error';
import type { CliCommand, CliIo } from '../command';
import { EXIT } from '../command';
import { maxLineBytesOption, openSourceOrFail, parseArgs, usageError } from './benchmark-input';
import { openConfiguredStorage } from './workspace-storage';

const usage = [
  'ecg-workbench import <file.jsonl|dir> [--replace] [--dry-run] [--json] [--max-line-mb <MiB>]',
  '       ecg-workbench import --scan-records [--json]',
  '  Works on the database of DATA_DIR (SQLite) or DATABASE_URL (PostgreSQL); records from RECORDS_DIR.',
].join('\n');

/**
 * `import`: lands a benchmark file (either answer shape, JSONL or directory) in the workspace all or
 * nothing, registering the ECGs its samples name; `--scan-records` re-scans RECORDS_DIR for
 * every registered ECG. Exit 0 imported (or checked), 1 refused, 2 usage, 3 failure.
 */
export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import benchmark samples into the workspace database (all or nothing)',
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, {
      flags: ['replace', 'dry-run', 'json', 'scan-records'],
      values: ['max-line-mb'],
    });
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    const scan = parsed.flags.has('scan-records');
    if (scan && parsed.positional.length > 0)
      return usageError(io, usage, '--scan-records takes no file');
    if (!scan && parsed.positional.length !== 1)
      return usageError(io, usage, 'import takes one file or directory');
    const maxLineBytes = maxLineBytesOption(parsed);
    if (typeof maxLineBytes === 'string') return usageError(io, usage, maxLineBytes);
    const json = parsed.flags.has('json');

    const source = scan
      ? undefined
      : await openSourceOrFail(parsed.positional[0]!, maxLineBytes, io);
    if (typeof source === 'number') return source;
    const opened = await openConfiguredStorage(io);
    if (typeof opened === 'number') return opened;
    const { storage, config } = opened;
    const roots = recordRoots(config);
    try {
      if (!source) {
        const result = await scanRegisteredRecords(storage.db, roots);
        if (json) io.out(JSON.stringify(result, null, 2));
        else {
          io.out(
            `Records scan: ${result.ecgs} ECGs, ${result.found} with a record, ${result.missing.length} missing, ${result.updated} updated.`,
          );
          if (result.missing.length > 0) io.out(`Missing: ${result.missing.join(', ')}`);
        }
        return EXIT.ok;
      }
      if (config.recordsDir === undefined && !json)
        io.err('Note: RECORDS_DIR is not set; no ECG record will be found.');
      const report = await importSamples(storage.db, source.batches, {
        fileName: path.basename(source.path),
        replace: parsed.flags.has('replace'),
        dryRun: parsed.flags.has('dry-run'),
        roots,
        actor: null,
      });
      if (json) io.out(JSON.stringify(report, null, 2));
      else {
        const lines = formatImportReport(report);
        const [summary, ...rest] = lines;
        const target = report.outcome === 'refused' ? io.err : io.out;
        target(summary ?? '');
        for (const line of rest)
          (line.includes(': error: ') || line.includes(': warning: ') ? io.err : target)(line);
      }
      return report.outcome === 'refused' ? EXIT.invalid : EXIT.ok;
    } catch (error) {
      if (error instanceof ServiceError) {
        io.err(`Import failed, nothing was written: ${error.message}`);
        return EXIT.failure;
      }
      throw error;
    } finally {
      await storage.close();
    }
  },
};
