import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppConfig } from '../config/env';
import { createApiApp } from './app';
import { seedDemoWorkspace } from './services/demo-workspace';
import { ensureFirstAdmin } from './services/first-admin';
import { preflagRunnerOf, stopPreflagRunner } from './services/preflags/preflag-runner';
import { lockDataDir } from './storage/data-dir-lock';
import type { Storage } from './storage/open-database';
import { openMigratedDatabase } from './storage/open-database';

/** The built SPA (vite build output). */
export const DIST_DIR = path.resolve(import.meta.dirname, '../../dist');

/** A running server: its port and how to stop it gracefully. */
export interface RunningServer {
  readonly port: number;
  readonly storage: Storage;
  close(): Promise<void>;
}

function addSpa(app: Hono, distDir: string): void {
  const indexFile = path.join(distDir, 'index.html');
  // Source maps would publish the original source: never served, even if a build made them;
  // nor build bookkeeping in dot folders (.vite/manifest.json).
  app.use('/*', async (c, next) =>
    c.req.path.endsWith('.map') || c.req.path.includes('/.') ? c.text('Not found.', 404) : next(),
  );
  app.use('/*', serveStatic({ root: path.relative(process.cwd(), distDir) || '.' }));
  app.get('/*', (c) => {
    if (!existsSync(indexFile)) {
      return c.text(
        'The app is not built yet: run `npm run build` (npm start does it for you).',
        503,
      );
    }
    // Client-side routes (/samples/123) get the SPA shell; the router takes it from there.
    return c.html(readFileSync(indexFile, 'utf8'));
  });
}

/**
 * Starts the server: takes the data-dir lock (SQLite), migrates, creates the first admin or the
 * demo workspace, then serves the API and the SPA on config.port.
 */
export async function startServer(
  config: AppConfig,
  log: (line: string) => void,
  distDir: string = DIST_DIR,
): Promise<RunningServer> {
  const releaseLock = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
  let storage: Storage;
  try {
    storage = await openMigratedDatabase(config);
    if (config.demo) {
      await seedDemoWorkspace(storage.db, {
        dataDir: config.dataDir,
        recordsDir: config.recordsDir,
        log,
      });
    } else {
      await ensureFirstAdmin(storage.db, log);
    }
  } catch (error) {
    releaseLock();
    throw error;
  }
  const { app, deps } = createApiApp({ db: storage.db, kind: storage.kind, config });
  // The demo's samples were imported above, outside the API: pre-flag what is new or changed.
  if (config.demo) preflagRunnerOf(deps).startInBackground(null, 'import', { onlyStale: true });
  addSpa(app, distDir);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (error) => {
      releaseLock();
      reject(error);
    });
  });
  const port = (server.address() as AddressInfo).port;
  const where = storage.kind === 'sqlite' ? `SQLite ${storage.sqliteFile}` : 'PostgreSQL';
  log(
    `ECG Reasoning Workbench on http://${config.host}:${port} (${where}${config.demo ? ', demo mode' : ''})`,
  );
  let closing: Promise<void> | undefined;
  return {
    port,
    storage,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Idle keep-alive sockets would hold close() open; in-flight requests still finish.
          (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
        });
        await stopPreflagRunner(deps);
        await deps.live.close();
        await storage.close();
        releaseLock();
      })();
      return closing;
    },
  };
}
