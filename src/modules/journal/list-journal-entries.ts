import { sql, type SQL } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { assertAccess, requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { selectVisibleEntries, toEntryView, type JournalEntryView } from './entry-view.js';
import type { JournalEntryKind } from './schema.js';

export interface ListJournalQuery {
  cursor?: string | undefined;
  limit: number;
  kinds?: JournalEntryKind[] | undefined;
  withHistory?: boolean | undefined;
}

export interface JournalPage {
  items: JournalEntryView[];
  nextCursor: string | null;
}

function encodeCursor(occurredAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([new Date(occurredAt).toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string | undefined): [string, string] | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && !Number.isNaN(Date.parse(value[0])) && typeof value[1] === 'string' && /^[0-9a-f-]{36}$/i.test(value[1])) {
      return [value[0], value[1]];
    }
  } catch {
    // fall through: the cursor is refused below
  }
  throw new DomainError('validation_failed', {}, [{ field: 'querystring.cursor', message: { fr: 'Curseur de page invalide : repartez de la première page.', en: 'Invalid page cursor: start again from the first page.' } }]);
}

/** Newest first; an entry the actor may not read is neither returned nor counted. */
async function page(ctx: Ctx, scope: SQL, query: ListJournalQuery): Promise<JournalPage> {
  const after = decodeCursor(query.cursor);
  const where = sql.join(
    [
      scope,
      query.kinds?.length ? sql`je.kind IN (${sql.join(query.kinds.map((k) => sql`${k}`), sql`, `)})` : sql`TRUE`,
      after ? sql`(je.occurred_at, je.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql`TRUE`,
    ],
    sql` AND `,
  );
  const rows = await selectVisibleEntries(ctx, where, { withHistory: query.withHistory === true, orderAndLimit: sql`ORDER BY je.occurred_at DESC, je.id DESC LIMIT ${query.limit + 1}` });
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items: items.map((r) => toEntryView(ctx, r)), nextCursor: rows.length > query.limit && last ? encodeCursor(last.occurred_at, last.id) : null };
}

/** An episode's journal, for its person's care team, each entry within its confidentiality level. Audited. */
export async function listEpisodeJournal(ctx: Ctx, episodeId: string, query: ListJournalQuery): Promise<JournalPage> {
  const { rows } = await ctx.tx.execute<{ person_id: string; on_team: boolean }>(sql`
    SELECT ep.person_id, EXISTS (SELECT 1 FROM care_team_member ctm WHERE ctm.organization_id = ep.organization_id AND ctm.person_id = ep.person_id
        AND ctm.staff_member_id = ${ctx.actor.staffMemberId} AND ctm.removed_at IS NULL) AS on_team
    FROM episode ep WHERE ep.organization_id = ${ctx.organizationId} AND ep.id = ${episodeId}`);
  const found = rows[0];
  if (!found) throw new DomainError('not_found');
  assertAccess(ctx, 'journal.read', { personId: found.person_id, onCareTeam: found.on_team });
  const result = await page(ctx, sql`je.episode_id = ${episodeId}`, query);
  ctx.audit({ action: 'journal.read', personId: found.person_id, targetType: 'episode', targetId: episodeId, details: { entries: result.items.length } });
  return result;
}

/** A person's journal across their episodes, for their care team, each entry within its level. Audited. */
export async function listPersonJournal(ctx: Ctx, personId: string, query: ListJournalQuery): Promise<JournalPage> {
  await requireAccess(ctx, 'journal.read', { personId });
  const result = await page(ctx, sql`je.person_id = ${personId}`, query);
  ctx.audit({ action: 'journal.read', personId, targetType: 'person', targetId: personId, details: { entries: result.items.length } });
  return result;
}
