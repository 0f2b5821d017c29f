import os from 'node:os';
import path from 'node:path';

/** The e2e server's port (E2E_PORT, default 8090): separate checkouts can run e2e side by side. */
export const E2E_PORT = Number(process.env['E2E_PORT'] ?? 8090);

/** Where the e2e tests reach the app: E2E_BASE_URL, else the e2e server on E2E_PORT. */
export const E2E_BASE_URL = process.env['E2E_BASE_URL'] ?? `http://127.0.0.1:${E2E_PORT}`;

/** The e2e server's DATA_DIR: a fixed folder per port (a run killed without cleanup is wiped by the next one). */
export const E2E_DATA_DIR = path.join(os.tmpdir(), `ecg-workbench-e2e-${E2E_PORT}`);
