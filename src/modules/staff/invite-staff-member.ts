import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { hashToken, newSecretToken } from '../../lib/tokens.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { invitation, staffMember } from './schema.js';
import { checkCatalogueIds } from './staff-queries.js';

export interface InviteStaffMemberInput {
  email: string;
  firstName: string;
  lastName: string;
  roleIds: string[];
  disciplineIds: string[];
}

export const invitationValidityDays = 7;

/**
 * Invites a colleague by a one-time link, valid 7 days. Inviting an address that already belongs to a
 * staff member is refused: an invitation never replaces an existing account's password.
 */
export async function inviteStaffMember(ctx: Ctx, input: InviteStaffMemberInput): Promise<{ invitationId: string; token: string; expiresAt: string }> {
  await requireAccess(ctx, 'staff.manage');
  await checkCatalogueIds(ctx.tx, ctx.organizationId, input.roleIds, input.disciplineIds);
  const email = input.email.trim();
  const existing = await ctx.tx.select({ id: staffMember.id }).from(staffMember).where(and(eq(staffMember.organizationId, ctx.organizationId), eq(staffMember.email, email)));
  if (existing.length) throw new DomainError('email_taken');
  const pending = await ctx.tx
    .select({ id: invitation.id })
    .from(invitation)
    .where(and(eq(invitation.organizationId, ctx.organizationId), eq(invitation.email, email), isNull(invitation.acceptedAt), isNull(invitation.revokedAt), gt(invitation.expiresAt, sql`now()`)));
  if (pending.length) throw new DomainError('already_invited');
  const token = newSecretToken();
  const [created] = await ctx.tx
    .insert(invitation)
    .values({
      organizationId: ctx.organizationId,
      email,
      firstName: input.firstName.trim(),
      lastName: input.lastName.trim(),
      tokenHash: hashToken(token),
      roleIds: input.roleIds,
      disciplineIds: input.disciplineIds,
      invitedBy: ctx.actor.staffMemberId,
      expiresAt: sql`now() + make_interval(days => ${invitationValidityDays})`,
    })
    .returning({ id: invitation.id, expiresAt: invitation.expiresAt });
  ctx.audit({ action: 'staff.invited', targetType: 'invitation', targetId: created!.id, details: { roleIds: input.roleIds, disciplineIds: input.disciplineIds } });
  return { invitationId: created!.id, token, expiresAt: created!.expiresAt.toISOString() };
}
