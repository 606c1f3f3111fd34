import { and, eq } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { requireAccess } from '../../server/access-policy.js';
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
  await requireAccess(ctx, 'person.read', { personId });
  const [found] = await ctx.tx
    .select({ id: person.id, firstName: person.firstName, lastName: person.lastName, birthDate: person.birthDate, createdAt: person.createdAt })
    .from(person)
    .where(and(eq(person.organizationId, ctx.organizationId), eq(person.id, personId)));
  if (!found) throw new DomainError('not_found');
  ctx.audit({ action: 'person.read', personId, targetType: 'person', targetId: personId });
  return { ...found, createdAt: found.createdAt.toISOString() };
}
