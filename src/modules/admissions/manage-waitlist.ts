import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { newId } from '../../db/columns.js';
import { isUniqueViolation } from '../../db/errors.js';
import { DomainError } from '../../lib/domain-error.js';
import { optionalText } from '../../lib/text.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { displayName } from '../people/person-display.js';
import { person } from '../people/schema.js';
import { setReferralOutcome } from '../referrals/manage-referral.js';
import { service } from '../services/schema.js';
import { decideAdmission, type AdmissionDetails } from './decide-admission.js';
import { admissionDecision, waitlistEntry, waitlistOffer } from './schema.js';

/**
 * The waitlist of each service: priority first (1 before 3), then the oldest entry. Position counts
 * the people still waiting or with a place offered. Discreet people appear under alias or initials.
 */
export async function listWaitlist(ctx: Ctx, query: { serviceId?: string | undefined }) {
  await requireAccess(ctx, 'referral.triage');
  const rows = await ctx.tx
    .select({
      id: waitlistEntry.id,
      serviceId: waitlistEntry.serviceId,
      serviceName: service.name,
      personId: waitlistEntry.personId,
      firstName: person.firstName,
      lastName: person.lastName,
      discreet: person.discreet,
      alias: person.alias,
      referralId: waitlistEntry.referralId,
      priority: waitlistEntry.priority,
      enteredAt: waitlistEntry.enteredAt,
      status: waitlistEntry.status,
      position: sql<number>`row_number() OVER (PARTITION BY ${waitlistEntry.serviceId} ORDER BY ${waitlistEntry.priority}, ${waitlistEntry.enteredAt}, ${waitlistEntry.id})::int`,
      offeredAt: waitlistOffer.offeredAt,
    })
    .from(waitlistEntry)
    .innerJoin(person, and(eq(person.organizationId, waitlistEntry.organizationId), eq(person.id, waitlistEntry.personId)))
    .innerJoin(service, and(eq(service.organizationId, waitlistEntry.organizationId), eq(service.id, waitlistEntry.serviceId)))
    .leftJoin(waitlistOffer, and(eq(waitlistOffer.organizationId, waitlistEntry.organizationId), eq(waitlistOffer.entryId, waitlistEntry.id), isNull(waitlistOffer.response)))
    .where(
      and(
        eq(waitlistEntry.organizationId, ctx.organizationId),
        inArray(waitlistEntry.status, ['waiting', 'offered']),
        query.serviceId ? eq(waitlistEntry.serviceId, query.serviceId) : undefined,
      ),
    )
    .orderBy(asc(service.name), asc(waitlistEntry.priority), asc(waitlistEntry.enteredAt), asc(waitlistEntry.id));
  ctx.audit({ action: 'waitlist.listed', details: { serviceId: query.serviceId ?? null, count: rows.length } });
  for (const r of rows) ctx.audit({ action: 'person.listed', personId: r.personId, targetType: 'waitlist_entry', targetId: r.id, details: { via: 'waitlist' } });
  return rows.map((r) => ({
    id: r.id,
    serviceId: r.serviceId,
    serviceName: r.serviceName,
    personId: r.personId,
    displayName: displayName(r),
    referralId: r.referralId,
    priority: r.priority,
    enteredAt: r.enteredAt.toISOString(),
    status: r.status,
    position: r.position,
    offeredAt: r.offeredAt?.toISOString() ?? null,
  }));
}

async function lockEntry(ctx: Ctx, entryId: string) {
  const [entry] = await ctx.tx
    .select()
    .from(waitlistEntry)
    .where(and(eq(waitlistEntry.organizationId, ctx.organizationId), eq(waitlistEntry.id, entryId)))
    .for('update');
  if (!entry) throw new DomainError('not_found');
  return entry;
}

/** Offers a place to a person waiting: their answer is then recorded (accept: admission; decline). */
export async function offerPlace(ctx: Ctx, entryId: string): Promise<{ offerId: string }> {
  await requireAccess(ctx, 'admission.decide');
  const entry = await lockEntry(ctx, entryId);
  if (entry.status === 'offered') throw new DomainError('offer_pending');
  if (entry.status !== 'waiting') throw new DomainError('waitlist_entry_closed');
  const offerId = newId();
  try {
    await ctx.tx.insert(waitlistOffer).values({ organizationId: ctx.organizationId, id: offerId, entryId, offeredBy: ctx.actor.staffMemberId });
  } catch (error) {
    if (isUniqueViolation(error, 'waitlist_offer_one_pending')) throw new DomainError('offer_pending');
    throw error;
  }
  await ctx.tx.update(waitlistEntry).set({ status: 'offered' }).where(and(eq(waitlistEntry.organizationId, ctx.organizationId), eq(waitlistEntry.id, entryId)));
  ctx.audit({ action: 'waitlist.place_offered', personId: entry.personId, targetType: 'waitlist_entry', targetId: entryId });
  return { offerId };
}

export type OfferResponse =
  | { response: 'accepted'; admission: AdmissionDetails; capacityOverrideReason?: string | null | undefined }
  | { response: 'declined'; note?: string | null | undefined; stayOnWaitlist: boolean };

/**
 * Records the person's answer to a place offered. Accepting admits them (a decision that supersedes
 * the waitlist one, on the same criteria answers, capacity checked); declining keeps their place in
 * the queue or takes them off it, as they wish.
 */
export async function respondToOffer(ctx: Ctx, entryId: string, input: OfferResponse): Promise<{ decisionId: string | null; episodeId: string | null }> {
  await requireAccess(ctx, 'admission.decide');
  const entry = await lockEntry(ctx, entryId);
  const [pending] = await ctx.tx
    .select({ id: waitlistOffer.id })
    .from(waitlistOffer)
    .where(and(eq(waitlistOffer.organizationId, ctx.organizationId), eq(waitlistOffer.entryId, entryId), isNull(waitlistOffer.response)));
  if (!pending || entry.status !== 'offered') throw new DomainError('no_pending_offer');
  const note = input.response === 'declined' ? (optionalText(input.note) ?? null) : null;
  await ctx.tx
    .update(waitlistOffer)
    .set({ response: input.response, responseNote: note, respondedBy: ctx.actor.staffMemberId, respondedAt: sql`now()` })
    .where(and(eq(waitlistOffer.organizationId, ctx.organizationId), eq(waitlistOffer.id, pending.id)));
  if (input.response === 'declined') {
    await ctx.tx
      .update(waitlistEntry)
      .set(input.stayOnWaitlist ? { status: 'waiting' } : { status: 'left', leftAt: new Date(), leftReason: 'declined_offer' })
      .where(and(eq(waitlistEntry.organizationId, ctx.organizationId), eq(waitlistEntry.id, entryId)));
    if (!input.stayOnWaitlist) await setReferralOutcome(ctx, entry.referralId, 'withdrawn');
    ctx.audit({ action: 'waitlist.offer_declined', personId: entry.personId, targetType: 'waitlist_entry', targetId: entryId, details: { stayOnWaitlist: input.stayOnWaitlist } });
    return { decisionId: null, episodeId: null };
  }
  const [waitlisted] = await ctx.tx
    .select({ id: admissionDecision.id, criteriaAnswers: admissionDecision.criteriaAnswers })
    .from(admissionDecision)
    .where(and(eq(admissionDecision.organizationId, ctx.organizationId), eq(admissionDecision.id, entry.decisionId)));
  ctx.audit({ action: 'waitlist.offer_accepted', personId: entry.personId, targetType: 'waitlist_entry', targetId: entryId });
  const decided = await decideAdmission(
    ctx,
    {
      referralId: entry.referralId,
      serviceId: entry.serviceId,
      outcome: 'admit',
      criteriaAnswers: [],
      supersedesId: entry.decisionId,
      admission: input.admission,
      capacityOverrideReason: input.capacityOverrideReason,
    },
    { carriedAnswers: waitlisted!.criteriaAnswers },
  );
  return { decisionId: decided.id, episodeId: decided.episodeId };
}

/** Takes a person off the waitlist (they found support elsewhere, moved, no longer wish it). */
export async function leaveWaitlist(ctx: Ctx, entryId: string, input: { reason: string }): Promise<void> {
  await requireAccess(ctx, 'admission.decide');
  const entry = await lockEntry(ctx, entryId);
  if (entry.status !== 'waiting' && entry.status !== 'offered') throw new DomainError('waitlist_entry_closed');
  await ctx.tx.update(waitlistOffer).set({ response: 'declined', responseNote: input.reason.trim(), respondedBy: ctx.actor.staffMemberId, respondedAt: sql`now()` })
    .where(and(eq(waitlistOffer.organizationId, ctx.organizationId), eq(waitlistOffer.entryId, entryId), isNull(waitlistOffer.response)));
  await ctx.tx
    .update(waitlistEntry)
    .set({ status: 'left', leftAt: new Date(), leftReason: input.reason.trim() })
    .where(and(eq(waitlistEntry.organizationId, ctx.organizationId), eq(waitlistEntry.id, entryId)));
  await setReferralOutcome(ctx, entry.referralId, 'withdrawn');
  ctx.audit({ action: 'waitlist.left', personId: entry.personId, targetType: 'waitlist_entry', targetId: entryId });
}
