import { and, eq } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { staffDiscipline, staffRole } from './schema.js';
import { checkCatalogueIds, findStaffMember, lockAndCountOtherAdministrators, rolesGrantStaffManagement } from './staff-queries.js';

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
