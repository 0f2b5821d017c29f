import { Hono } from 'hono';
import { preflagRunnerOf } from './services/preflags/preflag-runner';
import type { AppConfig } from '../config/env';
import type { ThrottleStore } from './auth/login-throttle';
import { LoginThrottle } from './auth/login-throttle';
import { hostCheck, securityHeaders } from './http/security-headers';
import { createLiveHub } from './live/live-hub';
import { apiRoutes } from './routes/index';
import { errorBody, mountRoutes } from './routes/mount-routes';
import type { Route, ServerDeps } from './routes/route-table';
import { ImportJobs } from './services/import-jobs';
import { KeyedQueue } from './services/keyed-queue';
import type { Db, DbKind } from './storage/database';
import { pgPoolOf } from './storage/open-database';

/** Options for building the app (tests pass their own routes or throttle). */
export interface CreateAppOptions {
  readonly db: Db;
  readonly kind: DbKind;
  readonly config: AppConfig;
  readonly routes?: readonly Route[];
  readonly throttle?: LoginThrottle;
}

/** Sign-in counters in PostgreSQL when the workspace is there (shared by every process). */
export function throttleStoreFor(db: Db, kind: DbKind): ThrottleStore {
  const pool = kind === 'postgres' ? pgPoolOf(db) : undefined;
  return pool ? { kind: 'postgres', pool } : { kind: 'memory' };
}

/**
 * The API as a Hono app (no static files: main.ts adds those), behind the Host check and the
 * security headers, which apply to everything added to the app later too.
 */
export function createApiApp(options: CreateAppOptions): { app: Hono; deps: ServerDeps } {
  const deps: ServerDeps = {
    db: options.db,
    kind: options.kind,
    config: options.config,
    throttle: options.throttle ?? new LoginThrottle(throttleStoreFor(options.db, options.kind)),
    idempotencyQueue: new KeyedQueue(),
    live: createLiveHub(options.db, options.kind, options.config),
    imports: new ImportJobs(options.db, { leaseMs: options.config.importLeaseMs }),
  };
  // Pre-flags for what an import stored, in the background, from the import's one completion
  // point (whichever request or process ran it; the upload's response does not wait).
  deps.imports.onImported(({ actor }) => {
    preflagRunnerOf(deps).startInBackground(actor, 'import', { onlyStale: true });
  });
  const app = new Hono();
  app.use('*', securityHeaders(options.config));
  app.use('*', hostCheck({ publicOrigin: options.config.publicOrigin, host: options.config.host }));
  mountRoutes(app, options.routes ?? apiRoutes, deps);
  app.all('/api/*', (c) =>
    c.json(errorBody('not_found', `No API route ${c.req.method} ${c.req.path}.`), 404),
  );
  return { app, deps };
}
