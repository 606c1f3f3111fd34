import { and, eq, sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { personColumns, type PersonFields } from './create-person.js';
import { person } from './schema.js';

/** Changes a person's record (care team members allowed to keep it up to date). The audit names the fields changed, not their values. */
export async function updatePerson(ctx: Ctx, personId: string, input: Partial<PersonFields>): Promise<void> {
  await requireAccess(ctx, 'person.update', { personId });
  const changes = personColumns(input);
  if (Object.keys(changes).length === 0) return;
  const updated = await ctx.tx
    .update(person)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(and(eq(person.organizationId, ctx.organizationId), eq(person.id, personId)))
    .returning({ id: person.id });
  if (!updated.length) throw new DomainError('not_found');
  ctx.audit({ action: 'person.updated', personId, targetType: 'person', targetId: personId, details: { fields: Object.keys(changes) } });
}
