import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { optionalText } from '../../lib/text.js';
import { todayIn } from '../../lib/time.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { staffMember } from '../staff/schema.js';
import { staffAbsence, staffAvailability, type AbsenceKind } from './schema.js';

/** A staff member sets their own availability; a coordinator (scheduling:configure) anyone's. */
async function requireAvailabilityAccess(ctx: Ctx, staffMemberId: string): Promise<void> {
  if (staffMemberId === ctx.actor.staffMemberId) await requireAccess(ctx, 'availability.manage_own');
  else await requireAccess(ctx, 'scheduling.configure');
  const found = await ctx.tx
    .select({ id: staffMember.id })
    .from(staffMember)
    .where(and(eq(staffMember.organizationId, ctx.organizationId), eq(staffMember.id, staffMemberId)));
  if (found.length === 0) throw new DomainError('not_found');
}

/** Working hours and absences are read by every colleague (they decide who can be booked when). */
export async function readAvailability(ctx: Ctx, staffMemberId: string) {
  await requireAccess(ctx, 'agenda.read');
  const weekly = await ctx.tx
    .select()
    .from(staffAvailability)
    .where(and(eq(staffAvailability.organizationId, ctx.organizationId), eq(staffAvailability.staffMemberId, staffMemberId)))
    .orderBy(asc(staffAvailability.weekday), asc(staffAvailability.startsAt));
  // Past absences are history; what matters for booking is what is still ahead.
  const absences = await ctx.tx
    .select()
    .from(staffAbsence)
    .where(and(eq(staffAbsence.organizationId, ctx.organizationId), eq(staffAbsence.staffMemberId, staffMemberId), isNull(staffAbsence.cancelledAt), gt(staffAbsence.endsAt, new Date(Date.now() - 30 * 86_400_000))))
    .orderBy(asc(staffAbsence.startsAt));
  return {
    weekly: weekly.map((w) => ({ id: w.id, weekday: w.weekday, startsAt: w.startsAt.slice(0, 5), endsAt: w.endsAt.slice(0, 5), validFrom: w.validFrom, validUntil: w.validUntil })),
    absences: absences.map((a) => ({ id: a.id, kind: a.kind, startsAt: a.startsAt.toISOString(), endsAt: a.endsAt.toISOString(), note: a.note })),
  };
}

export interface WeeklyWindowInput {
  weekday: number;
  startsAt: string;
  endsAt: string;
  validFrom?: string | null | undefined;
  validUntil?: string | null | undefined;
}

/** Replaces the weekly pattern. Overlapping windows on one day are refused: they would mean nothing. */
export async function setWeeklyAvailability(ctx: Ctx, staffMemberId: string, weekly: WeeklyWindowInput[]): Promise<void> {
  await requireAvailabilityAccess(ctx, staffMemberId);
  const today = todayIn(ctx.actor.timeZone);
  const errors: { field: string; message: { fr: string; en: string } }[] = [];
  const rows = weekly.map((w, i) => {
    if (w.startsAt >= w.endsAt) errors.push({ field: `body.weekly.${i}.endsAt`, message: { fr: 'La fin doit suivre le début.', en: 'The end must come after the start.' } });
    const validFrom = w.validFrom ?? today;
    if (w.validUntil && w.validUntil < validFrom) errors.push({ field: `body.weekly.${i}.validUntil`, message: { fr: 'La fin de validité précède son début.', en: 'The validity ends before it starts.' } });
    return { organizationId: ctx.organizationId, staffMemberId, weekday: w.weekday, startsAt: w.startsAt, endsAt: w.endsAt, validFrom, validUntil: w.validUntil ?? null, createdBy: ctx.actor.staffMemberId };
  });
  rows.forEach((a, i) =>
    rows.forEach((b, j) => {
      const periodsMeet = a.validFrom <= (b.validUntil ?? '9999-12-31') && b.validFrom <= (a.validUntil ?? '9999-12-31');
      if (j > i && a.weekday === b.weekday && periodsMeet && a.startsAt < b.endsAt && b.startsAt < a.endsAt) {
        errors.push({ field: `body.weekly.${j}.startsAt`, message: { fr: 'Ce créneau chevauche un autre créneau du même jour.', en: 'This window overlaps another one on the same day.' } });
      }
    }),
  );
  if (errors.length) throw new DomainError('validation_failed', {}, errors);
  await ctx.tx.delete(staffAvailability).where(and(eq(staffAvailability.organizationId, ctx.organizationId), eq(staffAvailability.staffMemberId, staffMemberId)));
  if (rows.length) await ctx.tx.insert(staffAvailability).values(rows);
  ctx.audit({ action: 'availability.set', targetType: 'staff_member', targetId: staffMemberId, details: { windows: rows.length } });
}

export async function addAbsence(ctx: Ctx, staffMemberId: string, input: { kind: AbsenceKind; startsAt: string; endsAt: string; note?: string | null | undefined }): Promise<{ id: string }> {
  await requireAvailabilityAccess(ctx, staffMemberId);
  if (new Date(input.endsAt) <= new Date(input.startsAt)) {
    throw new DomainError('validation_failed', {}, [{ field: 'body.endsAt', message: { fr: 'La fin doit suivre le début.', en: 'The end must come after the start.' } }]);
  }
  const [row] = await ctx.tx
    .insert(staffAbsence)
    .values({ organizationId: ctx.organizationId, staffMemberId, kind: input.kind, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt), note: optionalText(input.note), createdBy: ctx.actor.staffMemberId })
    .returning({ id: staffAbsence.id });
  ctx.audit({ action: 'absence.added', targetType: 'staff_member', targetId: staffMemberId, details: { kind: input.kind, startsAt: input.startsAt, endsAt: input.endsAt } });
  return row!;
}

export async function cancelAbsence(ctx: Ctx, staffMemberId: string, absenceId: string): Promise<void> {
  await requireAvailabilityAccess(ctx, staffMemberId);
  const updated = await ctx.tx
    .update(staffAbsence)
    .set({ cancelledAt: new Date() })
    .where(and(eq(staffAbsence.organizationId, ctx.organizationId), eq(staffAbsence.id, absenceId), eq(staffAbsence.staffMemberId, staffMemberId), isNull(staffAbsence.cancelledAt)))
    .returning({ id: staffAbsence.id });
  if (updated.length === 0) throw new DomainError('not_found');
  ctx.audit({ action: 'absence.cancelled', targetType: 'staff_member', targetId: staffMemberId, details: { absenceId } });
}
