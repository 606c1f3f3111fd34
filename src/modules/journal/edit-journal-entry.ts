import { sql } from 'drizzle-orm';
import { pgError } from '../../db/errors.js';
import { DomainError } from '../../lib/domain-error.js';
import { assertAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { editWindowHours, selectVisibleEntries, toEntryView, type JournalEntryView } from './entry-view.js';
import { visibleEntryCondition } from './journal-access.js';
import { journalRevision, type ConfidentialityLevel, type JournalEntryKind } from './schema.js';
import { entryFieldProblems, episodeFactsForEntry, type JournalEntryInput } from './write-journal-entry.js';

export interface LockedEntry {
  id: string;
  episode_id: string;
  person_id: string;
  author_id: string;
  kind: JournalEntryKind;
  confidentiality: ConfidentialityLevel;
  goal_id: string | null;
  appointment_id: string | null;
  revision: number;
  edit_window_open: boolean;
  is_referent: boolean;
  on_team: boolean;
}

/**
 * The entry, locked for this transaction (two changes of one entry queue here, and the second sees
 * the first's revision), if the actor may read it; not_found otherwise, revealing nothing.
 */
export async function lockVisibleEntry(ctx: Ctx, entryId: string): Promise<LockedEntry> {
  const me = ctx.actor.staffMemberId;
  const { rows } = await ctx.tx.execute<LockedEntry & Record<string, unknown>>(sql`
    SELECT je.id, je.episode_id, je.person_id, je.author_id, je.kind, je.confidentiality, je.goal_id, je.appointment_id, je.revision,
      now() <= je.created_at + make_interval(hours => ${editWindowHours}) AS edit_window_open,
      EXISTS (SELECT 1 FROM episode ep WHERE ep.organization_id = je.organization_id AND ep.id = je.episode_id AND ep.referent_id = ${me}) AS is_referent,
      EXISTS (SELECT 1 FROM care_team_member ctm WHERE ctm.organization_id = je.organization_id AND ctm.person_id = je.person_id
        AND ctm.staff_member_id = ${me} AND ctm.removed_at IS NULL) AS on_team
    FROM journal_entry je
    WHERE je.organization_id = ${ctx.organizationId} AND je.id = ${entryId} AND ${visibleEntryCondition(ctx, sql.raw('je'))}
    FOR UPDATE OF je`);
  const row = rows[0];
  if (!row) throw new DomainError('not_found');
  return row;
}

/** The database's own refusal (trigger journal_entry_guard, SQLSTATE RL020) as the domain's. */
export function journalErrorFromDatabase(error: unknown): DomainError | null {
  return pgError(error)?.code === 'RL020' ? new DomainError('journal_edit_window_closed') : null;
}

/**
 * The author changes their entry within 24 hours of writing it: every edit is a new revision (the
 * previous words stay in the history). `expectedRevision` is the revision the author edited: if the
 * entry moved on since (an edit or an amendment), the edit is refused (412) rather than overwriting.
 * After 24 hours the use case refuses, and the trigger refuses behind it: add an amendment instead.
 */
export async function editJournalEntry(ctx: Ctx, entryId: string, expectedRevision: number | null, input: JournalEntryInput): Promise<JournalEntryView> {
  if (expectedRevision === null) {
    throw new DomainError('validation_failed', {}, [{ field: 'body.revision', message: { fr: 'Indiquez la version de l’observation que vous modifiez (revision ou If-Match).', en: 'Give the revision of the entry you are editing (revision or If-Match).' } }]);
  }
  const entry = await lockVisibleEntry(ctx, entryId);
  assertAccess(ctx, 'journal.write', { personId: entry.person_id, onCareTeam: entry.on_team });
  if (entry.author_id !== ctx.actor.staffMemberId) throw new DomainError('journal_not_author');
  if (!entry.edit_window_open) throw new DomainError('journal_edit_window_closed');
  if (entry.revision !== expectedRevision) {
    throw new DomainError('version_conflict', {
      currentRevision: entry.revision,
      detail: { fr: `L’observation a changé depuis son affichage (version ${entry.revision}) : rechargez-la avant de la modifier.`, en: `The entry changed since it was shown (revision ${entry.revision}): reload it before editing.` },
    });
  }
  // Links not sent are kept; null removes them.
  const goalId = input.goalId === undefined ? entry.goal_id : input.goalId;
  const appointmentId = input.appointmentId === undefined ? entry.appointment_id : input.appointmentId;
  const facts = await episodeFactsForEntry(ctx, entry.episode_id, { goalId, appointmentId });
  const problems = entryFieldProblems(facts, input);
  if (problems.length) throw new DomainError('validation_failed', {}, problems);

  const text = input.text.trim();
  const confidentiality = input.confidentiality ?? entry.confidentiality;
  const revision = entry.revision + 1;
  try {
    // The search text is the current words followed by the amendments, which an edit keeps.
    await ctx.tx.execute(sql`
      UPDATE journal_entry je SET text = ${text}, kind = ${input.kind}, occurred_at = ${new Date(input.occurredAt).toISOString()}::timestamptz,
        confidentiality = ${confidentiality}, goal_id = ${goalId}::uuid, appointment_id = ${appointmentId}::uuid, revision = ${revision}, updated_at = now(),
        search_text = ${text} || coalesce((SELECT string_agg(E'\n' || r.text, '' ORDER BY r.number) FROM journal_revision r
          WHERE r.organization_id = je.organization_id AND r.entry_id = je.id AND r.is_amendment), '')
      WHERE je.organization_id = ${ctx.organizationId} AND je.id = ${entryId}`);
  } catch (error) {
    throw journalErrorFromDatabase(error) ?? error;
  }
  await ctx.tx.insert(journalRevision).values({ organizationId: ctx.organizationId, entryId, number: revision, text, kind: input.kind, confidentiality, isAmendment: false, authorId: ctx.actor.staffMemberId });
  ctx.audit({ action: 'journal.edited', personId: entry.person_id, targetType: 'journal_entry', targetId: entryId, details: { revision, kind: input.kind, confidentiality } });
  const [row] = await selectVisibleEntries(ctx, sql`je.id = ${entryId}`, { withHistory: false, orderAndLimit: sql`LIMIT 1` });
  // The author always reads their own entry, whatever level they chose.
  return toEntryView(ctx, row!);
}
