/** Releases over the API: list, cut, edit the draft notes, publish, compare two. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../../lib/api-client';
import {
  ReleaseDiffResponseSchema,
  ReleaseListResponseSchema,
  ReleaseSchema,
} from '../../../../schemas/api/releases';
import type { AnswerShape } from '../../../../schemas/benchmark-sample';
import type { Release } from '../../../../schemas/api/releases';

const releasesKey = ['releases'] as const;

/** Query options for every release, newest first, and whether the user may manage them. */
export const releaseListQueryOptions = () =>
  queryOptions({
    queryKey: [...releasesKey, 'list'],
    queryFn: ({ signal }) => apiGet('/api/releases', ReleaseListResponseSchema, signal),
  });

/** Every release and the caller's right to cut, edit and publish. */
export const useReleaseList = () => useQuery(releaseListQueryOptions());

/** Query options for the diff between two releases (from -> to). */
export const releaseDiffQueryOptions = (fromId: string, toId: string) =>
  queryOptions({
    queryKey: [...releasesKey, 'diff', fromId, toId],
    queryFn: ({ signal }) =>
      apiGet(`/api/releases/${fromId}/diff/${toId}`, ReleaseDiffResponseSchema, signal),
    // Snapshots never change: a diff computed once stays right.
    staleTime: Infinity,
  });

/** The diff between two releases; idle while either is missing. */
export const useReleaseDiff = (fromId: string | null, toId: string | null) =>
  useQuery({
    ...releaseDiffQueryOptions(fromId ?? '', toId ?? ''),
    enabled: fromId !== null && toId !== null,
  });

/** The download address of one file of a release in one answer shape. */
export function releaseFileUrl(releaseId: string, file: string, shape: AnswerShape): string {
  return `/api/releases/${releaseId}/export/${encodeURIComponent(file)}?shape=${shape}`;
}

function useReleaseMutation<V>(send: (variables: V) => Promise<Release>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    // A refused write (412: someone else saved first) refreshes too, so the page shows theirs.
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...releasesKey, 'list'] }),
  });
}

/** Cuts a release of the workspace as it is now. */
export const useCutRelease = () =>
  useReleaseMutation((name: string) => apiSend('POST', '/api/releases', { name }, ReleaseSchema));

/** Which release a write is about and the version it is based on (If-Match). */
export interface ReleaseBase {
  readonly id: string;
  readonly version: number;
}

/** Saves a draft release's notes, based on the version the editor started from. */
export const useSaveNotes = () =>
  useReleaseMutation(({ base, notes }: { base: ReleaseBase; notes: string }) =>
    apiSend('PUT', `/api/releases/${base.id}/notes`, { notes }, ReleaseSchema, {
      ifMatch: base.version,
    }),
  );

/** Publishes a draft release: its notes are frozen. */
export const usePublishRelease = () =>
  useReleaseMutation((base: ReleaseBase) =>
    apiSend('POST', `/api/releases/${base.id}/publish`, undefined, ReleaseSchema, {
      ifMatch: base.version,
    }),
  );
