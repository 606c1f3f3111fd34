import { and, eq, isNull, sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { invitation } from './schema.js';

/** Withdraws a pending invitation: its link stops working at once. */
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
