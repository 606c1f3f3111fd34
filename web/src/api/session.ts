import { useQuery, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { api, ApiError, setCsrfToken } from './client';
import { setOrganizationTimeZone } from '../format';
import type { Permission, Session } from './types';

export const sessionKey = ['session'] as const;

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/api/v1/session');
    setCsrfToken(session.csrfToken);
    setOrganizationTimeZone(session.organization.timeZone);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The current session, or null when signed out. */
export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000 });
}

/** Reads the session again (its token rotates after sign-in, second factor, password change…). */
export async function refreshSession(client: QueryClient): Promise<Session | null> {
  await client.invalidateQueries({ queryKey: sessionKey, refetchType: 'none' });
  return client.fetchQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 0 });
}

export const ActiveSessionContext = createContext<Session | null>(null);

/** The signed-in, fully verified session (only inside the guarded part of the app). */
export function useActiveSession(): Session {
  const session = useContext(ActiveSessionContext);
  if (!session) throw new Error('useActiveSession outside the signed-in area');
  return session;
}

export function can(session: Session, permission: Permission): boolean {
  return session.permissions.includes(permission);
}

/**
 * An account administrator and nothing else (staff:manage without person:read), as the home page
 * tells them. Pages every staff member may read but that are about the care offer (services,
 * partners) stay out of such a user's navigation, unless a role lets them manage those pages.
 */
export function administersOnly(session: Session): boolean {
  return can(session, 'staff:manage') && !can(session, 'person:read');
}

/** Only same-site paths are followed after sign-in, never another site. */
export function safeNext(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}
