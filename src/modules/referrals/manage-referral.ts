import { and, eq, sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { createPerson } from '../people/create-person.js';
import { referral, type ReferralStatus } from './schema.js';

async function lockReferral(ctx: Ctx, referralId: string) {
  const [row] = await ctx.tx.select().from(referral).where(and(eq(referral.organizationId, ctx.organizationId), eq(referral.id, referralId))).for('update');
  if (!row) throw new DomainError('not_found');
  return row;
}

/**
 * Links a referral to the person's record: an existing one the actor follows (care team), or a new
 * record opened from the referral's details, with the usual duplicate warning. Needed before a
 * person is admitted or put on the waitlist.
 */
export async function linkReferralPerson(
  ctx: Ctx,
  referralId: string,
  input: { personId: string } | { createRecord: true; duplicatesAcknowledged?: boolean | undefined },
): Promise<{ personId: string }> {
  await requireAccess(ctx, 'referral.triage');
  const current = await lockReferral(ctx, referralId);
  if (current.personId) throw new DomainError('referral_already_linked');
  let personId: string;
  if ('personId' in input) {
    await requireAccess(ctx, 'person.read', { personId: input.personId });
    personId = input.personId;
  } else {
    ({ id: personId } = await createPerson(ctx, {
      firstName: current.firstName,
      lastName: current.lastName,
      birthDate: current.birthDate,
      email: current.email,
      phone: current.phone,
      duplicatesAcknowledged: input.duplicatesAcknowledged,
    }));
  }
  await ctx.tx.update(referral).set({ personId, updatedAt: sql`now()` }).where(and(eq(referral.organizationId, ctx.organizationId), eq(referral.id, referralId)));
  ctx.audit({ action: 'referral.person_linked', personId, targetType: 'referral', targetId: referralId, details: { created: !('personId' in input) } });
  return { personId };
}

/** The request is withdrawn (the person no longer wishes it, or cannot be reached): it leaves the inbox. */
export async function withdrawReferral(ctx: Ctx, referralId: string, input: { note: string }): Promise<void> {
  await requireAccess(ctx, 'referral.triage');
  const current = await lockReferral(ctx, referralId);
  if (current.status !== 'new') throw new DomainError('referral_already_decided');
  await ctx.tx.update(referral).set({ status: 'withdrawn', withdrawalNote: input.note.trim(), updatedAt: sql`now()` }).where(and(eq(referral.organizationId, ctx.organizationId), eq(referral.id, referralId)));
  ctx.audit({ action: 'referral.withdrawn', personId: current.personId, targetType: 'referral', targetId: referralId });
}

/**
 * For the admission use cases: the referral under decision, locked so two decisions on it are taken
 * one after the other. No access check of its own: the caller has checked admission.decide.
 */
export async function referralForDecision(ctx: Ctx, referralId: string) {
  return lockReferral(ctx, referralId);
}

/** For the admission use cases: the referral now stands at its latest decision's outcome. */
export async function setReferralOutcome(ctx: Ctx, referralId: string, status: ReferralStatus): Promise<void> {
  await ctx.tx.update(referral).set({ status, updatedAt: sql`now()` }).where(and(eq(referral.organizationId, ctx.organizationId), eq(referral.id, referralId)));
}
