/** What a pass produced: reviewer agreement (for the chart) and download links for the data. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { AgreementResponse } from '../../../schemas/api/review-agreement';
import { AgreementResponseSchema } from '../../../schemas/api/review-agreement';
import { reviewKeys } from './review-keys';

const base = (passId: string) => `/api/review-passes/${encodeURIComponent(passId)}`;

/** GET /api/review-passes/:passId/agreement (curators and admins). */
export function getPassAgreement(passId: string, signal?: AbortSignal): Promise<AgreementResponse> {
  return apiGet(`${base(passId)}/agreement`, AgreementResponseSchema, signal);
}

/** Query options for a pass's agreement. */
export const passAgreementQueryOptions = (passId: string) =>
  queryOptions({
    queryKey: reviewKeys.agreement(passId),
    queryFn: ({ signal }) => getPassAgreement(passId, signal),
  });

/** Kappa overall, per pair, per diagnosis and per step type, with the counts. */
export const usePassAgreement = (passId: string) => useQuery(passAgreementQueryOptions(passId));

/** Link to download the agreement as CSV. */
export const agreementCsvUrl = (passId: string) => `${base(passId)}/agreement?format=csv`;

/** Link to download the pass's verdicts as JSONL. */
export const passExportUrl = (passId: string) => `${base(passId)}/export`;
