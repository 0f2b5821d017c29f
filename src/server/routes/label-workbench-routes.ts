import { streamSSE } from 'hono/streaming';
import { jsonlEntryBatches } from '../../domain/jsonl/source-entry';
import type { Role } from '../../schemas/api/common';
import {
  CheckStatesResponseSchema,
  DismissCheckRequestSchema,
  EcgWorkbenchResponseSchema,
  LabelExportQuerySchema,
  LabelImportResponseSchema,
  ReportChecksRequestSchema,
  WorklistResponseSchema,
} from '../../schemas/api/label-workbench';
import { getEcgWorkbench, listWorklist } from '../services/ecg-worklist';
import { getEcgRecord } from '../services/ecgs';
import { dismissCheck, reportFailingChecks } from '../services/label-check-states';
import { exportLabels, importLabels } from '../services/label-transfer';
import { ServiceError } from '../services/service-error';
import { LABELLERS, SIGNED_IN } from './access';
import type { Route } from './route-table';
import { defineRoute } from './route-table';

/** The largest label JSONL an import takes (bytes): 20,000 labels at ~400 bytes, twice over. */
export const MAX_LABEL_IMPORT_BYTES = 16 * 1024 * 1024;
/** Who exports labels: cardiologists (their own), curators and admins (every submitted one). */
export const LABEL_EXPORTERS: readonly Role[] = ['cardiologist', 'curator', 'admin'];
/** How often the presence stream repeats itself when nothing changed (keeps proxies open). */
const PRESENCE_PING_MS = 15_000;

async function* bounded(body: ReadableStream<Uint8Array>, limit: number) {
  const reader = body.getReader();
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      bytes += value.byteLength;
      if (bytes > limit) {
        throw new ServiceError(
          'payload_too_large',
          `The file is larger than ${limit} bytes; nothing was imported.`,
        );
      }
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** The labelling worklist, the ECG page's data, label checks, presence, label files. */
export const labelWorkbenchRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/ecg-worklist',
    access: SIGNED_IN,
    summary: 'Every ECG with your label status, others’ labels, samples and open checks',
    response: WorklistResponseSchema,
    async handler({ db, actor }) {
      return { body: { items: await listWorklist(db, actor()) } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/ecg-refs/:source/:ecgId',
    access: SIGNED_IN,
    summary: 'What the ECG page needs: summary, PTB-XL draft, samples, your check states',
    response: EcgWorkbenchResponseSchema,
    async handler({ db, params, actor }) {
      return {
        body: await getEcgWorkbench(db, actor(), params['source'] ?? '', params['ecgId'] ?? ''),
      };
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/ecgs/:id/label/checks',
    access: LABELLERS,
    summary: 'Record the checks failing on your label now',
    body: ReportChecksRequestSchema,
    response: CheckStatesResponseSchema,
    async handler({ db, params, body, actor }) {
      return {
        body: { items: await reportFailingChecks(db, actor(), params['id'] ?? '', body.checks) },
      };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/ecgs/:id/label/checks/:checkId/dismissal',
    access: LABELLERS,
    summary: 'Dismiss a check on your label, with a reason',
    body: DismissCheckRequestSchema,
    response: CheckStatesResponseSchema,
    async handler({ db, params, body, actor }) {
      return {
        body: {
          items: await dismissCheck(db, actor(), params['id'] ?? '', params['checkId'] ?? '', body),
        },
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/ecgs/:id/presence',
    access: SIGNED_IN,
    summary: 'Who has this ECG open (server-sent events, live across server processes)',
    async handler({ c, db, deps, params, actor }) {
      const ecg = await getEcgRecord(db, params['id'] ?? '');
      const me = actor();
      const item = `ecg:${ecg.id}`;
      const { presence } = deps.live;
      return streamSSE(c, async (stream) => {
        let wake: () => void = () => {};
        const send = async () => {
          const viewers = await presence.who(item);
          await stream.writeSSE({
            event: 'presence',
            data: JSON.stringify({ you: me.id, viewers }),
          });
        };
        const stop = presence.onChange(item, () => wake());
        const leave = await presence.join(item, {
          userId: me.id,
          username: me.username,
          role: me.role,
        });
        stream.onAbort(() => wake());
        try {
          while (!stream.aborted && !stream.closed) {
            await send();
            await new Promise<void>((resolve) => {
              wake = resolve;
              setTimeout(resolve, PRESENCE_PING_MS);
            });
          }
        } finally {
          stop();
          await leave();
        }
      });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/labels/export',
    access: LABEL_EXPORTERS,
    summary: 'Export labels as label JSONL (yours; curators and admins: every submitted one)',
    query: LabelExportQuerySchema,
    async handler({ db, query, actor }) {
      const { text, lines } = await exportLabels(db, actor(), query.source);
      return new Response(text, {
        status: 200,
        headers: {
          'Content-Type': 'application/x-ndjson; charset=utf-8',
          'Content-Disposition': 'attachment; filename="labels.jsonl"',
          'X-Label-Count': String(lines),
        },
      });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/labels/import',
    access: LABELLERS,
    summary: 'Import label JSONL as your own labels (all or nothing)',
    response: LabelImportResponseSchema,
    noIdempotency: true,
    maxBodyBytes: MAX_LABEL_IMPORT_BYTES,
    streamedBody: true,
    async handler({ c, db, actor }) {
      const body = c.req.raw.body;
      if (!body) throw new ServiceError('invalid', 'Send the label JSONL as the request body.');
      const report = await importLabels(
        db,
        actor(),
        jsonlEntryBatches('request body', bounded(body, MAX_LABEL_IMPORT_BYTES)),
      );
      return { status: report.outcome === 'imported' ? 200 : 422, body: report };
    },
  }),
];
