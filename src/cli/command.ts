/** Where a command writes: results to out, problems to err (stdout / stderr in a real run). */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** One CLI command: parses its own arguments and returns the process exit code. */
export interface CliCommand {
  readonly name: string;
  /** One line for `ecg-workbench help`. */
  readonly summary: string;
  /** Usage line(s), shown on a usage error. */
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Exit codes shared by every command (listed in the README). */
export const EXIT = {
  ok: 0,
  /** The input has errors (validation failed, record corrupt, import refused). */
  invalid: 1,
  /** The command line itself was wrong: unknown command, missing argument. */
  usage: 2,
  /** Something outside the input failed: file not found, database unavailable. */
  failure: 3,
} as const;
