/**
 * `measure --benchmark`: checks a benchmark file's grounding answers against the measurement
 * engine on the records a folder holds (the accuracy report of README "Measurement checks").
 */
import type { SampleCheck } from '../../domain/measure/benchmark-check';
import {
  checkSample,
  edgeAgreement,
  formatAccuracyReport,
  scoreMeasurements,
} from '../../domain/measure/benchmark-check';
import { measureRecord } from '../../domain/measure/measure-record';
import { FileValidator } from '../../domain/benchmark/validate-file';
import { WfdbError } from '../../domain/wfdb/errors';
import type { BenchmarkSample } from '../../schemas/benchmark-sample';
import { readWfdbRecord } from '../../server/io/read-wfdb';
import type { CliIo } from '../command';
import { EXIT } from '../command';
import { recordFinder } from './record-finder';
import {
  formatFileProblem,
  maxLineBytesOption,
  openSourceOrFail,
  parseArgs,
  plural,
  usageError,
} from './benchmark-input';
import { fileExists } from '../../server/io/file-exists';

/** The usage line of the benchmark check. */
export const benchmarkCheckUsage = [
  'ecg-workbench measure --benchmark <file.jsonl|dir> --records <dir> [--json] [--max-line-mb <MiB>]',
  "  Records are found in the source's layout under <dir>, else by their file name anywhere under it.",
].join('\n');

/** Samples of one ECG, in file order, with their places in the file. */
interface EcgGroup {
  readonly sample: BenchmarkSample;
  readonly samples: { readonly order: number; readonly sample: BenchmarkSample }[];
}

/** Runs the check; returns the exit code (1 when the file has errors, 3 when the folder is missing). */
export async function runBenchmarkCheck(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, {
    flags: ['json'],
    values: ['benchmark', 'records', 'max-line-mb'],
  });
  if (typeof parsed === 'string') return usageError(io, benchmarkCheckUsage, parsed);
  const file = parsed.values.get('benchmark');
  const recordsDir = parsed.values.get('records');
  if (parsed.positional.length > 0 || !file || !recordsDir) {
    return usageError(
      io,
      benchmarkCheckUsage,
      'measure --benchmark takes a benchmark file and --records, the WFDB records folder, and no record path',
    );
  }
  const maxLineBytes = maxLineBytesOption(parsed);
  if (typeof maxLineBytes === 'string') return usageError(io, benchmarkCheckUsage, maxLineBytes);
  if (!(await fileExists(recordsDir))) {
    io.err(`cannot open the records folder ${recordsDir}: it does not exist`);
    return EXIT.failure;
  }
  const source = await openSourceOrFail(file, maxLineBytes, io);
  if (typeof source === 'number') return source;

  const validator = new FileValidator({
    collectProblems: false,
    onProblem: (p) => {
      if (p.severity === 'error') io.err(formatFileProblem(p));
    },
  });
  const byEcg = new Map<string, EcgGroup>();
  let order = 0;
  for await (const batch of source.batches) {
    for (const entry of batch) {
      const sample = validator.add(entry).sample;
      if (!sample) continue;
      const key = `${sample.metadata.data_source}/${sample.metadata.ecg_id}`;
      const group = byEcg.get(key) ?? { sample, samples: [] };
      group.samples.push({ order: order++, sample });
      byEcg.set(key, group);
    }
  }
  const result = validator.finish(file);
  if (result.kind === 'dense-labels') {
    io.err(`${file}: measure --benchmark checks benchmark samples; this file holds dense labels`);
    return EXIT.invalid;
  }

  const find = recordFinder(recordsDir);
  // One record in memory at a time: each ECG is read and measured once for all its samples.
  const checked: { order: number; check: SampleCheck }[] = [];
  let withoutRecord = 0;
  let records = 0;
  for (const { sample, samples } of byEcg.values()) {
    const m = sample.metadata;
    const base = await find(m);
    if (!base) {
      withoutRecord += samples.length;
      continue;
    }
    try {
      const measurements = measureRecord(await readWfdbRecord(base, { verify: true }));
      records++;
      for (const s of samples)
        checked.push({ order: s.order, check: checkSample(s.sample, measurements) });
    } catch (error) {
      if (!(error instanceof WfdbError)) throw error;
      io.err(`${base}: ${error.message}; its ${plural(samples.length, 'sample')} not checked`);
      withoutRecord += samples.length;
    }
  }
  const checks = checked.sort((a, b) => a.order - b.order).map((c) => c.check);
  const summary = `${file}: ${plural(checks.length, 'sample')} checked on ${plural(records, 'record')} in ${recordsDir}; ${plural(withoutRecord, 'sample')} without a readable record there`;
  if (parsed.flags.has('json')) {
    io.out(
      JSON.stringify({
        benchmark: file,
        records: recordsDir,
        samples_checked: checks.length,
        samples_without_record: withoutRecord,
        scores: scoreMeasurements(checks.flatMap((c) => c.measurements)),
        measurements: checks.flatMap((c) => c.measurements),
        windows: checks.flatMap((c) => c.windows),
        window_edges: edgeAgreement(checks.flatMap((c) => c.windows)),
        beat_ranges: checks.flatMap((c) => c.beatRanges),
      }),
    );
  } else {
    io.out(`${summary}\n${formatAccuracyReport(checks)}`);
  }
  if (result.counts.errors > 0) {
    io.err(
      `${file}: ${plural(result.counts.invalid, 'document')} with errors left out of the check; run validate for details`,
    );
    return EXIT.invalid;
  }
  return EXIT.ok;
}
