import type { FileProblem } from '../../domain/benchmark/validate-file';
import type { BenchmarkSource } from '../../server/io/benchmark-files';
import { BenchmarkSourceError, openBenchmarkSource } from '../../server/io/benchmark-files';
import type { CliIo } from '../command';
import { EXIT } from '../command';

/** Arguments split into positionals and `--flag` / `--key value` / `--key=value` options. */
export interface ParsedArgs {
  readonly positional: readonly string[];
  readonly flags: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, string>;
}

/** Parses args against the flags and valued options a command knows; a string is a usage error. */
export function parseArgs(
  args: readonly string[],
  known: { readonly flags: readonly string[]; readonly values: readonly string[] },
): ParsedArgs | string {
  const positional: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (known.flags.includes(name)) {
      if (eq !== -1) return `--${name} takes no value`;
      flags.add(name);
    } else if (known.values.includes(name)) {
      const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '') return `--${name} needs a value`;
      values.set(name, value);
    } else {
      return `unknown option ${arg}`;
    }
  }
  return { positional, flags, values };
}

/** Line limit from `--max-line-mb` (MiB), or a usage error text. */
export function maxLineBytesOption(args: ParsedArgs): number | undefined | string {
  const text = args.values.get('max-line-mb');
  if (text === undefined) return undefined;
  const mib = Number(text);
  if (!Number.isFinite(mib) || mib <= 0)
    return `--max-line-mb must be a positive number, not "${text}"`;
  return Math.round(mib * 1024 * 1024);
}

/** Prints a usage error and returns the usage exit code. */
export function usageError(io: CliIo, usage: string, message: string): number {
  io.err(`${message}\n\nUsage: ${usage}`);
  return EXIT.usage;
}

/** Opens a benchmark source, or prints why not and returns the failure exit code. */
export async function openSourceOrFail(
  path: string,
  maxLineBytes: number | undefined,
  io: CliIo,
): Promise<BenchmarkSource | number> {
  try {
    return await openBenchmarkSource(path, maxLineBytes === undefined ? {} : { maxLineBytes });
  } catch (error) {
    if (error instanceof BenchmarkSourceError) {
      io.err(`cannot open ${error.message}`);
      return EXIT.failure;
    }
    throw error;
  }
}

/** One problem as a line: `file:17: error: sample 16: data.reasoning[0].answer: message [rule]`. */
export function formatFileProblem(p: FileProblem): string {
  const location = p.lineNumber === null ? p.file : `${p.file}:${p.lineNumber}`;
  const sample = p.sampleId === null ? '' : `sample ${p.sampleId}: `;
  const path = p.pathText === '' ? '' : `${p.pathText}: `;
  return `${location}: ${p.severity}: ${sample}${path}${p.message} [${p.rule}]`;
}

/** "1 error", "3 warnings". */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A single-input command's opened source, its path and whether --json was given. */
export interface SingleInput {
  readonly path: string;
  readonly json: boolean;
  readonly source: BenchmarkSource;
}

/**
 * Parses `<file.jsonl|dir> [--json] [--max-line-mb N]` and opens the source; on a usage
 * error or an unreadable path writes why and returns the exit code.
 */
export async function openSingleInput(
  command: string,
  usage: string,
  args: readonly string[],
  io: CliIo,
): Promise<SingleInput | number> {
  const parsed = parseArgs(args, { flags: ['json'], values: ['max-line-mb'] });
  if (typeof parsed === 'string') return usageError(io, usage, parsed);
  if (parsed.positional.length !== 1) {
    return usageError(io, usage, `${command} takes exactly one file or directory`);
  }
  const maxLineBytes = maxLineBytesOption(parsed);
  if (typeof maxLineBytes === 'string') return usageError(io, usage, maxLineBytes);
  const path = parsed.positional[0]!;
  const source = await openSourceOrFail(path, maxLineBytes, io);
  if (typeof source === 'number') return source;
  return { path, json: parsed.flags.has('json'), source };
}
