import { and, eq, inArray, sql } from 'drizzle-orm';
import { newId } from '../../db/columns.js';
import { DomainError } from '../../lib/domain-error.js';
import { addDays, clock, localMoment, zonedInstant } from '../../lib/time.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { notifyStaff } from '../notifications/notify-staff.js';
import type { Modality } from '../services/schema.js';
import { afterAppointmentsChanged } from './after-change.js';
import { bookingErrorFromDatabase, bookingViolations, lockParticipants, personAttends, prepareBooking, refusal, type BookingInput } from './book-appointment.js';
import { appointment, appointmentParticipant, appointmentSeries, type AppointmentStatus } from './schema.js';

export type ChangeScope = 'this' | 'following';

/** An appointment as it stands, locked for the change, with who it holds. */
export async function lockAppointment(ctx: Ctx, appointmentId: string) {
  const [row] = await ctx.tx
    .select()
    .from(appointment)
    .where(and(eq(appointment.organizationId, ctx.organizationId), eq(appointment.id, appointmentId)))
    .for('update');
  if (!row) throw new DomainError('not_found');
  if (row.personId) await requireAccess(ctx, 'appointment.book', { personId: row.personId });
  else await requireAccess(ctx, 'appointment.book_without_person');
  const participants = await ctx.tx
    .select()
    .from(appointmentParticipant)
    .where(and(eq(appointmentParticipant.organizationId, ctx.organizationId), eq(appointmentParticipant.appointmentId, appointmentId)));
  return { row, participants };
}

type Locked = Awaited<ReturnType<typeof lockAppointment>>;

const isClosed = (status: AppointmentStatus) => status === 'cancelled' || status === 'done' || status === 'missed';

function checkVersion(row: Locked['row'], expectedVersion: number | null): void {
  if (expectedVersion !== null && expectedVersion !== row.version) {
    throw new DomainError('version_conflict', {
      detail: { fr: `Ce rendez-vous a été modifié (version ${row.version}) depuis que vous l’avez ouvert.`, en: `This appointment was changed (version ${row.version}) since you opened it.` },
      currentVersion: row.version,
    });
  }
}

/** The booking request that would recreate this appointment as it is. */
function asBookingInput({ row, participants }: Locked): BookingInput {
  const ids = (role: string, key: 'staffMemberId' | 'resourceId' | 'relativeId') => participants.filter((p) => p.role === role).map((p) => p[key]!);
  return {
    kind: row.kind,
    serviceId: row.serviceId,
    episodeId: row.episodeId,
    personId: row.personId,
    title: row.title,
    groupFormat: row.groupFormat,
    capacity: row.capacity,
    modality: row.modality,
    siteId: row.siteId,
    partnerId: row.partnerId,
    homeAddress: row.homeAddress,
    sectorId: row.sectorId,
    videoLink: row.videoLink,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    staffIds: ids('staff', 'staffMemberId'),
    resourceIds: ids('resource', 'resourceId'),
    relativeIds: ids('relative', 'relativeId'),
    notes: row.notes,
  };
}

const registeredPeople = (participants: Locked['participants']) =>
  participants.filter((p) => p.role === 'person' && p.registrationStatus === 'registered').map((p) => p.personId!);

export interface AppointmentChange {
  startsAt?: string | undefined;
  endsAt?: string | undefined;
  staffIds?: string[] | undefined;
  resourceIds?: string[] | undefined;
  relativeIds?: string[] | undefined;
  modality?: Modality | undefined;
  siteId?: string | null | undefined;
  partnerId?: string | null | undefined;
  homeAddress?: string | null | undefined;
  sectorId?: string | null | undefined;
  videoLink?: string | null | undefined;
  notes?: string | null | undefined;
  title?: string | null | undefined;
  capacity?: number | null | undefined;
}

/**
 * Moves or edits an appointment ("this one"), or this and the following occurrences of its series,
 * under the same rules as a booking. A stale version is refused (412) rather than overwritten.
 */
export async function changeAppointment(ctx: Ctx, appointmentId: string, expectedVersion: number | null, change: AppointmentChange, scope: ChangeScope = 'this'): Promise<{ changed: number }> {
  const locked = await lockAppointment(ctx, appointmentId);
  const { row } = locked;
  if (isClosed(row.status)) throw new DomainError('appointment_closed');
  checkVersion(row, expectedVersion);
  if (change.capacity != null && row.kind === 'group' && change.capacity < registeredPeople(locked.participants).length) {
    throw new DomainError('validation_failed', {}, [{ field: 'body.capacity', message: { fr: 'Plus de personnes sont déjà inscrites que ce nombre de places.', en: 'More people are already registered than this number of places.' } }]);
  }
  const defined = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
  const next: BookingInput = { ...asBookingInput(locked), ...defined };
  if (change.modality && change.modality !== 'partner_site' && change.partnerId === undefined) next.partnerId = null;
  if (change.modality && change.modality !== 'home' && change.homeAddress === undefined) {
    next.homeAddress = null;
    next.sectorId = null;
  }

  const targets = scope === 'following' && row.seriesId ? await followingOccurrences(ctx, row) : [locked];
  const startShift = occurrenceShift(ctx, row.startsAt, new Date(next.startsAt), new Date(next.endsAt));
  const plans = targets.map((t) => ({ target: t, ...startShift(t.row.startsAt) }));
  const excluded = targets.map((t) => t.row.id);
  const persons = new Set<string>();
  for (const t of targets) for (const p of registeredPeople(t.participants)) persons.add(p);
  await lockParticipants(ctx, [...next.staffIds, ...(next.resourceIds ?? []), ...(next.personId && personAttends(next.kind) ? [next.personId] : []), ...persons]);
  const prepared = await prepareBooking(ctx, { ...next, startsAt: plans[0]!.startsAt.toISOString(), endsAt: plans[0]!.endsAt.toISOString() }, {
    excludeAppointmentIds: excluded,
    extraPersonIds: [...persons],
    span: { from: plans[0]!.startsAt, to: plans[plans.length - 1]!.endsAt },
  });
  prepared.occurrences = plans.map((p) => {
    const local = localMoment(p.startsAt, ctx.actor.timeZone);
    return { localDate: local.date, localMinutes: local.minutes, startsAt: p.startsAt, endsAt: p.endsAt };
  });
  const violations = bookingViolations(prepared);
  if (violations.length) throw refusal(violations);

  let seriesId = row.seriesId;
  if (scope === 'following' && row.seriesId && targets.length > 0) {
    // The series ends before this occurrence; this one and the following form a new series.
    const [series] = await ctx.tx.select().from(appointmentSeries).where(and(eq(appointmentSeries.organizationId, ctx.organizationId), eq(appointmentSeries.id, row.seriesId)));
    const firstLocal = localMoment(plans[0]!.startsAt, ctx.actor.timeZone);
    seriesId = newId();
    await ctx.tx.insert(appointmentSeries).values({
      organizationId: ctx.organizationId,
      id: seriesId,
      rule: series!.rule,
      firstStartLocal: `${firstLocal.date}T${clock(firstLocal.minutes)}`,
      timeZone: series!.timeZone,
      durationMinutes: prepared.durationMinutes,
      exceptionDates: series!.exceptionDates,
      template: prepared.template,
      createdBy: ctx.actor.staffMemberId,
    });
    const oldFirst = localMoment(row.occurrenceStart ?? row.startsAt, series!.timeZone);
    await ctx.tx
      .update(appointmentSeries)
      .set({ endedBeforeLocal: `${oldFirst.date}T${clock(oldFirst.minutes)}` })
      .where(and(eq(appointmentSeries.organizationId, ctx.organizationId), eq(appointmentSeries.id, row.seriesId)));
  }
  const t = prepared.template;
  const now = new Date();
  try {
    for (const plan of plans) {
      const current = plan.target.row;
      await ctx.tx
        .update(appointment)
        .set({
          startsAt: plan.startsAt,
          endsAt: plan.endsAt,
          modality: t.modality,
          siteId: t.siteId,
          partnerId: t.partnerId,
          homeAddress: t.homeAddress,
          sectorId: t.sectorId,
          videoLink: t.videoLink,
          notes: t.notes,
          title: t.title,
          capacity: t.capacity,
          seriesId: scope === 'following' ? seriesId : current.seriesId,
          occurrenceStart: scope === 'following' && seriesId ? plan.startsAt : current.occurrenceStart,
          version: sql`${appointment.version} + 1`,
          updatedAt: now,
        })
        .where(and(eq(appointment.organizationId, ctx.organizationId), eq(appointment.id, current.id)));
      await replaceParticipants(ctx, plan.target, t.staffIds, t.resourceIds, t.relativeIds);
    }
  } catch (error) {
    throw bookingErrorFromDatabase(error) ?? error;
  }
  ctx.audit({
    action: 'appointment.changed',
    personId: row.personId,
    targetType: 'appointment',
    targetId: row.id,
    details: { scope, occurrences: plans.length, from: row.startsAt.toISOString(), to: plans[0]!.startsAt.toISOString(), fields: Object.keys(defined) },
  });
  await afterAppointmentsChanged(ctx, excluded);
  return { changed: plans.length };
}

/**
 * How a move of one occurrence carries to the following ones: the same shift in calendar days and the
 * same local time and duration, so a weekly 10:00 moved to 11:00 stays at 11:00 across a change of time.
 */
function occurrenceShift(ctx: Ctx, originalStart: Date, newStart: Date, newEnd: Date) {
  const tz = ctx.actor.timeZone;
  const before = localMoment(originalStart, tz);
  const after = localMoment(newStart, tz);
  const dayShift = Math.round((Date.parse(`${after.date}T00:00:00Z`) - Date.parse(`${before.date}T00:00:00Z`)) / 86_400_000);
  const duration = newEnd.getTime() - newStart.getTime();
  return (start: Date) => {
    const local = localMoment(start, tz);
    const startsAt = zonedInstant(addDays(local.date, dayShift), after.minutes, tz);
    return { startsAt, endsAt: new Date(startsAt.getTime() + duration) };
  };
}

/** This occurrence and the later ones of its series that are still to come (planned or confirmed), locked. */
async function followingOccurrences(ctx: Ctx, row: Locked['row']): Promise<Locked[]> {
  const rows = await ctx.tx
    .select()
    .from(appointment)
    .where(
      and(
        eq(appointment.organizationId, ctx.organizationId),
        eq(appointment.seriesId, row.seriesId!),
        sql`${appointment.startsAt} >= ${row.startsAt.toISOString()}::timestamptz`,
        inArray(appointment.status, ['planned', 'confirmed']),
      ),
    )
    .orderBy(appointment.startsAt)
    .for('update');
  const ids = rows.map((r) => r.id);
  const participants = ids.length
    ? await ctx.tx.select().from(appointmentParticipant).where(and(eq(appointmentParticipant.organizationId, ctx.organizationId), inArray(appointmentParticipant.appointmentId, ids)))
    : [];
  return rows.map((r) => ({ row: r, participants: participants.filter((p) => p.appointmentId === r.id) }));
}

/** Staff, resources and relatives are replaced; people (and their registrations and attendance) stay. */
async function replaceParticipants(ctx: Ctx, target: Locked, staffIds: string[], resourceIds: string[], relativeIds: string[]): Promise<void> {
  const wanted = new Map<string, { role: 'staff' | 'resource' | 'relative'; column: 'staffMemberId' | 'resourceId' | 'relativeId' }>();
  for (const id of staffIds) wanted.set(id, { role: 'staff', column: 'staffMemberId' });
  for (const id of resourceIds) wanted.set(id, { role: 'resource', column: 'resourceId' });
  for (const id of relativeIds) wanted.set(id, { role: 'relative', column: 'relativeId' });
  const present = target.participants.filter((p) => p.role !== 'person');
  const gone = present.filter((p) => !wanted.has(p.participantId!)).map((p) => p.id);
  if (gone.length) await ctx.tx.delete(appointmentParticipant).where(and(eq(appointmentParticipant.organizationId, ctx.organizationId), inArray(appointmentParticipant.id, gone)));
  const have = new Set(present.map((p) => p.participantId));
  const added = [...wanted.entries()].filter(([id]) => !have.has(id));
  if (added.length) {
    await ctx.tx.insert(appointmentParticipant).values(
      added.map(([id, w]) => ({ organizationId: ctx.organizationId, appointmentId: target.row.id, role: w.role, [w.column]: id, period: '(,)', addedBy: ctx.actor.staffMemberId })),
    );
  }
}

export const cancelledByParties = ['person', 'structure', 'relative', 'partner'] as const;

/** Cancels an appointment (or this and the following of its series): it stays, with who cancelled and why. */
export async function cancelAppointment(
  ctx: Ctx,
  appointmentId: string,
  input: { reason: string; cancelledByParty: (typeof cancelledByParties)[number] },
  scope: ChangeScope = 'this',
): Promise<{ cancelled: number }> {
  const locked = await lockAppointment(ctx, appointmentId);
  if (isClosed(locked.row.status)) throw new DomainError('appointment_closed');
  const targets = scope === 'following' && locked.row.seriesId ? await followingOccurrences(ctx, locked.row) : [locked];
  const ids = targets.map((t) => t.row.id);
  await ctx.tx
    .update(appointment)
    .set({
      status: 'cancelled',
      cancelledAt: new Date(),
      cancelledBy: ctx.actor.staffMemberId,
      cancelReason: input.reason.trim(),
      cancelledByParty: input.cancelledByParty,
      statusChangedBy: ctx.actor.staffMemberId,
      statusChangedAt: new Date(),
      version: sql`${appointment.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(appointment.organizationId, ctx.organizationId), inArray(appointment.id, ids)));
  ctx.audit({ action: 'appointment.cancelled', personId: locked.row.personId, targetType: 'appointment', targetId: appointmentId, details: { scope, occurrences: ids.length, by: input.cancelledByParty } });
  await afterAppointmentsChanged(ctx, ids);
  return { cancelled: ids.length };
}

/**
 * Confirms an appointment, or records that it took place or was missed. A missed session is not a
 * fault: it prompts a note for the team (the référent and coordinator are told), never a penalty.
 */
export async function recordAppointmentStatus(ctx: Ctx, appointmentId: string, input: { status: 'confirmed' | 'done' | 'missed'; note?: string | null | undefined }, now = new Date()): Promise<void> {
  const { row } = await lockAppointment(ctx, appointmentId);
  if (isClosed(row.status)) throw new DomainError('appointment_closed');
  if (input.status !== 'confirmed' && row.startsAt > now) throw new DomainError('appointment_not_started');
  await ctx.tx
    .update(appointment)
    .set({
      status: input.status,
      outcomeNote: input.note?.trim() || null,
      statusChangedBy: ctx.actor.staffMemberId,
      statusChangedAt: now,
      version: sql`${appointment.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(appointment.organizationId, ctx.organizationId), eq(appointment.id, appointmentId)));
  if (input.status === 'missed' && row.episodeId) {
    const { rows } = await ctx.tx.execute<{ referent_id: string; coordinator_id: string }>(
      sql`SELECT referent_id, coordinator_id FROM episode WHERE organization_id = ${ctx.organizationId} AND id = ${row.episodeId}`,
    );
    const team = [...new Set(rows.flatMap((r) => [r.referent_id, r.coordinator_id]))].filter((id) => id !== ctx.actor.staffMemberId);
    // No person named in a notification: the link leads to the appointment, behind the access policy.
    await notifyStaff(ctx, team, 'appointment_missed', { appointmentId, episodeId: row.episodeId, startsAt: row.startsAt.toISOString() });
  }
  ctx.audit({ action: `appointment.${input.status}`, personId: row.personId, targetType: 'appointment', targetId: appointmentId, details: { hasNote: Boolean(input.note?.trim()) } });
  await afterAppointmentsChanged(ctx, [appointmentId]);
}
