/**
 * Labels as data: the label JSONL of taxonomy.md out of the workspace and into it, validated
 * both ways with the label-file validator (validateDenseLabelLine).
 */
import type { SourceEntry } from '../../domain/jsonl/source-entry';
import { canonicalLabel, serializeDenseLabelLine } from '../../domain/taxonomy/serialize-label';
import { validateDenseLabelLine } from '../../domain/taxonomy/validate-label';
import type { LabelImportResponse } from '../../schemas/api/label-workbench';
import type { DataSource } from '../../schemas/benchmark-sample';
import type { DenseLabel, DenseLabelLine } from '../../schemas/dense-label';
import type { Db } from '../storage/database';
import { newId, nowIso } from '../storage/ids';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { ServiceError } from './service-error';
import { inTransaction } from './transaction';

/** Who exports what: a cardiologist their own labels; curators and admins every submitted one. */
export function exportsAllSubmitted(actor: Actor): boolean {
  return actor.role === 'curator' || actor.role === 'admin';
}

function byEcgId(a: { ecg_id: string }, b: { ecg_id: string }): number {
  return Number(a.ecg_id) - Number(b.ecg_id) || a.ecg_id.localeCompare(b.ecg_id);
}

/**
 * The label JSONL (one line per label, `labeller` the labeller's id, then `status`): a
 * cardiologist's own labels (drafts only once every axis is set), or for curators and admins
 * every submitted label. Each line is validated before it is written; a stored label the
 * validator refuses stops the export (422) before anything is sent.
 */
export async function exportLabels(
  db: Db,
  actor: Actor,
  source: DataSource | undefined,
): Promise<{ text: string; lines: number }> {
  let query = db
    .selectFrom('dense_labels')
    .innerJoin('ecg_records', 'ecg_records.id', 'dense_labels.ecg_record_id')
    .select([
      'ecg_records.source',
      'ecg_records.ecg_id',
      'dense_labels.labeller_id',
      'dense_labels.status',
      'dense_labels.content',
    ]);
  query = exportsAllSubmitted(actor)
    ? query.where('dense_labels.status', '=', 'submitted')
    : query.where('dense_labels.labeller_id', '=', actor.id);
  if (source) query = query.where('ecg_records.source', '=', source);
  const rows = await query.execute();
  rows.sort(
    (a, b) =>
      a.source.localeCompare(b.source) ||
      byEcgId(a, b) ||
      a.labeller_id.localeCompare(b.labeller_id),
  );
  const out: string[] = [];
  const problems: string[] = [];
  for (const row of rows) {
    const candidate = {
      data_source: row.source,
      ecg_id: row.ecg_id,
      label: JSON.parse(row.content) as DenseLabel,
      labeller: row.labeller_id,
      status: row.status,
    };
    const checked = validateDenseLabelLine(candidate);
    const errors = checked.problems.filter((p) => p.severity === 'error');
    if (row.status === 'draft' && (errors.length > 0 || !checked.line)) continue;
    if (!checked.line || errors.length > 0) {
      problems.push(
        `${row.source}/${row.ecg_id} (labeller ${row.labeller_id}): ${errors
          .map((p) => `${p.pathText}: ${p.message}`)
          .join('; ')}`,
      );
      continue;
    }
    out.push(serializeDenseLabelLine(checked.line));
  }
  if (problems.length > 0) {
    throw new ServiceError(
      'unprocessable',
      `${problems.length} stored label(s) do not pass validation; nothing was exported: ${problems
        .slice(0, 20)
        .join(' | ')}`,
      { code: 'export_refused' },
    );
  }
  return { text: out.map((line) => `${line}\n`).join(''), lines: out.length };
}

type ImportProblem = LabelImportResponse['problems'][number];

/**
 * Imports a label JSONL as the caller's own labels, all or nothing: every line is validated,
 * must name an ECG of the workspace once, and carry no other labeller's id; a line without a
 * status lands as a draft. Existing labels of the caller get a new version (audited).
 */
export async function importLabels(
  db: Db,
  actor: Actor,
  batches: AsyncIterable<readonly SourceEntry[]>,
): Promise<LabelImportResponse> {
  const problems: ImportProblem[] = [];
  const lines: { lineNumber: number | null; line: DenseLabelLine }[] = [];
  const seen = new Set<string>();
  let count = 0;
  for await (const batch of batches) {
    for (const entry of batch) {
      count += 1;
      const lineNumber = entry.location.lineNumber;
      if (entry.kind === 'problem') {
        problems.push({ lineNumber, ...entry.problem });
        continue;
      }
      const checked = validateDenseLabelLine(entry.value);
      for (const p of checked.problems) {
        problems.push({
          lineNumber,
          severity: p.severity,
          rule: p.rule,
          message: `${p.pathText === '' ? '' : `${p.pathText}: `}${p.message}`,
        });
      }
      const line = checked.line;
      if (!line || checked.problems.some((p) => p.severity === 'error')) continue;
      if (line.labeller !== undefined && line.labeller !== actor.id) {
        problems.push({
          lineNumber,
          severity: 'error',
          rule: 'labeller-not-you',
          message: `labeller: ${line.labeller} is not your id (${actor.id}); you import only your own labels`,
        });
        continue;
      }
      const key = `${line.data_source}/${line.ecg_id}`;
      if (seen.has(key)) {
        problems.push({
          lineNumber,
          severity: 'error',
          rule: 'duplicate-ecg',
          message: `ECG ${key} is labelled twice in this file`,
        });
        continue;
      }
      seen.add(key);
      lines.push({ lineNumber, line });
    }
  }
  const counts = { lines: count, created: 0, updated: 0, unchanged: 0 };
  const refuse = (): LabelImportResponse => ({ outcome: 'refused', counts, problems });
  if (problems.some((p) => p.severity === 'error')) return refuse();
  const ecgs = new Map<string, string>();
  for (let start = 0; start < lines.length; start += 400) {
    const slice = lines.slice(start, start + 400);
    const rows = await db
      .selectFrom('ecg_records')
      .select(['id', 'source', 'ecg_id'])
      .where((eb) =>
        eb.or(
          slice.map(({ line }) =>
            eb.and([eb('source', '=', line.data_source), eb('ecg_id', '=', line.ecg_id)]),
          ),
        ),
      )
      .execute();
    for (const row of rows) ecgs.set(`${row.source}/${row.ecg_id}`, row.id);
  }
  for (const { lineNumber, line } of lines) {
    if (!ecgs.has(`${line.data_source}/${line.ecg_id}`)) {
      problems.push({
        lineNumber,
        severity: 'error',
        rule: 'unknown-ecg',
        message: `ecg_id: ${line.data_source} ECG ${line.ecg_id} is not in this workspace (import its samples or records first)`,
      });
    }
  }
  if (problems.some((p) => p.severity === 'error')) return refuse();
  await inTransaction(db, async (trx) => {
    const now = nowIso();
    for (const { line } of lines) {
      const ecgRecordId = ecgs.get(`${line.data_source}/${line.ecg_id}`)!;
      const status = line.status ?? 'draft';
      const content = JSON.stringify(canonicalLabel(line.label));
      const current = await trx
        .selectFrom('dense_labels')
        .selectAll()
        .where('ecg_record_id', '=', ecgRecordId)
        .where('labeller_id', '=', actor.id)
        .executeTakeFirst();
      if (current && current.content === content && current.status === status) {
        counts.unchanged += 1;
        continue;
      }
      const id = current?.id ?? newId();
      if (current) {
        await trx
          .updateTable('dense_labels')
          .set({ content, status, version: current.version + 1, updated_at: now })
          .where('id', '=', current.id)
          .execute();
        counts.updated += 1;
      } else {
        await trx
          .insertInto('dense_labels')
          .values({
            id,
            ecg_record_id: ecgRecordId,
            labeller_id: actor.id,
            status,
            content,
            version: 1,
            created_at: now,
            updated_at: now,
          })
          .execute();
        counts.created += 1;
      }
      await writeAudit(trx, actor, {
        entity: 'dense_label',
        entityId: id,
        action: 'import',
        before: current ? { status: current.status, content: JSON.parse(current.content) } : null,
        after: { status, content: JSON.parse(content) },
        baseVersion: current?.version ?? 0,
      });
    }
  });
  return { outcome: 'imported', counts, problems };
}
