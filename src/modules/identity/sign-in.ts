import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { asSystem } from '../../db/transaction.js';
import { DomainError } from '../../lib/domain-error.js';
import { recordAuditEvents, installationOrganizationId } from '../audit/record-audit-event.js';
import { organization } from '../organizations/schema.js';
import { staffMember } from '../staff/schema.js';
import { openSession, type OpenedSession, type SessionLifetime } from './open-session.js';
import { verifyPassword } from './passwords.js';
import { accountFailures, addressFailures, blockedFor, clearHits, countHit } from './rate-limit.js';
import type { SessionStage } from './schema.js';

export interface SignInInput {
  email: string;
  password: string;
}

export interface SignInOrigin {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

// A failed attempt names no address in the audit trail: a short digest lets a reviewer group
// attempts on the same address without the trail holding addresses people mistyped.
const emailDigest = (email: string) => crypto.createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 16);

/**
 * Checks an address and password. Rate-limited per account and per network address (429 with a
 * wait time); every outcome is audited. With two-factor on, the session opened is only a step
 * towards the second factor.
 */
export async function signIn(db: Db, input: SignInInput, origin: SignInOrigin, lifetime: SessionLifetime): Promise<OpenedSession> {
  const ip = origin.ip ?? 'unknown';
  const before = await asSystem(db, async (tx) => {
    const blockedAddress = await blockedFor(tx, addressFailures(ip));
    const blockedAccount = await blockedFor(tx, accountFailures(input.email));
    const [account] = await tx
      .select({
        id: staffMember.id,
        organizationId: staffMember.organizationId,
        passwordHash: staffMember.passwordHash,
        status: staffMember.status,
        totpEnabledAt: staffMember.totpEnabledAt,
        requireTwoFactor: organization.requireTwoFactor,
      })
      .from(staffMember)
      .innerJoin(organization, eq(organization.id, staffMember.organizationId))
      .where(eq(staffMember.email, input.email.trim()))
      .limit(1);
    const retryAfter = blockedAddress ?? blockedAccount;
    if (retryAfter !== null) {
      await recordAuditEvents(
        tx,
        { organizationId: account?.organizationId ?? installationOrganizationId, actorId: account?.id ?? null, ip: origin.ip, requestId: origin.requestId },
        [{ action: 'auth.sign_in', outcome: 'denied', details: { reason: 'rate_limited', email: emailDigest(input.email) } }],
      );
    }
    return { account, retryAfter };
  });
  if (before.retryAfter !== null) throw new DomainError('rate_limited', { retryAfterSeconds: before.retryAfter });

  const account = before.account;
  const passwordOk = await verifyPassword(account?.passwordHash ?? null, input.password);
  const active = account?.status === 'active';

  const outcome = await asSystem(db, async (tx) => {
    const auditOrigin = { organizationId: account?.organizationId ?? installationOrganizationId, actorId: account?.id ?? null, ip: origin.ip, requestId: origin.requestId };
    if (!account || !passwordOk || !active) {
      await countHit(tx, accountFailures(input.email));
      await countHit(tx, addressFailures(ip));
      const reason = !account ? 'unknown_account' : !passwordOk ? 'wrong_password' : 'deactivated';
      await recordAuditEvents(tx, auditOrigin, [{ action: 'auth.sign_in', outcome: 'failure', details: { reason, email: emailDigest(input.email) } }]);
      return null;
    }
    await clearHits(tx, accountFailures(input.email).key);
    const stage: SessionStage = account.totpEnabledAt ? 'totp_pending' : account.requireTwoFactor ? 'totp_enrollment' : 'active';
    const opened = await openSession(tx, { organizationId: account.organizationId, staffMemberId: account.id, stage, ip: origin.ip, userAgent: origin.userAgent, lifetime });
    await recordAuditEvents(tx, auditOrigin, [{ action: 'auth.sign_in', outcome: 'success', targetType: 'session', targetId: opened.sessionId, details: { stage } }]);
    return opened;
  });
  if (!outcome) throw new DomainError('invalid_credentials');
  return outcome;
}
