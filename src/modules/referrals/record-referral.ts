import { and, eq, isNull } from 'drizzle-orm';
import { newId } from '../../db/columns.js';
import { DomainError } from '../../lib/domain-error.js';
import { optionalText } from '../../lib/text.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import type { Tx } from '../../db/transaction.js';
import { partner } from '../partners/schema.js';
import { service } from '../services/schema.js';
import { referral, type ReferralSource, type Urgency } from './schema.js';

export interface ReferralFields {
  source: ReferralSource;
  partnerId?: string | null | undefined;
  referrerName?: string | null | undefined;
  referrerRole?: string | null | undefined;
  referrerEmail?: string | null | undefined;
  referrerPhone?: string | null | undefined;
  firstName: string;
  lastName: string;
  birthDate?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  serviceId?: string | null | undefined;
  reason: string;
  urgency: Urgency;
  consentToShare: boolean;
}

const field = (name: string, fr: string, en: string) => ({ field: `body.${name}`, message: { fr, en } });

/** The service asked for must be one the structure offers now (not archived). */
export async function checkServiceOffered(tx: Tx, organizationId: string, serviceId: string | null | undefined, path = 'serviceId'): Promise<void> {
  if (!serviceId) return;
  const [found] = await tx
    .select({ id: service.id })
    .from(service)
    .where(and(eq(service.organizationId, organizationId), eq(service.id, serviceId), isNull(service.archivedAt)));
  if (!found) throw new DomainError('validation_failed', {}, [field(path, 'Ce dispositif n’existe pas ou n’est plus proposé.', 'This service does not exist or is no longer offered.')]);
}

/**
 * Records a request for support received by a staff member (a partner's social worker on the phone,
 * a GP's letter, a relative at the front desk). It lands in the referral inbox of the triage roles.
 */
export async function recordReferral(ctx: Ctx, input: ReferralFields): Promise<{ id: string }> {
  await requireAccess(ctx, 'referral.record');
  const problems = [];
  if (input.source === 'partner' && !input.partnerId) {
    problems.push(field('partnerId', 'Indiquez la structure partenaire qui oriente la personne.', 'Name the partner structure that refers the person.'));
  }
  if (input.source !== 'self' && !optionalText(input.referrerName)) {
    problems.push(field('referrerName', 'Indiquez qui fait la demande.', 'Say who makes the request.'));
  }
  if (problems.length) throw new DomainError('validation_failed', {}, problems);
  if (input.partnerId) {
    const [found] = await ctx.tx
      .select({ id: partner.id })
      .from(partner)
      .where(and(eq(partner.organizationId, ctx.organizationId), eq(partner.id, input.partnerId), isNull(partner.archivedAt)));
    if (!found) throw new DomainError('validation_failed', {}, [field('partnerId', 'Structure partenaire inconnue ou archivée.', 'Unknown or archived partner structure.')]);
  }
  await checkServiceOffered(ctx.tx, ctx.organizationId, input.serviceId);
  const id = newId();
  await ctx.tx.insert(referral).values({
    organizationId: ctx.organizationId,
    id,
    source: input.source,
    channel: 'staff',
    partnerId: input.source === 'partner' ? (input.partnerId ?? null) : null,
    referrerName: input.source === 'self' ? null : optionalText(input.referrerName),
    referrerRole: input.source === 'self' ? null : optionalText(input.referrerRole),
    referrerEmail: input.source === 'self' ? null : optionalText(input.referrerEmail),
    referrerPhone: input.source === 'self' ? null : optionalText(input.referrerPhone),
    firstName: input.firstName.trim(),
    lastName: input.lastName.trim(),
    birthDate: input.birthDate ?? null,
    email: optionalText(input.email),
    phone: optionalText(input.phone),
    serviceId: input.serviceId ?? null,
    reason: input.reason.trim(),
    urgency: input.urgency,
    consentToShare: input.consentToShare,
    recordedBy: ctx.actor.staffMemberId,
  });
  ctx.audit({ action: 'referral.recorded', targetType: 'referral', targetId: id, details: { source: input.source, urgency: input.urgency } });
  return { id };
}
