import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { partner } from '../partners/schema.js';
import { displayName } from '../people/person-display.js';
import { person } from '../people/schema.js';
import { service } from '../services/schema.js';
import { referral, type ReferralSource, type ReferralStatus, type Urgency } from './schema.js';

export interface ReferralInboxItem {
  id: string;
  /** As received; for a request linked to a discreet person's record, their alias or initials. */
  displayName: string;
  personId: string | null;
  source: ReferralSource;
  channel: 'staff' | 'public_form';
  referrerName: string | null;
  partnerName: string | null;
  serviceId: string | null;
  serviceName: string | null;
  urgency: Urgency;
  consentToShare: boolean;
  status: ReferralStatus;
  receivedAt: string;
}

export interface ReferralInboxQuery {
  status: 'open' | 'all' | ReferralStatus;
  serviceId?: string | undefined;
  limit: number;
}

/**
 * The referral inbox of the roles that triage: open requests first by urgency, then the oldest
 * first (nobody waits forgotten at the bottom). "open" means not yet decided.
 */
export async function listReferralInbox(ctx: Ctx, query: ReferralInboxQuery): Promise<{ items: ReferralInboxItem[]; hasMore: boolean }> {
  await requireAccess(ctx, 'referral.triage');
  const statuses: ReferralStatus[] | null = query.status === 'all' ? null : query.status === 'open' ? ['new'] : [query.status];
  const rows = await ctx.tx
    .select({
      id: referral.id,
      firstName: referral.firstName,
      lastName: referral.lastName,
      personId: referral.personId,
      personFirstName: person.firstName,
      personLastName: person.lastName,
      personDiscreet: person.discreet,
      personAlias: person.alias,
      source: referral.source,
      channel: referral.channel,
      referrerName: referral.referrerName,
      partnerName: partner.name,
      serviceId: referral.serviceId,
      serviceName: service.name,
      urgency: referral.urgency,
      consentToShare: referral.consentToShare,
      status: referral.status,
      receivedAt: referral.receivedAt,
    })
    .from(referral)
    .leftJoin(person, and(eq(person.organizationId, referral.organizationId), eq(person.id, referral.personId)))
    .leftJoin(partner, and(eq(partner.organizationId, referral.organizationId), eq(partner.id, referral.partnerId)))
    .leftJoin(service, and(eq(service.organizationId, referral.organizationId), eq(service.id, referral.serviceId)))
    .where(
      and(
        eq(referral.organizationId, ctx.organizationId),
        statuses ? inArray(referral.status, statuses) : undefined,
        query.serviceId ? eq(referral.serviceId, query.serviceId) : undefined,
      ),
    )
    .orderBy(sql`CASE ${referral.urgency} WHEN 'urgent' THEN 0 WHEN 'soon' THEN 1 ELSE 2 END`, asc(referral.receivedAt))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map((r) => ({
    id: r.id,
    displayName:
      r.personId && r.personDiscreet
        ? displayName({ firstName: r.personFirstName ?? '', lastName: r.personLastName ?? '', discreet: true, alias: r.personAlias })
        : `${r.firstName} ${r.lastName}`,
    personId: r.personId,
    source: r.source,
    channel: r.channel,
    referrerName: r.referrerName,
    partnerName: r.partnerName,
    serviceId: r.serviceId,
    serviceName: r.serviceName,
    urgency: r.urgency,
    consentToShare: r.consentToShare,
    status: r.status,
    receivedAt: r.receivedAt.toISOString(),
  }));
  ctx.audit({ action: 'referral.inbox_listed', details: { status: query.status, count: items.length } });
  for (const item of items) if (item.personId) ctx.audit({ action: 'person.listed', personId: item.personId, targetType: 'referral', targetId: item.id, details: { via: 'referral_inbox' } });
  return { items, hasMore: rows.length > query.limit };
}
