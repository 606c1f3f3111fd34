import { and, eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import { DomainError } from '../../lib/domain-error.js';
import type { SecretBox } from '../../lib/secret-box.js';
import type { Ctx } from '../../server/context.js';
import { staffMember } from '../staff/schema.js';
import { newTotpSecret, sealTotpSecret, totpFor } from './totp.js';

export interface TwoFactorEnrolment {
  secret: string;
  otpauthUri: string;
  /** The same URI as an SVG QR code, to scan with an authenticator app. */
  qrCodeSvg: string;
}

/** Starts (or restarts) enrolment: a new secret, pending until a first code confirms it; stored encrypted. */
export async function enrolTwoFactor(ctx: Ctx, box: SecretBox): Promise<TwoFactorEnrolment> {
  const where = and(eq(staffMember.organizationId, ctx.organizationId), eq(staffMember.id, ctx.actor.staffMemberId));
  const [account] = await ctx.tx.select({ email: staffMember.email, enabledAt: staffMember.totpEnabledAt }).from(staffMember).where(where).for('update');
  if (!account) throw new DomainError('not_found');
  if (account.enabledAt) throw new DomainError('two_factor_already_enabled');
  const secret = newTotpSecret();
  await ctx.tx.update(staffMember).set({ totpSecret: sealTotpSecret(box, ctx.actor.staffMemberId, secret), totpLastCounter: null }).where(where);
  const otpauthUri = totpFor(secret, account.email).toString();
  const qrCodeSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  ctx.audit({ action: 'account.two_factor_enrolment_started', targetType: 'staff_member', targetId: ctx.actor.staffMemberId });
  return { secret, otpauthUri, qrCodeSvg };
}
