import { newId } from '../../db/columns.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { careTeamMember, person } from './schema.js';

export interface CreatePersonInput {
  firstName: string;
  lastName: string;
  birthDate?: string | null | undefined;
}

/** Records a person supported. Whoever creates the record joins their care team, so they can keep reading it. */
export async function createPerson(ctx: Ctx, input: CreatePersonInput): Promise<{ id: string }> {
  await requireAccess(ctx, 'person.create');
  const id = newId();
  await ctx.tx.insert(person).values({
    organizationId: ctx.organizationId,
    id,
    firstName: input.firstName.trim(),
    lastName: input.lastName.trim(),
    birthDate: input.birthDate ?? null,
    createdBy: ctx.actor.staffMemberId,
  });
  await ctx.tx.insert(careTeamMember).values({ organizationId: ctx.organizationId, personId: id, staffMemberId: ctx.actor.staffMemberId, addedBy: ctx.actor.staffMemberId });
  ctx.audit({ action: 'person.created', personId: id, targetType: 'person', targetId: id });
  return { id };
}
