import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Catalogue } from './types';

/** Roles and disciplines of the structure (rows, not fixed lists: a structure may add its own). */
export function useCatalogue() {
  return useQuery({ queryKey: ['catalogue'], queryFn: () => api.get<Catalogue>('/api/v1/catalogue'), staleTime: 5 * 60_000 });
}
