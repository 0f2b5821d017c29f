import { createHash } from 'node:crypto';
import { serializeSample } from '../../domain/benchmark/serialize';
import type { ExportManifestBody } from '../../schemas/api/transfer';
import type { AnswerShape, BenchmarkSampleV002, DataSource } from '../../schemas/benchmark-sample';
import { DATA_SOURCES } from '../../schemas/benchmark-sample';
import type { Db, DbKind } from '../storage/database';
import { ExportGate } from './export-gate';
import { ServiceError } from './service-error';

/** The manifest's file name beside the JSONL files. */
export const MANIFEST_FILE_NAME = 'manifest.json';

/** The JSONL file name of a data source: ptbxl.jsonl, mimic_iv_ecg.jsonl. */
export function exportFileName(source: DataSource): string {
  return `${source}.jsonl`;
}

/** manifest.json: what an export holds (see ExportManifestSchema). */
export type ExportManifest = ExportManifestBody;

/** One exported file as the manifest describes it. */
export type ExportFileEntry = ExportManifest['files'][number];

/** One exported JSONL file and its text. */
export interface ExportFile extends ExportFileEntry {
  readonly text: string;
}

/** A whole export: the JSONL files and the manifest (text as written to manifest.json). */
export interface ExportBundle {
  readonly files: readonly ExportFile[];
  readonly manifest: ExportManifest;
  readonly manifestText: string;
}

/** SHA-256 of a text's UTF-8 bytes, lowercase hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The manifest as written: 2-space JSON in a fixed key order, ending in a newline. */
export function manifestText(manifest: ExportManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * Exports every active sample in the answer shape asked for, from ONE read transaction (repeatable
 * read on PostgreSQL): one JSONL file per data source that has samples, ordered by sample id,
 * each line serializeSample's canonical bytes; plus the manifest with counts and SHA-256s.
 * Unchanged data gives byte-identical files and manifest. Every line passes the ExportGate: an
 * export whose files `validate` would reject is refused (422) with the problems.
 */
export async function buildExport(db: Db, kind: DbKind, shape: AnswerShape): Promise<ExportBundle> {
  let transaction = db.transaction();
  if (kind === 'postgres') transaction = transaction.setIsolationLevel('repeatable read');
  const gate = new ExportGate();
  const files = await transaction.execute(async (trx) => {
    const out: ExportFile[] = [];
    for (const source of DATA_SOURCES) {
      const rows = await trx
        .selectFrom('samples')
        .select(['sample_id', 'content'])
        .where('data_source', '=', source)
        .where('status', '=', 'active')
        .orderBy('sample_id')
        .execute();
      if (rows.length === 0) continue;
      const lines: string[] = [];
      for (const [index, row] of rows.entries()) {
        let line: string;
        try {
          line = serializeSample(JSON.parse(row.content) as BenchmarkSampleV002, shape);
        } catch (error) {
          throw new ServiceError(
            'unprocessable',
            `The ${source} sample ${row.sample_id} cannot be written in the ${shape} shape: ${(error as Error).message}`,
            { code: 'export_failed' },
          );
        }
        gate.add(exportFileName(source), index + 1, line);
        lines.push(line, '\n');
      }
      const text = lines.join('');
      out.push({
        file: exportFileName(source),
        dataSource: source,
        samples: rows.length,
        bytes: Buffer.byteLength(text, 'utf8'),
        sha256: sha256Hex(text),
        text,
      });
    }
    return out;
  });
  gate.finish();
  const manifest: ExportManifest = {
    answerShape: shape,
    totalSamples: files.reduce((sum, file) => sum + file.samples, 0),
    files: files.map(({ file, dataSource, samples, bytes, sha256 }) => ({
      file,
      dataSource,
      samples,
      bytes,
      sha256,
    })),
  };
  return { files, manifest, manifestText: manifestText(manifest) };
}
