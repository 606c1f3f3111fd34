import { eq, sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import type { Translated } from '../../lib/i18n.js';
import type { SecretBox } from '../../lib/secret-box.js';
import { optionalText } from '../../lib/text.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { planFutureReminders } from './plan-reminders.js';
import { reminderSettings } from './schema.js';

/** The structure's reminder settings as the API shows them: secrets never leave, only whether they are set. */
export interface ReminderSettingsView {
  leadHours: number;
  emailRemindersEnabled: boolean;
  smtpHost: string | null;
  smtpPort: number | null;
  smtpSecure: boolean;
  smtpUser: string | null;
  smtpPasswordSet: boolean;
  smtpFrom: string | null;
  smsRemindersEnabled: boolean;
  smsProviderUrl: string | null;
  smsApiKeySet: boolean;
  smsSender: string | null;
}

export interface ReminderSettingsInput {
  leadHours: number;
  emailRemindersEnabled: boolean;
  smtpHost?: string | null | undefined;
  smtpPort?: number | null | undefined;
  smtpSecure?: boolean | undefined;
  smtpUser?: string | null | undefined;
  /** undefined: keep the stored one; null or empty: remove it; text: replace it. */
  smtpPassword?: string | null | undefined;
  smtpFrom?: string | null | undefined;
  smsRemindersEnabled: boolean;
  smsProviderUrl?: string | null | undefined;
  /** undefined: keep; null or empty: remove; text: replace. */
  smsApiKey?: string | null | undefined;
  smsSender?: string | null | undefined;
}

// The additional data bound to each sealed secret: a value copied to another structure's row does not open.
export const smtpPasswordContext = (organizationId: string) => `reminder_settings.smtp_password:${organizationId}`;
export const smsApiKeyContext = (organizationId: string) => `reminder_settings.sms_api_key:${organizationId}`;

const defaults: ReminderSettingsView = {
  leadHours: 24,
  emailRemindersEnabled: false,
  smtpHost: null,
  smtpPort: null,
  smtpSecure: false,
  smtpUser: null,
  smtpPasswordSet: false,
  smtpFrom: null,
  smsRemindersEnabled: false,
  smsProviderUrl: null,
  smsApiKeySet: false,
  smsSender: null,
};

async function selectSettings(ctx: Ctx, forUpdate: boolean) {
  const query = ctx.tx.select().from(reminderSettings).where(eq(reminderSettings.organizationId, ctx.organizationId));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

function toView(row: Awaited<ReturnType<typeof selectSettings>>): ReminderSettingsView {
  if (!row) return defaults;
  return {
    leadHours: row.leadHours,
    emailRemindersEnabled: row.emailRemindersEnabled,
    smtpHost: row.smtpHost,
    smtpPort: row.smtpPort,
    smtpSecure: row.smtpSecure,
    smtpUser: row.smtpUser,
    smtpPasswordSet: row.smtpPasswordEncrypted !== null,
    smtpFrom: row.smtpFrom,
    smsRemindersEnabled: row.smsRemindersEnabled,
    smsProviderUrl: row.smsProviderUrl,
    smsApiKeySet: row.smsApiKeyEncrypted !== null,
    smsSender: row.smsSender,
  };
}

export async function readReminderSettings(ctx: Ctx): Promise<ReminderSettingsView> {
  await requireAccess(ctx, 'scheduling.read_settings');
  return toView(await selectSettings(ctx, false));
}

const required: Translated = { fr: 'Obligatoire pour envoyer des rappels par ce canal.', en: 'Required to send reminders through this channel.' };

/**
 * Replaces the structure's reminder settings. A channel can only be switched on with what it needs to
 * send; secrets are sealed with the installation key. Future sessions' reminders follow the change.
 */
export async function updateReminderSettings(ctx: Ctx, box: SecretBox, input: ReminderSettingsInput): Promise<ReminderSettingsView> {
  await requireAccess(ctx, 'scheduling.configure');
  const current = await selectSettings(ctx, true);
  const sealOrKeep = (value: string | null | undefined, stored: string | null | undefined, context: string) =>
    value === undefined ? (stored ?? null) : value?.trim() ? box.seal(value, context) : null;
  const next = {
    leadHours: input.leadHours,
    emailRemindersEnabled: input.emailRemindersEnabled,
    smtpHost: optionalText(input.smtpHost) ?? null,
    smtpPort: input.smtpPort ?? null,
    smtpSecure: input.smtpSecure ?? false,
    smtpUser: optionalText(input.smtpUser) ?? null,
    smtpPasswordEncrypted: sealOrKeep(input.smtpPassword, current?.smtpPasswordEncrypted, smtpPasswordContext(ctx.organizationId)),
    smtpFrom: optionalText(input.smtpFrom) ?? null,
    smsRemindersEnabled: input.smsRemindersEnabled,
    smsProviderUrl: optionalText(input.smsProviderUrl) ?? null,
    smsApiKeyEncrypted: sealOrKeep(input.smsApiKey, current?.smsApiKeyEncrypted, smsApiKeyContext(ctx.organizationId)),
    smsSender: optionalText(input.smsSender) ?? null,
    updatedBy: ctx.actor.staffMemberId,
    updatedAt: sql`now()`,
  };
  const missing: string[] = [];
  if (next.emailRemindersEnabled) {
    if (!next.smtpHost) missing.push('smtpHost');
    if (!next.smtpPort) missing.push('smtpPort');
    if (!next.smtpFrom) missing.push('smtpFrom');
  }
  if (next.smsRemindersEnabled) {
    if (!next.smsProviderUrl) missing.push('smsProviderUrl');
    if (!next.smsApiKeyEncrypted) missing.push('smsApiKey');
  }
  if (missing.length) throw new DomainError('validation_failed', {}, missing.map((field) => ({ field: `body.${field}`, message: required })));

  await ctx.tx
    .insert(reminderSettings)
    .values({ organizationId: ctx.organizationId, ...next })
    .onConflictDoUpdate({ target: reminderSettings.organizationId, set: next });
  const view = toView({ organizationId: ctx.organizationId, ...next, updatedAt: new Date() });
  // The audit trail records what changed, never the secrets themselves.
  const { smtpPasswordSet, smsApiKeySet, ...visible } = view;
  ctx.audit({
    action: 'reminder_settings.updated',
    targetType: 'organization',
    targetId: ctx.organizationId,
    details: { ...visible, smtpPasswordChanged: input.smtpPassword !== undefined, smsApiKeyChanged: input.smsApiKey !== undefined, smtpPasswordSet, smsApiKeySet },
  });
  const channelsChanged =
    !current || current.leadHours !== next.leadHours || current.emailRemindersEnabled !== next.emailRemindersEnabled || current.smsRemindersEnabled !== next.smsRemindersEnabled;
  if (channelsChanged) await planFutureReminders(ctx);
  return view;
}
