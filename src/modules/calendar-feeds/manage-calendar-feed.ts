import { and, eq, isNull, sql } from 'drizzle-orm';
import { hashToken, newSecretToken } from '../../lib/tokens.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { staffMember } from '../staff/schema.js';
import { calendarFeed } from './schema.js';

export interface CalendarFeedView {
  active: boolean;
  /** The secret link: only in the answer that creates it (the database keeps its hash alone). */
  url: string | null;
  createdAt: string | null;
  lastUsedAt: string | null;
}

const mine = (ctx: Ctx) => and(eq(calendarFeed.organizationId, ctx.organizationId), eq(calendarFeed.staffMemberId, ctx.actor.staffMemberId), isNull(calendarFeed.revokedAt));

/** The link's address: the .ics ending is what some calendar apps look for. */
export const calendarFeedUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/$/, '')}/api/v1/calendar-feeds/${token}.ics`;

/** My calendar feed: whether a link is active, since when, when a calendar app last read it. */
export async function readMyCalendarFeed(ctx: Ctx): Promise<CalendarFeedView> {
  await requireAccess(ctx, 'calendar_feed.manage_own');
  const [feed] = await ctx.tx.select({ createdAt: calendarFeed.createdAt, lastUsedAt: calendarFeed.lastUsedAt }).from(calendarFeed).where(mine(ctx));
  return { active: !!feed, url: null, createdAt: feed?.createdAt.toISOString() ?? null, lastUsedAt: feed?.lastUsedAt?.toISOString() ?? null };
}

/** A new secret link for my agenda; the previous one stops working at once. */
export async function createCalendarFeed(ctx: Ctx, publicUrl: string): Promise<CalendarFeedView> {
  await requireAccess(ctx, 'calendar_feed.manage_own');
  // Two requests at once (double click): the account row serialises them, so one link stays active.
  await ctx.tx
    .select({ id: staffMember.id })
    .from(staffMember)
    .where(and(eq(staffMember.organizationId, ctx.organizationId), eq(staffMember.id, ctx.actor.staffMemberId)))
    .for('update');
  const revoked = await ctx.tx.update(calendarFeed).set({ revokedAt: sql`now()` }).where(mine(ctx)).returning({ id: calendarFeed.id });
  const token = newSecretToken();
  const [created] = await ctx.tx
    .insert(calendarFeed)
    .values({ organizationId: ctx.organizationId, staffMemberId: ctx.actor.staffMemberId, tokenHash: hashToken(token) })
    .returning({ id: calendarFeed.id, createdAt: calendarFeed.createdAt });
  ctx.audit({ action: 'calendar_feed.created', targetType: 'calendar_feed', targetId: created!.id, details: { revoked: revoked.map((r) => r.id) } });
  return { active: true, url: calendarFeedUrl(publicUrl, token), createdAt: created!.createdAt.toISOString(), lastUsedAt: null };
}

/** Stops my link: calendar apps that use it get 404 from now on. */
export async function revokeCalendarFeed(ctx: Ctx): Promise<void> {
  await requireAccess(ctx, 'calendar_feed.manage_own');
  const revoked = await ctx.tx.update(calendarFeed).set({ revokedAt: sql`now()` }).where(mine(ctx)).returning({ id: calendarFeed.id });
  for (const r of revoked) ctx.audit({ action: 'calendar_feed.revoked', targetType: 'calendar_feed', targetId: r.id });
}
