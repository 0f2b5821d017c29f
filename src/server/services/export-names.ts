import type { DataSource } from '../../schemas/benchmark-sample';

/** The manifest's file name beside the JSONL files. */
export const MANIFEST_FILE_NAME = 'manifest.json';

/** The JSONL file name of a data source: ptbxl.jsonl, mimic_iv_ecg.jsonl. */
export function exportFileName(source: DataSource): string {
  return `${source}.jsonl`;
}
