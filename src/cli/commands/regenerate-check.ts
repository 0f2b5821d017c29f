/**
 * `regenerate-check`: leave-one-out agreement with a real benchmark file (issue item 4): each
 * sample whose record is under the folder is regenerated on its own ECG from templates built
 * without it and compared with itself.
 */
import type { AgreementMiss, AgreementSummary, HeldSample } from '../../domain/benchmark/resample';
import { leaveOneOut } from '../../domain/benchmark/resample';
import { measureRecord } from '../../domain/measure/measure-record';
import type { Measurements } from '../../domain/measure/types';
import { WfdbError } from '../../domain/wfdb/errors';
import { readWfdbRecord } from '../../server/io/read-wfdb';
import type { CliCommand, CliIo } from '../command';
import { EXIT } from '../command';
import { maxLineBytesOption, parseArgs, plural, usageError } from './benchmark-input';
import { recordFinder } from './record-finder';
import { readSampleFile } from './sample-file';
import { fileExists } from '../../server/io/file-exists';

const usage = [
  'ecg-workbench regenerate-check --records <dir> <file.jsonl|dir> [--json] [--max-line-mb <MiB>]',
  "  Records are found in the source's layout under <dir> (PTB-XL: records500/<thousands>/<id>_hr),",
  '  else by their file name anywhere under it.',
].join('\n');

const pct = (part: number, whole: number) =>
  whole ? `${((100 * part) / whole).toFixed(1)}%` : 'n/a';

function formatMiss(m: AgreementMiss): string {
  const at = m.step === null ? '' : ` step ${m.step + 1} question ${(m.index ?? 0) + 1}`;
  const answers =
    m.real !== null || m.generated !== null
      ? `: real ${m.real ?? '-'}, generated ${m.generated ?? '-'}`
      : '';
  return `  sample ${m.sampleId} ecg ${m.ecgId}${at} ${m.kind}${answers} (${m.detail})`;
}

/** The figures of item 4 as text, with the goals and every miss. */
export function formatAgreement(s: AgreementSummary, header: string): string {
  const m = s.measurement;
  return [
    header,
    `  generated samples valid: ${s.valid}/${s.samples} (${pct(s.valid, s.samples)}; goal 100%)`,
    `  measurement answer in the same bin: ${m.sameBin}/${m.total} (${pct(m.sameBin, m.total)}; goal 85%), same or neighbouring bin: ${m.sameOrNeighbour}/${m.total} (${pct(m.sameOrNeighbour, m.total)}; goal 98%)`,
    `  answer window overlapping the real one (IoU >= 0.5): ${s.wave.overlapping}/${s.wave.total} (${pct(s.wave.overlapping, s.wave.total)}; goal 90%)`,
    `  lead set exactly equal: ${s.lead.exact}/${s.lead.total} (${pct(s.lead.exact, s.lead.total)}; goal 80%)`,
    `Misses (${s.misses.length}):`,
    ...s.misses.map(formatMiss),
  ].join('\n');
}

/** `regenerate-check`: prints the leave-one-out figures of a benchmark file against its records. */
export const regenerateCheckCommand: CliCommand = {
  name: 'regenerate-check',
  summary: 'Regenerate each sample whose record is held from templates built without it; compare',
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { flags: ['json'], values: ['records', 'max-line-mb'] });
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    const recordsDir = parsed.values.get('records');
    if (parsed.positional.length !== 1 || !recordsDir) {
      return usageError(io, usage, 'regenerate-check takes --records <dir> and one benchmark file');
    }
    const maxLineBytes = maxLineBytesOption(parsed);
    if (typeof maxLineBytes === 'string') return usageError(io, usage, maxLineBytes);
    if (!(await fileExists(recordsDir))) {
      io.err(`cannot open the records folder ${recordsDir}: it does not exist`);
      return EXIT.failure;
    }
    const file = parsed.positional[0]!;
    const read = await readSampleFile(file, maxLineBytes, io, 'regenerate-check');
    if (typeof read === 'number') return read;
    const find = recordFinder(recordsDir);
    const measured = new Map<string, Measurements | null>();
    const held: HeldSample[] = [];
    for (const sample of read.samples) {
      const m = sample.metadata;
      const key = `${m.data_source}/${m.ecg_id}`;
      if (!measured.has(key)) {
        const base = await find(m);
        let measurements: Measurements | null = null;
        if (base) {
          try {
            measurements = measureRecord(await readWfdbRecord(base, { verify: true }));
          } catch (error) {
            if (!(error instanceof WfdbError)) throw error;
            io.err(`${base}: ${error.message}; its samples are left out`);
          }
        }
        measured.set(key, measurements);
      }
      const measurements = measured.get(key);
      if (measurements) held.push({ sample, measurements });
    }
    const summary = leaveOneOut(read.samples, held);
    if (parsed.flags.has('json')) io.out(JSON.stringify(summary));
    else {
      const records = [...measured.values()].filter((x) => x !== null).length;
      io.out(
        formatAgreement(
          summary,
          `${file}: ${plural(held.length, 'sample')} regenerated on ${plural(records, 'record')} in ${recordsDir} (${plural(read.samples.length - held.length, 'sample')} without a record there)`,
        ),
      );
    }
    return read.invalid > 0 ? EXIT.invalid : EXIT.ok;
  },
};

export default regenerateCheckCommand;
