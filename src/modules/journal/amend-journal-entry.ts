import { sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { assertAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { lockVisibleEntry } from './edit-journal-entry.js';
import { selectVisibleEntries, toEntryView, type JournalEntryView } from './entry-view.js';
import { journalRevision } from './schema.js';

export interface AmendmentInput {
  text: string;
  reason: string;
}

/**
 * Adds an amendment to an entry, at any time (and the only way to change it after 24 hours). The
 * original words are never touched: the amendment is a revision of its own, and the search text
 * becomes the original followed by its amendments. Who may amend: the author, who owns the words,
 * and the episode's référent, who answers for the coherence of the person's record; both must read
 * the entry and be on the care team with journal:write. Other colleagues write their own entry, so
 * that nobody's name ends up under words they did not write.
 */
export async function amendJournalEntry(ctx: Ctx, entryId: string, input: AmendmentInput): Promise<JournalEntryView> {
  const entry = await lockVisibleEntry(ctx, entryId);
  assertAccess(ctx, 'journal.write', { personId: entry.person_id, onCareTeam: entry.on_team });
  if (entry.author_id !== ctx.actor.staffMemberId && !entry.is_referent) throw new DomainError('journal_amend_not_allowed');
  const text = input.text.trim();
  const revision = entry.revision + 1;
  await ctx.tx.insert(journalRevision).values({
    organizationId: ctx.organizationId,
    entryId,
    number: revision,
    text,
    kind: entry.kind,
    confidentiality: entry.confidentiality,
    isAmendment: true,
    reason: input.reason.trim(),
    authorId: ctx.actor.staffMemberId,
  });
  await ctx.tx.execute(sql`
    UPDATE journal_entry SET revision = ${revision}, updated_at = now(), search_text = search_text || E'\n' || ${text}
    WHERE organization_id = ${ctx.organizationId} AND id = ${entryId}`);
  ctx.audit({ action: 'journal.amended', personId: entry.person_id, targetType: 'journal_entry', targetId: entryId, details: { revision } });
  const [row] = await selectVisibleEntries(ctx, sql`je.id = ${entryId}`, { withHistory: false, orderAndLimit: sql`LIMIT 1` });
  return toEntryView(ctx, row!);
}
