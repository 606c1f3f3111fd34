import { z } from 'zod';
import { ZUuid } from '../../lib/zod-fields.js';
import { asActor } from '../../server/session-plugin.js';
import type { RelaisApp, RouteDeps } from '../../server/types.js';
import { createService, listServices, readService, setServiceArchived, updateService } from './manage-services.js';
import { modalities, serviceKinds } from './schema.js';

const ZLabel = z.string().trim().min(1).max(300);
const ZMinutes = z.number().int().min(5).max(1440);
const ZLimit = z.number().int().min(1).max(10_000).nullable().optional();
const ZServiceFields = z.strictObject({
  name: z.string().trim().min(2).max(150),
  kind: z.enum(serviceKinds),
  description: z.string().trim().max(2000).nullable().optional(),
  defaultDurationMinutes: ZMinutes,
  maxDurationMinutes: ZMinutes,
  modalities: z.array(z.enum(modalities)).min(1),
  caseloadLimitPerPractitioner: ZLimit,
  caseloadLimitPerService: ZLimit,
  exclusive: z.boolean().optional(),
  indicationCriteria: z.array(z.strictObject({ id: ZUuid.optional(), label: ZLabel })).max(50).optional(),
  safetyCriteria: z.array(z.strictObject({ id: ZUuid.optional(), label: ZLabel, orientation: z.string().trim().max(300).nullable().optional() })).max(50).optional(),
  phases: z.array(z.strictObject({ code: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/), label: ZLabel })).max(20).optional(),
});
const ZService = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(serviceKinds),
  description: z.string().nullable(),
  defaultDurationMinutes: z.number(),
  maxDurationMinutes: z.number(),
  modalities: z.array(z.enum(modalities)),
  caseloadLimitPerPractitioner: z.number().nullable(),
  caseloadLimitPerService: z.number().nullable(),
  exclusive: z.boolean(),
  indicationCriteria: z.array(z.object({ id: z.string(), label: z.string() })),
  safetyCriteria: z.array(z.object({ id: z.string(), label: z.string(), orientation: z.string().nullable() })),
  phases: z.array(z.object({ code: z.string(), label: z.string() })),
  archivedAt: z.string().nullable(),
});
const ZServiceParams = z.strictObject({ serviceId: ZUuid });

export function serviceRoutes(app: RelaisApp, deps: RouteDeps): void {
  app.get(
    '/api/v1/services',
    { schema: { tags: ['services'], summary: 'Les dispositifs de la structure', querystring: z.strictObject({ includeArchived: z.enum(['true', 'false']).default('false') }), response: { 200: z.array(ZService) } } },
    async (request) => asActor(deps, request, (ctx) => listServices(ctx, { includeArchived: request.query.includeArchived === 'true' })),
  );
  app.post(
    '/api/v1/services',
    { config: { idempotent: true }, schema: { tags: ['services'], summary: 'Créer un dispositif', body: ZServiceFields, response: { 201: z.object({ id: z.uuid() }) } } },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => createService(ctx, request.body))),
  );
  app.patch(
    '/api/v1/services/:serviceId',
    { schema: { tags: ['services'], summary: 'Modifier un dispositif', params: ZServiceParams, body: ZServiceFields.partial() } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => updateService(ctx, request.params.serviceId, request.body));
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/v1/services/:serviceId',
    { schema: { tags: ['services'], summary: 'Un dispositif', params: ZServiceParams, response: { 200: ZService } } },
    async (request) => asActor(deps, request, (ctx) => readService(ctx, request.params.serviceId)),
  );
  app.post(
    '/api/v1/services/:serviceId/archive',
    { schema: { tags: ['services'], summary: 'Archiver un dispositif', params: ZServiceParams } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => setServiceArchived(ctx, request.params.serviceId, true));
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/v1/services/:serviceId/restore',
    { schema: { tags: ['services'], summary: 'Rétablir un dispositif archivé', params: ZServiceParams } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => setServiceArchived(ctx, request.params.serviceId, false));
      return reply.status(204).send();
    },
  );
}
