import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import { actorCareTeamJoin, requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { careTeamMember, person } from './schema.js';
import { displayName } from './person-display.js';

export interface PossibleDuplicate {
  /** Only for a record the actor may read (on its care team); otherwise the match is only counted. */
  person: { id: string; displayName: string; birthDate: string | null } | null;
  similarity: number;
}

// Name similarity (pg_trgm, over accent-, case- and punctuation-free names, word order ignored)
// above which two records are probably the same person: lower when the birth dates agree.
export const sameBirthDateThreshold = 0.5;
export const unknownBirthDateThreshold = 0.8;

/**
 * Records that probably describe the same person ("Éloïse Lefèvre" 14/03/1987 and "Eloise Lefebvre"
 * 14/03/1987). Need to know holds: a match outside the actor's care teams is reported without any
 * identity, so the actor knows to ask the coordinator rather than open a second record.
 */
export async function findPossibleDuplicates(ctx: Ctx, input: { firstName: string; lastName: string; birthDate?: string | null | undefined }): Promise<PossibleDuplicate[]> {
  await requireAccess(ctx, 'person.duplicate_check');
  const wanted = sql`relais_normalize_name(${`${input.firstName} ${input.lastName}`})`;
  const score = sql<number>`similarity(${person.searchName}, ${wanted})`;
  const birthDate = input.birthDate ?? null;
  const rows = await ctx.tx
    .select({
      id: person.id,
      firstName: person.firstName,
      lastName: person.lastName,
      birthDate: person.birthDate,
      discreet: person.discreet,
      alias: person.alias,
      score,
      onCareTeam: sql<boolean>`${careTeamMember.id} IS NOT NULL`,
    })
    .from(person)
    .leftJoin(careTeamMember, actorCareTeamJoin(ctx))
    .where(
      and(
        eq(person.organizationId, ctx.organizationId),
        sql`${person.searchName} % ${wanted}`,
        birthDate === null
          ? sql`${score} >= ${unknownBirthDateThreshold}`
          : or(
              and(eq(person.birthDate, birthDate), sql`${score} >= ${sameBirthDateThreshold}`),
              and(isNull(person.birthDate), sql`${score} >= ${unknownBirthDateThreshold}`),
            ),
      ),
    )
    .orderBy(desc(score))
    .limit(10);
  const matches = rows.map((r) => ({
    person: r.onCareTeam ? { id: r.id, displayName: displayName(r), birthDate: r.discreet ? null : r.birthDate } : null,
    similarity: Math.round(Number(r.score) * 100) / 100,
  }));
  ctx.audit({ action: 'person.duplicate_check', details: { matches: matches.length, readable: matches.filter((m) => m.person).length } });
  for (const m of matches) if (m.person) ctx.audit({ action: 'person.listed', personId: m.person.id, targetType: 'person', targetId: m.person.id, details: { via: 'duplicate_check' } });
  return matches;
}
