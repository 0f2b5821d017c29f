import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { AnswerShape } from '../../schemas/benchmark-sample';
import {
  ANSWER_SHAPES,
  DEFAULT_ANSWER_SHAPE,
  describeAnswerShape,
  parseAnswerShape,
} from '../../schemas/benchmark-sample';
import { writeFileAtomically } from '../../server/io/benchmark-files';
import { MANIFEST_FILE_NAME, manifestText } from '../../server/services/export';
import { writeExport } from '../../server/services/export-downloads';
import { ServiceError } from '../../server/services/service-error';
import type { CliCommand, CliIo } from '../command';
import { EXIT } from '../command';
import { parseArgs, usageError } from './benchmark-input';
import { openConfiguredStorage } from './workspace-storage';

const usage = [
  'ecg-workbench export <out-dir> [--shape list|scalar] [--json]',
  '  Writes <source>.jsonl for each data source with samples, and manifest.json, into out-dir.',
  '  --shape list (the default) writes wave/measurement answers as one-element lists, scalar as',
  '  one text and one number; the old --version 0.0.2 / 0.0.1 means the same.',
].join('\n');

/** The shape --shape (or its old spelling --version) asks for, or why the options are wrong. */
function shapeOption(values: ReadonlyMap<string, string>): AnswerShape | { error: string } {
  const given = values.get('shape');
  const old = values.get('version');
  const shape = given === undefined ? undefined : parseAnswerShape(given);
  const oldShape = old === undefined ? undefined : parseAnswerShape(old);
  if (given !== undefined && shape === undefined)
    return { error: `--shape must be ${ANSWER_SHAPES.join(' or ')}, not "${given}"` };
  if (old !== undefined && oldShape === undefined)
    return { error: `--version must be 0.0.2 (list) or 0.0.1 (scalar), not "${old}"` };
  if (shape !== undefined && oldShape !== undefined && shape !== oldShape)
    return { error: `--shape ${given} and --version ${old} name different shapes; give one` };
  return shape ?? oldShape ?? DEFAULT_ANSWER_SHAPE;
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
 * `export`: writes every active sample as canonical JSONL per data source in the answer shape
 * asked for, plus manifest.json (counts, SHA-256), from one read transaction; byte-identical when
 * repeated on unchanged data; refuses (exit 1, nothing written) when a file would fail validate.
 * Exit 0 written, 1 refused, 2 usage, 3 failure.
 */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export the workspace samples as JSONL per data source plus manifest.json',
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { flags: ['json'], values: ['shape', 'version'] });
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    if (parsed.positional.length !== 1)
      return usageError(io, usage, 'export takes one output directory');
    const shape = shapeOption(parsed.values);
    if (typeof shape === 'object') return usageError(io, usage, shape.error);
    const outDir = path.resolve(parsed.positional[0]!);
    const opened = await openConfiguredStorage(io);
    if (typeof opened === 'number') return opened;
    const { storage } = opened;
    try {
      // The folder is made with the first file, after every sample passed: a refusal makes nothing.
      let folderMade = false;
      const manifest = await writeExport(
        storage.db,
        storage.kind,
        { shape },
        async (name, chunks) => {
          if (!folderMade) {
            try {
              await mkdir(outDir, { recursive: true });
            } catch (error) {
              throw new OutputError(error instanceof Error ? error.message : String(error));
            }
            folderMade = true;
          }
          await writeChunks(path.join(outDir, name), chunks);
        },
      );
      if (parsed.flags.has('json')) io.out(manifestText(manifest));
      else {
        io.out(
          `Exported ${manifest.totalSamples} samples in the ${describeAnswerShape(shape)} to ${outDir}:`,
        );
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
      if (error instanceof ServiceError && error.extra.code === 'export_refused') {
        io.err(`Export refused, nothing was written: ${error.message}`);
        for (const issue of error.extra.issues ?? [])
          io.err(
            `${issue.path}: ${issue.severity ?? 'error'}: ${issue.message} [${issue.rule ?? ''}]`,
          );
        return EXIT.invalid;
      }
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
