/** Reads model answers for the evaluate commands: the official directory layout or one JSONL file. */
import { createReadStream, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonText } from '../../domain/jsonl/json-syntax';
import type { SourceEntry } from '../../domain/jsonl/source-entry';
import { jsonlEntryBatches } from '../../domain/jsonl/source-entry';
import { addAnswerEntries } from '../../domain/evaluation/answer-jsonl';
import type { AnswerSetEvaluator } from '../../domain/evaluation/answer-set';

/** Sub-folders of a folder, in name order (hidden ones left out, as Python's glob does). */
function folders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}

/** Model folders of a results folder (the official layout's first level). */
export const modelFolders = folders;

/**
 * One model's answer files of every dataset as source entries (for the workspace import):
 * `<root>/<model>/<dataset>/<target_dx>/<id>.json`; empty and unparsable files as problems.
 */
export async function* modelAnswerEntries(
  root: string,
  model: string,
): AsyncGenerator<SourceEntry[]> {
  for (const dataset of folders(join(root, model))) {
    for (const targetDx of folders(join(root, model, dataset))) {
      const dxDir = join(root, model, dataset, targetDx);
      for (const name of answerFiles(dxDir)) {
        const file = join(dxDir, name);
        const location = { file, lineNumber: null };
        const text = readFileSync(file, 'utf8');
        if (text.trim() === '') {
          yield [
            {
              kind: 'problem',
              location,
              problem: {
                severity: 'error',
                rule: 'answers.empty',
                message: 'the file is empty (a lock left by an interrupted run?)',
              },
            },
          ];
          continue;
        }
        const parsed = parseJsonText(text);
        yield [
          parsed.ok
            ? { kind: 'value', location, value: parsed.value }
            : {
                kind: 'problem',
                location,
                problem: {
                  severity: 'error',
                  rule: 'answers.syntax',
                  message: `not JSON at line ${parsed.error.line}, column ${parsed.error.column}: ${parsed.error.reason}`,
                },
              },
        ];
      }
    }
  }
}

/** `<id>.json` files of a folder, numeric ids first in number order, then the rest by name. */
function answerFiles(dir: string): string[] {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json') && !e.name.startsWith('.'))
    .map((e) => e.name);
  const id = (name: string) => (/^\d+\.json$/.test(name) ? Number(name.slice(0, -5)) : Infinity);
  return names.sort((a, b) => id(a) - id(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** What reading found besides the files' own problems: models without the dataset's folder. */
export interface LayoutNotes {
  readonly modelsWithoutDataset: readonly string[];
}

/**
 * Walks `<root>/<model_dir>/<dataset>/<target_dx>/<id>.json` (model_dir is the row's model
 * name, as in the official tool), optionally only the listed models.
 */
export function addAnswerLayout(
  evaluator: AnswerSetEvaluator,
  root: string,
  onlyModels: readonly string[] | null,
): LayoutNotes {
  const modelsWithoutDataset: string[] = [];
  for (const model of onlyModels ?? folders(root)) {
    const dataDir = join(root, model, evaluator.dataset);
    if (!statSync(dataDir, { throwIfNoEntry: false })?.isDirectory()) {
      modelsWithoutDataset.push(model);
      continue;
    }
    for (const targetDx of folders(dataDir)) {
      evaluator.addDiagnosisFolder(model, targetDx);
      const dxDir = join(dataDir, targetDx);
      for (const name of answerFiles(dxDir)) {
        const file = join(dxDir, name);
        evaluator.addText(
          model,
          readFileSync(file, 'utf8'),
          { file, lineNumber: null },
          {
            targetDx,
            fileId: name.slice(0, -5),
          },
        );
      }
    }
  }
  return { modelsWithoutDataset };
}

/** Reads a JSONL file of answer objects (streamed: bounded memory). */
export async function addAnswerJsonl(
  evaluator: AnswerSetEvaluator,
  path: string,
  model: string | null,
): Promise<void> {
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  await addAnswerEntries(
    evaluator,
    jsonlEntryBatches(path, stream as AsyncIterable<Uint8Array>),
    model,
  );
}
