import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { asSystem } from '../../db/transaction.js';
import { repeatEvery } from '../../lib/repeat-every.js';
import { recordAuditEvents } from '../audit/record-audit-event.js';
import { notifyStaff } from '../notifications/notify-staff.js';
import { defaultAcknowledgementMinutes } from './manage-escalation-settings.js';
import { escalationEvent, type AcknowledgementDelays, type EscalationSeverity } from './schema.js';

type Due = {
  organization_id: string;
  id: string;
  person_id: string;
  severity: EscalationSeverity;
  assignee_id: string;
  raised_by: string;
  chain: string[] | null;
  acknowledgement_minutes: Partial<AcknowledgementDelays> | null;
  active_chain: string[];
  held_by: string[];
};

/**
 * Who an unacknowledged escalation goes to next: the first person in the chain after its current
 * assignee (from the top of the chain when the assignee is not in it), skipping whoever raised it,
 * whoever already had it, and deactivated accounts. Null at the end of the chain.
 */
export function nextInChain(chain: readonly string[], current: string, skip: ReadonlySet<string>, active: ReadonlySet<string>): string | null {
  const from = chain.indexOf(current) + 1; // -1 + 1: from the top
  return chain.slice(from).find((id) => id !== current && !skip.has(id) && active.has(id)) ?? null;
}

/**
 * Climbs every open escalation whose acknowledgement delay has passed at `now` to the next person
 * in its structure's chain, gives them a fresh delay (the severity's), and tells them. At the end of
 * the chain an escalation stays where it is, overdue, and on its assignee's list. Across all
 * structures (the job has no actor): rows are locked so two runs never climb the same one twice.
 */
export async function climbOverdueEscalations(db: Db, options: { now?: Date } = {}): Promise<{ climbed: number; atEndOfChain: number }> {
  const now = (options.now ?? new Date()).toISOString();
  return asSystem(db, async (tx) => {
    const due = await tx.execute<Due>(sql`
      SELECT e.organization_id, e.id, e.person_id, e.severity, e.assignee_id, e.raised_by, s.chain, s.acknowledgement_minutes,
             coalesce((SELECT array_agg(sm.id) FROM staff_member sm WHERE sm.organization_id = e.organization_id AND sm.id = ANY(s.chain) AND sm.status = 'active'), '{}') AS active_chain,
             (SELECT array_agg(ev.assignee_id) FROM escalation_event ev WHERE ev.organization_id = e.organization_id AND ev.escalation_id = e.id AND ev.assignee_id IS NOT NULL) AS held_by
        FROM escalation e
        LEFT JOIN escalation_settings s ON s.organization_id = e.organization_id
       WHERE e.status = 'open' AND e.acknowledge_by <= ${now}::timestamptz
       ORDER BY e.acknowledge_by
         FOR UPDATE OF e SKIP LOCKED`);
    let climbed = 0;
    let atEndOfChain = 0;
    for (const row of due.rows) {
      const next = nextInChain(row.chain ?? [], row.assignee_id, new Set([row.raised_by, ...(row.held_by ?? [])]), new Set(row.active_chain));
      if (!next) {
        atEndOfChain += 1;
        continue;
      }
      const delay = { ...defaultAcknowledgementMinutes, ...(row.acknowledgement_minutes ?? {}) }[row.severity];
      await tx.execute(sql`
        UPDATE escalation SET assignee_id = ${next}, chain_level = chain_level + 1,
               acknowledge_by = ${now}::timestamptz + make_interval(mins => ${delay})
         WHERE organization_id = ${row.organization_id} AND id = ${row.id}`);
      await tx.insert(escalationEvent).values({ organizationId: row.organization_id, escalationId: row.id, kind: 'climbed', assigneeId: next, at: new Date(now) });
      await notifyStaff({ tx, organizationId: row.organization_id }, [next], 'escalation_climbed', { escalationId: row.id, severity: row.severity });
      await recordAuditEvents(tx, { organizationId: row.organization_id, actorId: null, ip: null, requestId: null }, [
        { action: 'escalation.climbed', personId: row.person_id, targetType: 'escalation', targetId: row.id, details: { from: row.assignee_id, to: next } },
      ]);
      climbed += 1;
    }
    return { climbed, atEndOfChain };
  });
}

/**
 * Runs the climb every minute from the server process (a timer, like the record purger: the rows
 * are the state, so a restart loses nothing and several processes cannot climb one escalation twice).
 */
export function startEscalationClimber(db: Db, onError: (error: unknown) => void, options: { intervalMs?: number } = {}): { stop: () => Promise<void> } {
  return repeatEvery(options.intervalMs ?? 60_000, () => climbOverdueEscalations(db), onError);
}
