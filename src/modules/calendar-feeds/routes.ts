import { z } from 'zod';
import { asActor, requestMeta } from '../../server/session-plugin.js';
import type { RelaisApp, RouteDeps } from '../../server/types.js';
import { createCalendarFeed, readMyCalendarFeed, revokeCalendarFeed } from './manage-calendar-feed.js';
import { readCalendarFeed } from './read-calendar-feed.js';

const ZFeed = z.object({ active: z.boolean(), url: z.string().nullable(), createdAt: z.string().nullable(), lastUsedAt: z.string().nullable() });

export function calendarFeedRoutes(app: RelaisApp, deps: RouteDeps): void {
  app.get(
    '/api/v1/calendar-feed',
    { schema: { tags: ['calendar-feeds'], summary: 'Mon agenda dans mon calendrier : le lien est-il actif ?', response: { 200: ZFeed } } },
    async (request) => asActor(deps, request, readMyCalendarFeed),
  );

  app.post(
    '/api/v1/calendar-feed',
    { schema: { tags: ['calendar-feeds'], summary: 'Nouveau lien secret vers mon agenda (l’ancien cesse de fonctionner) ; le lien n’est montré qu’une fois', response: { 201: ZFeed } } },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => createCalendarFeed(ctx, deps.publicUrl))),
  );

  app.delete(
    '/api/v1/calendar-feed',
    { schema: { tags: ['calendar-feeds'], summary: 'Révoquer mon lien d’agenda' } },
    async (request, reply) => {
      await asActor(deps, request, revokeCalendarFeed);
      return reply.status(204).send();
    },
  );

  // Read by calendar apps, which hold no session: the secret link is the credential (only its hash is stored).
  app.get(
    '/api/v1/calendar-feeds/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['calendar-feeds'],
        summary: 'Flux iCalendar d’un professionnel (lien secret, révocable) ; 404 pour un lien inconnu ou révoqué',
        security: [],
        params: z.strictObject({ token: z.string().max(200) }),
      },
    },
    async (request, reply) => {
      const body = await readCalendarFeed(deps.database.db, request.params.token, requestMeta(request));
      return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer').send(body);
    },
  );
}
