import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { jsonlEntryBatches } from '../../domain/jsonl/source-entry';
import type { AnswerImportReport } from '../../schemas/api/evaluation';
import { ModelNameSchema } from '../../schemas/api/evaluation';
import { importAnswers } from '../../server/services/evaluation/answer-import';
import type { CliCommand, CliIo } from '../command';
import { EXIT } from '../command';
import { modelAnswerEntries, modelFolders } from './answer-input';
import { parseArgs, plural, usageError } from './benchmark-input';
import { openConfiguredStorage } from './workspace-storage';

const usage = [
  'ecg-workbench import-answers <results-dir|answers.jsonl> [--model <name>] [--json]',
  '  A results folder holds <model_dir>/<dataset>/<target_dx>/<id>.json (one import per model folder);',
  '  a JSONL needs --model. Works on the database of DATA_DIR or DATABASE_URL.',
].join('\n');

function formatReport(r: AnswerImportReport): string[] {
  const runs = r.runs.map((run) => `${run.mode} ${run.answers}`).join(', ');
  const lines = [
    `${r.model}: ${r.outcome === 'imported' ? `imported (${runs})` : 'nothing imported'}; ${plural(r.counts.lines, 'answer file')} read, ${r.counts.leftOut} left out`,
  ];
  for (const p of r.problems) {
    const where = p.lineNumber === null ? p.file : `${p.file}:${p.lineNumber}`;
    lines.push(`${where}: ${p.severity}: ${p.message} [${p.rule}]`);
  }
  if (r.problemsTotal > r.problems.length)
    lines.push(`... and ${r.problemsTotal - r.problems.length} more problems`);
  return lines;
}

/**
 * `import-answers`: stores model answers in the workspace as the app's import does (matched to
 * the samples by source and id, checked against their questions, scored). Exit 1 when any
 * answer was left out or a model had nothing to import.
 */
export const importAnswersCommand: CliCommand = {
  name: 'import-answers',
  summary: 'Import model answers into the workspace (one run per model and protocol)',
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { flags: ['json'], values: ['model'] });
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    if (parsed.positional.length !== 1)
      return usageError(io, usage, 'import-answers takes one results folder or JSONL file');
    const input = parsed.positional[0]!;
    const info = statSync(input, { throwIfNoEntry: false });
    if (!info) {
      io.err(`cannot open ${input}: no such file or directory`);
      return EXIT.failure;
    }
    const modelOption = parsed.values.get('model');
    if (modelOption !== undefined && !ModelNameSchema.safeParse(modelOption).success)
      return usageError(io, usage, `--model "${modelOption}" is not a model name`);
    if (!info.isDirectory() && modelOption === undefined)
      return usageError(io, usage, 'a JSONL file needs --model <name>');
    const opened = await openConfiguredStorage(io);
    if (typeof opened === 'number') return opened;
    const { storage } = opened;
    try {
      const jobs = info.isDirectory()
        ? modelFolders(input)
            .filter((m) => modelOption === undefined || m === modelOption)
            .map((model) => ({
              model,
              batches: modelAnswerEntries(input, model),
              fileName: path.join(input, model),
            }))
        : [
            {
              model: modelOption!,
              batches: jsonlEntryBatches(
                input,
                createReadStream(input) as AsyncIterable<Uint8Array>,
              ),
              fileName: path.basename(input),
            },
          ];
      if (jobs.length === 0) {
        io.err(`${input}: no model folder to import`);
        return EXIT.invalid;
      }
      const reports: AnswerImportReport[] = [];
      for (const job of jobs) {
        reports.push(
          await importAnswers(storage.db, job.batches, {
            fileName: job.fileName,
            model: job.model,
            actor: null,
          }),
        );
      }
      if (parsed.flags.has('json')) io.out(JSON.stringify(reports));
      else {
        for (const r of reports) {
          const [summary, ...problems] = formatReport(r);
          (r.outcome === 'imported' ? io.out : io.err)(summary!);
          for (const line of problems) io.err(line);
        }
      }
      return reports.every((r) => r.outcome === 'imported' && r.counts.leftOut === 0)
        ? EXIT.ok
        : EXIT.invalid;
    } finally {
      await storage.close();
    }
  },
};

export default importAnswersCommand;
