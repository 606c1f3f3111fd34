import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../server/context.js';

/** Kinds of appointment a person attends (a team meeting about a person is not one they come to). */
const attendedKinds = sql.raw(`('individual','with_relatives','group')`);

/**
 * One statement that makes the reminder rows of a set of appointments match their current state,
 * idempotently: for each person who attends (individual: appointment.person_id; groups: registered
 * persons) and each channel they consented to and the structure enabled, a pending reminder at
 * starts_at - lead hours (or now, for a session sooner than that; none for a session already
 * started). Pending reminders nobody wants any more (cancelled appointment or registration, consent
 * or channel withdrawn) are cancelled; a rescheduled session moves its pending send_at. Reminders
 * already sending, sent or failed are left as they are: what happened stays visible.
 *
 * It reads appointment and appointment_participant directly, although they belong to scheduling:
 * scheduling owns those tables and calls this at the end of each of its use cases, so going through
 * a read function of theirs would cost a round trip per booking for nothing.
 */
async function planReminders(ctx: Ctx, appointments: SQL): Promise<void> {
  const org = ctx.organizationId;
  await ctx.tx.execute(sql`
    WITH appt AS (
      SELECT a.id, a.kind, a.status, a.starts_at, a.person_id FROM appointment a
       WHERE a.organization_id = ${org} AND ${appointments}
    ), settings AS (
      SELECT lead_hours, email_reminders_enabled, sms_reminders_enabled FROM reminder_settings WHERE organization_id = ${org}
    ), attendee AS (
      SELECT appt.id AS appointment_id, appt.starts_at, p.person_id FROM appt
        JOIN appointment_participant p ON p.organization_id = ${org} AND p.appointment_id = appt.id
       WHERE p.role = 'person' AND coalesce(p.registration_status, 'registered') = 'registered'
         AND appt.kind IN ${attendedKinds} AND appt.status IN ('planned', 'confirmed') AND appt.starts_at > now()
      UNION
      SELECT appt.id, appt.starts_at, appt.person_id FROM appt
       WHERE appt.kind IN ('individual', 'with_relatives') AND appt.person_id IS NOT NULL
         AND appt.status IN ('planned', 'confirmed') AND appt.starts_at > now()
    ), wanted AS (
      SELECT at.appointment_id, at.person_id, ch.channel,
             greatest(at.starts_at - make_interval(hours => s.lead_hours), now()) AS send_at
        FROM attendee at
        CROSS JOIN settings s
        JOIN reminder_consent c ON c.organization_id = ${org} AND c.person_id = at.person_id
        CROSS JOIN LATERAL (VALUES ('email', s.email_reminders_enabled AND c.email), ('sms', s.sms_reminders_enabled AND c.sms)) AS ch(channel, wanted)
       WHERE ch.wanted
    ), upserted AS (
      INSERT INTO reminder (organization_id, id, appointment_id, person_id, channel, send_at, status)
      SELECT ${org}, gen_random_uuid(), appointment_id, person_id, channel, send_at, 'pending' FROM wanted
      ON CONFLICT (organization_id, appointment_id, person_id, channel) DO UPDATE
         SET send_at = EXCLUDED.send_at, status = 'pending'
       WHERE reminder.status IN ('pending', 'cancelled')
         AND (reminder.status <> 'pending' OR reminder.send_at IS DISTINCT FROM EXCLUDED.send_at)
      RETURNING 1
    )
    UPDATE reminder r SET status = 'cancelled'
     WHERE r.organization_id = ${org} AND r.status = 'pending' AND r.appointment_id IN (SELECT id FROM appt)
       AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.appointment_id = r.appointment_id AND w.person_id = r.person_id AND w.channel = r.channel)
  `);
}

/** (Re)computes one appointment's reminders from its current state. Scheduling calls it after every change. */
export async function planAppointmentReminders(ctx: Ctx, appointmentId: string): Promise<void> {
  await planReminders(ctx, sql`a.id = ${appointmentId}`);
}

/** The same for several appointments (a series, a group's registrations) in one statement. */
export async function planRemindersForAppointments(ctx: Ctx, appointmentIds: readonly string[]): Promise<void> {
  if (appointmentIds.length === 0) return;
  await planReminders(ctx, sql`a.id IN (${sql.join(appointmentIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
}

/** After the person's consent changes: their future sessions. */
export async function planPersonReminders(ctx: Ctx, personId: string): Promise<void> {
  await planReminders(
    ctx,
    sql`a.starts_at > now() AND (a.person_id = ${personId} OR EXISTS (SELECT 1 FROM appointment_participant p
      WHERE p.organization_id = a.organization_id AND p.appointment_id = a.id AND p.participant_id = ${personId}))`,
  );
}

/** After the structure's channels or lead time change: every future session. */
export async function planFutureReminders(ctx: Ctx): Promise<void> {
  await planReminders(ctx, sql`a.starts_at > now()`);
}
