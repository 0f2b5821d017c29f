/**
 * Answers the app's /api calls inside the browser from the real files in ../shared, for specs
 * that run before (or without) the server: the same URLs and shapes as the server's API.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { parseWfdbHeader } from '../../src/domain/wfdb/header';
import { ptbxlRecordBase, realSamples } from './real-data';

/** A 26-character public id for a numeric sample id (test-only, stable). */
export const samplePublicId = (id: number): string => String(id).padStart(26, '0');

/** Installs the routes; `missingRecords` lists ecg ids to answer 404 for. */
export async function installApiRoutes(
  page: Page,
  opts: { missingRecords?: readonly string[] } = {},
): Promise<void> {
  await page.route(
    (url) => url.pathname.startsWith('/api/'),
    async (route) => {
      const url = new URL(route.request().url());
      const p = url.pathname;
      const json = (body: unknown, status = 200) =>
        route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
      if (p === '/api/session')
        return json({ user: { id: 'a'.padEnd(26, '0'), username: 'e2e', role: 'reviewer' } });
      if (p === '/api/samples') {
        const items = realSamples().map((s) => ({
          id: samplePublicId(s.metadata.id),
          version: 1,
          metadata: s.metadata,
        }));
        return json({ items, nextCursor: null });
      }
      const sampleMatch = /^\/api\/samples\/([0-9a-z]{26})$/.exec(p);
      if (sampleMatch) {
        const s = realSamples().find((x) => samplePublicId(x.metadata.id) === sampleMatch[1]);
        if (!s) return json({ error: { code: 'not_found', message: 'no such sample' } }, 404);
        const available = !opts.missingRecords?.includes(s.metadata.ecg_id);
        return json({
          id: sampleMatch[1],
          version: 1,
          updatedAt: '2026-01-01T00:00:00.000Z',
          sample: s,
          ecg: {
            id: null,
            source: s.metadata.data_source,
            ecgId: s.metadata.ecg_id,
            recordAvailable: available,
          },
        });
      }
      const wfdb = /^\/api\/ecgs\/([a-z_]+)\/(\d+)\/wfdb(?:\/([^/]+))?$/.exec(p);
      if (wfdb) {
        const base = ptbxlRecordBase(wfdb[2]!);
        let headerText: string;
        try {
          headerText = readFileSync(`${base}.hea`, 'utf8');
        } catch {
          return json(
            { error: { code: 'not_found', message: `no record for ECG ${wfdb[2]}` } },
            404,
          );
        }
        const name = path.basename(base);
        if (!wfdb[3]) {
          const header = parseWfdbHeader(headerText, `${name}.hea`);
          return json({
            recordName: name,
            header: headerText,
            files: [...new Set(header.signals.map((s) => s.fileName))],
          });
        }
        return route.fulfill({
          status: 200,
          contentType: 'application/octet-stream',
          body: readFileSync(path.resolve(path.dirname(base), decodeURIComponent(wfdb[3]))),
        });
      }
      return json({ error: { code: 'not_found', message: `e2e routes do not answer ${p}` } }, 404);
    },
  );
}
