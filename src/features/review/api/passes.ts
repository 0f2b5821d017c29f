/** Review passes: list, read, create, assign reviewers, close (curators), reviewers to assign. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../lib/api-client';
import type {
  CreateReviewPassInput,
  ReviewPass,
  Reviewer,
  SetPassReviewersRequest,
} from '../../../schemas/api/review';
import {
  ReviewPassListResponseSchema,
  ReviewPassSchema,
  ReviewerListResponseSchema,
} from '../../../schemas/api/review';
import { reviewKeys } from './review-keys';

const passPath = (passId: string) => `/api/review-passes/${encodeURIComponent(passId)}`;

/** GET /api/review-passes: every pass, newest first. */
export async function getReviewPasses(signal?: AbortSignal): Promise<ReviewPass[]> {
  return (await apiGet('/api/review-passes', ReviewPassListResponseSchema, signal)).items;
}

/** Query options for the pass list. */
export const reviewPassesQueryOptions = () =>
  queryOptions({ queryKey: reviewKeys.passes(), queryFn: ({ signal }) => getReviewPasses(signal) });

/** The pass list. */
export const useReviewPasses = () => useQuery(reviewPassesQueryOptions());

/** GET /api/review-passes/:passId. */
export function getReviewPass(passId: string, signal?: AbortSignal): Promise<ReviewPass> {
  return apiGet(passPath(passId), ReviewPassSchema, signal);
}

/** Query options for one pass. */
export const reviewPassQueryOptions = (passId: string) =>
  queryOptions({
    queryKey: reviewKeys.pass(passId),
    queryFn: ({ signal }) => getReviewPass(passId, signal),
  });

/** One pass. */
export const useReviewPass = (passId: string) => useQuery(reviewPassQueryOptions(passId));

/** GET /api/reviewers: enabled reviewer accounts a curator can assign. */
export async function getAssignableReviewers(signal?: AbortSignal): Promise<Reviewer[]> {
  return (await apiGet('/api/reviewers', ReviewerListResponseSchema, signal)).items;
}

/** Query options for the reviewers to assign. */
export const assignableReviewersQueryOptions = () =>
  queryOptions({
    queryKey: reviewKeys.reviewers(),
    queryFn: ({ signal }) => getAssignableReviewers(signal),
  });

/** Reviewers a curator can assign. */
export const useAssignableReviewers = () => useQuery(assignableReviewersQueryOptions());

/** POST /api/review-passes (the request as the schema's input: defaults may be left out). */
export function createReviewPass(input: CreateReviewPassInput): Promise<ReviewPass> {
  return apiSend('POST', '/api/review-passes', input, ReviewPassSchema);
}

/** Creates a pass; the pass list refetches. */
export function useCreateReviewPass() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createReviewPass,
    onSuccess: (pass) => {
      queryClient.setQueryData(reviewKeys.pass(pass.id), pass);
      return queryClient.invalidateQueries({ queryKey: reviewKeys.passes() });
    },
  });
}

/** PUT /api/review-passes/:passId/reviewers (If-Match: the pass version). */
export function setPassReviewers(
  passId: string,
  version: number,
  input: SetPassReviewersRequest,
): Promise<ReviewPass> {
  return apiSend('PUT', `${passPath(passId)}/reviewers`, input, ReviewPassSchema, {
    ifMatch: version,
  });
}

/** POST /api/review-passes/:passId/close (If-Match: the pass version). */
export function closeReviewPass(passId: string, version: number): Promise<ReviewPass> {
  return apiSend('POST', `${passPath(passId)}/close`, undefined, ReviewPassSchema, {
    ifMatch: version,
  });
}

/** Assigns reviewers or closes a pass; everything about that pass refetches. */
export function useChangeReviewPass() {
  const queryClient = useQueryClient();
  const settle = (pass: ReviewPass) => {
    queryClient.setQueryData(reviewKeys.pass(pass.id), pass);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: reviewKeys.pass(pass.id) }),
      queryClient.invalidateQueries({ queryKey: reviewKeys.passes() }),
    ]);
  };
  return {
    assign: useMutation({
      mutationFn: (v: { passId: string; version: number } & SetPassReviewersRequest) =>
        setPassReviewers(v.passId, v.version, { reviewerIds: v.reviewerIds }),
      onSuccess: settle,
    }),
    close: useMutation({
      mutationFn: (v: { passId: string; version: number }) => closeReviewPass(v.passId, v.version),
      onSuccess: settle,
    }),
  };
}
