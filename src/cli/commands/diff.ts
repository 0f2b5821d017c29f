import type { SampleDigest } from '../../domain/benchmark/diff/compare-samples';
import { diffSamples, digestOfSample } from '../../domain/benchmark/diff/diff-samples';
import { FileValidator } from '../../domain/benchmark/validate-file';
import type { AnswerShape } from '../../schemas/benchmark-sample';
import { describeAnswerShape } from '../../schemas/benchmark-sample';
import type { DiffReport, SampleChangeKind, SampleSetDiff } from '../../schemas/sample-diff';
import { SAMPLE_CHANGE_KINDS } from '../../schemas/sample-diff';
import type { CliCommand, CliIo } from '../command';
import { EXIT } from '../command';
import {
  formatFileProblem,
  openSourceOrFail,
  parseArgs,
  plural,
  usageError,
} from './benchmark-input';

const usage = 'ecg-workbench diff <a.jsonl|dir> <b.jsonl|dir> [--json]';

/** Problems printed per file before the rest are only counted. */
const MAX_PROBLEMS_SHOWN = 20;

/** One side of the comparison as read. */
interface ReadSide {
  readonly path: string;
  readonly digests: SampleDigest[];
  readonly shape: AnswerShape | null;
}

/** Reads and validates one file; on errors prints them and returns the exit code. */
async function readSide(path: string, io: CliIo): Promise<ReadSide | number> {
  const source = await openSourceOrFail(path, undefined, io);
  if (typeof source === 'number') return source;
  let shown = 0;
  const validator = new FileValidator({
    collectProblems: false,
    onProblem: (p) => {
      if (p.severity === 'error' && shown++ < MAX_PROBLEMS_SHOWN) io.err(formatFileProblem(p));
    },
  });
  const digests: SampleDigest[] = [];
  for await (const batch of source.batches) {
    for (const entry of batch) {
      const outcome = validator.add(entry);
      if (outcome.sample) digests.push(digestOfSample(outcome.sample));
    }
  }
  const result = validator.finish(path);
  if (result.kind === 'dense-labels' || result.kind === 'mixed') {
    io.err(`${path}: diff compares benchmark samples; this file holds dense labels`);
    return EXIT.invalid;
  }
  if (result.counts.errors > 0) {
    io.err(
      `${path}: ${plural(result.counts.errors, 'error')} in ${plural(result.counts.invalid, 'document')}; not compared (run validate for every problem)`,
    );
    return EXIT.invalid;
  }
  return { path, digests, shape: result.answerShape };
}

const shapeWord = (shape: AnswerShape | null) => shape ?? 'either';

/** The shape in words; a file without wave or measurement answers fits either. */
const describeShapeOrEither = (shape: AnswerShape | null) =>
  shape === null
    ? 'either answer shape (no wave or measurement answers to tell)'
    : describeAnswerShape(shape);

/** The `--json` object: ids as "<data_source>:<id>" everywhere. */
export function diffReport(diff: SampleSetDiff, a: ReadSide, b: ReadSide): DiffReport {
  const keys = (kind: SampleChangeKind) =>
    diff.changes.filter((c) => c.change === kind).map((c) => c.key);
  const byDiagnosis: DiffReport['byDiagnosis'] = {};
  for (const g of diff.byDiagnosis) {
    const ofGroup = (kind: SampleChangeKind) =>
      diff.changes
        .filter(
          (c) => c.change === kind && c.dataSource === g.dataSource && c.targetDx === g.targetDx,
        )
        .map((c) => c.key);
    (byDiagnosis[g.targetDx] ??= {})[g.dataSource] = {
      samplesBefore: g.samplesBefore,
      samplesAfter: g.samplesAfter,
      unchanged: g.unchanged,
      wholesale: g.wholesale,
      resampled: ofGroup('resampled'),
      edited: ofGroup('edited'),
      added: ofGroup('added'),
      removed: ofGroup('removed'),
    };
  }
  const paths: DiffReport['paths'] = {};
  for (const c of diff.changes) if (c.paths.length > 0) paths[c.key] = c.paths;
  const side = (s: ReadSide) => ({
    path: s.path,
    samples: s.digests.length,
    shape: shapeWord(s.shape),
  });
  return {
    resampled: keys('resampled'),
    edited: keys('edited'),
    added: keys('added'),
    removed: keys('removed'),
    byDiagnosis,
    paths,
    files: { a: side(a), b: side(b) },
  };
}

const HEADINGS: Record<SampleChangeKind, string> = {
  resampled: 're-sampled (ecg_id changed)',
  edited: 'edited (same ECG)',
  added: 'added (only in b)',
  removed: 'removed (only in a)',
};

/** The comparison as text for people. */
export function formatDiff(diff: SampleSetDiff, a: ReadSide, b: ReadSide): string {
  const lines = [
    `a: ${a.path}: ${plural(a.digests.length, 'sample')}, ${describeShapeOrEither(a.shape)}`,
    `b: ${b.path}: ${plural(b.digests.length, 'sample')}, ${describeShapeOrEither(b.shape)}`,
    'Compared by (data_source, id) after writing both in the list shape, so a change of answer shape alone is not an edit.',
  ];
  for (const kind of SAMPLE_CHANGE_KINDS) {
    const changes = diff.changes.filter((c) => c.change === kind);
    lines.push('', `${HEADINGS[kind]}: ${changes.length}`);
    for (const c of changes) {
      const ecg =
        kind === 'resampled'
          ? `  ecg ${c.ecgIdBefore} -> ${c.ecgIdAfter}`
          : `  ecg ${c.ecgIdAfter ?? c.ecgIdBefore}`;
      const paths = kind === 'edited' ? `  ${c.paths.join(', ')}` : '';
      lines.push(`  ${c.key}  ${c.targetDx}${ecg}${paths}`);
    }
  }
  lines.push('', `unchanged: ${diff.counts.unchanged}`, '', 'By diagnosis and source:');
  const changed = diff.byDiagnosis.filter((g) => g.unchanged !== g.samplesAfter || g.removed > 0);
  if (changed.length === 0) lines.push('  nothing changed');
  for (const g of changed) {
    const parts = (['resampled', 'edited', 'added', 'removed'] as const)
      .filter((kind) => g[kind] > 0)
      .map((kind) => `${kind === 'resampled' ? 're-sampled' : kind} ${g[kind]}`);
    const wholesale = g.wholesale ? '  WHOLESALE (every sample both hold changed)' : '';
    lines.push(
      `  ${g.dataSource} ${g.targetDx}: ${g.samplesBefore} -> ${g.samplesAfter} samples; ${parts.join(', ')}${wholesale}`,
    );
  }
  const wholesale = diff.byDiagnosis.filter((g) => g.wholesale);
  lines.push(
    '',
    `Diagnoses changed wholesale: ${wholesale.length === 0 ? 'none' : wholesale.map((g) => `${g.dataSource} ${g.targetDx}`).join(', ')}`,
  );
  return lines.join('\n');
}

/**
 * `diff`: compares two benchmark files (either answer shape, JSONL or directory) by
 * (data_source, id). Exit 0 compared (whether or not they differ), 1 a file has errors,
 * 2 usage, 3 a file cannot be read.
 */
export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'Compare two benchmark files: re-sampled, edited, added and removed ids by diagnosis',
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { flags: ['json'], values: [] });
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    if (parsed.positional.length !== 2) {
      return usageError(io, usage, 'diff takes two files (or sample directories): a and b');
    }
    const a = await readSide(parsed.positional[0]!, io);
    if (typeof a === 'number') return a;
    const b = await readSide(parsed.positional[1]!, io);
    if (typeof b === 'number') return b;
    const diff = diffSamples(a.digests, b.digests);
    io.out(
      parsed.flags.has('json') ? JSON.stringify(diffReport(diff, a, b)) : formatDiff(diff, a, b),
    );
    return EXIT.ok;
  },
};

export default diffCommand;
