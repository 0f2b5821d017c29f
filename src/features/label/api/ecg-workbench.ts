/** The ECG page's server state: its workbench data and the caller's own label. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../lib/api-client';
import type { SaveResult } from '../../../lib/autosave';
import { saveOverHttp } from '../../../lib/autosave';
import {
  CheckStatesResponseSchema,
  EcgWorkbenchResponseSchema,
  type FailingCheck,
} from '../../../schemas/api/label-workbench';
import type { LabelStatus } from '../../../schemas/api/labels';
import { OwnLabelResponseSchema, SaveLabelResponseSchema } from '../../../schemas/api/labels';
import type { DraftLabel } from '../../../schemas/dense-label';

/** What the label autosaver keeps: the status and the content, saved together. */
export interface LabelDoc {
  readonly status: LabelStatus;
  readonly content: DraftLabel;
}

const enc = encodeURIComponent;

/** GET /api/ecg-refs/:source/:ecgId. */
export const useEcgWorkbench = (source: string, ecgId: string) =>
  useQuery(
    queryOptions({
      queryKey: ['label', 'ecg', source, ecgId],
      queryFn: ({ signal }) =>
        apiGet(`/api/ecg-refs/${enc(source)}/${enc(ecgId)}`, EcgWorkbenchResponseSchema, signal),
      staleTime: 0,
    }),
  );

/** GET /api/ecgs/:id/label (the caller's own; null before the first save). */
export const useOwnLabel = (ecgPk: string | undefined, enabled: boolean) =>
  useQuery({
    queryKey: ['label', 'own', ecgPk ?? ''],
    queryFn: ({ signal }) =>
      apiGet(`/api/ecgs/${enc(ecgPk!)}/label`, OwnLabelResponseSchema, signal),
    enabled: Boolean(ecgPk) && enabled,
    staleTime: 0,
    gcTime: 0,
  });

/** Reads a 412's `current` (the GET response shape) as the autosaver's theirs. */
export function theirsOf(current: unknown): { version: number; content: LabelDoc } | undefined {
  const parsed = OwnLabelResponseSchema.safeParse(current);
  if (!parsed.success || !parsed.data.label) return undefined;
  const { version, status, content } = parsed.data.label;
  return { version, content: { status, content } };
}

/** PUT /api/ecgs/:id/label with If-Match and an Idempotency-Key, as the autosaver's transport. */
export function saveLabel(
  ecgPk: string,
  doc: LabelDoc,
  baseVersion: number,
  idempotencyKey: string,
): Promise<SaveResult<LabelDoc>> {
  return saveOverHttp(async () => {
    const saved = await apiSend(
      'PUT',
      `/api/ecgs/${enc(ecgPk)}/label`,
      doc,
      SaveLabelResponseSchema,
      {
        ifMatch: baseVersion,
        idempotencyKey,
      },
    );
    return { version: saved.label?.version ?? 0 };
  }, theirsOf);
}

/** PUT /api/ecgs/:id/label/checks: the checks failing now. */
export const reportChecks = (ecgPk: string, checks: readonly FailingCheck[]) =>
  apiSend('PUT', `/api/ecgs/${enc(ecgPk)}/label/checks`, { checks }, CheckStatesResponseSchema);

/** POST /api/ecgs/:id/label/checks/:checkId/dismissal. */
export const dismissCheck = (ecgPk: string, checkId: string, fingerprint: string, reason: string) =>
  apiSend(
    'POST',
    `/api/ecgs/${enc(ecgPk)}/label/checks/${enc(checkId)}/dismissal`,
    { fingerprint, reason },
    CheckStatesResponseSchema,
  );
