import { z } from 'zod';

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

/** The environment variables the server and CLI read, each checked with a readable message. */
export const EnvSchema = z.object({
  // 0 asks the OS for a free port (tests and benchmarks read the port from the start line).
  PORT: z.coerce
    .number({ message: 'must be a whole number between 0 and 65535' })
    .int('must be a whole number between 0 and 65535')
    .min(0, 'must be a whole number between 0 and 65535')
    .max(65535, 'must be a whole number between 0 and 65535')
    .default(8080),
  HOST: z.string().min(1, 'must name an interface, e.g. 127.0.0.1').default('127.0.0.1'),
  DATA_DIR: z.string().min(1, 'must be a directory path').default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a PostgreSQL URL: postgres://user:pass@host:port/db')
    .optional(),
  RECORDS_DIR: z.string().min(1, 'must be a directory path').optional(),
  DEMO: booleanFlag.default(false),
  PUBLIC_ORIGIN: z
    .url({ message: 'must be the public origin, e.g. https://ecg.example.org' })
    .refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://')
    .optional(),
  TRUST_PROXY: booleanFlag.default(false),
  IMPORT_LEASE_MS: z.coerce
    .number({ message: 'must be a whole number of milliseconds, at least 500' })
    .int('must be a whole number of milliseconds, at least 500')
    .min(500, 'must be a whole number of milliseconds, at least 500')
    .default(30_000),
});

/** The checked settings, with paths made absolute against the working directory. */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  /** Absolute path of the data directory (SQLite file, lock file). */
  readonly dataDir: string;
  /** PostgreSQL URL; undefined means the embedded SQLite database in dataDir. */
  readonly databaseUrl: string | undefined;
  /** Absolute path of the read-only WFDB records folder, if configured. */
  readonly recordsDir: string | undefined;
  readonly demo: boolean;
  /** The origin users reach the app at; cookies get `Secure` when it is https. */
  readonly publicOrigin: string | undefined;
  readonly secureCookies: boolean;
  /** Behind a reverse proxy: the client address is the last X-Forwarded-For entry. */
  readonly trustProxy: boolean;
  /** A running import whose process has not renewed its lease for this long is failed (ms). */
  readonly importLeaseMs: number;
}

/** Thrown when settings are bad; `problems` has one readable line per bad setting. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid settings:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the settings from env (and `--demo` in argv); throws ConfigError listing each bad one.
 * resolvePath makes a relative directory absolute (the server passes node's path.resolve).
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  argv: readonly string[],
  resolvePath: (relative: string) => string,
): AppConfig {
  const relevant = Object.fromEntries(
    Object.keys(EnvSchema.shape)
      .map((key) => [key, env[key]] as const)
      .filter(([, value]) => value !== undefined),
  );
  const parsed = EnvSchema.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? '(env)');
        return `${key}=${JSON.stringify(env[key] ?? '')}: ${issue.message}`;
      }),
    );
  }
  const value = parsed.data;
  return {
    port: value.PORT,
    host: value.HOST,
    dataDir: resolvePath(value.DATA_DIR),
    databaseUrl: value.DATABASE_URL,
    recordsDir: value.RECORDS_DIR === undefined ? undefined : resolvePath(value.RECORDS_DIR),
    demo: value.DEMO || argv.includes('--demo'),
    publicOrigin: value.PUBLIC_ORIGIN,
    secureCookies: value.PUBLIC_ORIGIN?.startsWith('https://') ?? false,
    trustProxy: value.TRUST_PROXY,
    importLeaseMs: value.IMPORT_LEASE_MS,
  };
}
