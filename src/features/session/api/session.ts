/** The signed-in session: read it, sign in, sign out. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiRequestError, apiGet, apiSend } from '../../../lib/api-client';
import type { LoginRequest, SessionUser } from '../../../schemas/api/session';
import { SessionResponseSchema } from '../../../schemas/api/session';

const sessionKey = ['session'] as const;

/** GET /api/session: the signed-in user, or null when nobody is signed in (401). */
export async function getSessionUser(signal?: AbortSignal): Promise<SessionUser | null> {
  try {
    return (await apiGet('/api/session', SessionResponseSchema, signal)).user;
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) return null;
    throw error;
  }
}

/** Query options for the current session. */
export const sessionQueryOptions = () =>
  queryOptions({ queryKey: sessionKey, queryFn: ({ signal }) => getSessionUser(signal) });

/** The signed-in user (null when signed out). */
export const useSession = () => useQuery(sessionQueryOptions());

/** Signs in; on success the session query holds the user. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: LoginRequest) =>
      apiSend('POST', '/api/session', credentials, SessionResponseSchema),
    onSuccess: ({ user }) => {
      queryClient.clear();
      queryClient.setQueryData(sessionKey, user);
    },
  });
}

/** Signs out and forgets every cached answer (they belonged to the old session). */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend('DELETE', '/api/session', undefined, z.unknown()),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(sessionKey, null);
    },
  });
}
