import { and, eq, sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import type { SecretBox } from '../../lib/secret-box.js';
import type { Ctx } from '../../server/context.js';
import { staffMember } from '../staff/schema.js';
import { advanceSession } from './open-session.js';
import { matchTotp, openTotpSecret, sealTotpSecret } from './totp.js';

/**
 * Turns two-factor on once the person proves their app produces the right codes. A session that was
 * held back until enrolment (organization requires two-factor) becomes active under a new token.
 */
export async function confirmTwoFactor(ctx: Ctx, box: SecretBox, code: string, currentStage: 'active' | 'totp_enrollment'): Promise<{ token: string }> {
  const where = and(eq(staffMember.organizationId, ctx.organizationId), eq(staffMember.id, ctx.actor.staffMemberId));
  const [account] = await ctx.tx
    .select({ secret: staffMember.totpSecret, enabledAt: staffMember.totpEnabledAt })
    .from(staffMember)
    .where(where)
    .for('update');
  if (!account) throw new DomainError('not_found');
  if (account.enabledAt) throw new DomainError('two_factor_already_enabled');
  const stored = account.secret ? openTotpSecret(box, ctx.actor.staffMemberId, account.secret) : null;
  const step = stored ? matchTotp(stored.secretBase32, code) : null;
  if (!stored || step === null) {
    throw new DomainError('validation_failed', {}, [
      { field: 'body.code', message: { fr: 'Ce code ne correspond pas. Vérifiez l’heure de votre appareil et saisissez le code affiché.', en: 'This code does not match. Check your device’s clock and enter the code shown.' } },
    ]);
  }
  // An enrolment started before secrets were encrypted is sealed now.
  const reseal = stored.legacy ? { totpSecret: sealTotpSecret(box, ctx.actor.staffMemberId, stored.secretBase32) } : {};
  await ctx.tx.update(staffMember).set({ totpEnabledAt: sql`now()`, totpLastCounter: step, ...reseal }).where(where);
  const token = await advanceSession(ctx.tx, ctx.organizationId, ctx.actor.sessionId, 'active');
  ctx.audit({ action: 'account.two_factor_enabled', targetType: 'staff_member', targetId: ctx.actor.staffMemberId, details: { fromStage: currentStage } });
  return { token };
}
