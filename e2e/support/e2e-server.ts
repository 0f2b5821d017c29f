/**
 * The e2e server harness (Playwright's webServer command): builds the app, prepares a fresh
 * DATA_DIR, imports ../shared/data/benchmark/ptbxl.jsonl with RECORDS_DIR at
 * ../shared/data/ecg/ptbxl (40 of its ECGs have records there), creates one user per role
 * (e2e-users.ts), registers the demo workspace's synthetic ECGs (records, no samples), then runs the real server (src/server/main.ts) on E2E_PORT (8090) until
 * Playwright stops it. The build includes the plot test API (VITE_PLOT_TEST_API=1).
 * E2E_SKIP_BUILD=1 reuses an existing dist/ (refused if it lacks that API); E2E_DATABASE_URL puts the
 * workspace in an (empty) PostgreSQL database instead of SQLite.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBenchmarkSource } from '../../src/server/io/benchmark-files';
import { seedDemoEcgsOnly } from '../../src/server/services/demo-workspace-data';
import { importSamples } from '../../src/server/services/import/import-samples';
import { recordRoots } from '../../src/server/services/records';
import { createUser } from '../../src/server/services/users';
import { openMigratedDatabase } from '../../src/server/storage/open-database';
import { ROLES } from '../../src/schemas/api/common';
import { E2E_DATA_DIR, E2E_PORT } from './base-url';
import { E2E_USERS } from './e2e-users';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const benchmarkFile = path.resolve(repoRoot, '../shared/data/benchmark/ptbxl.jsonl');
const recordsDir = path.resolve(repoRoot, '../shared/data/ecg/ptbxl');
const port = E2E_PORT;
const databaseUrl = process.env['E2E_DATABASE_URL'] || undefined;
const dataDir = E2E_DATA_DIR;

/** True when the built app in dist/ installs the plot test API (its bundle names __ECG_PLOTS__). */
function distHasPlotTestApi(): boolean {
  const assets = path.join(repoRoot, 'dist/assets');
  if (!existsSync(assets)) return false;
  return readdirSync(assets).some(
    (f) =>
      f.endsWith('.js') && readFileSync(path.join(assets, f), 'utf8').includes('__ECG_PLOTS__'),
  );
}

const log = (line: string) => process.stdout.write(`[e2e-server] ${line}\n`);

async function prepare(): Promise<void> {
  if (process.env['E2E_SKIP_BUILD'] !== '1') {
    log('building the app (vite build)...');
    execFileSync(
      process.execPath,
      [path.join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
      {
        cwd: repoRoot,
        stdio: 'inherit',
        // The tests ask each plot for its state through its test API, which builds leave out unless asked.
        env: { ...process.env, VITE_PLOT_TEST_API: '1' },
      },
    );
  } else if (!distHasPlotTestApi()) {
    throw new Error(
      'dist/ was built without the plot test API: run without E2E_SKIP_BUILD (or build with VITE_PLOT_TEST_API=1)',
    );
  }
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const storage = await openMigratedDatabase({ dataDir, databaseUrl });
  try {
    const source = await openBenchmarkSource(benchmarkFile);
    const report = await importSamples(storage.db, source.batches, {
      fileName: path.basename(benchmarkFile),
      roots: recordRoots({ recordsDir, dataDir }),
      actor: null,
    });
    if (report.outcome !== 'imported') {
      throw new Error(
        `the import of ${benchmarkFile} was refused:\n${report.problems.map((p) => p.text).join('\n')}`,
      );
    }
    log(
      `imported ${report.counts.created} samples; ${report.ecgs.withRecord} of ${report.ecgs.named} ECGs have records`,
    );
    // The demo workspace's synthetic ECGs (90001 on, with records, no samples) for the
    // labelling specs: they know each ECG's condition (LBBB, ...).
    log(`registered ${await seedDemoEcgsOnly(storage.db, dataDir)} demo ECGs`);
    for (const role of ROLES) await createUser(storage.db, null, { ...E2E_USERS[role], role });
    log(`users: ${ROLES.map((role) => E2E_USERS[role].username).join(', ')}`);
  } finally {
    await storage.close();
  }
}

async function main(): Promise<void> {
  await prepare();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    RECORDS_DIR: recordsDir,
    DEMO: '0',
  };
  if (databaseUrl) env['DATABASE_URL'] = databaseUrl;
  else delete env['DATABASE_URL'];
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'src/server/main.ts')],
    {
      cwd: repoRoot,
      env,
      stdio: 'inherit',
    },
  );
  const stop = (signal: NodeJS.Signals) => {
    if (server.exitCode === null) server.kill(signal);
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  server.once('exit', (code, signal) => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(code ?? (signal ? 0 : 1));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[e2e-server] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
