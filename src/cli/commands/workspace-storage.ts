/** The workspace database for commands that change it (import, export, user), opened as the server does. */
import path from 'node:path';
import { ConfigError, loadConfig } from '../../config/env';
import type { Storage } from '../../server/storage/open-database';
import { openMigratedDatabase } from '../../server/storage/open-database';
import type { CliIo } from '../command';
import { EXIT } from '../command';

/** Opens the configured database (the server's settings), or prints why not. */
export async function openConfiguredStorage(
  io: CliIo,
): Promise<{ storage: Storage; config: ReturnType<typeof loadConfig> } | number> {
  let config;
  try {
    config = loadConfig(process.env, [], (relative) => path.resolve(relative));
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return EXIT.usage;
    }
    throw error;
  }
  try {
    return { storage: await openMigratedDatabase(config), config };
  } catch (error) {
    const where = config.databaseUrl
      ? 'the PostgreSQL database (DATABASE_URL)'
      : `the database in ${config.dataDir}`;
    io.err(`Cannot open ${where}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failure;
  }
}
