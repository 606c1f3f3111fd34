import { and, eq } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { assertAccess, onCareTeamCondition, requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { person } from './schema.js';

export interface PersonRecord {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  createdAt: string;
}

/** A person's record, for their care team only; every read is audited. */
export async function readPerson(ctx: Ctx, personId: string): Promise<PersonRecord> {
  if (!ctx.actor.permissions.includes('person:read')) await requireAccess(ctx, 'person.read', { personId });
  // The record and the access fact in one query; nothing is returned unless the policy grants it.
  const [found] = await ctx.tx
    .select({
      id: person.id,
      firstName: person.firstName,
      lastName: person.lastName,
      birthDate: person.birthDate,
      createdAt: person.createdAt,
      onCareTeam: onCareTeamCondition(ctx, personId),
    })
    .from(person)
    .where(and(eq(person.organizationId, ctx.organizationId), eq(person.id, personId)));
  if (!found) throw new DomainError('not_found');
  const { onCareTeam, ...record } = found;
  assertAccess(ctx, 'person.read', { personId, onCareTeam });
  ctx.audit({ action: 'person.read', personId, targetType: 'person', targetId: personId });
  return { ...record, createdAt: record.createdAt.toISOString() };
}
