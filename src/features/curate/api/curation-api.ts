/** The curator's workbench over the API: the board, candidates, re-sampling, dismissals, regeneration. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../lib/api-client';
import {
  FlagBoardSchema,
  RegenerationAppliedSchema,
  RegenerationPreviewSchema,
  ResampleCandidatesSchema,
  ResampleFromTemplateResponseSchema,
  type ResampleFromTemplateInput,
} from '../../../schemas/api/curation';
import { FlagSchema } from '../../../schemas/api/review';
import type { TargetDx } from '../../../schemas/benchmark-sample';

const curationKey = ['curation'] as const;

/** Query options for the flag board. */
export const boardQueryOptions = () =>
  queryOptions({
    queryKey: [...curationKey, 'board'],
    queryFn: ({ signal }) => apiGet('/api/curation/board', FlagBoardSchema, signal),
  });

/** The flag board: open flags, their groups, the samples per cell, samples awaiting review. */
export const useFlagBoard = () => useQuery(boardQueryOptions());

/** Candidate ECGs for re-sampling one sample (the server reads and measures the pool). */
export const useResampleCandidates = (samplePk: string) =>
  useQuery({
    queryKey: [...curationKey, 'candidates', samplePk],
    queryFn: ({ signal }) =>
      apiGet(
        `/api/samples/${encodeURIComponent(samplePk)}/resample-candidates`,
        ResampleCandidatesSchema,
        signal,
      ),
    // Candidates change only when the workspace does: no refetch on focus mid-decision.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });

/** What a re-sample request names: the sample, the version seen, the ECG and seed, dry run or not. */
export interface ResampleVariables {
  readonly samplePk: string;
  readonly baseVersion: number;
  readonly body: ResampleFromTemplateInput;
}

/** Generates a sample from its template (dry run) or commits it; a commit refreshes the board. */
export function useResampleFromTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ samplePk, baseVersion, body }: ResampleVariables) =>
      apiSend(
        'POST',
        `/api/samples/${encodeURIComponent(samplePk)}/resample-from-template`,
        body,
        ResampleFromTemplateResponseSchema,
        { ifMatch: baseVersion },
      ),
    onSuccess: (result, { samplePk }) => {
      if (result.dryRun) return;
      void queryClient.invalidateQueries({ queryKey: [...curationKey, 'board'] });
      void queryClient.invalidateQueries({ queryKey: ['samples', 'detail', samplePk] });
      // The open view keeps the saved comparison; a later visit lists the candidates anew.
      void queryClient.invalidateQueries({
        queryKey: [...curationKey, 'candidates', samplePk],
        refetchType: 'none',
      });
    },
  });
}

/** Dismisses a flag with the curator's reason (If-Match: the flag's version). */
export function useDismissFlag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, note }: { id: string; version: number; note: string }) =>
      apiSend(
        'PUT',
        `/api/flags/${encodeURIComponent(id)}`,
        { resolution: 'dismissed', note },
        FlagSchema,
        {
          ifMatch: version,
        },
      ),
    // A refused dismissal (someone closed it first) refreshes too, so the board shows theirs.
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...curationKey, 'board'] }),
  });
}

/** The preview of regenerating every sample of a diagnosis; idle until one is chosen. */
export const useRegenerationPreview = (targetDx: TargetDx | null) =>
  useQuery({
    queryKey: [...curationKey, 'regeneration', targetDx],
    queryFn: ({ signal }) =>
      apiGet(`/api/regenerations/${targetDx}`, RegenerationPreviewSchema, signal),
    enabled: targetDx !== null,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });

/** Applies a previewed regeneration by its token; then the board and the preview refresh. */
export function useApplyRegeneration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ targetDx, token }: { targetDx: TargetDx; token: string }) =>
      apiSend('POST', `/api/regenerations/${targetDx}`, { token }, RegenerationAppliedSchema),
    onSettled: () => queryClient.invalidateQueries({ queryKey: curationKey }),
  });
}
