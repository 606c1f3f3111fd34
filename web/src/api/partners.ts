import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Partner } from './types';

// Every staff member reads the partner structures; changing them needs partners:manage.
export const partnersKey = ['partners'] as const;

/** The partner structures, by name; the archived ones too when asked. */
export function usePartners(includeArchived: boolean) {
  return useQuery({
    queryKey: [...partnersKey, { includeArchived }],
    queryFn: () => api.get<Partner[]>(`/api/v1/partners?includeArchived=${String(includeArchived)}`),
  });
}
