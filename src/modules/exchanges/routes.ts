import { z } from 'zod';
import { ZUuid } from '../../lib/zod-fields.js';
import { asActor } from '../../server/session-plugin.js';
import type { RelaisApp, RouteDeps } from '../../server/types.js';
import { createTeamThread, listTeamThreads, postTeamMessage, readTeamThread } from './manage-team-threads.js';

const tags = ['exchanges'];
const ZStaffRef = z.object({ id: z.uuid(), name: z.string() });
const ZPersonParams = z.strictObject({ personId: ZUuid });
const ZThreadParams = z.strictObject({ threadId: ZUuid });
const ZBody = z.string().trim().min(1).max(8000);

export function exchangeRoutes(app: RelaisApp, deps: RouteDeps): void {
  app.get(
    '/api/v1/people/:personId/threads',
    {
      schema: {
        tags,
        summary: 'Échanges de l’équipe au sujet d’une personne, avec le nombre de messages non lus',
        params: ZPersonParams,
        response: {
          200: z.array(
            z.object({ id: z.uuid(), subject: z.string(), createdBy: ZStaffRef, createdAt: z.string(), lastMessageAt: z.string(), messageCount: z.number(), unreadCount: z.number() }),
          ),
        },
      },
    },
    async (request) => asActor(deps, request, (ctx) => listTeamThreads(ctx, request.params.personId)),
  );
  app.post(
    '/api/v1/people/:personId/threads',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Ouvrir un échange (sujet et premier message)',
        params: ZPersonParams,
        body: z.strictObject({ subject: z.string().trim().min(1).max(200), message: ZBody }),
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => createTeamThread(ctx, request.params.personId, request.body))),
  );
  app.get(
    '/api/v1/threads/:threadId',
    {
      schema: {
        tags,
        summary: 'Lire un échange (ses messages sont marqués lus) avec les accusés de lecture',
        params: ZThreadParams,
        response: {
          200: z.object({
            id: z.uuid(),
            personId: z.uuid(),
            subject: z.string(),
            createdBy: ZStaffRef,
            createdAt: z.string(),
            messages: z.array(
              z.object({
                id: z.uuid(),
                author: ZStaffRef,
                body: z.string(),
                createdAt: z.string(),
                readBy: z.array(z.object({ staffMemberId: z.uuid(), name: z.string(), readAt: z.string() })),
              }),
            ),
          }),
        },
      },
    },
    async (request) => asActor(deps, request, (ctx) => readTeamThread(ctx, request.params.threadId)),
  );
  app.post(
    '/api/v1/threads/:threadId/messages',
    {
      config: { idempotent: true },
      schema: { tags, summary: 'Répondre dans un échange (message non modifiable)', params: ZThreadParams, body: z.strictObject({ body: ZBody }), response: { 201: z.object({ id: z.uuid() }) } },
    },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => postTeamMessage(ctx, request.params.threadId, request.body))),
  );
}
