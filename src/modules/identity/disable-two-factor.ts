import { and, eq } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import type { SecretBox } from '../../lib/secret-box.js';
import type { Ctx } from '../../server/context.js';
import { organization } from '../organizations/schema.js';
import { staffMember } from '../staff/schema.js';
import { verifyPassword } from './passwords.js';
import { matchTotp, openTotpSecret } from './totp.js';

/** Turns two-factor off, with the password and a current code; refused when the organization requires it. */
export async function disableTwoFactor(ctx: Ctx, box: SecretBox, input: { password: string; code: string }): Promise<void> {
  const [org] = await ctx.tx.select({ requireTwoFactor: organization.requireTwoFactor }).from(organization).where(eq(organization.id, ctx.organizationId));
  if (org?.requireTwoFactor) throw new DomainError('two_factor_required_by_organization');
  const where = and(eq(staffMember.organizationId, ctx.organizationId), eq(staffMember.id, ctx.actor.staffMemberId));
  const [account] = await ctx.tx
    .select({ passwordHash: staffMember.passwordHash, secret: staffMember.totpSecret, enabledAt: staffMember.totpEnabledAt })
    .from(staffMember)
    .where(where)
    .for('update');
  if (!account?.enabledAt || !account.secret) throw new DomainError('conflict');
  const fieldErrors = [];
  if (!(await verifyPassword(account.passwordHash, input.password))) {
    fieldErrors.push({ field: 'body.password', message: { fr: 'Mot de passe incorrect.', en: 'Wrong password.' } });
  }
  const stored = openTotpSecret(box, ctx.actor.staffMemberId, account.secret);
  if (!stored || matchTotp(stored.secretBase32, input.code) === null) {
    fieldErrors.push({ field: 'body.code', message: { fr: 'Code incorrect.', en: 'Wrong code.' } });
  }
  if (fieldErrors.length) throw new DomainError('validation_failed', {}, fieldErrors, { action: 'account.two_factor_disable', personId: null });
  await ctx.tx.update(staffMember).set({ totpSecret: null, totpEnabledAt: null, totpLastCounter: null }).where(where);
  ctx.audit({ action: 'account.two_factor_disabled', targetType: 'staff_member', targetId: ctx.actor.staffMemberId });
}
