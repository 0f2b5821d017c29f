/**
 * Imports a model's answers (a JSONL of answer files) into the workspace: each line is matched
 * to the stored sample by (data_source, id), refused when its questions differ from it, scored,
 * and stored as the model's run for its protocol. Lines it cannot use are reported, never
 * scored silently; the lines it can use land in one transaction, replacing the model's earlier
 * run of the same protocol.
 */
import type { AnswerRule } from '../../../domain/evaluation/answer-set';
import {
  ANSWER_RULES,
  readAnswerDocument,
  scoreAnswer,
} from '../../../domain/evaluation/answer-set';
import { answerMismatch, repliesOf } from '../../../domain/evaluation/answer-match';
import type { SourceEntry } from '../../../domain/jsonl/source-entry';
import type { AnswerImportProblem, AnswerImportReport } from '../../../schemas/api/evaluation';
import type { BenchmarkSampleV002 } from '../../../schemas/benchmark-sample';
import type { InferenceMode, ModelAnswerSample } from '../../../schemas/model-answers';
import type { Db, ModelAnswersTable } from '../../storage/database';
import { newId, nowIso } from '../../storage/ids';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { inTransaction } from '../transaction';
import { groupInto } from '../../../domain/group-into';

/** Problems kept in a report (the total is always given). */
export const MAX_REPORTED_PROBLEMS = 500;
/** Rows per multi-row INSERT. */
const BATCH_ROWS = 300;

/** Import settings. */
export interface AnswerImportOptions {
  readonly fileName: string;
  readonly model: string;
  readonly actor: Actor | null;
  /** Called after each batch of lines. */
  readonly onProgress?: (linesRead: number) => void;
}

interface Pending {
  readonly sample: ModelAnswerSample;
  readonly mode: InferenceMode;
  readonly location: { file: string; lineNumber: number | null };
}

type AnswerRow = Omit<ModelAnswersTable, 'run_id'> & { mode: InferenceMode };

function rawSampleId(value: unknown): number | null {
  const id = (value as { metadata?: { id?: unknown } } | null)?.metadata?.id;
  return Number.isSafeInteger(id) ? (id as number) : null;
}

/** Stored samples of one batch by "source/id", with their current version. */
async function storedSamples(db: Db, pending: readonly Pending[]) {
  const found = new Map<string, { pk: string; version: number; sample: BenchmarkSampleV002 }>();
  const bySource = new Map<string, number[]>();
  for (const p of pending) {
    const { data_source, id } = p.sample.metadata;
    groupInto(bySource, data_source, id);
  }
  for (const [source, ids] of bySource) {
    const rows = await db
      .selectFrom('samples')
      .select(['id', 'sample_id', 'version', 'content'])
      .where('data_source', '=', source)
      .where('sample_id', 'in', ids)
      .execute();
    for (const row of rows) {
      found.set(`${source}/${row.sample_id}`, {
        pk: row.id,
        version: row.version,
        sample: JSON.parse(row.content) as BenchmarkSampleV002,
      });
    }
  }
  return found;
}

/** Reads, matches, scores and stores a model's answers; returns what it did and left out. */
export async function importAnswers(
  db: Db,
  batches: AsyncIterable<readonly SourceEntry[]>,
  options: AnswerImportOptions,
): Promise<AnswerImportReport> {
  const problems: AnswerImportProblem[] = [];
  const rows: AnswerRow[] = [];
  const seen = new Set<string>();
  let lines = 0;
  const report = (
    location: { file: string; lineNumber: number | null },
    rule: AnswerRule | `jsonl.${string}`,
    severity: 'error' | 'warning',
    sampleId: number | null,
    message: string,
  ) => problems.push({ ...location, rule, severity, sampleId, message });

  for await (const batch of batches) {
    const pending: Pending[] = [];
    for (const entry of batch) {
      if (entry.kind === 'problem') {
        if (entry.problem.severity === 'error') lines += 1;
        report(
          entry.location,
          entry.problem.rule as `jsonl.${string}`,
          entry.problem.severity,
          null,
          entry.problem.message,
        );
        continue;
      }
      lines += 1;
      const read = readAnswerDocument(entry.value);
      if (!read.ok) {
        report(entry.location, read.rule, 'error', rawSampleId(entry.value), read.message);
        continue;
      }
      pending.push({ sample: read.sample, mode: read.mode, location: entry.location });
    }
    const stored = pending.length > 0 ? await storedSamples(db, pending) : new Map();
    for (const p of pending) {
      const { data_source, id } = p.sample.metadata;
      const error = (rule: AnswerRule, message: string) =>
        report(p.location, rule, ANSWER_RULES[rule][0], id, message);
      const match = stored.get(`${data_source}/${id}`);
      if (!match) {
        error(
          'answers.unknown-sample',
          `the workspace has no ${data_source} sample ${id}; import the benchmark first`,
        );
        continue;
      }
      const mismatch = answerMismatch(p.sample, match.sample);
      if (mismatch) {
        error(
          'answers.question-mismatch',
          `these replies answer other questions than the workspace's sample ${id}: ${mismatch}`,
        );
        continue;
      }
      const key = `${p.mode}/${data_source}/${id}`;
      if (seen.has(key)) {
        error(
          'answers.duplicate',
          `sample ${data_source}/${id} is answered twice (${p.mode} protocol); the first answer is kept`,
        );
        continue;
      }
      seen.add(key);
      const scored = scoreAnswer(p.sample, p.mode);
      rows.push({
        id: newId(),
        mode: p.mode,
        sample_pk: match.pk,
        data_source,
        sample_id: id,
        target_dx: p.sample.metadata.target_dx,
        sample_version: match.version,
        replies: JSON.stringify(repliesOf(p.sample)),
        score: JSON.stringify(scored.score),
      });
    }
    options.onProgress?.(lines);
  }

  const leftOut = problems.filter((p) => p.severity === 'error').length;
  const base = {
    file: options.fileName,
    model: options.model,
    counts: {
      lines,
      scored: rows.length,
      leftOut,
      warnings: problems.length - leftOut,
    },
    problems: problems.slice(0, MAX_REPORTED_PROBLEMS),
    problemsTotal: problems.length,
  };
  if (rows.length === 0) return { ...base, outcome: 'refused', runs: [] };

  const modes = [...new Set(rows.map((r) => r.mode))].sort();
  const runs = modes.map((mode) => ({ mode, answers: rows.filter((r) => r.mode === mode).length }));
  await inTransaction(db, async (trx) => {
    for (const mode of modes) {
      const old = await trx
        .selectFrom('model_runs')
        .select('id')
        .where('model', '=', options.model)
        .where('mode', '=', mode)
        .executeTakeFirst();
      if (old) {
        await trx.deleteFrom('model_answers').where('run_id', '=', old.id).execute();
        await trx.deleteFrom('model_runs').where('id', '=', old.id).execute();
      }
      const runId = newId();
      const runReport = { ...base, outcome: 'imported' as const, runs };
      await trx
        .insertInto('model_runs')
        .values({
          id: runId,
          model: options.model,
          mode,
          file_name: options.fileName,
          report: JSON.stringify(runReport),
          imported_by: options.actor?.id ?? null,
          created_at: nowIso(),
        })
        .execute();
      const mine = rows.filter((r) => r.mode === mode);
      for (let start = 0; start < mine.length; start += BATCH_ROWS) {
        await trx
          .insertInto('model_answers')
          .values(
            mine
              .slice(start, start + BATCH_ROWS)
              .map(({ mode: _mode, ...row }) => ({ ...row, run_id: runId })),
          )
          .execute();
      }
      await writeAudit(trx, options.actor, {
        entity: 'model_run',
        entityId: runId,
        action: 'import',
        before: old ? { id: old.id } : null,
        after: { model: options.model, mode, answers: mine.length, file: options.fileName },
        baseVersion: null,
      });
    }
  });
  return { ...base, outcome: 'imported', runs };
}
