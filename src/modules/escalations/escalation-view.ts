import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../server/context.js';
import { visibleEntryCondition } from '../journal/journal-access.js';
import { displayName } from '../people/person-display.js';
import type { JournalEntryKind } from '../journal/schema.js';
import type { EscalationSeverity, EscalationStatus } from './schema.js';

/**
 * Need to know, for escalations. An escalation is a concern deliberately sent to a named clinical
 * referent, who is often not on the person's care team (a physician covering several services), and
 * it climbs to people further up the structure's chain. Putting each of them on the care team would
 * open the whole record to them; instead the escalation itself is their reason to know: its
 * participants (who raised it, its addressee, whoever it is or was assigned to) read the escalation
 * and the one entry it was raised from, and nothing else of the record, each read audited. Anyone
 * else on the care team sees the escalation exists, but its content (the request, the entry, the
 * follow-up) only when the journal's own rule lets them read that entry (`visibleEntryCondition`),
 * since the request often quotes it.
 */
export function participantCondition(ctx: Ctx, e: SQL = sql.raw('e')): SQL<boolean> {
  const me = ctx.actor.staffMemberId;
  return sql<boolean>`(${e}.raised_by = ${me} OR ${e}.addressee_id = ${me} OR ${e}.assignee_id = ${me}
    OR EXISTS (SELECT 1 FROM escalation_event pe WHERE pe.organization_id = ${e}.organization_id AND pe.escalation_id = ${e}.id AND pe.assignee_id = ${me}))`;
}

export const severityRank: Record<EscalationSeverity, number> = { emergency: 4, urgent: 3, concern: 2, information: 1 };

export interface StaffRef {
  id: string;
  name: string;
}

export interface EscalationView {
  id: string;
  personId: string;
  /** Alias or initials for a discreet person. */
  personLabel: string;
  episodeId: string;
  entryId: string;
  severity: EscalationSeverity;
  status: EscalationStatus;
  /** False when the actor may know the escalation exists but not what it says (see participantCondition). */
  contentVisible: boolean;
  request: string | null;
  entry: { kind: JournalEntryKind; text: string; occurredAt: string } | null;
  followUp: string | null;
  addressee: StaffRef;
  assignee: StaffRef;
  raisedBy: StaffRef;
  raisedAt: string;
  acknowledgeBy: string;
  overdue: boolean;
  chainLevel: number;
  acknowledgedBy: StaffRef | null;
  acknowledgedAt: string | null;
  closedAt: string | null;
  /** What the actor may do now. */
  canAcknowledge: boolean;
  canFollowUp: boolean;
  canClose: boolean;
}

type Row = {
  id: string;
  person_id: string;
  episode_id: string;
  entry_id: string;
  severity: EscalationSeverity;
  status: EscalationStatus;
  request: string | null;
  follow_up: string | null;
  entry_kind: JournalEntryKind;
  entry_text: string | null;
  entry_occurred_at: string;
  content_visible: boolean;
  participant: boolean;
  entry_by_journal_rule: boolean;
  addressee_id: string;
  addressee_name: string;
  assignee_id: string;
  assignee_name: string;
  raised_by: string;
  raised_by_name: string;
  raised_at: string;
  acknowledge_by: string;
  overdue: boolean;
  chain_level: number;
  acknowledged_by: string | null;
  acknowledged_by_name: string | null;
  acknowledged_at: string | null;
  closed_at: string | null;
  first_name: string;
  last_name: string;
  discreet: boolean;
  alias: string | null;
};

export interface SelectedEscalation extends EscalationView {
  /** Whether the actor is a participant (reads through the escalation) or reads the entry through the journal's rule. */
  participant: boolean;
  entryByJournalRule: boolean;
}

/**
 * Escalations matching `where` (over alias `e`), severity first then oldest first, with their content
 * only where the need-to-know rule above allows it: the text never leaves the database otherwise.
 * `now` decides what is overdue (a parameter so tests and the home page can fix the clock).
 */
export async function selectEscalations(ctx: Ctx, where: SQL, options: { now?: Date | undefined; limit?: number } = {}): Promise<SelectedEscalation[]> {
  const now = (options.now ?? new Date()).toISOString();
  const participant = participantCondition(ctx);
  const byJournal = visibleEntryCondition(ctx, sql.raw('je'));
  const result = await ctx.tx.execute<Row>(sql`
    SELECT e.id, e.person_id, e.episode_id, e.entry_id, e.severity, e.status, e.raised_by, e.raised_at, e.acknowledge_by, e.chain_level,
           e.addressee_id, e.assignee_id, e.acknowledged_by, e.acknowledged_at, e.closed_at,
           v.participant, v.by_journal AS entry_by_journal_rule, (v.participant OR v.by_journal) AS content_visible,
           CASE WHEN v.participant OR v.by_journal THEN e.request END AS request,
           CASE WHEN v.participant OR v.by_journal THEN e.follow_up END AS follow_up,
           CASE WHEN v.participant OR v.by_journal THEN je.text END AS entry_text,
           je.kind AS entry_kind, je.occurred_at AS entry_occurred_at,
           (e.status = 'open' AND e.acknowledge_by <= ${now}::timestamptz) AS overdue,
           p.first_name, p.last_name, p.discreet, p.alias,
           ad.first_name || ' ' || ad.last_name AS addressee_name,
           asg.first_name || ' ' || asg.last_name AS assignee_name,
           rb.first_name || ' ' || rb.last_name AS raised_by_name,
           ack.first_name || ' ' || ack.last_name AS acknowledged_by_name
      FROM escalation e
      JOIN journal_entry je ON je.organization_id = e.organization_id AND je.id = e.entry_id
      CROSS JOIN LATERAL (SELECT ${participant} AS participant, ${byJournal} AS by_journal) v
      JOIN person p ON p.organization_id = e.organization_id AND p.id = e.person_id
      JOIN staff_member ad ON ad.organization_id = e.organization_id AND ad.id = e.addressee_id
      JOIN staff_member asg ON asg.organization_id = e.organization_id AND asg.id = e.assignee_id
      JOIN staff_member rb ON rb.organization_id = e.organization_id AND rb.id = e.raised_by
      LEFT JOIN staff_member ack ON ack.organization_id = e.organization_id AND ack.id = e.acknowledged_by
     WHERE e.organization_id = ${ctx.organizationId} AND ${where}
     ORDER BY CASE e.severity WHEN 'emergency' THEN 4 WHEN 'urgent' THEN 3 WHEN 'concern' THEN 2 ELSE 1 END DESC, e.raised_at, e.id
     ${options.limit ? sql`LIMIT ${options.limit}` : sql``}`);
  const me = ctx.actor.staffMemberId;
  return result.rows.map((r) => {
    const handles = r.assignee_id === me || r.addressee_id === me;
    const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());
    return {
      id: r.id,
      personId: r.person_id,
      personLabel: displayName({ firstName: r.first_name, lastName: r.last_name, discreet: r.discreet, alias: r.alias }),
      episodeId: r.episode_id,
      entryId: r.entry_id,
      severity: r.severity,
      status: r.status,
      contentVisible: r.content_visible,
      request: r.request,
      entry: r.entry_text === null ? null : { kind: r.entry_kind, text: r.entry_text, occurredAt: new Date(r.entry_occurred_at).toISOString() },
      followUp: r.follow_up,
      addressee: { id: r.addressee_id, name: r.addressee_name },
      assignee: { id: r.assignee_id, name: r.assignee_name },
      raisedBy: { id: r.raised_by, name: r.raised_by_name },
      raisedAt: new Date(r.raised_at).toISOString(),
      acknowledgeBy: new Date(r.acknowledge_by).toISOString(),
      overdue: r.overdue,
      chainLevel: r.chain_level,
      acknowledgedBy: r.acknowledged_by ? { id: r.acknowledged_by, name: r.acknowledged_by_name ?? '' } : null,
      acknowledgedAt: iso(r.acknowledged_at),
      closedAt: iso(r.closed_at),
      canAcknowledge: r.status === 'open' && handles,
      canFollowUp: r.status !== 'closed' && (r.participant || r.acknowledged_by === me),
      canClose: r.status !== 'closed' && (handles || r.acknowledged_by === me),
      participant: r.participant,
      entryByJournalRule: r.entry_by_journal_rule,
    };
  });
}

/** The view as the API returns it (without the internal facts used for auditing). */
export function publicView(e: SelectedEscalation): EscalationView {
  const { participant: _p, entryByJournalRule: _j, ...view } = e;
  return view;
}
