import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FormatVersion } from '../../schemas/benchmark-sample';
import { CURRENT_FORMAT_VERSION, FORMAT_VERSIONS } from '../../schemas/benchmark-sample';
import { writeFileAtomically } from '../../server/io/benchmark-files';
import { MANIFEST_FILE_NAME, manifestText } from '../../server/services/export';
import { writeExport } from '../../server/services/export-downloads';
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

/** Where writing failed: the output folder, not the workspace. */
class OutputError extends Error {}

/** A failure reading the workspace while a file was being written (passed on as it is). */
class ReadFailure {
  constructor(readonly error: unknown) {}
}

/** Writes one file whole (temp file, then rename); any write failure is an OutputError. */
async function writeChunks(
  file: string,
  chunks: AsyncIterable<string> | Iterable<string>,
): Promise<void> {
  try {
    await writeFileAtomically(file, async (write) => {
      const iterator =
        Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : chunks[Symbol.iterator]();
      for (;;) {
        let next: IteratorResult<string>;
        try {
          next = await iterator.next();
        } catch (error) {
          throw new ReadFailure(error);
        }
        if (next.done) return true;
        await write(next.value);
      }
    });
  } catch (error) {
    if (error instanceof ReadFailure) throw error.error;
    throw new OutputError(error instanceof Error ? error.message : String(error));
  }
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
      try {
        await mkdir(outDir, { recursive: true });
      } catch (error) {
        throw new OutputError(error instanceof Error ? error.message : String(error));
      }
      const manifest = await writeExport(storage.db, storage.kind, { version }, (name, chunks) =>
        writeChunks(path.join(outDir, name), chunks),
      );
      if (parsed.flags.has('json')) io.out(manifestText(manifest));
      else {
        io.out(`Exported ${manifest.totalSamples} samples in format ${version} to ${outDir}:`);
        for (const file of manifest.files) {
          io.out(
            `  ${file.file}: ${file.samples} samples, ${file.bytes} bytes, sha256 ${file.sha256}`,
          );
        }
        io.out(`  ${MANIFEST_FILE_NAME}`);
        if (manifest.files.length === 0)
          io.err('Note: the workspace has no samples; only the manifest was written.');
      }
      return EXIT.ok;
    } catch (error) {
      if (error instanceof OutputError) {
        io.err(`Cannot write to ${outDir}: ${error.message}`);
        return EXIT.failure;
      }
      if (error instanceof ServiceError) {
        io.err(`Export failed: ${error.message}`);
        for (const issue of error.extra.issues ?? []) io.err(`  ${issue.path}: ${issue.message}`);
        return EXIT.failure;
      }
      throw error;
    } finally {
      await storage.close();
    }
  },
};
