import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { isUniqueViolation } from '../../db/errors.js';
import { DomainError } from '../../lib/domain-error.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { discipline } from '../organizations/schema.js';
import { staffMember } from '../staff/schema.js';
import { careTeamMember } from './schema.js';

/** The current care team of a person, for its members. */
export async function listCareTeam(ctx: Ctx, personId: string) {
  await requireAccess(ctx, 'care_team.read', { personId });
  const rows = await ctx.tx
    .select({
      staffMemberId: careTeamMember.staffMemberId,
      firstName: staffMember.firstName,
      lastName: staffMember.lastName,
      disciplineId: careTeamMember.disciplineId,
      disciplineNameFr: discipline.nameFr,
      disciplineNameEn: discipline.nameEn,
      addedAt: careTeamMember.addedAt,
    })
    .from(careTeamMember)
    .innerJoin(staffMember, and(eq(staffMember.organizationId, careTeamMember.organizationId), eq(staffMember.id, careTeamMember.staffMemberId)))
    .leftJoin(discipline, and(eq(discipline.organizationId, careTeamMember.organizationId), eq(discipline.id, careTeamMember.disciplineId)))
    .where(and(eq(careTeamMember.organizationId, ctx.organizationId), eq(careTeamMember.personId, personId), isNull(careTeamMember.removedAt)))
    .orderBy(asc(careTeamMember.addedAt));
  ctx.audit({ action: 'care_team.read', personId, targetType: 'person', targetId: personId });
  return rows.map((r) => ({ ...r, addedAt: r.addedAt.toISOString() }));
}

/** Adds a colleague (optionally in one of their disciplines) to a person's care team. */
export async function addCareTeamMember(ctx: Ctx, personId: string, input: { staffMemberId: string; disciplineId?: string | null | undefined }): Promise<void> {
  await requireAccess(ctx, 'care_team.manage', { personId });
  const [colleague] = await ctx.tx
    .select({ id: staffMember.id, status: staffMember.status })
    .from(staffMember)
    .where(and(eq(staffMember.organizationId, ctx.organizationId), eq(staffMember.id, input.staffMemberId)));
  if (!colleague || colleague.status !== 'active') {
    throw new DomainError('validation_failed', {}, [{ field: 'body.staffMemberId', message: { fr: 'Professionnel inconnu ou désactivé.', en: 'Unknown or deactivated staff member.' } }]);
  }
  if (input.disciplineId) {
    const [known] = await ctx.tx.select({ id: discipline.id }).from(discipline).where(and(eq(discipline.organizationId, ctx.organizationId), eq(discipline.id, input.disciplineId)));
    if (!known) throw new DomainError('validation_failed', {}, [{ field: 'body.disciplineId', message: { fr: 'Discipline inconnue.', en: 'Unknown discipline.' } }]);
  }
  try {
    await ctx.tx.insert(careTeamMember).values({ organizationId: ctx.organizationId, personId, staffMemberId: input.staffMemberId, disciplineId: input.disciplineId ?? null, addedBy: ctx.actor.staffMemberId });
  } catch (error) {
    if (isUniqueViolation(error, 'care_team_member_current_unique')) throw new DomainError('already_on_care_team');
    throw error;
  }
  ctx.audit({ action: 'care_team.member_added', personId, targetType: 'staff_member', targetId: input.staffMemberId, details: { disciplineId: input.disciplineId ?? null } });
}

/** Removes a colleague from the care team; they lose access to the record at once. The membership stays in history. */
export async function removeCareTeamMember(ctx: Ctx, personId: string, staffMemberId: string): Promise<void> {
  await requireAccess(ctx, 'care_team.manage', { personId });
  const removed = await ctx.tx
    .update(careTeamMember)
    .set({ removedAt: sql`now()`, removedBy: ctx.actor.staffMemberId })
    .where(and(eq(careTeamMember.organizationId, ctx.organizationId), eq(careTeamMember.personId, personId), eq(careTeamMember.staffMemberId, staffMemberId), isNull(careTeamMember.removedAt)))
    .returning({ id: careTeamMember.id });
  if (!removed.length) throw new DomainError('not_found');
  ctx.audit({ action: 'care_team.member_removed', personId, targetType: 'staff_member', targetId: staffMemberId });
}

/**
 * On admission: the référent, the coordinator and the members named join the person's care team
 * (those already on it stay as they are). The caller has checked admission.decide.
 */
export async function joinCareTeamOnAdmission(ctx: Ctx, personId: string, members: { staffMemberId: string; disciplineId: string | null }[]): Promise<void> {
  if (!members.length) return;
  const disciplineIds = [...new Set(members.map((m) => m.disciplineId).filter((d): d is string => d !== null))];
  if (disciplineIds.length) {
    const known = await ctx.tx.select({ id: discipline.id }).from(discipline).where(and(eq(discipline.organizationId, ctx.organizationId), inArray(discipline.id, disciplineIds)));
    if (known.length !== disciplineIds.length) throw new DomainError('validation_failed', {}, [{ field: 'body.admission.members', message: { fr: 'Discipline inconnue.', en: 'Unknown discipline.' } }]);
  }
  const added = await ctx.tx
    .insert(careTeamMember)
    .values(members.map((m) => ({ organizationId: ctx.organizationId, personId, staffMemberId: m.staffMemberId, disciplineId: m.disciplineId, addedBy: ctx.actor.staffMemberId })))
    .onConflictDoNothing()
    .returning({ staffMemberId: careTeamMember.staffMemberId });
  for (const a of added) ctx.audit({ action: 'care_team.member_added', personId, targetType: 'staff_member', targetId: a.staffMemberId, details: { via: 'admission' } });
}
