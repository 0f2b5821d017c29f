import { createReadStream, statSync } from 'node:fs';
import { jsonlEntryBatches } from '../../domain/jsonl/source-entry';
import type { LabelFile } from '../../domain/evaluation/label-file';
import { readLabelEntries } from '../../domain/evaluation/label-file';
import type { AxisScore, LabelReport } from '../../domain/evaluation/label-metrics';
import { labelReport } from '../../domain/evaluation/label-metrics';
import type { CliCommand, CliIo } from '../command';
import { EXIT } from '../command';
import { parseArgs, plural, usageError } from './benchmark-input';

const usage = 'ecg-workbench evaluate-labels <truth.jsonl> <predicted.jsonl> [--json]';

async function readLabels(path: string): Promise<LabelFile> {
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  return readLabelEntries(jsonlEntryBatches(path, stream as AsyncIterable<Uint8Array>));
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function axisLines(axes: readonly AxisScore[]): string[] {
  const head = ['axis', 'accuracy', 'macro-F1', 'majority acc', 'majority F1', 'majority value'];
  const rows = axes.map((a) => [
    `  ${a.axis}`,
    pct(a.accuracy),
    a.macroF1.toFixed(3),
    pct(a.majorityAccuracy),
    a.majorityMacroF1.toFixed(3),
    a.majorityValue,
  ]);
  const all = [['  ' + head[0]!, ...head.slice(1)], ...rows];
  const widths = all[0]!.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  return all.map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
}

function confusionLines(a: AxisScore): string[] {
  const width = Math.max(...a.classes.map((c) => c.length), 5);
  const lines = [`  ${a.axis} (rows: truth, columns: predicted)`];
  lines.push(`    ${''.padEnd(width)}  ${a.classes.map((c) => c.padStart(width)).join('  ')}`);
  a.confusion.forEach((row, i) =>
    lines.push(
      `    ${a.classes[i]!.padEnd(width)}  ${row.map((n) => String(n).padStart(width)).join('  ')}`,
    ),
  );
  return lines;
}

/** The report as text for people. */
export function formatLabelReport(report: LabelReport): string {
  const lines = [`${plural(report.scored, 'ECG')} scored`];
  if (report.unpredicted.length > 0)
    lines.push(
      `${plural(report.unpredicted.length, 'ECG')} with truth but no prediction (left out)`,
    );
  if (report.withoutTruth.length > 0)
    lines.push(`${plural(report.withoutTruth.length, 'ECG')} predicted without truth (left out)`);
  lines.push('', 'measurement-derivable axes (machine measurements give them):');
  lines.push(...axisLines(report.axes.filter((a) => a.group === 'measurement')));
  lines.push('', 'waveform-only axes:');
  lines.push(...axisLines(report.axes.filter((a) => a.group === 'waveform')));
  const f = report.findings;
  lines.push('', 'findings per ECG (non-normal findings a label holds):');
  const counts = [
    ...new Set([...Object.keys(f.truth), ...Object.keys(f.predicted)].map(Number)),
  ].sort((a, b) => a - b);
  for (const n of counts)
    lines.push(`  ${n}: truth ${f.truth[n] ?? 0}, predicted ${f.predicted[n] ?? 0}`);
  lines.push(`  mean: truth ${f.meanTruth.toFixed(2)}, predicted ${f.meanPredicted.toFixed(2)}`);
  lines.push('', 'confusion matrices:');
  for (const a of report.axes) lines.push(...confusionLines(a));
  return lines.join('\n');
}

/** `evaluate-labels`: per-axis accuracy and macro-F1 of predicted labels beside each axis's majority baseline. */
export const evaluateLabelsCommand: CliCommand = {
  name: 'evaluate-labels',
  summary: 'Score predicted dense labels per axis against ground truth and the majority baseline',
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { flags: ['json'], values: [] });
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    if (parsed.positional.length !== 2)
      return usageError(io, usage, 'evaluate-labels takes the truth file and the predicted file');
    const [truthPath, predictedPath] = parsed.positional as [string, string];
    for (const path of [truthPath, predictedPath]) {
      if (!statSync(path, { throwIfNoEntry: false })?.isFile()) {
        io.err(`cannot open ${path}: no such file`);
        return EXIT.failure;
      }
    }
    const truth = await readLabels(truthPath);
    const predicted = await readLabels(predictedPath);
    const problems = [...truth.problems, ...predicted.problems];
    for (const p of problems) {
      const where = p.lineNumber === null ? p.file : `${p.file}:${p.lineNumber}`;
      io.err(`${where}: ${p.severity}: ${p.message} [${p.rule}]`);
    }
    const report = labelReport(truth.labels, predicted.labels);
    io.out(parsed.flags.has('json') ? JSON.stringify(report) : formatLabelReport(report));
    if (report.scored === 0) {
      io.err('no ECG is in both files: nothing was scored');
      return EXIT.invalid;
    }
    return problems.some((p) => p.severity === 'error') ? EXIT.invalid : EXIT.ok;
  },
};

export default evaluateLabelsCommand;
