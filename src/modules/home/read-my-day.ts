import { sql } from 'drizzle-orm';
import { addDays, todayIn, zonedInstant } from '../../lib/time.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { listOpenEscalationsFor } from '../escalations/read-escalations.js';
import { listDeadlines, type DeadlineItem } from '../plans/list-deadlines.js';
import { displayName } from '../people/person-display.js';

type Named = Record<string, unknown> & {
  first_name: string | null;
  last_name: string | null;
  discreet: boolean | null;
  alias: string | null;
};

export interface MyDay {
  today: string;
  appointments: { id: string; kind: string; status: string; startsAt: string; endsAt: string; title: string; personId: string | null; personLabel: string | null; modality: string; day: 'today' | 'tomorrow' }[];
  escalations: { id: string; severity: string; status: string; personId: string; personLabel: string | null; request: string | null; raisedAt: string; acknowledgeBy: string; overdue: boolean; ageMinutes: number; assignedToMe: boolean }[];
  deadlines: { items: DeadlineItem[]; total: number };
  transitions: { id: string; episodeId: string; personId: string; personLabel: string | null; toPhase: string; plannedOn: string; overdue: boolean; itemsDone: number; itemsTotal: number }[];
  offersPending: { entryId: string; serviceName: string; offeredAt: string; personId: string; personLabel: string | null }[] | null;
  noContact: { episodeId: string; personId: string; personLabel: string | null; lastContactOn: string | null; daysWithoutContact: number; maxDays: number }[];
  reviewFlags: { id: string; episodeId: string; personId: string; personLabel: string | null; reason: string; raisedAt: string }[];
}

const label = (r: Named) => (r.first_name ? displayName({ firstName: r.first_name, lastName: r.last_name!, discreet: r.discreet!, alias: r.alias }) : null);

/**
 * "What needs me today": the coordinator's (and every practitioner's) home. A handful of statements,
 * each scoped to what the actor follows: their appointments today and tomorrow, the escalations
 * they must acknowledge, deadlines, transitions, waitlist offers awaiting an answer (for those who
 * triage), people without contact for longer than their plan says, and review flags. People are named
 * only to their care team; each person named is audited once.
 */
export async function readMyDay(ctx: Ctx, now = new Date()): Promise<MyDay> {
  await requireAccess(ctx, 'home.read');
  const org = ctx.organizationId;
  const me = ctx.actor.staffMemberId;
  const tz = ctx.actor.timeZone;
  const today = todayIn(tz, now);
  const dayStart = zonedInstant(today, 0, tz).toISOString();
  const tomorrowStart = zonedInstant(addDays(today, 1), 0, tz).toISOString();
  const dayAfter = zonedInstant(addDays(today, 2), 0, tz).toISOString();
  const onTeam = (personColumn: string) =>
    sql`EXISTS (SELECT 1 FROM care_team_member ctm WHERE ctm.organization_id = ${org} AND ctm.person_id = ${sql.raw(personColumn)} AND ctm.staff_member_id = ${me} AND ctm.removed_at IS NULL)`;

  // My appointments, through the no-overlap index (participant, period).
  const appointments = await ctx.tx.execute<Named & { id: string; kind: string; status: string; starts_at: Date; ends_at: Date; title: string | null; service_name: string; person_id: string | null; modality: string; visible: boolean }>(sql`
    SELECT a.id, a.kind, a.status, a.starts_at, a.ends_at, a.title, s.name AS service_name, a.person_id, a.modality,
           v.visible, CASE WHEN v.visible THEN pe.first_name END AS first_name, CASE WHEN v.visible THEN pe.last_name END AS last_name,
           pe.discreet, CASE WHEN v.visible THEN pe.alias END AS alias
      FROM appointment_participant p
      JOIN appointment a ON a.organization_id = p.organization_id AND a.id = p.appointment_id
      JOIN service s ON s.organization_id = a.organization_id AND s.id = a.service_id
      LEFT JOIN person pe ON pe.organization_id = a.organization_id AND pe.id = a.person_id
      CROSS JOIN LATERAL (SELECT a.person_id IS NOT NULL AND ${onTeam('a.person_id')} AS visible) v
     WHERE p.organization_id = ${org} AND p.participant_id = ${me} AND p.blocking
       AND p.period && tstzrange(${dayStart}::timestamptz, ${dayAfter}::timestamptz)
     ORDER BY a.starts_at`);

  // Through the escalations module: its need-to-know rule decides what of each the actor may read, and audits it.
  const escalations = await listOpenEscalationsFor(ctx, me, { now, limit: 100 });

  const deadlines = await listDeadlines(ctx, { scope: 'mine', today, withinDays: 14, limit: 20 });

  const transitions = await ctx.tx.execute<Named & { id: string; episode_id: string; person_id: string; to_phase: string; planned_on: string; done: number; total: number; visible: boolean }>(sql`
    SELECT t.id, t.episode_id, t.person_id, t.to_phase, t.planned_on::text,
           (SELECT count(*) FILTER (WHERE i.done_at IS NOT NULL) FROM transition_item i WHERE i.organization_id = t.organization_id AND i.transition_id = t.id)::int AS done,
           (SELECT count(*) FROM transition_item i WHERE i.organization_id = t.organization_id AND i.transition_id = t.id)::int AS total,
           ${onTeam('t.person_id')} AS visible, pe.first_name, pe.last_name, pe.discreet, pe.alias
      FROM transition t
      JOIN episode ep ON ep.organization_id = t.organization_id AND ep.id = t.episode_id
      JOIN person pe ON pe.organization_id = t.organization_id AND pe.id = t.person_id
     WHERE t.organization_id = ${org} AND t.status = 'planned' AND t.planned_on <= ${addDays(today, 14)}::date
       AND (t.responsible_id = ${me} OR ep.referent_id = ${me} OR ep.coordinator_id = ${me})
     ORDER BY t.planned_on
     LIMIT 50`);

  // Offers of a place waiting for the person's answer: for those who run the waitlist.
  const triage = ctx.actor.permissions.includes('referral:triage');
  const offers = triage
    ? await ctx.tx.execute<Named & { entry_id: string; service_name: string; offered_at: Date; person_id: string }>(sql`
        SELECT w.id AS entry_id, s.name AS service_name, o.offered_at, w.person_id, pe.first_name, pe.last_name, pe.discreet, pe.alias
          FROM waitlist_offer o
          JOIN waitlist_entry w ON w.organization_id = o.organization_id AND w.id = o.entry_id
          JOIN service s ON s.organization_id = w.organization_id AND s.id = w.service_id
          JOIN person pe ON pe.organization_id = w.organization_id AND pe.id = w.person_id
         WHERE o.organization_id = ${org} AND o.response IS NULL
         ORDER BY o.offered_at
         LIMIT 50`)
    : null;

  // People I follow whose last contact (a session done, or an unplanned contact) is older than their plan allows.
  const noContact = await ctx.tx.execute<Named & { episode_id: string; person_id: string; last_contact: Date | null; max_days: number }>(sql`
    WITH mine AS (
      SELECT ep.id, ep.person_id, ep.started_on, ip.max_days_without_contact AS max_days
        FROM episode ep
        JOIN LATERAL (SELECT max_days_without_contact FROM intensity_period ip
                       WHERE ip.organization_id = ep.organization_id AND ip.episode_id = ep.id AND ip.starts_on <= ${today}::date
                         AND (ip.ends_on IS NULL OR ip.ends_on >= ${today}::date) AND ip.max_days_without_contact IS NOT NULL
                       ORDER BY ip.starts_on DESC LIMIT 1) ip ON true
       WHERE ep.organization_id = ${org} AND ep.ended_on IS NULL AND (ep.referent_id = ${me} OR ep.coordinator_id = ${me})
    ), last AS (
      SELECT m.id, m.person_id, m.max_days, m.started_on, greatest(
               (SELECT max(a.starts_at) FROM appointment a WHERE a.organization_id = ${org} AND a.person_id = m.person_id AND a.status = 'done'),
               (SELECT max(j.occurred_at) FROM journal_entry j WHERE j.organization_id = ${org} AND j.episode_id = m.id AND j.kind = 'unplanned_contact')) AS last_contact
        FROM mine m
    )
    SELECT l.id AS episode_id, l.person_id, l.last_contact, l.max_days, pe.first_name, pe.last_name, pe.discreet, pe.alias
      FROM last l JOIN person pe ON pe.organization_id = ${org} AND pe.id = l.person_id
     WHERE coalesce(l.last_contact, l.started_on::timestamptz) < ${now.toISOString()}::timestamptz - make_interval(days => l.max_days)
     ORDER BY l.last_contact NULLS FIRST
     LIMIT 50`);

  const flags = await ctx.tx.execute<Named & { id: string; episode_id: string; person_id: string; reason: string; raised_at: Date }>(sql`
    SELECT f.id, f.episode_id, ep.person_id, f.reason, f.raised_at, pe.first_name, pe.last_name, pe.discreet, pe.alias
      FROM review_flag f
      JOIN episode ep ON ep.organization_id = f.organization_id AND ep.id = f.episode_id
      JOIN person pe ON pe.organization_id = ep.organization_id AND pe.id = ep.person_id
     WHERE f.organization_id = ${org} AND f.acknowledged_at IS NULL AND (ep.referent_id = ${me} OR ep.coordinator_id = ${me})
     ORDER BY f.raised_at
     LIMIT 50`);

  const named = new Set<string>();
  const shown = (personId: string | null, visible: boolean, r: Named) => {
    if (!personId || !visible) return null;
    named.add(personId);
    return label(r);
  };
  const result: MyDay = {
    today,
    appointments: appointments.rows.map((a) => {
      const personLabel = shown(a.person_id, a.visible, a);
      return {
        id: a.id,
        kind: a.kind,
        status: a.status,
        startsAt: new Date(a.starts_at).toISOString(),
        endsAt: new Date(a.ends_at).toISOString(),
        title: a.title ?? (personLabel ? `${personLabel} — ${a.service_name}` : a.service_name),
        personId: a.visible ? a.person_id : null,
        personLabel,
        modality: a.modality,
        day: new Date(a.starts_at).toISOString() < tomorrowStart ? 'today' : 'tomorrow',
      };
    }),
    // The assignee of an escalation must know whom it is about: it was sent to them.
    escalations: escalations.map((e) => ({
      id: e.id,
      severity: e.severity,
      status: e.status,
      personId: e.personId,
      personLabel: e.personLabel,
      request: e.contentVisible ? e.request : null,
      raisedAt: e.raisedAt,
      acknowledgeBy: e.acknowledgeBy,
      overdue: e.overdue,
      ageMinutes: Math.floor((now.getTime() - new Date(e.raisedAt).getTime()) / 60_000),
      assignedToMe: e.assignee.id === me,
    })),
    deadlines,
    transitions: transitions.rows.map((t) => ({
      id: t.id,
      episodeId: t.episode_id,
      personId: t.person_id,
      personLabel: shown(t.person_id, t.visible, t),
      toPhase: t.to_phase,
      plannedOn: t.planned_on,
      overdue: t.planned_on < today,
      itemsDone: t.done,
      itemsTotal: t.total,
    })),
    offersPending: offers
      ? offers.rows.map((o) => ({ entryId: o.entry_id, serviceName: o.service_name, offeredAt: new Date(o.offered_at).toISOString(), personId: o.person_id, personLabel: shown(o.person_id, true, o) }))
      : null,
    noContact: noContact.rows.map((n) => ({
      episodeId: n.episode_id,
      personId: n.person_id,
      personLabel: shown(n.person_id, true, n),
      lastContactOn: n.last_contact ? todayIn(tz, new Date(n.last_contact)) : null,
      daysWithoutContact: n.last_contact ? Math.floor((now.getTime() - new Date(n.last_contact).getTime()) / 86_400_000) : -1,
      maxDays: n.max_days,
    })),
    reviewFlags: flags.rows.map((f) => ({ id: f.id, episodeId: f.episode_id, personId: f.person_id, personLabel: shown(f.person_id, true, f), reason: f.reason, raisedAt: new Date(f.raised_at).toISOString() })),
  };
  for (const personId of named) ctx.audit({ action: 'home.read', personId, targetType: 'person', targetId: personId });
  return result;
}
