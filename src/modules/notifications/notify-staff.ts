import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/context.js';
import { notification } from './schema.js';

/** Tells these staff members something (no person named: see schema). Part of the caller's transaction (a request's, or a job's). */
export async function notifyStaff(ctx: Pick<Ctx, 'tx' | 'organizationId'>, recipientIds: string[], kind: string, payload: Record<string, unknown>): Promise<void> {
  if (!recipientIds.length) return;
  await ctx.tx.insert(notification).values(recipientIds.map((recipientId) => ({ organizationId: ctx.organizationId, recipientId, kind, payload })));
}

/** The actor's own notifications, newest first, and how many are unread. */
export async function listMyNotifications(ctx: Ctx, limit: number) {
  const mine = and(eq(notification.organizationId, ctx.organizationId), eq(notification.recipientId, ctx.actor.staffMemberId));
  const [rows, [unread]] = await Promise.all([
    ctx.tx.select().from(notification).where(mine).orderBy(desc(notification.createdAt)).limit(limit),
    ctx.tx.select({ count: sql<number>`count(*)::int` }).from(notification).where(and(mine, isNull(notification.readAt))),
  ]);
  return {
    unread: unread?.count ?? 0,
    items: rows.map((r) => ({ id: r.id, kind: r.kind, payload: r.payload, createdAt: r.createdAt.toISOString(), readAt: r.readAt?.toISOString() ?? null })),
  };
}

/** Marks the actor's notifications read (all of them when no ids are given). */
export async function markNotificationsRead(ctx: Ctx, ids: string[] | undefined): Promise<void> {
  await ctx.tx
    .update(notification)
    .set({ readAt: sql`now()` })
    .where(
      and(
        eq(notification.organizationId, ctx.organizationId),
        eq(notification.recipientId, ctx.actor.staffMemberId),
        isNull(notification.readAt),
        ids ? inArray(notification.id, ids) : undefined,
      ),
    );
}
