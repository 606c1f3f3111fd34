import { z } from 'zod';
import { ZEmail, ZUuid } from '../../lib/zod-fields.js';
import { asActor } from '../../server/session-plugin.js';
import type { RelaisApp, RouteDeps } from '../../server/types.js';
import { acknowledgeReminder } from './acknowledge-reminder.js';
import { listFailedReminders } from './list-failed-reminders.js';
import { readReminderConsent, updateReminderConsent } from './manage-reminder-consent.js';
import { readReminderSettings, updateReminderSettings } from './manage-reminder-settings.js';
import { reminderChannels } from './schema.js';

const ZHost = z
  .string()
  .trim()
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, { message: 'Nom de serveur invalide (ex. smtp.exemple.fr).' });
const ZHttpUrl = z
  .string()
  .trim()
  .max(500)
  .refine(
    (value) => {
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: 'Adresse http(s) attendue.' },
  );
const ZSecret = z.string().max(500).nullable().optional();

const ZSettings = z.object({
  leadHours: z.number().int(),
  emailRemindersEnabled: z.boolean(),
  smtpHost: z.string().nullable(),
  smtpPort: z.number().int().nullable(),
  smtpSecure: z.boolean(),
  smtpUser: z.string().nullable(),
  smtpPasswordSet: z.boolean(),
  smtpFrom: z.string().nullable(),
  smsRemindersEnabled: z.boolean(),
  smsProviderUrl: z.string().nullable(),
  smsApiKeySet: z.boolean(),
  smsSender: z.string().nullable(),
});
const ZSettingsInput = z.strictObject({
  leadHours: z.number().int().min(1).max(168),
  emailRemindersEnabled: z.boolean(),
  smtpHost: ZHost.nullable().optional(),
  smtpPort: z.number().int().min(1).max(65535).nullable().optional(),
  smtpSecure: z.boolean().optional(),
  smtpUser: z.string().trim().max(254).nullable().optional(),
  smtpPassword: ZSecret,
  smtpFrom: ZEmail.nullable().optional(),
  smsRemindersEnabled: z.boolean(),
  smsProviderUrl: ZHttpUrl.nullable().optional(),
  smsApiKey: ZSecret,
  // Alphanumeric senders are 3 to 11 characters on French networks.
  smsSender: z.string().trim().regex(/^[A-Za-z0-9 ]{3,11}$/, { message: 'De 3 à 11 lettres ou chiffres.' }).nullable().optional(),
});
const ZConsent = z.object({ email: z.boolean(), sms: z.boolean(), hasEmail: z.boolean(), hasPhone: z.boolean(), recordedAt: z.string().nullable() });
const ZFailed = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personLabel: z.string(),
  channel: z.enum(reminderChannels),
  failureCode: z.enum(['no_contact', 'no_consent', 'provider_error', 'channel_not_configured', 'outcome_unknown']),
  failureDetail: z.string().nullable(),
  appointmentId: z.uuid(),
  appointmentStartsAt: z.string(),
  sessionLabel: z.string(),
  failedAt: z.string(),
});

export function reminderRoutes(app: RelaisApp, deps: RouteDeps): void {
  app.get(
    '/api/v1/reminders/settings',
    { schema: { tags: ['reminders'], summary: 'Rappels de la structure : délai, e-mail (SMTP), SMS (les secrets ne sont jamais renvoyés)', response: { 200: ZSettings } } },
    async (request) => asActor(deps, request, readReminderSettings),
  );

  app.put(
    '/api/v1/reminders/settings',
    {
      schema: {
        tags: ['reminders'],
        summary: 'Régler les rappels ; mot de passe SMTP et clé SMS : absents = inchangés, null = effacés (chiffrés au repos)',
        body: ZSettingsInput,
        response: { 200: ZSettings },
      },
    },
    async (request) => asActor(deps, request, (ctx) => updateReminderSettings(ctx, deps.secretBox, request.body)),
  );

  app.get(
    '/api/v1/people/:personId/reminder-consent',
    { schema: { tags: ['reminders'], summary: 'Les rappels que la personne accepte de recevoir', params: z.strictObject({ personId: ZUuid }), response: { 200: ZConsent } } },
    async (request) => asActor(deps, request, (ctx) => readReminderConsent(ctx, request.params.personId)),
  );

  app.put(
    '/api/v1/people/:personId/reminder-consent',
    {
      schema: {
        tags: ['reminders'],
        summary: 'Enregistrer l’accord de la personne pour les rappels par e-mail et par SMS',
        params: z.strictObject({ personId: ZUuid }),
        body: z.strictObject({ email: z.boolean(), sms: z.boolean() }),
        response: { 200: ZConsent },
      },
    },
    async (request) => asActor(deps, request, (ctx) => updateReminderConsent(ctx, request.params.personId, request.body)),
  );

  app.get(
    '/api/v1/reminders/failed',
    {
      schema: {
        tags: ['reminders'],
        summary: 'Rappels non envoyés, pour les personnes de mes équipes (à traiter)',
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(100) }),
        response: { 200: z.object({ items: z.array(ZFailed), hasMore: z.boolean() }) },
      },
    },
    async (request) => asActor(deps, request, (ctx) => listFailedReminders(ctx, request.query.limit)),
  );

  app.post(
    '/api/v1/reminders/:reminderId/acknowledge',
    { schema: { tags: ['reminders'], summary: 'Marquer un rappel non envoyé comme traité', params: z.strictObject({ reminderId: ZUuid }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => acknowledgeReminder(ctx, request.params.reminderId));
      return reply.status(204).send();
    },
  );
}
