import { sql } from 'drizzle-orm';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { displayName } from '../people/person-display.js';
import { visibleEntryCondition } from './journal-access.js';
import type { ConfidentialityLevel, JournalEntryKind } from './schema.js';

export interface SearchJournalQuery {
  q: string;
  personId?: string | undefined;
  kinds?: JournalEntryKind[] | undefined;
  /** Calendar days in the structure's time zone, both included. */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

/** A piece of an excerpt: plain text, marked when it matched. Never HTML. */
export interface ExcerptPart {
  text: string;
  mark: boolean;
}

export interface JournalSearchHit {
  id: string;
  episodeId: string;
  personId: string;
  personLabel: string;
  kind: JournalEntryKind;
  occurredAt: string;
  confidentiality: ConfidentialityLevel;
  authorName: string;
  rank: number;
  excerpt: ExcerptPart[];
}

export interface JournalSearchResult {
  items: JournalSearchHit[];
  /** Offset of the next page, or null. */
  nextOffset: number | null;
}

// ts_headline marks matches with characters from Unicode's private use area, which the excerpt is then
// split on: the user's own text is never interpreted as markup, whatever it contains.
const start = '\uE000';
const stop = '\uE001';

export function splitExcerpt(headline: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let rest = headline;
  while (rest.length) {
    const open = rest.indexOf(start);
    if (open === -1) {
      parts.push({ text: rest, mark: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), mark: false });
    const close = rest.indexOf(stop, open + 1);
    const end = close === -1 ? rest.length : close;
    parts.push({ text: rest.slice(open + 1, end), mark: true });
    rest = close === -1 ? '' : rest.slice(close + 1);
  }
  return parts.filter((p) => p.text.length > 0);
}

/**
 * The query's words as a tsquery over relais_french (unaccent, then the French stemmer). The
 * stemmer treats accented and plain spellings a little differently ("évaluée" gives evalue, "évalué"
 * and "evalue" give evalu), so each lexeme is looked for with and without a final "e": "évaluée",
 * "évalué", "evalue", "évaluation" then all find one another. Exact lexemes, not prefixes: a prefix
 * ("log:*" for "logement") gathers every word that starts alike across the whole table, which cost
 * 100-500 ms a query on 2,000,000 entries (bench). Every word must match (AND). Lexemes go in
 * quoted, so nothing the user types is read as tsquery syntax.
 */
export function prefixQuery(q: string) {
  const quoted = (value: string) => `'''' || replace(replace(${value}, '\\', '\\\\'), '''', '''''') || ''''`;
  return sql`(SELECT string_agg('(' || ${sql.raw(quoted('t.lexeme'))} || CASE
          WHEN length(t.lexeme) >= 5 AND right(t.lexeme, 1) = 'e' THEN ' | ' || ${sql.raw(quoted('left(t.lexeme, -1)'))}
          WHEN length(t.lexeme) >= 4 THEN ' | ' || ${sql.raw(quoted("t.lexeme || 'e'"))}
          ELSE '' END || ')', ' & ')::tsquery
      FROM unnest(to_tsvector('relais_french', ${q})) AS t)`;
}

interface Row {
  id: string;
  episode_id: string;
  person_id: string;
  kind: JournalEntryKind;
  occurred_at: Date;
  confidentiality: ConfidentialityLevel;
  author_name: string;
  rank: number;
  headline: string;
  first_name: string;
  last_name: string;
  discreet: boolean;
  alias: string | null;
}

/**
 * French full-text search over the entries the actor may read, best first, with highlighted
 * excerpts. Fast on millions of entries because it first narrows to the people whose care team the
 * actor is on (need to know: search never reaches beyond it), then to entries by their level
 * (visibleEntryCondition); only the page's entries get an excerpt. One audit event per person found.
 */
export async function searchJournal(ctx: Ctx, query: SearchJournalQuery): Promise<JournalSearchResult> {
  await requireAccess(ctx, 'journal.search');
  const me = ctx.actor.staffMemberId;
  const tz = ctx.actor.timeZone;
  const filters = [
    query.personId ? sql`je.person_id = ${query.personId}::uuid` : sql`TRUE`,
    query.kinds?.length ? sql`je.kind IN (${sql.join(query.kinds.map((k) => sql`${k}`), sql`, `)})` : sql`TRUE`,
    query.from ? sql`je.occurred_at >= (${query.from}::date)::timestamp AT TIME ZONE ${tz}` : sql`TRUE`,
    query.to ? sql`je.occurred_at < ((${query.to}::date) + 1)::timestamp AT TIME ZONE ${tz}` : sql`TRUE`,
  ];
  const options = `StartSel=${start}, StopSel=${stop}, MaxFragments=2, MaxWords=18, MinWords=6, FragmentDelimiter=" … "`;
  const { rows } = await ctx.tx.execute<Row & Record<string, unknown>>(sql`
    -- The care team's people as one array: the planner then intersects one scan of the person index
    -- with one scan of the text index (a BitmapAnd), instead of one text-index scan per person.
    WITH q AS (SELECT ${prefixQuery(query.q)} AS query),
    team AS (SELECT ctm.person_id FROM care_team_member ctm
      WHERE ctm.organization_id = ${ctx.organizationId} AND ctm.staff_member_id = ${me} AND ctm.removed_at IS NULL),
    hits AS (
      SELECT je.id, je.organization_id, je.episode_id, je.person_id, je.kind, je.occurred_at, je.confidentiality, je.author_id, je.search_text,
        ts_rank_cd(je.search, q.query) AS rank
      FROM journal_entry je, q
      WHERE je.organization_id = ${ctx.organizationId} AND je.person_id = ANY(ARRAY(SELECT person_id FROM team))
        AND je.search @@ q.query AND ${visibleEntryCondition(ctx, sql.raw('je'))} AND ${sql.join(filters, sql` AND `)}
      ORDER BY rank DESC, je.occurred_at DESC, je.id DESC
      LIMIT ${query.limit + 1} OFFSET ${query.offset})
    SELECT h.id, h.episode_id, h.person_id, h.kind, h.occurred_at, h.confidentiality, h.rank,
      sm.first_name || ' ' || sm.last_name AS author_name,
      ts_headline('relais_french', translate(h.search_text, ${start + stop}, ''), q.query, ${options}) AS headline,
      p.first_name, p.last_name, p.discreet, p.alias
    FROM hits h CROSS JOIN q
    JOIN staff_member sm ON sm.organization_id = h.organization_id AND sm.id = h.author_id
    JOIN person p ON p.organization_id = h.organization_id AND p.id = h.person_id
    ORDER BY h.rank DESC, h.occurred_at DESC, h.id DESC`);
  const page = rows.slice(0, query.limit);
  for (const personId of new Set(page.map((r) => r.person_id))) {
    ctx.audit({ action: 'journal.searched', personId, targetType: 'person', targetId: personId, details: { entries: page.filter((r) => r.person_id === personId).length } });
  }
  return {
    items: page.map((r) => ({
      id: r.id,
      episodeId: r.episode_id,
      personId: r.person_id,
      personLabel: displayName({ firstName: r.first_name, lastName: r.last_name, discreet: r.discreet, alias: r.alias }),
      kind: r.kind,
      occurredAt: new Date(r.occurred_at).toISOString(),
      confidentiality: r.confidentiality,
      authorName: r.author_name,
      rank: Number(r.rank),
      excerpt: splitExcerpt(r.headline),
    })),
    nextOffset: rows.length > query.limit ? query.offset + query.limit : null,
  };
}
