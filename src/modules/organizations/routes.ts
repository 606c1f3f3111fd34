import { z } from 'zod';
import { ZEmail, ZLocale, ZName, ZOptionalText, ZPhone, ZToken } from '../../lib/zod-fields.js';
import { asActor, requestMeta, setSessionCookie } from '../../server/session-plugin.js';
import type { RelaisApp, RouteDeps } from '../../server/types.js';
import { ZPassword } from '../identity/passwords.js';
import { listCatalogue } from './list-catalogue.js';
import { readOrganization, updateOrganization } from './manage-organization.js';
import { organizationKinds } from './schema.js';
import { isSetupTokenValid, setUpOrganization } from './set-up-organization.js';

const ZKind = z.enum(organizationKinds);
const ZOrganization = z.object({ id: z.uuid(), name: z.string(), kind: ZKind, timeZone: z.string(), defaultLocale: ZLocale, requireTwoFactor: z.boolean(), legalClock: z.boolean(), address: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() });
const ZCatalogueEntry = z.object({ id: z.uuid(), code: z.string(), nameFr: z.string(), nameEn: z.string() });

export function organizationRoutes(app: RelaisApp, deps: RouteDeps): void {
  app.post(
    '/api/v1/setup/check',
    { config: { access: 'public' }, schema: { tags: ['setup'], summary: 'Le lien de première configuration est-il valable ?', body: z.strictObject({ token: ZToken }), response: { 200: z.object({ valid: z.boolean() }) } } },
    async (request) => ({ valid: await isSetupTokenValid(deps.database.db, request.body.token) }),
  );

  app.post(
    '/api/v1/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['setup'],
        summary: 'Première configuration : la structure et son premier administrateur',
        body: z.strictObject({
          token: ZToken,
          organization: z.strictObject({ name: z.string().trim().min(2).max(200), kind: ZKind }),
          administrator: z.strictObject({ firstName: ZName, lastName: ZName, email: ZEmail, password: ZPassword, locale: ZLocale.default('fr') }),
        }),
        response: { 201: z.object({ organizationId: z.uuid() }) },
      },
    },
    async (request, reply) => {
      const result = await setUpOrganization(deps.database.db, request.body, requestMeta(request), deps.session);
      setSessionCookie(request, reply, deps, result.session.token);
      return reply.status(201).send({ organizationId: result.organizationId });
    },
  );

  app.get(
    '/api/v1/organization',
    { schema: { tags: ['organization'], summary: 'La structure', response: { 200: ZOrganization } } },
    async (request) => asActor(deps, request, readOrganization),
  );

  app.patch(
    '/api/v1/organization',
    {
      schema: {
        tags: ['organization'],
        summary: 'Modifier la structure (nom, type, coordonnées des courriers, double authentification obligatoire)',
        body: z.strictObject({
          name: z.string().trim().min(2).max(200).optional(),
          kind: ZKind.optional(),
          requireTwoFactor: z.boolean().optional(),
          legalClock: z.boolean().optional(),
          address: ZOptionalText(500),
          phone: ZPhone,
          email: ZEmail.nullable().optional(),
        }),
        response: { 200: ZOrganization },
      },
    },
    async (request) => asActor(deps, request, (ctx) => updateOrganization(ctx, request.body)),
  );

  app.get(
    '/api/v1/catalogue',
    {
      schema: {
        tags: ['organization'],
        summary: 'Rôles et disciplines de la structure',
        response: { 200: z.object({ roles: z.array(ZCatalogueEntry.extend({ permissions: z.array(z.string()) })), disciplines: z.array(ZCatalogueEntry) }) },
      },
    },
    async (request) => asActor(deps, request, listCatalogue),
  );
}
