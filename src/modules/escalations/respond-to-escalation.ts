import { and, eq, sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { notifyStaff } from '../notifications/notify-staff.js';
import { participantCondition } from './escalation-view.js';
import { escalation, escalationEvent } from './schema.js';

/** The escalation, locked for the change about to be made, with the facts that decide who may make it. */
async function lockEscalation(ctx: Ctx, escalationId: string, action: string) {
  await requireAccess(ctx, 'escalation.read');
  const [found] = await ctx.tx
    .select({
      personId: escalation.personId,
      status: escalation.status,
      severity: escalation.severity,
      addresseeId: escalation.addresseeId,
      assigneeId: escalation.assigneeId,
      raisedBy: escalation.raisedBy,
      acknowledgedBy: escalation.acknowledgedBy,
      participant: participantCondition(ctx, sql.raw('"escalation"')),
    })
    .from(escalation)
    .where(and(eq(escalation.organizationId, ctx.organizationId), eq(escalation.id, escalationId)))
    .for('update');
  if (!found) throw new DomainError('not_found');
  const me = ctx.actor.staffMemberId;
  // Acting on it: the addressee, or whoever it climbed to (they were told; the acknowledgement stops the climb).
  const handles = found.addresseeId === me || found.assigneeId === me || found.acknowledgedBy === me;
  return { ...found, handles, refuse: (code: 'escalation_not_assigned' | 'escalation_not_participant') => new DomainError(code, {}, [], { action, personId: found.personId }) };
}

/** The addressee (or the current assignee) says they have it in hand: the climb stops there. */
export async function acknowledgeEscalation(ctx: Ctx, escalationId: string, input: { note?: string | null | undefined }): Promise<void> {
  const found = await lockEscalation(ctx, escalationId, 'escalation.acknowledge');
  const me = ctx.actor.staffMemberId;
  if (found.addresseeId !== me && found.assigneeId !== me) throw found.refuse('escalation_not_assigned');
  if (found.status === 'closed') throw new DomainError('escalation_closed');
  if (found.status !== 'open') throw new DomainError('escalation_already_acknowledged');
  await ctx.tx
    .update(escalation)
    .set({ status: 'acknowledged', acknowledgedBy: me, acknowledgedAt: sql`now()` })
    .where(and(eq(escalation.organizationId, ctx.organizationId), eq(escalation.id, escalationId)));
  await ctx.tx.insert(escalationEvent).values({ organizationId: ctx.organizationId, escalationId, kind: 'acknowledged', actorId: me, note: input.note?.trim() || null, at: sql`now()` });
  await notifyStaff(ctx, [found.raisedBy].filter((id) => id !== me), 'escalation_acknowledged', { escalationId, severity: found.severity });
  ctx.audit({ action: 'escalation.acknowledged', personId: found.personId, targetType: 'escalation', targetId: escalationId });
}

/** A follow-up note (what was done, what comes next), from anyone involved in the escalation. Never changed. */
export async function addEscalationFollowUp(ctx: Ctx, escalationId: string, input: { note: string }): Promise<void> {
  const found = await lockEscalation(ctx, escalationId, 'escalation.follow_up');
  if (!found.participant && !found.handles) throw found.refuse('escalation_not_participant');
  if (found.status === 'closed') throw new DomainError('escalation_closed');
  await ctx.tx.insert(escalationEvent).values({ organizationId: ctx.organizationId, escalationId, kind: 'follow_up', actorId: ctx.actor.staffMemberId, note: input.note.trim(), at: sql`now()` });
  const tell = [found.raisedBy, found.assigneeId].filter((id, i, all) => id !== ctx.actor.staffMemberId && all.indexOf(id) === i);
  await notifyStaff(ctx, tell, 'escalation_follow_up', { escalationId, severity: found.severity });
  ctx.audit({ action: 'escalation.followed_up', personId: found.personId, targetType: 'escalation', targetId: escalationId });
}

/**
 * Closes the escalation with the follow-up that was given. Closing one not yet acknowledged also
 * acknowledges it (whoever closes it has dealt with it).
 */
export async function closeEscalation(ctx: Ctx, escalationId: string, input: { followUp: string }): Promise<void> {
  const found = await lockEscalation(ctx, escalationId, 'escalation.close');
  const me = ctx.actor.staffMemberId;
  if (!found.handles) throw found.refuse('escalation_not_assigned');
  if (found.status === 'closed') throw new DomainError('escalation_closed');
  const followUp = input.followUp.trim();
  const where = and(eq(escalation.organizationId, ctx.organizationId), eq(escalation.id, escalationId));
  const acknowledging = found.status === 'open';
  if (acknowledging) {
    await ctx.tx.insert(escalationEvent).values({ organizationId: ctx.organizationId, escalationId, kind: 'acknowledged', actorId: me, at: sql`now()` });
  }
  await ctx.tx
    .update(escalation)
    .set({ status: 'closed', followUp, closedAt: sql`now()`, ...(acknowledging ? { acknowledgedBy: me, acknowledgedAt: sql`now()` } : {}) })
    .where(where);
  await ctx.tx.insert(escalationEvent).values({ organizationId: ctx.organizationId, escalationId, kind: 'closed', actorId: me, note: followUp, at: sql`now()` });
  await notifyStaff(ctx, [found.raisedBy].filter((id) => id !== me), 'escalation_closed', { escalationId, severity: found.severity });
  ctx.audit({ action: 'escalation.closed', personId: found.personId, targetType: 'escalation', targetId: escalationId });
}
