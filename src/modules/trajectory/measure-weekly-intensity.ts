import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { Db } from '../../db/connection.js';
import { asSystem, inTenant, type Tx } from '../../db/transaction.js';
import { addDays, todayIn, weekStart, zonedInstant } from '../../lib/time.js';
import { assertAccess, onCareTeamCondition } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { DomainError } from '../../lib/domain-error.js';
import { recordAuditEvents, type AuditEntry } from '../audit/record-audit-event.js';
import { episode } from '../admissions/schema.js';
import { notifyStaff } from '../notifications/notify-staff.js';
import { plannedForWeek, progressSince, sustainedExcess, unplannedRise, type EvaluationFacts, type WeekFigures } from './intensity.js';
import { thresholdsOf } from './manage-intensity.js';
import { intensityPeriod, reviewFlag, weeklyIntensity, type ReviewFlagReason } from './schema.js';

/** What measuring needs: a transaction in one organization, its time zone, and the audit writer. */
export interface MeasureScope {
  tx: Tx;
  organizationId: string;
  timeZone: string;
  audit: (entry: AuditEntry) => void;
}

interface EpisodeRow {
  id: string;
  personId: string;
  referentId: string;
  startedOn: string;
  endedOn: string | null;
}

/** The Monday of the last full week (Monday–Sunday) before `now`, on the structure's calendar. */
export function lastCompletedWeek(now: Date, timeZone: string): string {
  return addDays(weekStart(todayIn(timeZone, now)), -7);
}

/**
 * Read model: the weekly figures of some episodes, read straight from scheduling's appointment and
 * appointment_participant and from the journal's entries in one aggregate statement, because going
 * through their use cases would be a query per episode and per week for a whole structure. Weeks run
 * Monday 00:00 to Monday 00:00 on the structure's clock (date_trunc on local time), so a week across
 * a change of time lasts 167 or 169 hours. Counted:
 * - sessions done (status 'done') of the episode: individual or with relatives, on this episode;
 *   groups of the episode's service the person attended (registered, not marked absent);
 * - unplanned contacts: journal entries of kind 'unplanned_contact' of the episode (a count only,
 *   whatever their confidentiality: no content leaves the journal).
 */
async function actualFigures(scope: MeasureScope, episodeIds: string[], fromMonday: string, toMonday: string) {
  const from = zonedInstant(fromMonday, 0, scope.timeZone).toISOString();
  const to = zonedInstant(addDays(toMonday, 7), 0, scope.timeZone).toISOString();
  const tz = scope.timeZone;
  const org = scope.organizationId;
  const ids = sql`ARRAY[${sql.join(episodeIds.map((id) => sql`${id}::uuid`), sql`, `)}]`;
  const result = await scope.tx.execute<{ episode_id: string; week_start: string; done_sessions: number; done_minutes: number; unplanned_contacts: number }>(sql`
    WITH eps AS (
      SELECT e.id, e.person_id, e.service_id, e.started_on, e.ended_on FROM episode e
       WHERE e.organization_id = ${org} AND e.id = ANY(${ids})
    ), weeks AS (
      SELECT w::date AS week_start FROM generate_series(${fromMonday}::date, ${toMonday}::date, interval '7 days') AS w
    ), sessions AS (
      SELECT a.episode_id, a.starts_at, a.ends_at FROM appointment a
       WHERE a.organization_id = ${org} AND a.episode_id = ANY(${ids}) AND a.status = 'done'
         AND a.kind IN ('individual', 'with_relatives') AND a.starts_at >= ${from}::timestamptz AND a.starts_at < ${to}::timestamptz
      UNION ALL
      SELECT ep.id, a.starts_at, a.ends_at FROM eps ep
        JOIN appointment_participant ap ON ap.organization_id = ${org} AND ap.person_id = ep.person_id AND ap.role = 'person'
        JOIN appointment a ON a.organization_id = ap.organization_id AND a.id = ap.appointment_id
       WHERE a.kind = 'group' AND a.status = 'done' AND a.service_id = ep.service_id
         AND coalesce(ap.registration_status, 'registered') = 'registered' AND coalesce(ap.attendance, 'present') = 'present'
         AND a.starts_at >= ${from}::timestamptz AND a.starts_at < ${to}::timestamptz
    ), done AS (
      SELECT episode_id, date_trunc('week', starts_at AT TIME ZONE ${tz})::date AS week_start,
             count(*)::int AS n, coalesce(sum(extract(epoch FROM ends_at - starts_at) / 60), 0)::int AS minutes
        FROM sessions GROUP BY 1, 2
    ), unplanned AS (
      SELECT j.episode_id, date_trunc('week', j.occurred_at AT TIME ZONE ${tz})::date AS week_start, count(*)::int AS n
        FROM journal_entry j
       WHERE j.organization_id = ${org} AND j.episode_id = ANY(${ids}) AND j.kind = 'unplanned_contact'
         AND j.occurred_at >= ${from}::timestamptz AND j.occurred_at < ${to}::timestamptz
       GROUP BY 1, 2
    )
    SELECT ep.id AS episode_id, to_char(w.week_start, 'YYYY-MM-DD') AS week_start,
           coalesce(d.n, 0) AS done_sessions, coalesce(d.minutes, 0) AS done_minutes, coalesce(u.n, 0) AS unplanned_contacts
      FROM eps ep CROSS JOIN weeks w
      LEFT JOIN done d ON d.episode_id = ep.id AND d.week_start = w.week_start
      LEFT JOIN unplanned u ON u.episode_id = ep.id AND u.week_start = w.week_start
     WHERE w.week_start + 6 >= ep.started_on AND (ep.ended_on IS NULL OR w.week_start <= ep.ended_on)
     ORDER BY 1, 2`);
  return result.rows;
}

/** Computes and stores (upsert) the figures of these episodes' weeks from one Monday to another, against their plans. */
async function storeWeeks(scope: MeasureScope, episodeIds: string[], fromMonday: string, toMonday: string): Promise<number> {
  if (!episodeIds.length || fromMonday > toMonday) return 0;
  const actual = await actualFigures(scope, episodeIds, fromMonday, toMonday);
  const periods = await scope.tx
    .select({ episodeId: intensityPeriod.episodeId, startsOn: intensityPeriod.startsOn, endsOn: intensityPeriod.endsOn, sessionsPerWeek: intensityPeriod.sessionsPerWeek, minutesPerWeek: intensityPeriod.minutesPerWeek, maxDaysWithoutContact: intensityPeriod.maxDaysWithoutContact })
    .from(intensityPeriod)
    .where(and(eq(intensityPeriod.organizationId, scope.organizationId), inArray(intensityPeriod.episodeId, episodeIds)));
  if (!actual.length) return 0;
  const rows = actual.map((r) => {
    const planned = plannedForWeek(periods.filter((p) => p.episodeId === r.episode_id), r.week_start);
    return {
      organizationId: scope.organizationId,
      episodeId: r.episode_id,
      weekStart: r.week_start,
      plannedSessions: planned?.sessions ?? null,
      plannedMinutes: planned?.minutes ?? null,
      doneSessions: r.done_sessions,
      doneMinutes: r.done_minutes,
      unplannedContacts: r.unplanned_contacts,
      computedAt: new Date(),
    };
  });
  for (let i = 0; i < rows.length; i += 500) {
    await scope.tx
      .insert(weeklyIntensity)
      .values(rows.slice(i, i + 500))
      .onConflictDoUpdate({
        target: [weeklyIntensity.organizationId, weeklyIntensity.episodeId, weeklyIntensity.weekStart],
        set: {
          plannedSessions: sql`excluded.planned_sessions`,
          plannedMinutes: sql`excluded.planned_minutes`,
          doneSessions: sql`excluded.done_sessions`,
          doneMinutes: sql`excluded.done_minutes`,
          unplannedContacts: sql`excluded.unplanned_contacts`,
          computedAt: sql`excluded.computed_at`,
        },
      });
  }
  return rows.length;
}

/**
 * Read model: the evaluations of these episodes' plans (date, T-score, levels), read from the plans
 * module's plan_evaluation for a background job that has no actor to pass through readEpisodePlan.
 * Only whether the goals progressed leaves this function.
 */
async function evaluationsOf(tx: Tx, organizationId: string, episodeIds: string[]): Promise<Map<string, EvaluationFacts[]>> {
  const out = new Map<string, EvaluationFacts[]>();
  if (!episodeIds.length) return out;
  const ids = sql`ARRAY[${sql.join(episodeIds.map((id) => sql`${id}::uuid`), sql`, `)}]`;
  const rows = await tx.execute<{ episode_id: string; evaluated_on: string; t_score: string | null; scores: { goalId: string; level: number }[] }>(sql`
    SELECT p.episode_id, to_char(pe.evaluated_on, 'YYYY-MM-DD') AS evaluated_on, pe.t_score, pe.scores
      FROM plan p JOIN plan_evaluation pe ON pe.organization_id = p.organization_id AND pe.plan_id = p.id
     WHERE p.organization_id = ${organizationId} AND p.episode_id = ANY(${ids})
     ORDER BY pe.evaluated_on, pe.created_at`);
  for (const r of rows.rows) {
    const list = out.get(r.episode_id) ?? [];
    list.push({ evaluatedOn: r.evaluated_on, tScore: r.t_score === null ? null : Number(r.t_score), scores: r.scores.map((s) => ({ goalId: s.goalId, level: s.level })) });
    out.set(r.episode_id, list);
  }
  return out;
}

export interface RaisedFlag {
  episodeId: string;
  reason: ReviewFlagReason;
}

/**
 * Raises review flags on the weeks up to `toMonday`: a sustained excess, or unplanned contacts rising
 * without progress on the goals. One open flag per reason and episode (unique index); a run that
 * keeps going after a flag does not raise it again: a new flag needs a window that starts after the
 * last flag's. The référent is told (a notification naming no one); nothing else changes.
 */
async function reviewFlags(scope: MeasureScope, episodes: EpisodeRow[], toMonday: string): Promise<RaisedFlag[]> {
  if (!episodes.length) return [];
  const thresholds = await thresholdsOf(scope.tx, scope.organizationId);
  const span = Math.max(thresholds.excessWeeks, thresholds.unplannedRiseWeeks);
  const ids = episodes.map((e) => e.id);
  const weeks = await scope.tx
    .select()
    .from(weeklyIntensity)
    .where(
      and(
        eq(weeklyIntensity.organizationId, scope.organizationId),
        inArray(weeklyIntensity.episodeId, ids),
        sql`${weeklyIntensity.weekStart} > ${addDays(toMonday, -7 * span)}::date AND ${weeklyIntensity.weekStart} <= ${toMonday}::date`,
      ),
    );
  const previous = await scope.tx
    .selectDistinctOn([reviewFlag.episodeId, reviewFlag.reason], { episodeId: reviewFlag.episodeId, reason: reviewFlag.reason, details: reviewFlag.details })
    .from(reviewFlag)
    .where(and(eq(reviewFlag.organizationId, scope.organizationId), inArray(reviewFlag.episodeId, ids)))
    .orderBy(reviewFlag.episodeId, reviewFlag.reason, desc(reviewFlag.raisedAt));
  const lastWindowEnd = (episodeId: string, reason: ReviewFlagReason) => {
    const found = previous.find((p) => p.episodeId === episodeId && p.reason === reason);
    return typeof found?.details.to === 'string' ? found.details.to : null;
  };
  const candidates: { e: EpisodeRow; reason: ReviewFlagReason; details: Record<string, unknown> }[] = [];
  const rising: { e: EpisodeRow; rise: NonNullable<ReturnType<typeof unplannedRise>> }[] = [];
  for (const e of episodes) {
    const figures: WeekFigures[] = weeks.filter((w) => w.episodeId === e.id);
    const excess = sustainedExcess(figures, thresholds);
    const lastExcess = lastWindowEnd(e.id, 'sustained_excess');
    if (excess && (lastExcess === null || excess.from > lastExcess)) {
      candidates.push({
        e,
        reason: 'sustained_excess',
        details: { from: excess.from, to: excess.to, marginPercent: thresholds.excessMarginPercent, weeks: excess.weeks.map((w) => ({ weekStart: w.weekStart, planned: w.plannedSessions, actual: w.doneSessions + w.unplannedContacts })) },
      });
    }
    const rise = unplannedRise(figures, thresholds.unplannedRiseWeeks);
    const lastRise = lastWindowEnd(e.id, 'unplanned_rise_without_progress');
    if (rise && (lastRise === null || rise.from > lastRise)) rising.push({ e, rise });
  }
  if (rising.length) {
    const evaluations = await evaluationsOf(scope.tx, scope.organizationId, rising.map((r) => r.e.id));
    for (const { e, rise } of rising) {
      if (!progressSince(evaluations.get(e.id) ?? [], rise.from)) {
        candidates.push({ e, reason: 'unplanned_rise_without_progress', details: { from: rise.from, to: rise.to, counts: rise.counts, slope: rise.slope } });
      }
    }
  }
  const raised: RaisedFlag[] = [];
  for (const c of candidates) {
    const inserted = await scope.tx
      .insert(reviewFlag)
      .values({ organizationId: scope.organizationId, episodeId: c.e.id, reason: c.reason, details: c.details })
      .onConflictDoNothing({ target: [reviewFlag.organizationId, reviewFlag.episodeId, reviewFlag.reason], where: sql`acknowledged_at IS NULL` })
      .returning({ id: reviewFlag.id });
    if (!inserted.length) continue;
    await notifyStaff(scope, [c.e.referentId], 'review_flag_raised', { episodeId: c.e.id, flagId: inserted[0]!.id, reason: c.reason });
    scope.audit({ action: 'trajectory.flag_raised', personId: c.e.personId, targetType: 'review_flag', targetId: inserted[0]!.id, details: { episodeId: c.e.id, reason: c.reason } });
    raised.push({ episodeId: c.e.id, reason: c.reason });
  }
  return raised;
}

/** Read model: the episodes of the organization ongoing during a week (a job has no actor to read them through admissions). */
async function episodesDuring(tx: Tx, organizationId: string, monday: string): Promise<EpisodeRow[]> {
  return tx
    .select({ id: episode.id, personId: episode.personId, referentId: episode.referentId, startedOn: episode.startedOn, endedOn: episode.endedOn })
    .from(episode)
    .where(and(eq(episode.organizationId, organizationId), sql`${episode.startedOn} <= ${addDays(monday, 6)}::date AND (${episode.endedOn} IS NULL OR ${episode.endedOn} >= ${monday}::date)`));
}

/** Weeks measured at most, back from the last one, when one episode is measured on demand. */
const maxWeeksOnDemand = 104;

/**
 * Measures one episode on demand (every past week since it began, two years at most) and reviews
 * its flags; `now` fixes which weeks are past. For those who manage the episode; audited.
 */
export async function measureEpisodeTrajectory(ctx: Ctx, episodeId: string, options: { now?: Date } = {}) {
  const [row] = await ctx.tx
    .select({ id: episode.id, personId: episode.personId, referentId: episode.referentId, startedOn: episode.startedOn, endedOn: episode.endedOn, onCareTeam: onCareTeamCondition(ctx, episode.personId) })
    .from(episode)
    .where(and(eq(episode.organizationId, ctx.organizationId), eq(episode.id, episodeId)));
  if (!row) throw new DomainError('not_found');
  const { onCareTeam, ...e } = row;
  assertAccess(ctx, 'trajectory.manage', { personId: e.personId, onCareTeam });
  const scope: MeasureScope = { tx: ctx.tx, organizationId: ctx.organizationId, timeZone: ctx.actor.timeZone, audit: ctx.audit };
  const last = lastCompletedWeek(options.now ?? new Date(), scope.timeZone);
  const end = e.endedOn && weekStart(e.endedOn) < last ? weekStart(e.endedOn) : last;
  const earliest = addDays(last, -7 * (maxWeeksOnDemand - 1));
  const start = weekStart(e.startedOn) > earliest ? weekStart(e.startedOn) : earliest;
  const weeks = await storeWeeks(scope, [e.id], start, end);
  const raised = weeks ? await reviewFlags(scope, [e], end) : [];
  ctx.audit({ action: 'trajectory.measured', personId: e.personId, targetType: 'episode', targetId: episodeId, details: { from: start, to: end, weeks, flags: raised.length } });
  return { weeks, flags: raised };
}

export interface WeeklyRunReport {
  organizations: number;
  episodes: number;
  weeks: number;
  flags: RaisedFlag[];
}

/**
 * The weekly run: for every organization, the figures of last week and the one before (on its own
 * calendar) for every episode ongoing last week, and the review of flags. One transaction per organization, row level
 * security set to it, no actor (the audit events say so). `now` fixes which week is "last week".
 */
export async function measureLastWeekEverywhere(db: Db, options: { now?: Date } = {}): Promise<WeeklyRunReport> {
  const now = options.now ?? new Date();
  const organizations = await asSystem(db, (tx) => tx.execute<{ id: string; time_zone: string }>(sql`SELECT id, time_zone FROM organization ORDER BY id`).then((r) => r.rows));
  const report: WeeklyRunReport = { organizations: organizations.length, episodes: 0, weeks: 0, flags: [] };
  for (const org of organizations) {
    await inTenant(db, { organizationId: org.id, actorId: null }, async (tx) => {
      const pending: AuditEntry[] = [];
      const scope: MeasureScope = { tx, organizationId: org.id, timeZone: org.time_zone, audit: (entry) => pending.push(entry) };
      const monday = lastCompletedWeek(now, org.time_zone);
      const episodes = await episodesDuring(tx, org.id, monday);
      for (let i = 0; i < episodes.length; i += 500) {
        const batch = episodes.slice(i, i + 500);
        // The week before too: a Monday run missed while Relais was stopped is caught up by the next one.
        report.weeks += await storeWeeks(scope, batch.map((e) => e.id), addDays(monday, -7), monday);
        report.flags.push(...(await reviewFlags(scope, batch, monday)));
      }
      report.episodes += episodes.length;
      await recordAuditEvents(tx, { organizationId: org.id, actorId: null, ip: null, requestId: null }, pending);
    });
  }
  return report;
}

const queue = 'trajectory-weekly';

export interface TrajectoryJob {
  /** Asks for a run now (besides Monday's). */
  runNow: () => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * Schedules the weekly run through pg-boss (a job table in the same database: it survives restarts,
 * and the singleton queue keeps two processes from running it at once): every Monday at 04:30, Paris
 * time, after every structure's Sunday has ended. Each organization's last week is taken on its own
 * calendar; each run also recomputes the week before (upserts, flags raised once).
 */
export async function startTrajectoryJob(options: { db: Db; connectionString: string; onError: (error: unknown) => void; onRun?: (report: WeeklyRunReport) => void }): Promise<TrajectoryJob> {
  const boss = new PgBoss({ connectionString: options.connectionString, max: 2, application_name: 'relais-trajectory' });
  boss.on('error', options.onError);
  await boss.start();
  await boss.createQueue(queue, { name: queue, policy: 'singleton', retryLimit: 2, expireInSeconds: 60 * 60 });
  await boss.schedule(queue, '30 4 * * 1', {}, { tz: 'Europe/Paris' });
  await boss.work(queue, { pollingIntervalSeconds: 30 }, async () => {
    try {
      options.onRun?.(await measureLastWeekEverywhere(options.db));
    } catch (error) {
      options.onError(error);
    }
  });
  return {
    runNow: async () => {
      await boss.send(queue, {});
    },
    stop: async () => {
      await boss.stop({ graceful: true, wait: true, timeout: 20_000 });
    },
  };
}
