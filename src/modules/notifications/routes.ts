import { z } from 'zod';
import { ZUuid } from '../../lib/zod-fields.js';
import { asActor } from '../../server/session-plugin.js';
import type { RelaisApp, RouteDeps } from '../../server/types.js';
import { listMyNotifications, markNotificationsRead } from './notify-staff.js';

export function notificationRoutes(app: RelaisApp, deps: RouteDeps): void {
  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mes notifications (les plus récentes d’abord)',
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: z.object({ unread: z.number(), items: z.array(z.object({ id: z.uuid(), kind: z.string(), payload: z.record(z.string(), z.unknown()), createdAt: z.string(), readAt: z.string().nullable() })) }) },
      },
    },
    async (request) => asActor(deps, request, (ctx) => listMyNotifications(ctx, request.query.limit)),
  );
  app.post(
    '/api/v1/notifications/read',
    { schema: { tags: ['notifications'], summary: 'Marquer mes notifications comme lues (toutes si aucun id)', body: z.strictObject({ ids: z.array(ZUuid).max(100).optional() }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => markNotificationsRead(ctx, request.body.ids));
      return reply.status(204).send();
    },
  );
}
