import { and, eq, sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { assertAccess, onCareTeamCondition } from '../../server/access-policy.js';
import type { Action } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { person } from '../people/schema.js';
import { planPersonReminders } from './plan-reminders.js';
import { reminderConsent } from './schema.js';

export interface ReminderConsentView {
  email: boolean;
  sms: boolean;
  /** Where the reminders would go, so the team sees at once when a channel has no address. */
  hasEmail: boolean;
  hasPhone: boolean;
  recordedAt: string | null;
}

// The consent, the person's contact facts and the care-team fact in one round trip.
async function load(ctx: Ctx, personId: string, action: Action, lock: boolean) {
  const query = ctx.tx
    .select({
      hasEmail: sql<boolean>`${person.email} IS NOT NULL`,
      hasPhone: sql<boolean>`${person.phone} IS NOT NULL`,
      email: reminderConsent.email,
      sms: reminderConsent.sms,
      recordedAt: reminderConsent.recordedAt,
      onCareTeam: onCareTeamCondition(ctx, personId),
    })
    .from(person)
    .leftJoin(reminderConsent, and(eq(reminderConsent.organizationId, person.organizationId), eq(reminderConsent.personId, person.id)))
    .where(and(eq(person.organizationId, ctx.organizationId), eq(person.id, personId)));
  const [found] = lock ? await query.for('update', { of: person }) : await query;
  if (!found) throw new DomainError('not_found');
  assertAccess(ctx, action, { personId, onCareTeam: found.onCareTeam });
  return found;
}

/** What the person agreed to receive as reminders: their care team reads it (audited). */
export async function readReminderConsent(ctx: Ctx, personId: string): Promise<ReminderConsentView> {
  const found = await load(ctx, personId, 'reminder.consent_read', false);
  ctx.audit({ action: 'reminder_consent.read', personId, targetType: 'person', targetId: personId });
  return { email: found.email ?? false, sms: found.sms ?? false, hasEmail: found.hasEmail, hasPhone: found.hasPhone, recordedAt: found.recordedAt?.toISOString() ?? null };
}

/** Records the person's choice; their future sessions' reminders follow it at once. */
export async function updateReminderConsent(ctx: Ctx, personId: string, input: { email: boolean; sms: boolean }): Promise<ReminderConsentView> {
  const before = await load(ctx, personId, 'reminder.consent', true);
  const values = { email: input.email, sms: input.sms, recordedBy: ctx.actor.staffMemberId, recordedAt: new Date() };
  await ctx.tx
    .insert(reminderConsent)
    .values({ organizationId: ctx.organizationId, personId, ...values })
    .onConflictDoUpdate({ target: [reminderConsent.organizationId, reminderConsent.personId], set: values });
  ctx.audit({
    action: 'reminder_consent.updated',
    personId,
    targetType: 'person',
    targetId: personId,
    details: { email: input.email, sms: input.sms, previous: { email: before.email ?? false, sms: before.sms ?? false } },
  });
  await planPersonReminders(ctx, personId);
  return { email: input.email, sms: input.sms, hasEmail: before.hasEmail, hasPhone: before.hasPhone, recordedAt: values.recordedAt.toISOString() };
}
