import { and, eq, sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { afterAppointmentsChanged } from './after-change.js';
import { bookingErrorFromDatabase, lockParticipants, refusal } from './book-appointment.js';
import { loadBookingFacts, violationsFor } from './booking-rules.js';
import { appointment, appointmentParticipant, type Attendance } from './schema.js';

/** The group, locked: registrations to one group are serialised (the capacity trigger locks it too). */
async function lockGroup(ctx: Ctx, appointmentId: string) {
  const [row] = await ctx.tx
    .select()
    .from(appointment)
    .where(and(eq(appointment.organizationId, ctx.organizationId), eq(appointment.id, appointmentId)))
    .for('update');
  if (!row) throw new DomainError('not_found');
  if (row.kind !== 'group') throw new DomainError('validation_failed', {}, [{ field: 'appointmentId', message: { fr: 'Ce rendez-vous n’est pas un groupe.', en: 'This appointment is not a group.' } }]);
  const participants = await ctx.tx
    .select()
    .from(appointmentParticipant)
    .where(and(eq(appointmentParticipant.organizationId, ctx.organizationId), eq(appointmentParticipant.appointmentId, appointmentId)));
  return { row, participants };
}

/** The rules that concern the person alone (already busy, pace) for this group session. */
async function personViolations(ctx: Ctx, group: Awaited<ReturnType<typeof lockGroup>>['row'], personId: string) {
  const facts = await loadBookingFacts(ctx, { serviceId: group.serviceId, episodeId: null, partnerId: null, staffIds: [], resourceIds: [], personIds: [personId], from: group.startsAt, to: group.endsAt, excludeAppointmentIds: [group.id] });
  return violationsFor(facts, { startsAt: group.startsAt, endsAt: group.endsAt, kind: 'group', modality: group.modality, partnerId: null, sectorId: null, staffIds: [], resourceIds: [], personIds: [personId] });
}

/**
 * Registers a person to a group: a place if one is free and the person's own rules allow it (not
 * already busy, pace), else the waiting list, in order of arrival.
 */
export async function registerForGroup(ctx: Ctx, appointmentId: string, personId: string): Promise<{ status: 'registered' | 'waitlisted'; position: number | null }> {
  await requireAccess(ctx, 'appointment.book', { personId });
  const { row, participants } = await lockGroup(ctx, appointmentId);
  if (row.status === 'cancelled' || row.status === 'done' || row.status === 'missed') throw new DomainError('appointment_closed');
  const existing = participants.find((p) => p.personId === personId);
  if (existing && existing.registrationStatus !== 'cancelled') {
    throw new DomainError('conflict', { detail: { fr: 'Cette personne est déjà inscrite (ou en liste d’attente) pour ce groupe.', en: 'This person is already registered (or waiting) for this group.' } });
  }
  await lockParticipants(ctx, [personId]);
  const violations = await personViolations(ctx, row, personId);
  if (violations.length) throw refusal(violations);
  const registered = participants.filter((p) => p.role === 'person' && p.registrationStatus === 'registered').length;
  const free = row.capacity !== null && registered < row.capacity;
  const position = free ? null : Math.max(0, ...participants.map((p) => p.waitlistPosition ?? 0)) + 1;
  const status = free ? ('registered' as const) : ('waitlisted' as const);
  try {
    if (existing) {
      await ctx.tx.update(appointmentParticipant).set({ registrationStatus: status, waitlistPosition: position, attendance: null, addedBy: ctx.actor.staffMemberId, addedAt: new Date() }).where(and(eq(appointmentParticipant.organizationId, ctx.organizationId), eq(appointmentParticipant.id, existing.id)));
    } else {
      await ctx.tx.insert(appointmentParticipant).values({ organizationId: ctx.organizationId, appointmentId, role: 'person', personId, registrationStatus: status, waitlistPosition: position, period: '(,)', addedBy: ctx.actor.staffMemberId });
    }
  } catch (error) {
    throw bookingErrorFromDatabase(error) ?? error;
  }
  ctx.audit({ action: 'group.registered', personId, targetType: 'appointment', targetId: appointmentId, details: { status, position } });
  await afterAppointmentsChanged(ctx, [appointmentId]);
  return { status, position };
}

/** Cancels a registration; the first person waiting whose own rules allow it takes the place. */
export async function unregisterFromGroup(ctx: Ctx, appointmentId: string, personId: string): Promise<{ promotedPersonId: string | null }> {
  await requireAccess(ctx, 'appointment.book', { personId });
  const { row, participants } = await lockGroup(ctx, appointmentId);
  if (row.status === 'cancelled' || row.status === 'done' || row.status === 'missed') throw new DomainError('appointment_closed');
  const mine = participants.find((p) => p.personId === personId && p.registrationStatus !== 'cancelled');
  if (!mine) throw new DomainError('not_found');
  await ctx.tx.update(appointmentParticipant).set({ registrationStatus: 'cancelled', waitlistPosition: null }).where(and(eq(appointmentParticipant.organizationId, ctx.organizationId), eq(appointmentParticipant.id, mine.id)));
  let promotedPersonId: string | null = null;
  if (mine.registrationStatus === 'registered') {
    const waiting = participants.filter((p) => p.registrationStatus === 'waitlisted').sort((a, b) => a.waitlistPosition! - b.waitlistPosition!);
    for (const candidate of waiting) {
      await lockParticipants(ctx, [candidate.personId!]);
      if ((await personViolations(ctx, row, candidate.personId!)).length) continue;
      await ctx.tx.update(appointmentParticipant).set({ registrationStatus: 'registered', waitlistPosition: null }).where(and(eq(appointmentParticipant.organizationId, ctx.organizationId), eq(appointmentParticipant.id, candidate.id)));
      promotedPersonId = candidate.personId;
      ctx.audit({ action: 'group.promoted_from_waitlist', personId: candidate.personId, targetType: 'appointment', targetId: appointmentId });
      break;
    }
  }
  ctx.audit({ action: 'group.unregistered', personId, targetType: 'appointment', targetId: appointmentId, details: { promotedPersonId } });
  await afterAppointmentsChanged(ctx, [appointmentId]);
  return { promotedPersonId };
}

/** Attendance of a group session, once it has started: by the staff running it or the people's care team. */
export async function recordAttendance(ctx: Ctx, appointmentId: string, entries: { personId: string; attendance: Attendance }[], now = new Date()): Promise<void> {
  await requireAccess(ctx, 'appointment.book_without_person');
  const { row, participants } = await lockGroup(ctx, appointmentId);
  if (row.status === 'cancelled') throw new DomainError('appointment_closed');
  if (row.startsAt > now) throw new DomainError('appointment_not_started');
  const runsIt = participants.some((p) => p.staffMemberId === ctx.actor.staffMemberId);
  const errors: { field: string; message: { fr: string; en: string } }[] = [];
  for (const [i, entry] of entries.entries()) {
    const registration = participants.find((p) => p.personId === entry.personId && p.registrationStatus === 'registered');
    if (!registration) {
      errors.push({ field: `body.entries.${i}.personId`, message: { fr: 'Cette personne n’est pas inscrite à ce groupe.', en: 'This person is not registered for this group.' } });
      continue;
    }
    if (!runsIt) await requireAccess(ctx, 'appointment.book', { personId: entry.personId });
  }
  if (errors.length) throw new DomainError('validation_failed', {}, errors);
  for (const entry of entries) {
    await ctx.tx
      .update(appointmentParticipant)
      .set({ attendance: entry.attendance })
      .where(and(eq(appointmentParticipant.organizationId, ctx.organizationId), eq(appointmentParticipant.appointmentId, appointmentId), eq(appointmentParticipant.personId, entry.personId)));
    ctx.audit({ action: 'group.attendance', personId: entry.personId, targetType: 'appointment', targetId: appointmentId, details: { attendance: entry.attendance } });
  }
  await ctx.tx.execute(sql`UPDATE appointment SET version = version + 1, updated_at = now() WHERE organization_id = ${ctx.organizationId} AND id = ${appointmentId}`);
}
