import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { asSystem } from '../../db/transaction.js';
import { DomainError } from '../../lib/domain-error.js';
import type { Locale } from '../../lib/i18n.js';
import { hashToken } from '../../lib/tokens.js';
import { recordAuditEvents } from '../audit/record-audit-event.js';
import { openSession, type OpenedSession, type SessionLifetime } from '../identity/open-session.js';
import { hashPassword } from '../identity/passwords.js';
import { organization } from '../organizations/schema.js';
import { createStaffAccount } from './create-staff-account.js';
import { invitation } from './schema.js';

const usable = (token: string) =>
  and(eq(invitation.tokenHash, hashToken(token)), isNull(invitation.acceptedAt), isNull(invitation.revokedAt), gt(invitation.expiresAt, sql`now()`));

/** What the invitation page shows before the person chooses a password. */
export async function describeInvitation(db: Db, token: string) {
  const [found] = await asSystem(db, (tx) =>
    tx
      .select({ email: invitation.email, firstName: invitation.firstName, lastName: invitation.lastName, expiresAt: invitation.expiresAt, organizationName: organization.name })
      .from(invitation)
      .innerJoin(organization, eq(organization.id, invitation.organizationId))
      .where(usable(token)),
  );
  if (!found) throw new DomainError('link_invalid');
  return { ...found, expiresAt: found.expiresAt.toISOString() };
}

/**
 * Turns an invitation into an account and signs the person in. The link works once. If the address
 * has meanwhile got an account, nothing is created and that account stays exactly as it was.
 */
export async function acceptInvitation(
  db: Db,
  input: { token: string; password: string; locale: Locale },
  origin: { ip: string | null; userAgent: string | null; requestId: string | null },
  lifetime: SessionLifetime,
): Promise<{ staffMemberId: string; session: OpenedSession }> {
  const passwordHash = await hashPassword(input.password);
  return asSystem(db, async (tx) => {
    const [found] = await tx
      .select({ id: invitation.id, organizationId: invitation.organizationId, email: invitation.email, firstName: invitation.firstName, lastName: invitation.lastName, roleIds: invitation.roleIds, disciplineIds: invitation.disciplineIds, requireTwoFactor: organization.requireTwoFactor })
      .from(invitation)
      .innerJoin(organization, eq(organization.id, invitation.organizationId))
      .where(usable(input.token))
      .for('update', { of: invitation });
    if (!found) throw new DomainError('link_invalid');
    const staffMemberId = await createStaffAccount(tx, {
      organizationId: found.organizationId,
      email: found.email,
      firstName: found.firstName,
      lastName: found.lastName,
      passwordHash,
      locale: input.locale,
      roleIds: found.roleIds,
      disciplineIds: found.disciplineIds,
    });
    await tx.update(invitation).set({ acceptedAt: sql`now()`, staffMemberId }).where(and(eq(invitation.organizationId, found.organizationId), eq(invitation.id, found.id)));
    const session = await openSession(tx, {
      organizationId: found.organizationId,
      staffMemberId,
      stage: found.requireTwoFactor ? 'totp_enrollment' : 'active',
      ip: origin.ip,
      userAgent: origin.userAgent,
      lifetime,
    });
    await recordAuditEvents(tx, { organizationId: found.organizationId, actorId: staffMemberId, ip: origin.ip, requestId: origin.requestId }, [
      { action: 'staff.invitation_accepted', targetType: 'invitation', targetId: found.id },
      { action: 'auth.sign_in', targetType: 'session', targetId: session.sessionId, details: { stage: session.stage, via: 'invitation' } },
    ]);
    return { staffMemberId, session };
  });
}
