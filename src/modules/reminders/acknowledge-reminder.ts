import { and, eq, sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { assertAccess, onCareTeamCondition } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { reminder } from './schema.js';

/** A member of the person's care team has dealt with a failed reminder (called the person, fixed the address): it leaves the list. */
export async function acknowledgeReminder(ctx: Ctx, reminderId: string): Promise<void> {
  const where = and(eq(reminder.organizationId, ctx.organizationId), eq(reminder.id, reminderId));
  const [found] = await ctx.tx
    .select({ personId: reminder.personId, status: reminder.status, acknowledgedAt: reminder.acknowledgedAt, onCareTeam: onCareTeamCondition(ctx, reminder.personId) })
    .from(reminder)
    .where(where)
    .for('update');
  if (!found) throw new DomainError('not_found');
  assertAccess(ctx, 'reminder.acknowledge', { personId: found.personId, onCareTeam: found.onCareTeam });
  if (found.status !== 'failed') throw new DomainError('not_found');
  if (found.acknowledgedAt) return;
  await ctx.tx.update(reminder).set({ acknowledgedBy: ctx.actor.staffMemberId, acknowledgedAt: sql`now()` }).where(where);
  ctx.audit({ action: 'reminder.acknowledged', personId: found.personId, targetType: 'reminder', targetId: reminderId });
}
