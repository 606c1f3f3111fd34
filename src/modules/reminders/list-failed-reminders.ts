import { sql } from 'drizzle-orm';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { displayName } from '../people/person-display.js';
import type { ReminderChannel } from './schema.js';
import type { FailureCode } from './send-due-reminders.js';

export interface FailedReminder {
  id: string;
  personId: string;
  /** Name, or alias or initials for a discreet person. */
  personLabel: string;
  channel: ReminderChannel;
  failureCode: FailureCode;
  failureDetail: string | null;
  appointmentId: string;
  appointmentStartsAt: string;
  /** The group's title or the service's name. */
  sessionLabel: string;
  failedAt: string;
}

/**
 * Reminders that could not be sent and nobody has dealt with yet, so the team can reach the person
 * another way. Need to know: only people whose care team the actor is on (every list query of person
 * data goes through the care-team join); one audit event per person listed.
 */
export async function listFailedReminders(ctx: Ctx, limit = 100): Promise<{ items: FailedReminder[]; hasMore: boolean }> {
  await requireAccess(ctx, 'reminder.failures');
  const rows = await ctx.tx.execute<{
    id: string;
    person_id: string;
    first_name: string;
    last_name: string;
    discreet: boolean;
    alias: string | null;
    channel: ReminderChannel;
    failure_code: FailureCode;
    failure_detail: string | null;
    appointment_id: string;
    starts_at: string;
    session_label: string;
    failed_at: string;
  }>(sql`
    SELECT r.id, r.person_id, p.first_name, p.last_name, p.discreet, p.alias, r.channel, r.failure_code, r.failure_detail,
           r.appointment_id, a.starts_at, coalesce(CASE WHEN a.kind = 'group' THEN a.title END, s.name) AS session_label,
           coalesce(r.claimed_at, r.send_at) AS failed_at
      FROM reminder r
      JOIN care_team_member ctm ON ctm.organization_id = r.organization_id AND ctm.person_id = r.person_id
           AND ctm.staff_member_id = ${ctx.actor.staffMemberId} AND ctm.removed_at IS NULL
      JOIN person p ON p.organization_id = r.organization_id AND p.id = r.person_id
      JOIN appointment a ON a.organization_id = r.organization_id AND a.id = r.appointment_id
      JOIN service s ON s.organization_id = a.organization_id AND s.id = a.service_id
     WHERE r.organization_id = ${ctx.organizationId} AND r.status = 'failed' AND r.acknowledged_at IS NULL
     ORDER BY a.starts_at, r.id
     LIMIT ${limit + 1}`);
  const page = rows.rows.slice(0, limit);
  const items = page.map((r) => ({
    id: r.id,
    personId: r.person_id,
    personLabel: displayName({ firstName: r.first_name, lastName: r.last_name, discreet: r.discreet, alias: r.alias }),
    channel: r.channel,
    failureCode: r.failure_code,
    failureDetail: r.failure_detail,
    appointmentId: r.appointment_id,
    appointmentStartsAt: new Date(r.starts_at).toISOString(),
    sessionLabel: r.session_label,
    failedAt: new Date(r.failed_at).toISOString(),
  }));
  for (const personId of new Set(items.map((i) => i.personId))) {
    ctx.audit({ action: 'reminder.failures_listed', personId, targetType: 'person', targetId: personId });
  }
  return { items, hasMore: rows.rows.length > limit };
}
