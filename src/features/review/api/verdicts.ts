/** The reviewer's verdicts: read one, save one (If-Match + Idempotency-Key), list a pass's. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../lib/api-client';
import type { PutVerdictInput, Verdict } from '../../../schemas/api/review';
import {
  SavedVerdictResponseSchema,
  VerdictListResponseSchema,
  VerdictResponseSchema,
} from '../../../schemas/api/review';
import type { ReviewQueueResponse } from '../../../schemas/api/review-queue';
import { reviewKeys } from './review-keys';

const verdictPath = (passId: string, sampleId: string) =>
  `/api/review-passes/${encodeURIComponent(passId)}/samples/${encodeURIComponent(sampleId)}/verdict`;

/** GET own verdict on a sample (null before the first save). */
export async function getOwnVerdict(
  passId: string,
  sampleId: string,
  signal?: AbortSignal,
): Promise<Verdict | null> {
  return (await apiGet(verdictPath(passId, sampleId), VerdictResponseSchema, signal)).verdict;
}

/** Query options for own verdict on a sample. */
export const ownVerdictQueryOptions = (passId: string, sampleId: string) =>
  queryOptions({
    queryKey: reviewKeys.verdict(passId, sampleId),
    queryFn: ({ signal }) => getOwnVerdict(passId, sampleId, signal),
  });

/** Own verdict on a sample. */
export const useOwnVerdict = (passId: string, sampleId: string) =>
  useQuery(ownVerdictQueryOptions(passId, sampleId));

/** What a save needs: where, the version it replaces (0: first) and the verdict. */
export interface SaveVerdictVariables {
  readonly passId: string;
  readonly sampleId: string;
  /** The verdict's current version (a queue row's verdictVersion), 0 for the first. */
  readonly version: number;
  readonly verdict: PutVerdictInput;
}

/** PUT own verdict. `{ verdict: 'pass' }` passes the sample in one call. */
export async function saveVerdict(
  variables: SaveVerdictVariables,
  idempotencyKey: string,
): Promise<Verdict> {
  const result = await apiSend(
    'PUT',
    verdictPath(variables.passId, variables.sampleId),
    variables.verdict,
    SavedVerdictResponseSchema,
    { ifMatch: variables.version, idempotencyKey },
  );
  return result.verdict;
}

// One key per save the user asked for: a retry of the same call sends the same key, so the
// server applies it once.
const keys = new WeakMap<SaveVerdictVariables, string>();
function keyFor(variables: SaveVerdictVariables): string {
  let key = keys.get(variables);
  if (!key) {
    key = crypto.randomUUID();
    keys.set(variables, key);
  }
  return key;
}

/** The key of every verdict save (the screen's status line reads their states by it). */
export const SAVE_VERDICT_KEY = [...reviewKeys.all, 'save-verdict'] as const;

/**
 * Saves a verdict; on success the queue rows of that sample show it (with the version the next
 * save needs) and the pass's progress refetches.
 */
export function useSaveVerdict() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: SAVE_VERDICT_KEY,
    mutationFn: (variables: SaveVerdictVariables) => saveVerdict(variables, keyFor(variables)),
    retry: 2,
    onSuccess: (verdict, variables) => {
      queryClient.setQueryData(reviewKeys.verdict(variables.passId, variables.sampleId), verdict);
      queryClient.setQueriesData<ReviewQueueResponse>(
        { queryKey: reviewKeys.queues(variables.passId) },
        (queue) =>
          queue && {
            ...queue,
            items: queue.items.map((item) =>
              item.sampleId === variables.sampleId
                ? { ...item, verdict: verdict.verdict, verdictVersion: verdict.version }
                : item,
            ),
          },
      );
      return queryClient.invalidateQueries({ queryKey: reviewKeys.progress(variables.passId) });
    },
  });
}

/** GET /api/review-passes/:passId/verdicts: the verdicts the caller may read. */
export async function getPassVerdicts(passId: string, signal?: AbortSignal): Promise<Verdict[]> {
  return (
    await apiGet(
      `/api/review-passes/${encodeURIComponent(passId)}/verdicts`,
      VerdictListResponseSchema,
      signal,
    )
  ).items;
}

/** Query options for a pass's verdicts. */
export const passVerdictsQueryOptions = (passId: string) =>
  queryOptions({
    queryKey: reviewKeys.verdicts(passId),
    queryFn: ({ signal }) => getPassVerdicts(passId, signal),
  });

/** A pass's verdicts the caller may read. */
export const usePassVerdicts = (passId: string) => useQuery(passVerdictsQueryOptions(passId));
