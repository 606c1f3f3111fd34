import { and, eq } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { partner } from '../partners/schema.js';
import { displayName } from '../people/person-display.js';
import { person } from '../people/schema.js';
import { service } from '../services/schema.js';
import { staffMember } from '../staff/schema.js';
import { referralReference } from './submit-self-referral.js';
import { referral } from './schema.js';

/** A referral as received, for the roles that triage; the read is audited against the person when linked. */
export async function readReferral(ctx: Ctx, referralId: string) {
  await requireAccess(ctx, 'referral.triage');
  const [row] = await ctx.tx
    .select({
      referral,
      partnerName: partner.name,
      serviceName: service.name,
      recordedByName: staffMember.firstName,
      recordedByLastName: staffMember.lastName,
      person: { firstName: person.firstName, lastName: person.lastName, discreet: person.discreet, alias: person.alias },
    })
    .from(referral)
    .leftJoin(partner, and(eq(partner.organizationId, referral.organizationId), eq(partner.id, referral.partnerId)))
    .leftJoin(service, and(eq(service.organizationId, referral.organizationId), eq(service.id, referral.serviceId)))
    .leftJoin(staffMember, and(eq(staffMember.organizationId, referral.organizationId), eq(staffMember.id, referral.recordedBy)))
    .leftJoin(person, and(eq(person.organizationId, referral.organizationId), eq(person.id, referral.personId)))
    .where(and(eq(referral.organizationId, ctx.organizationId), eq(referral.id, referralId)));
  if (!row) throw new DomainError('not_found');
  const r = row.referral;
  ctx.audit({ action: 'referral.read', personId: r.personId, targetType: 'referral', targetId: r.id });
  return {
    id: r.id,
    reference: referralReference(r.id),
    source: r.source,
    channel: r.channel,
    partnerId: r.partnerId,
    partnerName: row.partnerName,
    referrerName: r.referrerName,
    referrerRole: r.referrerRole,
    referrerEmail: r.referrerEmail,
    referrerPhone: r.referrerPhone,
    firstName: r.firstName,
    lastName: r.lastName,
    birthDate: r.birthDate,
    email: r.email,
    phone: r.phone,
    personId: r.personId,
    personDisplayName: r.personId && row.person ? displayName({ ...row.person, discreet: row.person.discreet ?? false }) : null,
    serviceId: r.serviceId,
    serviceName: row.serviceName,
    reason: r.reason,
    urgency: r.urgency,
    consentToShare: r.consentToShare,
    status: r.status,
    withdrawalNote: r.withdrawalNote,
    receivedAt: r.receivedAt.toISOString(),
    recordedByName: row.recordedByName ? `${row.recordedByName} ${row.recordedByLastName}` : null,
  };
}
export type ReferralView = Awaited<ReturnType<typeof readReferral>>;
