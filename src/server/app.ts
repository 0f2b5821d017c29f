import { Hono } from 'hono';
import type { AppConfig } from '../config/env';
import { LoginThrottle } from './auth/login-throttle';
import { apiRoutes } from './routes/index';
import { errorBody, mountRoutes } from './routes/mount-routes';
import type { Route, ServerDeps } from './routes/route-table';
import type { Db, DbKind } from './storage/database';

/** Options for building the app (tests pass their own routes or throttle). */
export interface CreateAppOptions {
  readonly db: Db;
  readonly kind: DbKind;
  readonly config: AppConfig;
  readonly routes?: readonly Route[];
  readonly throttle?: LoginThrottle;
}

/** The API as a Hono app (no static files: main.ts adds those). */
export function createApiApp(options: CreateAppOptions): { app: Hono; deps: ServerDeps } {
  const deps: ServerDeps = {
    db: options.db,
    kind: options.kind,
    config: options.config,
    throttle: options.throttle ?? new LoginThrottle(),
  };
  const app = new Hono();
  mountRoutes(app, options.routes ?? apiRoutes, deps);
  app.all('/api/*', (c) =>
    c.json(errorBody('not_found', `No API route ${c.req.method} ${c.req.path}.`), 404),
  );
  return { app, deps };
}
