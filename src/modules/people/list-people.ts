import { and, asc, desc, eq, gt, or, sql } from 'drizzle-orm';
import { actorCareTeamJoin, requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { displayName } from './person-display.js';
import { careTeamMember, person, type PublicCategory } from './schema.js';

export interface PersonListItem {
  id: string;
  /** Full name, or for a discreet person their alias or initials. */
  displayName: string;
  discreet: boolean;
  /** Null for a discreet person: the identity shows only inside the record. */
  firstName: string | null;
  lastName: string | null;
  birthDate: string | null;
  publicCategory: PublicCategory;
}

export interface PeoplePage {
  items: PersonListItem[];
  nextCursor: string | null;
  /** A search found more people than one page shows: the user should refine it. */
  moreMatches: boolean;
}

export interface ListPeopleQuery {
  cursor?: string | undefined;
  limit: number;
  /** Accent-insensitive, typo-tolerant search on names (results by relevance, one page). */
  q?: string | undefined;
  category?: PublicCategory | undefined;
}

function encodeCursor(lastName: string, id: string) {
  return Buffer.from(JSON.stringify([lastName, id])).toString('base64url');
}

function decodeCursor(cursor: string | undefined): [string, string] | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' && /^[0-9a-f-]{36}$/i.test(value[1])) {
      return [value[0], value[1]];
    }
  } catch {
    // an unreadable cursor starts from the beginning
  }
  return null;
}

/**
 * The people whose care team the actor is on (need to know: every list of person data goes
 * through this filter), by last name with a cursor, or by relevance to a search. Discreet people are
 * listed under their alias or initials. The list read is audited per person shown.
 */
export async function listPeople(ctx: Ctx, query: ListPeopleQuery): Promise<PeoplePage> {
  await requireAccess(ctx, 'person.list');
  const search = query.q?.trim() ? sql`relais_normalize_name(${query.q.trim()})` : null;
  const after = search ? null : decodeCursor(query.cursor);
  const score = search ? sql<number>`greatest(similarity(${person.searchName}, ${search}), word_similarity(${search}, ${person.searchName}))` : sql<number>`0`;
  const rows = await ctx.tx
    .select({
      id: person.id,
      firstName: person.firstName,
      lastName: person.lastName,
      birthDate: person.birthDate,
      discreet: person.discreet,
      alias: person.alias,
      publicCategory: person.publicCategory,
    })
    .from(person)
    .innerJoin(careTeamMember, actorCareTeamJoin(ctx))
    .where(
      and(
        eq(person.organizationId, ctx.organizationId),
        query.category ? eq(person.publicCategory, query.category) : undefined,
        search ? or(sql`${person.searchName} % ${search}`, sql`${search} <% ${person.searchName}`, sql`${person.searchName} LIKE '%' || ${search} || '%'`) : undefined,
        after ? or(gt(person.lastName, after[0]), and(eq(person.lastName, after[0]), sql`${person.id} > ${after[1]}`)) : undefined,
      ),
    )
    .orderBy(...(search ? [desc(score), asc(person.lastName), asc(person.id)] : [asc(person.lastName), asc(person.id)]))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  for (const item of page) ctx.audit({ action: 'person.listed', personId: item.id, targetType: 'person', targetId: item.id });
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      displayName: displayName(r),
      discreet: r.discreet,
      firstName: r.discreet ? null : r.firstName,
      lastName: r.discreet ? null : r.lastName,
      birthDate: r.discreet ? null : r.birthDate,
      publicCategory: r.publicCategory,
    })),
    nextCursor: !search && rows.length > query.limit && last ? encodeCursor(last.lastName, last.id) : null,
    moreMatches: search !== null && rows.length > query.limit,
  };
}
