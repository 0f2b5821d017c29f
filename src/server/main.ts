import path from 'node:path';
import type { AppConfig } from '../config/env';
import { ConfigError, loadConfig } from '../config/env';
import type { RunningServer } from './start-server';
import { startServer } from './start-server';
import { DataDirLockedError } from './storage/data-dir-lock';

/** Exit codes of the server process: 2 bad settings, 3 could not start or stop cleanly. */
const EXIT_BAD_SETTINGS = 2;
const EXIT_FAILED = 3;

function readConfig(): AppConfig {
  try {
    return loadConfig(process.env, process.argv.slice(2), (p) => path.resolve(p));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(EXIT_BAD_SETTINGS);
  }
}

async function main(): Promise<void> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const config = readConfig();
  const starting: Promise<RunningServer> = startServer(config, log);
  // Handlers go in before the start line is printed, so a signal right after it is graceful.
  const shutdown = (signal: string) => {
    log(`${signal}: finishing requests in flight, then stopping.`);
    setTimeout(() => process.exit(EXIT_FAILED), 10_000).unref();
    starting
      .then((server) => server.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`Shutdown failed: ${String(error)}\n`);
          process.exit(EXIT_FAILED);
        },
      );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  try {
    await starting;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      error instanceof DataDirLockedError
        ? `Refusing to start: ${reason}\n`
        : `Could not start: ${reason}\n`,
    );
    process.exit(EXIT_FAILED);
  }
}

void main();
