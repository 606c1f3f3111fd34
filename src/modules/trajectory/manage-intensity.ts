import { and, asc, eq } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { optionalText } from '../../lib/text.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { episodeFacts } from '../admissions/manage-episode.js';
import { periodProblems, steppingUp, type IntensityPeriodInput, type TrajectoryThresholds, defaultThresholds } from './intensity.js';
import { intensityPeriod, trajectorySettings } from './schema.js';
import type { Tx } from '../../db/transaction.js';

export interface IntensityPeriodView {
  id: string;
  startsOn: string;
  endsOn: string | null;
  sessionsPerWeek: number;
  minutesPerWeek: number;
  maxDaysWithoutContact: number | null;
  note: string | null;
}

/** An episode's periods, oldest first (no access decision: callers make it). */
export async function periodsOf(tx: Tx, organizationId: string, episodeId: string): Promise<IntensityPeriodView[]> {
  return tx
    .select({
      id: intensityPeriod.id,
      startsOn: intensityPeriod.startsOn,
      endsOn: intensityPeriod.endsOn,
      sessionsPerWeek: intensityPeriod.sessionsPerWeek,
      minutesPerWeek: intensityPeriod.minutesPerWeek,
      maxDaysWithoutContact: intensityPeriod.maxDaysWithoutContact,
      note: intensityPeriod.note,
    })
    .from(intensityPeriod)
    .where(and(eq(intensityPeriod.organizationId, organizationId), eq(intensityPeriod.episodeId, episodeId)))
    .orderBy(asc(intensityPeriod.startsOn));
}

/**
 * Replaces an episode's intended intensity, period by period. Overlaps and periods outside the
 * episode are refused field by field; a later period higher than an earlier one is accepted with a
 * warning, since stepping down is the point but a hard time may call for more.
 */
export async function setIntensityPlan(ctx: Ctx, episodeId: string, periods: IntensityPeriodInput[]) {
  const e = await episodeFacts(ctx, episodeId, 'trajectory.manage');
  const problems = periodProblems(periods, e);
  if (problems.length) throw new DomainError('validation_failed', {}, problems);
  await ctx.tx.delete(intensityPeriod).where(and(eq(intensityPeriod.organizationId, ctx.organizationId), eq(intensityPeriod.episodeId, episodeId)));
  if (periods.length) {
    await ctx.tx.insert(intensityPeriod).values(
      [...periods]
        .sort((a, b) => a.startsOn.localeCompare(b.startsOn))
        .map((p) => ({
          organizationId: ctx.organizationId,
          episodeId,
          startsOn: p.startsOn,
          endsOn: p.endsOn,
          sessionsPerWeek: p.sessionsPerWeek,
          minutesPerWeek: p.minutesPerWeek,
          maxDaysWithoutContact: p.maxDaysWithoutContact,
          note: optionalText(p.note) ?? null,
          createdBy: ctx.actor.staffMemberId,
        })),
    );
  }
  const warnings = steppingUp(periods);
  ctx.audit({ action: 'trajectory.plan_set', personId: e.personId, targetType: 'episode', targetId: episodeId, details: { periods: periods.length, steppingUp: warnings.length } });
  return { periods: await periodsOf(ctx.tx, ctx.organizationId, episodeId), warnings };
}

/** The structure's thresholds (the defaults until it sets its own). */
export async function thresholdsOf(tx: Tx, organizationId: string): Promise<TrajectoryThresholds> {
  const [row] = await tx
    .select({ excessMarginPercent: trajectorySettings.excessMarginPercent, excessWeeks: trajectorySettings.excessWeeks, unplannedRiseWeeks: trajectorySettings.unplannedRiseWeeks })
    .from(trajectorySettings)
    .where(eq(trajectorySettings.organizationId, organizationId));
  return row ?? defaultThresholds;
}

export async function readTrajectorySettings(ctx: Ctx): Promise<TrajectoryThresholds> {
  await requireAccess(ctx, 'organization.read');
  return thresholdsOf(ctx.tx, ctx.organizationId);
}

/** Sets the margin and durations that raise review flags (the structure's choice). */
export async function updateTrajectorySettings(ctx: Ctx, input: TrajectoryThresholds): Promise<TrajectoryThresholds> {
  await requireAccess(ctx, 'trajectory.configure');
  const values = { ...input, updatedBy: ctx.actor.staffMemberId, updatedAt: new Date() };
  await ctx.tx.insert(trajectorySettings).values({ organizationId: ctx.organizationId, ...values }).onConflictDoUpdate({ target: trajectorySettings.organizationId, set: values });
  ctx.audit({ action: 'trajectory.settings_updated', targetType: 'organization', targetId: ctx.organizationId, details: { ...input } });
  return input;
}
