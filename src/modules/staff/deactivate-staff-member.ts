import { and, eq, sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { revokeSessions } from '../identity/open-session.js';
import { staffMember } from './schema.js';
import { findStaffMember, isAdministrator, lockAndCountOtherAdministrators } from './staff-queries.js';

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
