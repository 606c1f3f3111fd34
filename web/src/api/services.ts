import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Service } from './types';

// Every staff member reads the services (the server filters nothing by role here); changing them
// needs services:manage.
export const servicesKey = ['services'] as const;

/** The structure's services, by name; the archived ones too when asked. */
export function useServices(includeArchived: boolean) {
  return useQuery({
    queryKey: [...servicesKey, { includeArchived }],
    queryFn: () => api.get<Service[]>(`/api/v1/services?includeArchived=${String(includeArchived)}`),
  });
}
