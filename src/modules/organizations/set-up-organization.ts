import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { newId } from '../../db/columns.js';
import { asSystem } from '../../db/transaction.js';
import { DomainError } from '../../lib/domain-error.js';
import type { Locale } from '../../lib/i18n.js';
import { hashToken } from '../../lib/tokens.js';
import { recordAuditEvents } from '../audit/record-audit-event.js';
import { openSession, type OpenedSession, type SessionLifetime } from '../identity/open-session.js';
import { hashPassword } from '../identity/passwords.js';
import { setupToken } from '../identity/schema.js';
import { createStaffAccount } from '../staff/create-staff-account.js';
import { defaultDisciplines, defaultRoles } from './default-catalogue.js';
import { discipline, organization, role, type OrganizationKind } from './schema.js';

export interface SetUpOrganizationInput {
  token: string;
  organization: { name: string; kind: OrganizationKind };
  administrator: { firstName: string; lastName: string; email: string; password: string; locale: Locale };
}

/** Is this setup token still usable? (The setup page asks before showing its form.) */
export async function isSetupTokenValid(db: Db, token: string): Promise<boolean> {
  return asSystem(db, async (tx) => {
    const rows = await tx.select({ id: setupToken.id }).from(setupToken).where(and(eq(setupToken.tokenHash, hashToken(token)), isNull(setupToken.usedAt)));
    return rows.length > 0;
  });
}

/**
 * First run: names the structure, gives it the default roles and disciplines, creates its first
 * administrator and signs them in. The token works once: it is locked and spent in the same transaction.
 */
export async function setUpOrganization(
  db: Db,
  input: SetUpOrganizationInput,
  origin: { ip: string | null; userAgent: string | null; requestId: string | null },
  lifetime: SessionLifetime,
): Promise<{ organizationId: string; staffMemberId: string; session: OpenedSession }> {
  const passwordHash = await hashPassword(input.administrator.password);
  return asSystem(db, async (tx) => {
    const [spent] = await tx
      .update(setupToken)
      .set({ usedAt: sql`now()` })
      .where(and(eq(setupToken.tokenHash, hashToken(input.token)), isNull(setupToken.usedAt)))
      .returning({ id: setupToken.id });
    if (!spent) throw new DomainError('link_invalid');

    const organizationId = newId();
    // Independent practitioners are not bound by the ESSMS legal clock: they start with it off.
    const legalClock = input.organization.kind !== 'independent_practitioner' && input.organization.kind !== 'peer_support_practice';
    await tx.insert(organization).values({ id: organizationId, name: input.organization.name.trim(), kind: input.organization.kind, defaultLocale: input.administrator.locale, legalClock });
    const roles = await tx
      .insert(role)
      .values(defaultRoles.map((r) => ({ organizationId, code: r.code, nameFr: r.nameFr, nameEn: r.nameEn, permissions: r.permissions })))
      .returning({ id: role.id, code: role.code });
    await tx.insert(discipline).values(defaultDisciplines.map((d) => ({ organizationId, ...d })));
    const adminRole = roles.find((r) => r.code === 'administrator')!;
    const staffMemberId = await createStaffAccount(tx, {
      organizationId,
      email: input.administrator.email,
      firstName: input.administrator.firstName,
      lastName: input.administrator.lastName,
      passwordHash,
      locale: input.administrator.locale,
      roleIds: [adminRole.id],
      disciplineIds: [],
    });
    const session = await openSession(tx, { organizationId, staffMemberId, stage: 'active', ip: origin.ip, userAgent: origin.userAgent, lifetime });
    await recordAuditEvents(tx, { organizationId, actorId: staffMemberId, ip: origin.ip, requestId: origin.requestId }, [
      { action: 'organization.set_up', targetType: 'organization', targetId: organizationId, details: { kind: input.organization.kind } },
      { action: 'staff.created', targetType: 'staff_member', targetId: staffMemberId, details: { roles: ['administrator'] } },
      { action: 'auth.sign_in', targetType: 'session', targetId: session.sessionId, details: { stage: 'active', via: 'setup' } },
    ]);
    return { organizationId, staffMemberId, session };
  });
}
