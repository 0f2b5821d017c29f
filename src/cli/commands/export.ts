import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FormatVersion } from '../../schemas/benchmark-sample';
import { CURRENT_FORMAT_VERSION, FORMAT_VERSIONS } from '../../schemas/benchmark-sample';
import { writeFileAtomically } from '../../server/io/benchmark-files';
import { MANIFEST_FILE_NAME, buildExport } from '../../server/services/export';
import { ServiceError } from '../../server/services/service-error';
import type { CliCommand, CliIo } from '../command';
import { EXIT } from '../command';
import { parseArgs, usageError } from './benchmark-input';
import { openConfiguredStorage } from './workspace-storage';

const usage = [
  'ecg-workbench export <out-dir> [--version 0.0.2|0.0.1] [--json]',
  '  Writes <source>.jsonl for each data source with samples, and manifest.json, into out-dir.',
].join('\n');

function isFormatVersion(text: string): text is FormatVersion {
  return (FORMAT_VERSIONS as readonly string[]).includes(text);
}

async function writeText(file: string, text: string): Promise<void> {
  await writeFileAtomically(file, async (write) => {
    await write(text);
    return true;
  });
}

/**
 * `export`: writes every active sample as canonical JSONL per data source in the version asked
 * for, plus manifest.json (counts, SHA-256), from one read transaction; byte-identical when
 * repeated on unchanged data. Exit 0 written, 2 usage, 3 failure.
 */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export the workspace samples as JSONL per data source plus manifest.json',
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { flags: ['json'], values: ['version'] });
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    if (parsed.positional.length !== 1)
      return usageError(io, usage, 'export takes one output directory');
    const version = parsed.values.get('version') ?? CURRENT_FORMAT_VERSION;
    if (!isFormatVersion(version)) {
      return usageError(
        io,
        usage,
        `--version must be ${FORMAT_VERSIONS.join(' or ')}, not "${version}"`,
      );
    }
    const outDir = path.resolve(parsed.positional[0]!);
    const opened = await openConfiguredStorage(io);
    if (typeof opened === 'number') return opened;
    const { storage } = opened;
    try {
      const bundle = await buildExport(storage.db, storage.kind, version);
      try {
        await mkdir(outDir, { recursive: true });
        for (const file of bundle.files) await writeText(path.join(outDir, file.file), file.text);
        await writeText(path.join(outDir, MANIFEST_FILE_NAME), bundle.manifestText);
      } catch (error) {
        io.err(
          `Cannot write to ${outDir}: ${error instanceof Error ? error.message : String(error)}`,
        );
        return EXIT.failure;
      }
      if (parsed.flags.has('json')) io.out(bundle.manifestText);
      else {
        io.out(
          `Exported ${bundle.manifest.totalSamples} samples in format ${version} to ${outDir}:`,
        );
        for (const file of bundle.manifest.files) {
          io.out(
            `  ${file.file}: ${file.samples} samples, ${file.bytes} bytes, sha256 ${file.sha256}`,
          );
        }
        io.out(`  ${MANIFEST_FILE_NAME}`);
        if (bundle.files.length === 0)
          io.err('Note: the workspace has no samples; only the manifest was written.');
      }
      return EXIT.ok;
    } catch (error) {
      if (error instanceof ServiceError) {
        io.err(`Export failed: ${error.message}`);
        return EXIT.failure;
      }
      throw error;
    } finally {
      await storage.close();
    }
  },
};
