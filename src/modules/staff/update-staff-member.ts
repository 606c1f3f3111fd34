import { and, eq, isNull, sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { revokeSessions } from '../identity/open-session.js';
import { invitation, staffDiscipline, staffMember, staffRole } from './schema.js';
import { checkCatalogueIds, lockAndCountOtherAdministrators, rolesGrantStaffManagement } from './staff-queries.js';

async function findStaffMember(ctx: Ctx, id: string) {
  const [found] = await ctx.tx
    .select({ id: staffMember.id, status: staffMember.status })
    .from(staffMember)
    .where(and(eq(staffMember.organizationId, ctx.organizationId), eq(staffMember.id, id)))
    .for('update');
  if (!found) throw new DomainError('not_found');
  return found;
}

/** Sets a staff member's roles and disciplines. The organization always keeps one active administrator. */
export async function updateStaffMember(ctx: Ctx, id: string, input: { roleIds?: string[]; disciplineIds?: string[] }): Promise<void> {
  await requireAccess(ctx, 'staff.manage');
  await checkCatalogueIds(ctx.tx, ctx.organizationId, input.roleIds, input.disciplineIds);
  const target = await findStaffMember(ctx, id);
  if (input.roleIds) {
    if (target.status === 'active' && !(await rolesGrantStaffManagement(ctx.tx, ctx.organizationId, input.roleIds))) {
      if ((await lockAndCountOtherAdministrators(ctx.tx, ctx.organizationId, id)) === 0) throw new DomainError('last_administrator');
    }
    await ctx.tx.delete(staffRole).where(and(eq(staffRole.organizationId, ctx.organizationId), eq(staffRole.staffMemberId, id)));
    if (input.roleIds.length) {
      await ctx.tx.insert(staffRole).values([...new Set(input.roleIds)].map((roleId) => ({ organizationId: ctx.organizationId, staffMemberId: id, roleId })));
    }
  }
  if (input.disciplineIds) {
    await ctx.tx.delete(staffDiscipline).where(and(eq(staffDiscipline.organizationId, ctx.organizationId), eq(staffDiscipline.staffMemberId, id)));
    if (input.disciplineIds.length) {
      await ctx.tx
        .insert(staffDiscipline)
        .values([...new Set(input.disciplineIds)].map((disciplineId) => ({ organizationId: ctx.organizationId, staffMemberId: id, disciplineId })));
    }
  }
  ctx.audit({ action: 'staff.updated', targetType: 'staff_member', targetId: id, details: { ...input } });
}

/** Deactivates an account: it can no longer sign in and its sessions end now. Its history stays. */
export async function deactivateStaffMember(ctx: Ctx, id: string): Promise<void> {
  await requireAccess(ctx, 'staff.manage');
  const target = await findStaffMember(ctx, id);
  if (target.status === 'deactivated') return;
  if ((await lockAndCountOtherAdministrators(ctx.tx, ctx.organizationId, id)) === 0 && (await isAdministrator(ctx, id))) {
    throw new DomainError('last_administrator');
  }
  await ctx.tx
    .update(staffMember)
    .set({ status: 'deactivated', deactivatedAt: sql`now()` })
    .where(and(eq(staffMember.organizationId, ctx.organizationId), eq(staffMember.id, id)));
  const revokedSessions = await revokeSessions(ctx.tx, ctx.organizationId, id, 'deactivated');
  ctx.audit({ action: 'staff.deactivated', targetType: 'staff_member', targetId: id, details: { revokedSessions } });
}

export async function reactivateStaffMember(ctx: Ctx, id: string): Promise<void> {
  await requireAccess(ctx, 'staff.manage');
  const target = await findStaffMember(ctx, id);
  if (target.status === 'active') return;
  await ctx.tx
    .update(staffMember)
    .set({ status: 'active', deactivatedAt: null })
    .where(and(eq(staffMember.organizationId, ctx.organizationId), eq(staffMember.id, id)));
  ctx.audit({ action: 'staff.reactivated', targetType: 'staff_member', targetId: id });
}

async function isAdministrator(ctx: Ctx, id: string): Promise<boolean> {
  const roles = await ctx.tx.select({ roleId: staffRole.roleId }).from(staffRole).where(and(eq(staffRole.organizationId, ctx.organizationId), eq(staffRole.staffMemberId, id)));
  return rolesGrantStaffManagement(ctx.tx, ctx.organizationId, roles.map((r) => r.roleId));
}

export async function revokeInvitation(ctx: Ctx, invitationId: string): Promise<void> {
  await requireAccess(ctx, 'staff.manage');
  const revoked = await ctx.tx
    .update(invitation)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(invitation.organizationId, ctx.organizationId), eq(invitation.id, invitationId), isNull(invitation.acceptedAt), isNull(invitation.revokedAt)))
    .returning({ id: invitation.id });
  if (!revoked.length) throw new DomainError('not_found');
  ctx.audit({ action: 'staff.invitation_revoked', targetType: 'invitation', targetId: invitationId });
}
