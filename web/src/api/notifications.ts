import { useQuery } from '@tanstack/react-query';
import { api } from './client';

// The signed-in staff member's notifications (src/modules/notifications): services and counts,
// never a person's name, since they show on any screen.

export interface StaffNotification {
  id: string;
  /** "place_freed": payload { serviceId, serviceName, waiting }. Other kinds may come later. */
  kind: string;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList {
  unread: number;
  items: StaffNotification[];
}

export const notificationsKey = ['notifications'] as const;

/** Asked again every minute while the page is open, so a freed place shows without reloading. */
export function useNotifications() {
  return useQuery({
    queryKey: notificationsKey,
    queryFn: () => api.get<NotificationList>('/api/v1/notifications?limit=20'),
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}

/** Marks all my notifications read. */
export function markAllNotificationsRead() {
  return api.post('/api/v1/notifications/read', {});
}
