/** The evaluation API for the analytics screens: fetchers, query options and hooks (TanStack Query). */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiSend } from '../../../lib/api-client';
import {
  AnswerDetailSchema,
  DatasetDashboardSchema,
  EvaluationReportSchema,
  EvaluationSamplesSchema,
  LabelPredictorListSchema,
  LabelReportSchema,
  ModelRunListSchema,
  type EvaluationSamplesQuery,
} from '../../../schemas/api/evaluation';
import type { DataSource } from '../../../schemas/benchmark-sample';
import { SampleListResponseSchema } from '../../../schemas/api/samples';

/** Every evaluation query key starts here (invalidated after an import). */
export const evaluationKey = ['evaluation'] as const;

/** Stored model runs. */
export const runsQueryOptions = () =>
  queryOptions({
    queryKey: [...evaluationKey, 'runs'],
    queryFn: ({ signal }) => apiGet('/api/evaluation/runs', ModelRunListSchema, signal),
  });
/** Stored model runs. */
export const useRuns = () => useQuery(runsQueryOptions());

/** Every run's figures on one dataset. */
export const reportQueryOptions = (dataset: DataSource) =>
  queryOptions({
    queryKey: [...evaluationKey, 'report', dataset],
    queryFn: ({ signal }) =>
      apiGet(`/api/evaluation/report?dataset=${dataset}`, EvaluationReportSchema, signal),
  });
/** Every run's figures on one dataset. */
export const useReport = (dataset: DataSource) => useQuery(reportQueryOptions(dataset));

/** The query string of a samples-behind-a-figure request. */
export function samplesQueryString(
  q: Partial<EvaluationSamplesQuery> & Pick<EvaluationSamplesQuery, 'run' | 'figure'>,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(q))
    if (value !== undefined) params.set(key, String(value));
  return params.toString();
}

/** The samples behind one figure. */
export const useSamplesBehind = (query: string | null) =>
  useQuery({
    queryKey: [...evaluationKey, 'samples', query],
    queryFn: ({ signal }) =>
      apiGet(`/api/evaluation/samples?${query}`, EvaluationSamplesSchema, signal),
    enabled: query !== null,
  });

/** A run's replies to one sample. */
export const useAnswerDetail = (runId: string, samplePk: string) =>
  useQuery({
    queryKey: [...evaluationKey, 'answer', runId, samplePk],
    queryFn: ({ signal }) =>
      apiGet(
        `/api/evaluation/runs/${encodeURIComponent(runId)}/answers/${encodeURIComponent(samplePk)}`,
        AnswerDetailSchema,
        signal,
      ),
  });

/** Removes a run; the runs and reports are read again. */
export function useDeleteRun() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (runId: string) =>
      apiSend(
        'DELETE',
        `/api/evaluation/runs/${encodeURIComponent(runId)}`,
        undefined,
        z.object({ deleted: z.string() }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: evaluationKey }),
  });
}

/** Stored label predictors. */
export const usePredictors = () =>
  useQuery({
    queryKey: [...evaluationKey, 'predictors'],
    queryFn: ({ signal }) =>
      apiGet('/api/evaluation/label-predictors', LabelPredictorListSchema, signal),
  });

/** One predictor's per-axis report. */
export const useLabelReport = (predictorId: string | null) =>
  useQuery({
    queryKey: [...evaluationKey, 'label-report', predictorId],
    queryFn: ({ signal }) =>
      apiGet(`/api/evaluation/label-report?predictor=${predictorId}`, LabelReportSchema, signal),
    enabled: predictorId !== null,
  });

/** Computes the measurements-only reference predictor. */
export function useComputeReference() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiSend(
        'POST',
        '/api/evaluation/label-predictions/reference',
        undefined,
        z.object({ id: z.string() }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: evaluationKey }),
  });
}

/** The dataset dashboard. */
export const useDatasetDashboard = () =>
  useQuery({
    queryKey: [...evaluationKey, 'dataset'],
    queryFn: ({ signal }) => apiGet('/api/evaluation/dataset', DatasetDashboardSchema, signal),
  });

/** The samples of one cell (source x diagnosis x label x path), for the dashboard's drill-down. */
export const useCellSamples = (
  cell: { dataSource: string; targetDx: string; dxLabel: boolean; pathIdx: number } | null,
) =>
  useQuery({
    queryKey: ['samples', 'cell', cell],
    queryFn: async ({ signal }) => {
      const c = cell!;
      const query = new URLSearchParams({
        data_source: c.dataSource,
        target_dx: c.targetDx,
        dx_label: String(c.dxLabel),
        limit: '500',
      });
      const page = await apiGet(`/api/samples?${query}`, SampleListResponseSchema, signal);
      return page.items.filter((s) => s.metadata.path_idx === c.pathIdx);
    },
    enabled: cell !== null,
  });
