/** Why a WFDB record (or one of its files) was refused. */
export type WfdbErrorReason =
  | 'malformed-header'
  | 'missing-file'
  | 'truncated'
  | 'checksum-mismatch'
  | 'initial-value-mismatch'
  | 'unsupported-format'
  | 'inconsistent';

/** A refused WFDB record: names the file, the reason and what was wrong (`file: reason: detail`). */
export class WfdbError extends Error {
  override readonly name = 'WfdbError';
  /** The file at fault, as the header names it (e.g. `00024_hr.dat`) or as it was given. */
  readonly file: string;
  readonly reason: WfdbErrorReason;
  /** What exactly was wrong, without the file and reason prefix. */
  readonly detail: string;
  /** 1-based header line number, for header errors. */
  readonly line: number | undefined;

  constructor(file: string, reason: WfdbErrorReason, detail: string, line?: number) {
    super(`${file}: ${reason}: ${line === undefined ? '' : `line ${line}: `}${detail}`);
    this.file = file;
    this.reason = reason;
    this.detail = detail;
    this.line = line;
  }
}

/** True when value is a WfdbError (also across bundles, by name and shape). */
export function isWfdbError(value: unknown): value is WfdbError {
  return value instanceof WfdbError;
}
