/** Lists of samples the editor shows: the samples on one ECG, and those of a diagnosis and label. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { SampleListResponseSchema, type SampleListResponse } from '../../../schemas/api/samples';
import type { TargetDx } from '../../../schemas/benchmark-sample';

/** Most samples one list asks for (the API's page limit); a cell holds about 100. */
const LIMIT = 500;

/** The samples on one ECG (public id of its record), in list order. */
export const ecgSamplesQueryOptions = (ecgRecordId: string) =>
  queryOptions({
    queryKey: ['samples', 'on-ecg', ecgRecordId],
    queryFn: ({ signal }): Promise<SampleListResponse> =>
      apiGet(
        `/api/samples?ecg=${encodeURIComponent(ecgRecordId)}&limit=${LIMIT}`,
        SampleListResponseSchema,
        signal,
      ),
  });

/** The samples on one ECG; disabled while its record id is unknown. */
export const useEcgSamples = (ecgRecordId: string | null) =>
  useQuery({ ...ecgSamplesQueryOptions(ecgRecordId ?? ''), enabled: Boolean(ecgRecordId) });

/** The first samples of a diagnosis and label (their paths, and a skeleton for each). */
export const useDiagnosisSamples = (targetDx: TargetDx | null, dxLabel: boolean) =>
  useQuery({
    queryKey: ['samples', 'of-diagnosis', targetDx, dxLabel],
    queryFn: ({ signal }): Promise<SampleListResponse> =>
      apiGet(
        `/api/samples?target_dx=${targetDx}&dx_label=${dxLabel}&limit=${LIMIT}`,
        SampleListResponseSchema,
        signal,
      ),
    enabled: targetDx !== null,
  });
