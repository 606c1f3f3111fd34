import { and, eq, sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import type { Ctx } from '../../server/context.js';
import { staffMember } from '../staff/schema.js';
import { advanceSession, revokeSessions } from './open-session.js';
import { hashPassword, verifyPassword } from './passwords.js';

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/**
 * Changes the actor's password after checking the current one. Every other session of the account
 * is revoked and the current one continues under a new token.
 */
export async function changePassword(ctx: Ctx, input: ChangePasswordInput): Promise<{ token: string; revokedSessions: number }> {
  const [account] = await ctx.tx
    .select({ passwordHash: staffMember.passwordHash, email: staffMember.email })
    .from(staffMember)
    .where(and(eq(staffMember.organizationId, ctx.organizationId), eq(staffMember.id, ctx.actor.staffMemberId)))
    .for('update');
  if (!account || !(await verifyPassword(account.passwordHash, input.currentPassword))) {
    throw new DomainError('validation_failed', {}, [
      { field: 'body.currentPassword', message: { fr: 'Le mot de passe actuel est incorrect.', en: 'The current password is wrong.' } },
    ], { action: 'account.password_change', personId: null });
  }
  if (input.newPassword.trim().toLowerCase() === account.email.toLowerCase() || input.newPassword === input.currentPassword) {
    throw new DomainError('validation_failed', {}, [
      { field: 'body.newPassword', message: { fr: 'Choisissez un mot de passe différent de l’actuel et de votre adresse e-mail.', en: 'Choose a password other than the current one and your email address.' } },
    ]);
  }
  await ctx.tx
    .update(staffMember)
    .set({ passwordHash: await hashPassword(input.newPassword), passwordChangedAt: sql`now()` })
    .where(and(eq(staffMember.organizationId, ctx.organizationId), eq(staffMember.id, ctx.actor.staffMemberId)));
  const revokedSessions = await revokeSessions(ctx.tx, ctx.organizationId, ctx.actor.staffMemberId, 'password_changed', ctx.actor.sessionId);
  const token = await advanceSession(ctx.tx, ctx.organizationId, ctx.actor.sessionId, 'active');
  ctx.audit({ action: 'account.password_changed', targetType: 'staff_member', targetId: ctx.actor.staffMemberId, details: { revokedSessions } });
  return { token, revokedSessions };
}
