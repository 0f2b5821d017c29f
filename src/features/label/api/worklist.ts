/** GET /api/ecg-worklist: every ECG with the caller's label status and counts. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { WorklistResponseSchema } from '../../../schemas/api/label-workbench';

/** The worklist query (refreshed whenever the worklist is shown again). */
export const worklistQueryOptions = () =>
  queryOptions({
    queryKey: ['label', 'worklist'],
    queryFn: ({ signal }) => apiGet('/api/ecg-worklist', WorklistResponseSchema, signal),
    staleTime: 0,
  });

/** Every ECG of the workspace for the labelling worklist. */
export const useWorklist = () => useQuery(worklistQueryOptions());
