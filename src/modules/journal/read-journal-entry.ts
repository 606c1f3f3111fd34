import { sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { assertAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { selectVisibleEntries, toEntryView, type JournalEntryView } from './entry-view.js';
import { visibleEntryCondition } from './journal-access.js';
import type { JournalEntryKind } from './schema.js';

/**
 * One entry with its amendments (and its history when asked). An entry the actor may not read is
 * "not found", exactly like one that does not exist: its existence is not revealed. Audited.
 */
export async function readJournalEntry(ctx: Ctx, entryId: string, options: { withHistory?: boolean } = {}): Promise<JournalEntryView> {
  const [row] = await selectVisibleEntries(ctx, sql`je.id = ${entryId}`, { withHistory: options.withHistory === true, orderAndLimit: sql`LIMIT 1` });
  if (!row) throw new DomainError('not_found');
  // The author sees their own entry by its level; reading it here still takes being on the care team.
  assertAccess(ctx, 'journal.read', { personId: row.person_id, onCareTeam: row.on_team });
  ctx.audit({ action: 'journal.entry_read', personId: row.person_id, targetType: 'journal_entry', targetId: row.id });
  return toEntryView(ctx, row);
}

export interface EntryForEscalation {
  id: string;
  episodeId: string;
  personId: string;
  kind: JournalEntryKind;
  text: string;
}

/**
 * For the escalation module: the entry an escalation is raised from, when the actor may read it and
 * is on the person's care team; otherwise not_found (nothing revealed). Not audited here: the
 * caller's own event (the escalation raised or read) records the access.
 */
export async function readEntryForEscalation(ctx: Ctx, entryId: string): Promise<EntryForEscalation> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(entryId)) throw new DomainError('not_found');
  const { rows } = await ctx.tx.execute<{ id: string; episode_id: string; person_id: string; kind: JournalEntryKind; text: string }>(sql`
    SELECT je.id, je.episode_id, je.person_id, je.kind, je.text FROM journal_entry je
    WHERE je.organization_id = ${ctx.organizationId} AND je.id = ${entryId} AND ${visibleEntryCondition(ctx, sql.raw('je'))}
      AND EXISTS (SELECT 1 FROM care_team_member ctm WHERE ctm.organization_id = je.organization_id AND ctm.person_id = je.person_id
        AND ctm.staff_member_id = ${ctx.actor.staffMemberId} AND ctm.removed_at IS NULL)`);
  const row = rows[0];
  if (!row) throw new DomainError('not_found');
  return { id: row.id, episodeId: row.episode_id, personId: row.person_id, kind: row.kind, text: row.text };
}
