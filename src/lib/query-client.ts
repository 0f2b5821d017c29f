/** The app's TanStack Query client: no retries on 4xx, data kept fresh for a minute. */
import { QueryClient } from '@tanstack/react-query';
import { ApiRequestError } from './api-client';

/** Creates the query client the app provides to every feature. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) =>
          !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500) &&
          failures < 2,
      },
    },
  });
}
