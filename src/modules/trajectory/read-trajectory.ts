import { and, asc, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { DomainError } from '../../lib/domain-error.js';
import { assertAccess, onCareTeamCondition } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { episodeFacts } from '../admissions/manage-episode.js';
import { episode } from '../admissions/schema.js';
import { staffMember } from '../staff/schema.js';
import { actualSessions, isExcessWeek, steppingUp } from './intensity.js';
import { periodsOf, thresholdsOf } from './manage-intensity.js';
import { reviewFlag, weeklyIntensity, type ReviewFlagReason } from './schema.js';

const acknowledger = alias(staffMember, 'acknowledger');

/** Weeks shown at most (two years), newest kept. */
const maxWeeksShown = 104;

/**
 * An episode's trajectory: the intended intensity by period (with where it steps up), planned
 * against actual by week as measured, and the review flags. For the care team; audited. The plan
 * review reads the same figures through this function.
 */
export async function readEpisodeTrajectory(ctx: Ctx, episodeId: string) {
  const e = await episodeFacts(ctx, episodeId, 'trajectory.read');
  // One after another: the queries share the request's connection.
  const periods = await periodsOf(ctx.tx, ctx.organizationId, episodeId);
  const thresholds = await thresholdsOf(ctx.tx, ctx.organizationId);
  const weeks = await ctx.tx
    .select()
    .from(weeklyIntensity)
    .where(and(eq(weeklyIntensity.organizationId, ctx.organizationId), eq(weeklyIntensity.episodeId, episodeId)))
    .orderBy(desc(weeklyIntensity.weekStart))
    .limit(maxWeeksShown);
  const flags = await ctx.tx
    .select({ f: reviewFlag, firstName: acknowledger.firstName, lastName: acknowledger.lastName })
    .from(reviewFlag)
    .leftJoin(acknowledger, and(eq(acknowledger.organizationId, reviewFlag.organizationId), eq(acknowledger.id, reviewFlag.acknowledgedBy)))
    .where(and(eq(reviewFlag.organizationId, ctx.organizationId), eq(reviewFlag.episodeId, episodeId)))
    .orderBy(asc(reviewFlag.acknowledgedAt), desc(reviewFlag.raisedAt));
  ctx.audit({ action: 'trajectory.read', personId: e.personId, targetType: 'episode', targetId: episodeId });
  return {
    episodeId,
    startedOn: e.startedOn,
    endedOn: e.endedOn,
    thresholds,
    periods,
    warnings: steppingUp(periods),
    weeks: weeks.reverse().map((w) => ({
      weekStart: w.weekStart,
      plannedSessions: w.plannedSessions,
      plannedMinutes: w.plannedMinutes,
      doneSessions: w.doneSessions,
      doneMinutes: w.doneMinutes,
      unplannedContacts: w.unplannedContacts,
      actualSessions: actualSessions(w),
      excess: isExcessWeek(w, thresholds.excessMarginPercent),
      computedAt: w.computedAt.toISOString(),
    })),
    flags: flags.map(({ f, firstName, lastName }) => ({
      id: f.id,
      reason: f.reason,
      details: f.details,
      raisedAt: f.raisedAt.toISOString(),
      acknowledgedAt: f.acknowledgedAt?.toISOString() ?? null,
      acknowledgedByName: firstName ? `${firstName} ${lastName}` : null,
      note: f.note,
    })),
  };
}

/**
 * The référent (or another member of the care team who manages the episode) has looked at a flag:
 * their note says what was decided with the person. The flag closes; nothing else changes.
 */
export async function acknowledgeReviewFlag(ctx: Ctx, flagId: string, input: { note: string }): Promise<{ reason: ReviewFlagReason }> {
  const [row] = await ctx.tx
    .select({ f: reviewFlag, personId: episode.personId, onCareTeam: onCareTeamCondition(ctx, episode.personId) })
    .from(reviewFlag)
    .innerJoin(episode, and(eq(episode.organizationId, reviewFlag.organizationId), eq(episode.id, reviewFlag.episodeId)))
    .where(and(eq(reviewFlag.organizationId, ctx.organizationId), eq(reviewFlag.id, flagId)))
    .for('update', { of: reviewFlag });
  if (!row) throw new DomainError('not_found');
  assertAccess(ctx, 'trajectory.manage', { personId: row.personId, onCareTeam: row.onCareTeam });
  if (row.f.acknowledgedAt) throw new DomainError('review_flag_acknowledged');
  await ctx.tx
    .update(reviewFlag)
    .set({ acknowledgedAt: new Date(), acknowledgedBy: ctx.actor.staffMemberId, note: input.note.trim() })
    .where(and(eq(reviewFlag.organizationId, ctx.organizationId), eq(reviewFlag.id, flagId)));
  ctx.audit({ action: 'trajectory.flag_acknowledged', personId: row.personId, targetType: 'review_flag', targetId: flagId, details: { reason: row.f.reason } });
  return { reason: row.f.reason };
}
