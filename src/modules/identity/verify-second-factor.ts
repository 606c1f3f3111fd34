import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { asSystem } from '../../db/transaction.js';
import { DomainError } from '../../lib/domain-error.js';
import type { SecretBox } from '../../lib/secret-box.js';
import { recordAuditEvents } from '../audit/record-audit-event.js';
import { staffMember } from '../staff/schema.js';
import { advanceSession } from './open-session.js';
import { blockedFor, clearHits, countHit, secondFactorFailures } from './rate-limit.js';
import { matchTotp, openTotpSecret, sealTotpSecret } from './totp.js';

export interface SecondFactorSubject {
  organizationId: string;
  staffMemberId: string;
  sessionId: string;
  ip: string | null;
  requestId: string | null;
}

/** Completes a sign-in with a code from the authenticator app; returns the new session token. */
export async function verifySecondFactor(db: Db, box: SecretBox, who: SecondFactorSubject, code: string): Promise<string> {
  const result = await asSystem(db, async (tx) => {
    const origin = { organizationId: who.organizationId, actorId: who.staffMemberId, ip: who.ip, requestId: who.requestId };
    const limit = secondFactorFailures(who.staffMemberId);
    const wait = await blockedFor(tx, limit);
    if (wait !== null) {
      await recordAuditEvents(tx, origin, [{ action: 'auth.second_factor', outcome: 'denied', details: { reason: 'rate_limited' } }]);
      return { error: new DomainError('rate_limited', { retryAfterSeconds: wait }) };
    }
    const [account] = await tx
      .select({ secret: staffMember.totpSecret, enabledAt: staffMember.totpEnabledAt, lastCounter: staffMember.totpLastCounter })
      .from(staffMember)
      .where(and(eq(staffMember.organizationId, who.organizationId), eq(staffMember.id, who.staffMemberId)))
      .for('update');
    const stored = account?.secret && account.enabledAt ? openTotpSecret(box, who.staffMemberId, account.secret) : null;
    const step = stored ? matchTotp(stored.secretBase32, code) : null;
    if (!stored || step === null || (account?.lastCounter != null && step <= account.lastCounter)) {
      await countHit(tx, limit);
      // A secret that does not open (another key, an altered value) refuses every code, and says so in the audit trail.
      const details = account?.secret && account.enabledAt && !stored ? { reason: 'secret_unreadable' } : undefined;
      await recordAuditEvents(tx, origin, [{ action: 'auth.second_factor', outcome: 'failure', ...(details ? { details } : {}) }]);
      return { error: new DomainError('invalid_totp') };
    }
    await clearHits(tx, limit.key);
    // A secret still stored in clear (written before encryption) is sealed on its first successful use.
    const reseal = stored.legacy ? { totpSecret: sealTotpSecret(box, who.staffMemberId, stored.secretBase32) } : {};
    await tx
      .update(staffMember)
      .set({ totpLastCounter: step, ...reseal })
      .where(and(eq(staffMember.organizationId, who.organizationId), eq(staffMember.id, who.staffMemberId)));
    const token = await advanceSession(tx, who.organizationId, who.sessionId, 'active');
    await recordAuditEvents(tx, origin, [{ action: 'auth.second_factor', outcome: 'success', targetType: 'session', targetId: who.sessionId }]);
    return { token };
  });
  if ('error' in result) throw result.error;
  return result.token;
}
