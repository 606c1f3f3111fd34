import { z } from 'zod';
import { asActor } from '../../server/session-plugin.js';
import type { RelaisApp, RouteDeps } from '../../server/types.js';
import { readMyDay } from './read-my-day.js';

const ZLabel = z.string().nullable();

export function homeRoutes(app: RelaisApp, deps: RouteDeps): void {
  app.get(
    '/api/v1/home',
    {
      schema: {
        tags: ['home'],
        summary: 'Ce qui m’attend aujourd’hui : rendez-vous, signalements, échéances, transitions, propositions de place, personnes sans contact, points de vigilance',
        response: {
          200: z.object({
            today: z.string(),
            appointments: z.array(z.object({ id: z.uuid(), kind: z.string(), status: z.string(), startsAt: z.string(), endsAt: z.string(), title: z.string(), personId: z.uuid().nullable(), personLabel: ZLabel, modality: z.string(), day: z.enum(['today', 'tomorrow']) })),
            escalations: z.array(z.object({ id: z.uuid(), severity: z.string(), status: z.string(), personId: z.uuid(), personLabel: ZLabel, request: z.string().nullable(), raisedAt: z.string(), acknowledgeBy: z.string(), overdue: z.boolean(), ageMinutes: z.number(), assignedToMe: z.boolean() })),
            deadlines: z.object({
              items: z.array(z.object({ episodeId: z.uuid(), personId: z.uuid(), displayName: z.string(), serviceName: z.string(), referentName: z.string(), kind: z.string(), dueOn: z.string(), status: z.string(), daysLeft: z.number().nullable() })),
              total: z.number(),
            }),
            transitions: z.array(z.object({ id: z.uuid(), episodeId: z.uuid(), personId: z.uuid(), personLabel: ZLabel, toPhase: z.string(), plannedOn: z.string(), overdue: z.boolean(), itemsDone: z.number(), itemsTotal: z.number() })),
            offersPending: z.array(z.object({ entryId: z.uuid(), serviceName: z.string(), offeredAt: z.string(), personId: z.uuid(), personLabel: ZLabel })).nullable(),
            noContact: z.array(z.object({ episodeId: z.uuid(), personId: z.uuid(), personLabel: ZLabel, lastContactOn: z.string().nullable(), daysWithoutContact: z.number(), maxDays: z.number() })),
            reviewFlags: z.array(z.object({ id: z.uuid(), episodeId: z.uuid(), personId: z.uuid(), personLabel: ZLabel, reason: z.string(), raisedAt: z.string() })),
          }),
        },
      },
    },
    async (request) => asActor(deps, request, (ctx) => readMyDay(ctx)),
  );
}
