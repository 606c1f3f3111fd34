import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';
import { sessionKey } from './session';

/** Why the user is back at sign-in: they signed out, or their session expired (with the server's words). */
export type SignOutNotice = { kind: 'signed_out' } | { kind: 'expired'; message: string };

let signOutNotice: SignOutNotice | null = null;

export function noteSignOut(notice: SignOutNotice): void {
  signOutNotice = notice;
}

/** Read by the sign-in page (shown once), and by the guard (no "return to" page after a deliberate sign-out). */
export function peekSignOutNotice(): SignOutNotice | null {
  return signOutNotice;
}

export function clearSignOutNotice(): void {
  signOutNotice = null;
}

// Whatever page asked, an expired session leads to sign-in and a pending second factor to its step:
// the route guard reads the session again and sends the user where they need to go.
function onAnyError(error: unknown): void {
  if (!(error instanceof ApiError)) return;
  if (error.status === 401 && (error.code === 'unauthenticated' || error.code === 'session_expired')) {
    if (error.code === 'session_expired') noteSignOut({ kind: 'expired', message: error.problem.title });
    queryClient.setQueryData(sessionKey, null);
    return;
  }
  if (error.code === 'second_factor_required' || error.code === 'two_factor_enrollment_required' || error.code === 'csrf_failed') {
    void queryClient.invalidateQueries({ queryKey: sessionKey });
  }
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onAnyError }),
  mutationCache: new MutationCache({ onError: onAnyError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A refusal will not change by asking again; a network hiccup might.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});
