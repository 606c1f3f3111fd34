import { and, eq } from 'drizzle-orm';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { staffMember } from './schema.js';
import { findStaffMember } from './staff-queries.js';

/** Reactivates an account: it may sign in again (its old sessions stay closed). */
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
