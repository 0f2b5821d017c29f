import type { AppConfig } from '../../config/env';
import type { Db, DbKind } from '../storage/database';
import { pgPoolOf } from '../storage/open-database';
import { Presence } from './presence';
import type { PubSub } from './pubsub';
import { LocalPubSub, PgPubSub } from './pubsub';

/** Live state shared by the server processes of a workspace (features use it for presence). */
export interface LiveHub {
  readonly pubsub: PubSub;
  readonly presence: Presence;
  close(): Promise<void>;
}

/**
 * The hub for a workspace: PostgreSQL LISTEN/NOTIFY when the workspace is there (several
 * processes), in-process otherwise (SQLite has one). Nothing connects until first used.
 */
export function createLiveHub(db: Db, kind: DbKind, config: AppConfig): LiveHub {
  const pool = kind === 'postgres' ? pgPoolOf(db) : undefined;
  const pubsub: PubSub =
    pool && config.databaseUrl ? new PgPubSub(config.databaseUrl, pool) : new LocalPubSub();
  const presence = new Presence(pubsub);
  return {
    pubsub,
    presence,
    async close() {
      await presence.close();
      await pubsub.close();
    },
  };
}
