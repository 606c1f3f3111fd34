import { and, asc, eq } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { organization } from '../organizations/schema.js';
import { person } from '../people/schema.js';
import { readReferral } from '../referrals/read-referral.js';
import { service } from '../services/schema.js';
import { staffMember } from '../staff/schema.js';
import { renderDecisionLetter } from './decision-letter.js';
import { alias } from 'drizzle-orm/pg-core';
import { admissionDecision, episode } from './schema.js';

const referent = alias(staffMember, 'referent');

export const decisionReference = (id: string, decidedAt: Date) => `DEC-${decidedAt.getUTCFullYear()}-${id.replace(/-/g, '').slice(-6).toUpperCase()}`;

/** Every decision on a referral, oldest first; the one in force is the one nothing supersedes. */
export async function listReferralDecisions(ctx: Ctx, referralId: string) {
  await requireAccess(ctx, 'referral.triage');
  const rows = await ctx.tx
    .select({ d: admissionDecision, serviceName: service.name, firstName: staffMember.firstName, lastName: staffMember.lastName, episodeId: episode.id, referentFirstName: referent.firstName, referentLastName: referent.lastName })
    .from(admissionDecision)
    .innerJoin(service, and(eq(service.organizationId, admissionDecision.organizationId), eq(service.id, admissionDecision.serviceId)))
    .innerJoin(staffMember, and(eq(staffMember.organizationId, admissionDecision.organizationId), eq(staffMember.id, admissionDecision.decidedBy)))
    .leftJoin(episode, and(eq(episode.organizationId, admissionDecision.organizationId), eq(episode.admissionDecisionId, admissionDecision.id)))
    .leftJoin(referent, and(eq(referent.organizationId, episode.organizationId), eq(referent.id, episode.referentId)))
    .where(and(eq(admissionDecision.organizationId, ctx.organizationId), eq(admissionDecision.referralId, referralId)))
    .orderBy(asc(admissionDecision.decidedAt));
  const superseded = new Set(rows.map((r) => r.d.supersedesId).filter(Boolean));
  ctx.audit({ action: 'admission.decisions_read', personId: rows[0]?.d.personId ?? null, targetType: 'referral', targetId: referralId });
  return rows.map(({ d, serviceName, firstName, lastName, episodeId, referentFirstName, referentLastName }) => ({
    id: d.id,
    reference: decisionReference(d.id, d.decidedAt),
    serviceId: d.serviceId,
    serviceName,
    outcome: d.outcome,
    reasons: d.reasons,
    orientationTo: d.orientationTo,
    orientationDetail: d.orientationDetail,
    criteriaAnswers: d.criteriaAnswers,
    safetyConcern: d.safetyConcern,
    capacity: d.capacity,
    capacityOverrideReason: d.capacityOverrideReason,
    waitlistPriority: d.waitlistPriority,
    letterRecipient: d.letterRecipient,
    supersedesId: d.supersedesId,
    inForce: !superseded.has(d.id),
    episodeId,
    referentName: referentFirstName ? `${referentFirstName} ${referentLastName}` : null,
    decidedByName: `${firstName} ${lastName}`,
    decidedAt: d.decidedAt.toISOString(),
  }));
}

/**
 * The letter of a refusal or an orientation (PDF), to the person or to the referrer. Made from the
 * decision as recorded, so the same decision always gives the same letter.
 */
export async function decisionLetter(ctx: Ctx, decisionId: string, locale: 'fr' | 'en', timeZone: string): Promise<{ filename: string; pdf: Uint8Array }> {
  await requireAccess(ctx, 'admission.decide');
  const [row] = await ctx.tx
    .select({ d: admissionDecision, serviceName: service.name, firstName: staffMember.firstName, lastName: staffMember.lastName, organizationName: organization.name, organizationAddress: organization.address, organizationPhone: organization.phone, organizationEmail: organization.email })
    .from(admissionDecision)
    .innerJoin(service, and(eq(service.organizationId, admissionDecision.organizationId), eq(service.id, admissionDecision.serviceId)))
    .innerJoin(staffMember, and(eq(staffMember.organizationId, admissionDecision.organizationId), eq(staffMember.id, admissionDecision.decidedBy)))
    .innerJoin(organization, eq(organization.id, admissionDecision.organizationId))
    .where(and(eq(admissionDecision.organizationId, ctx.organizationId), eq(admissionDecision.id, decisionId)));
  if (!row) throw new DomainError('not_found');
  const d = row.d;
  if (d.outcome !== 'refuse' && d.outcome !== 'orient') throw new DomainError('no_letter_for_outcome');
  const referral = await readReferral(ctx, d.referralId);
  let address: string | null = null;
  if (d.personId) {
    const [p] = await ctx.tx.select({ address: person.address }).from(person).where(and(eq(person.organizationId, ctx.organizationId), eq(person.id, d.personId)));
    address = p?.address ?? null;
  }
  const toReferrer = d.letterRecipient === 'referrer' && referral.referrerName;
  const personName = `${referral.firstName} ${referral.lastName}`;
  const day = (at: Date) => at.toLocaleDateString('en-CA', { timeZone });
  const reference = decisionReference(d.id, d.decidedAt);
  const pdf = await renderDecisionLetter({
    locale,
    organization: { name: row.organizationName, address: row.organizationAddress, phone: row.organizationPhone, email: row.organizationEmail },
    recipient: toReferrer ? { kind: 'referrer', name: referral.partnerName ? `${referral.referrerName} — ${referral.partnerName}` : referral.referrerName! } : { kind: 'person', name: personName, address },
    personName,
    outcome: d.outcome,
    serviceName: row.serviceName,
    referralReceivedOn: day(new Date(referral.receivedAt)),
    decidedOn: day(d.decidedAt),
    decidedBy: { name: `${row.firstName} ${row.lastName}` },
    reasons: d.reasons ?? '',
    orientation: d.orientationTo ? { to: d.orientationTo, detail: d.orientationDetail } : null,
    reference,
  });
  ctx.audit({ action: 'admission.letter_generated', personId: d.personId, targetType: 'admission_decision', targetId: d.id, details: { recipient: toReferrer ? 'referrer' : 'person' } });
  return { filename: `${reference}.pdf`, pdf };
}
