import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { careTeamMember, person } from './schema.js';

export interface PeoplePage {
  items: { id: string; firstName: string; lastName: string; birthDate: string | null }[];
  nextCursor: string | null;
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
 * through this filter), by last name, cursor-paginated. The list read is audited per person shown.
 */
export async function listPeople(ctx: Ctx, query: { cursor?: string | undefined; limit: number }): Promise<PeoplePage> {
  await requireAccess(ctx, 'person.list');
  const after = decodeCursor(query.cursor);
  const rows = await ctx.tx
    .select({ id: person.id, firstName: person.firstName, lastName: person.lastName, birthDate: person.birthDate })
    .from(person)
    .innerJoin(
      careTeamMember,
      and(
        eq(careTeamMember.organizationId, person.organizationId),
        eq(careTeamMember.personId, person.id),
        eq(careTeamMember.staffMemberId, ctx.actor.staffMemberId),
        isNull(careTeamMember.removedAt),
      ),
    )
    .where(
      and(
        eq(person.organizationId, ctx.organizationId),
        after ? or(gt(person.lastName, after[0]), and(eq(person.lastName, after[0]), sql`${person.id} > ${after[1]}`)) : undefined,
      ),
    )
    .orderBy(asc(person.lastName), asc(person.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  for (const item of items) ctx.audit({ action: 'person.listed', personId: item.id, targetType: 'person', targetId: item.id });
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.lastName, last.id) : null };
}
