/**
 * `preflags <file.jsonl|dir> --records <dir>`: runs the automatic pre-flags on a benchmark file,
 * in the server's worker pool, each record read and measured once for all its samples; samples
 * whose record is not in the folder get the text rules only (or are left out with
 * --with-records-only).
 */
import { PREFLAG_ENGINE_VERSION } from '../../domain/review/preflags/catalog';
import type { BenchmarkSample } from '../../schemas/benchmark-sample';
import type { Preflag } from '../../schemas/preflags';
import { PREFLAG_RULE_IDS } from '../../schemas/preflags';
import type { PreflagCheckStatus, PreflagJob } from '../../server/services/preflags/preflag-job';
import { PreflagPool, defaultPoolSize } from '../../server/services/preflags/preflag-pool';
import type { CliCommand, CliIo } from '../command';
import { EXIT } from '../command';
import { maxLineBytesOption, parseArgs, plural, usageError } from './benchmark-input';
import { groupInto } from '../../domain/group-into';
import { recordFinder } from './record-finder';
import { readSampleFile } from './sample-file';
import { fileExists } from '../../server/io/file-exists';

const usage = [
  'ecg-workbench preflags <file.jsonl|dir> --records <dir> [--with-records-only] [--workers N] [--json] [--max-line-mb <MiB>]',
  "  Records are found in the source's layout under <dir>, else by their file name anywhere under it.",
].join('\n');

/** One sample's outcome, in file order. */
interface Checked {
  readonly order: number;
  readonly sample: BenchmarkSample;
  readonly status: PreflagCheckStatus;
  readonly note: string | null;
  readonly flags: readonly Preflag[];
}

const TEXT_ONLY_BATCH = 200;

function where(f: Preflag): string {
  const parts: string[] = [];
  if (f.at.step !== null) parts.push(`step ${f.at.step}`);
  if (f.at.part) parts.push(f.at.part);
  if (f.at.question !== null) parts.push(`question ${f.at.question}`);
  if (f.at.option !== null) parts.push(`option ${f.at.option}`);
  return parts.join(', ');
}

function report(checked: readonly Checked[], io: CliIo, json: boolean, header: string): void {
  const flags = checked.flatMap((c) => c.flags.map((f) => ({ c, f })));
  const byRule = Object.fromEntries(
    PREFLAG_RULE_IDS.map((rule) => [rule, flags.filter((x) => x.f.rule === rule).length]),
  );
  const flaggedSamples = checked.filter((c) => c.flags.length > 0).length;
  const withRecord = checked.filter((c) => c.status === 'checked').length;
  if (json) {
    io.out(
      JSON.stringify({
        engine_version: PREFLAG_ENGINE_VERSION,
        samples_checked: checked.length,
        samples_with_record: withRecord,
        samples_flagged: flaggedSamples,
        by_rule: byRule,
        flags: flags.map(({ c, f }) => ({
          sample_id: c.sample.metadata.id,
          data_source: c.sample.metadata.data_source,
          ecg_id: c.sample.metadata.ecg_id,
          target_dx: c.sample.metadata.target_dx,
          check: c.status,
          ...f,
        })),
        not_measured: checked
          .filter((c) => c.status !== 'checked')
          .map((c) => ({ sample_id: c.sample.metadata.id, check: c.status, note: c.note })),
      }),
    );
    return;
  }
  const lines = [
    header,
    `${plural(flags.length, 'pre-flag')} on ${plural(flaggedSamples, 'sample')} (engine ${PREFLAG_ENGINE_VERSION}):`,
  ];
  for (const rule of PREFLAG_RULE_IDS) lines.push(`  ${rule.padEnd(34)} ${byRule[rule]}`);
  for (const { c, f } of flags) {
    const m = c.sample.metadata;
    lines.push(
      `[${f.severity}] sample ${m.id} ecg ${m.ecg_id} ${m.target_dx} - ${f.rule} (${where(f)}): ${f.message}`,
    );
  }
  io.out(lines.join('\n'));
}

/** Runs the pre-flags over a file's valid samples; returns the exit code. */
async function run(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, {
    flags: ['json', 'with-records-only'],
    values: ['records', 'workers', 'max-line-mb'],
  });
  if (typeof parsed === 'string') return usageError(io, usage, parsed);
  const [file, ...extra] = parsed.positional;
  const recordsDir = parsed.values.get('records');
  if (!file || extra.length > 0 || !recordsDir)
    return usageError(io, usage, 'preflags takes one benchmark file or folder and --records <dir>');
  const workersText = parsed.values.get('workers');
  const workers = workersText === undefined ? defaultPoolSize() : Number(workersText);
  if (!(Number.isInteger(workers) && workers >= 1 && workers <= 64))
    return usageError(
      io,
      usage,
      `--workers must be a whole number from 1 to 64, not "${workersText}"`,
    );
  const maxLineBytes = maxLineBytesOption(parsed);
  if (typeof maxLineBytes === 'string') return usageError(io, usage, maxLineBytes);
  if (!(await fileExists(recordsDir))) {
    io.err(`cannot open the records folder ${recordsDir}: it does not exist`);
    return EXIT.failure;
  }
  const read = await readSampleFile(file, maxLineBytes, io, 'preflags');
  if (typeof read === 'number') return read;
  const { samples } = read;

  const find = recordFinder(recordsDir);
  const byRecord = new Map<string, number[]>();
  const textOnly: number[] = [];
  for (let i = 0; i < samples.length; i++) {
    const base = await find(samples[i]!.metadata);
    if (base) groupInto(byRecord, base, i);
    else if (!parsed.flags.has('with-records-only')) textOnly.push(i);
  }
  const jobs: PreflagJob[] = [];
  const add = (recordBase: string | null, indices: readonly number[]) =>
    jobs.push({
      id: jobs.length,
      recordBase,
      missingNote: recordBase ? null : `no record of this ECG in ${recordsDir}`,
      samples: indices.map((i) => ({ key: String(i), content: JSON.stringify(samples[i]) })),
    });
  for (const [base, indices] of byRecord) add(base, indices);
  for (let start = 0; start < textOnly.length; start += TEXT_ONLY_BATCH)
    add(null, textOnly.slice(start, start + TEXT_ONLY_BATCH));

  const pool = new PreflagPool(workers);
  const checked: Checked[] = [];
  try {
    const results = await Promise.all(jobs.map((job) => pool.run(job)));
    for (const r of results) {
      for (const s of r.results) {
        const order = Number(s.key);
        checked.push({ order, sample: samples[order]!, ...s });
      }
    }
  } finally {
    await pool.close();
  }
  checked.sort((a, b) => a.order - b.order);
  const failed = checked.filter((c) => c.status === 'record-error');
  for (const c of failed)
    io.err(`sample ${c.sample.metadata.id}: record not read (${c.note}); text rules only`);
  report(
    checked,
    io,
    parsed.flags.has('json'),
    `${file}: ${plural(checked.length, 'sample')} checked, ${byRecord.size} records read from ${recordsDir} in ${plural(workers, 'worker')}`,
  );
  // readSampleFile said which documents it left out; the exit code says so too.
  return read.invalid > 0 ? EXIT.invalid : EXIT.ok;
}

/** The `preflags` command. */
export const preflagsCommand: CliCommand = {
  name: 'preflags',
  summary: "runs the automatic pre-flags on a benchmark file with the records' measurements",
  usage,
  run,
};
