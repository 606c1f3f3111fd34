import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { staffMember } from '../staff/schema.js';
import { DomainError } from '../../lib/domain-error.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { episodeFacts } from '../admissions/manage-episode.js';
import { displayName } from '../people/person-display.js';
import { defaultDeadlineSettings, episodeDeadlines, type DeadlineKind, type DeadlineStatus } from './deadlines.js';
import { refuseFutureDay } from './participants.js';
import { situationChange } from './schema.js';

export interface DeadlineItem {
  episodeId: string;
  personId: string;
  displayName: string;
  serviceName: string;
  referentName: string;
  kind: DeadlineKind;
  dueOn: string;
  status: DeadlineStatus;
  daysLeft: number | null;
}

interface FactsRow extends Record<string, unknown> {
  episode_id: string;
  person_id: string;
  first_name: string;
  last_name: string;
  discreet: boolean;
  alias: string | null;
  service_name: string;
  referent_name: string;
  started_on: string;
  ended_on: string | null;
  handed_over_on: string | null;
  signed_on: string | null;
  agreed: string[] | null;
  changes: string[] | null;
  legal_clock: boolean;
}

// One statement: each current episode with the dates its deadlines depend on.
async function deadlineFacts(ctx: Ctx, filter: SQL): Promise<FactsRow[]> {
  const result = await ctx.tx.execute<FactsRow>(sql`
      SELECT e.id AS episode_id, e.person_id, p.first_name, p.last_name, p.discreet, p.alias, s.name AS service_name,
             r.first_name || ' ' || r.last_name AS referent_name, e.started_on::text, e.ended_on::text,
             c.handed_over_on::text, c.signed_on::text, a.agreed::text[], sc.changes::text[], o.legal_clock
        FROM episode e
        JOIN person p ON p.organization_id = e.organization_id AND p.id = e.person_id
        JOIN service s ON s.organization_id = e.organization_id AND s.id = e.service_id
        JOIN staff_member r ON r.organization_id = e.organization_id AND r.id = e.referent_id
        JOIN organization o ON o.id = e.organization_id
        LEFT JOIN LATERAL (SELECT min(cv.handed_over_on) AS handed_over_on, min(cv.signed_on) AS signed_on
                             FROM contract_version cv WHERE cv.organization_id = e.organization_id AND cv.episode_id = e.id) c ON true
        LEFT JOIN LATERAL (SELECT array_agg(v.agreed_on) AS agreed
                             FROM plan pl JOIN plan_version v ON v.organization_id = pl.organization_id AND v.plan_id = pl.id
                            WHERE pl.organization_id = e.organization_id AND pl.episode_id = e.id AND v.agreed_on IS NOT NULL) a ON true
        LEFT JOIN LATERAL (SELECT array_agg(x.noted_on) AS changes
                             FROM situation_change x WHERE x.organization_id = e.organization_id AND x.episode_id = e.id) sc ON true
       WHERE e.organization_id = ${ctx.organizationId} ${filter}`);
  return result.rows;
}

function deadlinesOf(r: FactsRow, today: string) {
  const agreed = (r.agreed ?? []).slice().sort();
  return episodeDeadlines(
    {
      startedOn: r.started_on,
      endedOn: r.ended_on,
      contractHandedOverOn: r.handed_over_on,
      contractSignedOn: r.signed_on,
      objectivesAgreedOn: agreed[0] ?? null,
      planAgreedOn: agreed,
      situationChangedOn: r.changes ?? [],
    },
    { ...defaultDeadlineSettings, legalClock: r.legal_clock },
    today,
  );
}

/** Every deadline of one episode, done or not (the plan's view), for the care team. */
export async function readEpisodeDeadlines(ctx: Ctx, episodeId: string, today: string) {
  const episode = await episodeFacts(ctx, episodeId, 'plan.read');
  const [row] = await deadlineFacts(ctx, sql`AND e.id = ${episodeId}`);
  ctx.audit({ action: 'deadlines.read', personId: episode.personId, targetType: 'episode', targetId: episodeId });
  return row ? deadlinesOf(row, today) : [];
}

const collator = new Intl.Collator('fr');

/**
 * What is due and overdue: the contract handed over within 15 days and signed within a month, the
 * objectives within six months, the plan reviewed yearly and after a change of situation. "mine":
 * the episodes the actor is référent or coordinator of; "structure": all current episodes (the roles
 * that oversee). Items not done, due within `withinDays` or overdue, soonest first; discreet people
 * by alias or initials. Each person listed is audited.
 */
export async function listDeadlines(
  ctx: Ctx,
  query: { scope: 'mine' | 'structure'; today: string; withinDays: number; limit: number; status?: 'overdue' | 'due_soon' | 'upcoming' | undefined },
): Promise<{ items: DeadlineItem[]; total: number }> {
  await requireAccess(ctx, query.scope === 'mine' ? 'deadlines.mine' : 'deadlines.oversee');
  const scope = query.scope === 'mine' ? sql`AND (e.referent_id = ${ctx.actor.staffMemberId} OR e.coordinator_id = ${ctx.actor.staffMemberId})` : sql``;
  const settings = defaultDeadlineSettings;
  const situationMonths = settings.situationReviewMonths ?? 1;
  const months = (n: number) => sql.raw(`interval '${Math.trunc(n)} months'`);
  // The open deadlines of the current episodes, computed by the database (the same rules as
  // deadlines.ts, which computes one episode's, done ones included; a test holds them equal):
  // a structure's list is thousands of episodes, and only what is due soon leaves PostgreSQL.
  const result = await ctx.tx.execute<{
    episode_id: string; person_id: string; first_name: string; last_name: string; discreet: boolean; alias: string | null;
    service_name: string; referent_name: string; kind: DeadlineKind; due_on: string; days_left: number; total: number;
  }>(sql`
    WITH e AS (
      SELECT e.id, e.person_id, e.started_on, o.legal_clock, p.first_name, p.last_name, p.discreet, p.alias, s.name AS service_name,
             r.first_name || ' ' || r.last_name AS referent_name
        FROM episode e
        JOIN organization o ON o.id = e.organization_id
        JOIN person p ON p.organization_id = e.organization_id AND p.id = e.person_id
        JOIN service s ON s.organization_id = e.organization_id AND s.id = e.service_id
        JOIN staff_member r ON r.organization_id = e.organization_id AND r.id = e.referent_id
       WHERE e.organization_id = ${ctx.organizationId} AND e.ended_on IS NULL ${scope}
    ), c AS (
      SELECT cv.episode_id, min(cv.handed_over_on) AS handed, min(cv.signed_on) AS signed FROM contract_version cv
       WHERE cv.organization_id = ${ctx.organizationId} AND cv.episode_id IN (SELECT id FROM e) GROUP BY cv.episode_id
    ), a AS (
      SELECT pl.episode_id, min(v.agreed_on) AS first_agreed, max(v.agreed_on) AS last_agreed
        FROM plan pl JOIN plan_version v ON v.organization_id = pl.organization_id AND v.plan_id = pl.id
       WHERE pl.organization_id = ${ctx.organizationId} AND v.agreed_on IS NOT NULL AND pl.episode_id IN (SELECT id FROM e) GROUP BY pl.episode_id
    ), open AS (
      SELECT e.id AS episode_id, k.kind, k.due_on
        FROM e LEFT JOIN c ON c.episode_id = e.id LEFT JOIN a ON a.episode_id = e.id
        CROSS JOIN LATERAL (VALUES
          ('contract_handover', e.started_on + ${settings.contractHandoverDays}::int, coalesce(c.handed, c.signed), e.legal_clock),
          ('contract_signature', (e.started_on + ${months(settings.contractSignatureMonths)})::date, c.signed, e.legal_clock),
          ('objectives_annex', (e.started_on + ${months(settings.objectivesAnnexMonths)})::date, a.first_agreed, e.legal_clock),
          ('plan_review', (a.last_agreed + ${months(settings.planReviewMonths)})::date, NULL::date, a.last_agreed IS NOT NULL)
        ) AS k(kind, due_on, done_on, applies)
       WHERE k.applies AND k.done_on IS NULL
      UNION ALL
      -- A change of situation after the latest agreement asks for a review (one before it was taken into account).
      SELECT x.episode_id, 'situation_review', (x.noted_on + ${months(situationMonths)})::date
        FROM (SELECT DISTINCT episode_id, noted_on FROM situation_change WHERE organization_id = ${ctx.organizationId} AND episode_id IN (SELECT id FROM e)) x
        JOIN a ON a.episode_id = x.episode_id
       WHERE x.noted_on > a.last_agreed
    )
    SELECT e.id AS episode_id, e.person_id, e.first_name, e.last_name, e.discreet, e.alias, e.service_name, e.referent_name,
           o.kind, o.due_on::text, (o.due_on - ${query.today}::date) AS days_left, count(*) OVER ()::int AS total
      FROM open o JOIN e ON e.id = o.episode_id
     WHERE o.due_on <= ${query.today}::date + ${query.withinDays}::int
       ${query.status === 'overdue' ? sql`AND o.due_on < ${query.today}::date` : query.status === 'due_soon' ? sql`AND o.due_on >= ${query.today}::date AND o.due_on <= ${query.today}::date + ${settings.dueSoonDays}::int` : query.status === 'upcoming' ? sql`AND o.due_on > ${query.today}::date + ${settings.dueSoonDays}::int` : sql``}
     ORDER BY o.due_on, e.last_name, e.first_name, o.kind
     LIMIT ${query.limit * 2}`);
  const status = (daysLeft: number): DeadlineStatus => (daysLeft < 0 ? 'overdue' : daysLeft <= settings.dueSoonDays ? 'due_soon' : 'upcoming');
  const all: DeadlineItem[] = result.rows.map((r) => ({
    episodeId: r.episode_id,
    personId: r.person_id,
    displayName: displayName({ firstName: r.first_name, lastName: r.last_name, discreet: r.discreet, alias: r.alias }),
    serviceName: r.service_name,
    referentName: r.referent_name,
    kind: r.kind,
    dueOn: r.due_on,
    status: status(Number(r.days_left)),
    daysLeft: Number(r.days_left),
  }));
  // Within a day, by the name as shown (aliases included), in French order.
  all.sort((x, y) => (x.dueOn < y.dueOn ? -1 : x.dueOn > y.dueOn ? 1 : collator.compare(x.displayName, y.displayName)));
  const total = result.rows[0]?.total ?? 0;
  const items = all.slice(0, query.limit);
  ctx.audit({ action: 'deadlines.listed', details: { scope: query.scope, total, shown: items.length } });
  for (const personId of new Set(items.map((i) => i.personId))) ctx.audit({ action: 'person.listed', personId, targetType: 'person', targetId: personId, details: { via: 'deadlines' } });
  return { items, total };
}

/** The changes of situation noted during an episode, newest first, for the care team. */
export async function listSituationChanges(ctx: Ctx, episodeId: string) {
  const episode = await episodeFacts(ctx, episodeId, 'plan.read');
  const rows = await ctx.tx
    .select({ id: situationChange.id, notedOn: situationChange.notedOn, note: situationChange.note, createdAt: situationChange.createdAt, firstName: staffMember.firstName, lastName: staffMember.lastName })
    .from(situationChange)
    .innerJoin(staffMember, and(eq(staffMember.organizationId, situationChange.organizationId), eq(staffMember.id, situationChange.createdBy)))
    .where(and(eq(situationChange.organizationId, ctx.organizationId), eq(situationChange.episodeId, episodeId)))
    .orderBy(desc(situationChange.notedOn), desc(situationChange.createdAt));
  ctx.audit({ action: 'plan.situation_changes_read', personId: episode.personId, targetType: 'episode', targetId: episodeId });
  return rows.map((r) => ({ id: r.id, notedOn: r.notedOn, note: r.note, notedByName: `${r.firstName} ${r.lastName}`, createdAt: r.createdAt.toISOString() }));
}

/** A change in the person's situation, which calls for the plan to be reviewed within a month. */
export async function recordSituationChange(ctx: Ctx, episodeId: string, input: { notedOn: string; note: string }): Promise<{ id: string }> {
  const episode = await episodeFacts(ctx, episodeId, 'plan.write');
  if (episode.endedOn) throw new DomainError('episode_ended');
  refuseFutureDay(ctx, input.notedOn, 'body.notedOn');
  if (input.notedOn < episode.startedOn) {
    throw new DomainError('validation_failed', {}, [{ field: 'body.notedOn', message: { fr: 'La date précède le début de la prise en charge.', en: 'The date is before the start of the episode.' } }]);
  }
  const [row] = await ctx.tx
    .insert(situationChange)
    .values({ organizationId: ctx.organizationId, episodeId, notedOn: input.notedOn, note: input.note.trim(), createdBy: ctx.actor.staffMemberId })
    .returning({ id: situationChange.id });
  ctx.audit({ action: 'plan.situation_changed', personId: episode.personId, targetType: 'episode', targetId: episodeId });
  return { id: row!.id };
}
