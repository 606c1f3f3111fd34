import { newId } from '../../db/columns.js';
import { DomainError } from '../../lib/domain-error.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { findPossibleDuplicates } from './find-possible-duplicates.js';
import { careTeamMember, person, type ProtectionMeasure, type PublicCategory } from './schema.js';
import { optionalText } from '../../lib/text.js';

export interface PersonFields {
  firstName: string;
  lastName: string;
  birthDate?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  address?: string | null | undefined;
  preferredLanguage?: string | undefined;
  publicCategory?: PublicCategory | undefined;
  protectionMeasure?: ProtectionMeasure | null | undefined;
  discreet?: boolean | undefined;
  alias?: string | null | undefined;
}

export interface CreatePersonInput extends PersonFields {
  /** The creator has seen the possible duplicates and confirms this is someone else. */
  duplicatesAcknowledged?: boolean | undefined;
}

/** The columns a person's fields set (only those given), trimmed; shared by creation and update. */
export function personColumns(input: Partial<PersonFields>) {
  return {
    ...(input.firstName !== undefined ? { firstName: input.firstName.trim() } : {}),
    ...(input.lastName !== undefined ? { lastName: input.lastName.trim() } : {}),
    ...(input.birthDate !== undefined ? { birthDate: input.birthDate } : {}),
    ...(input.email !== undefined ? { email: optionalText(input.email) } : {}),
    ...(input.phone !== undefined ? { phone: optionalText(input.phone) } : {}),
    ...(input.address !== undefined ? { address: optionalText(input.address) } : {}),
    ...(input.preferredLanguage !== undefined ? { preferredLanguage: input.preferredLanguage } : {}),
    ...(input.publicCategory !== undefined ? { publicCategory: input.publicCategory } : {}),
    ...(input.protectionMeasure !== undefined ? { protectionMeasure: input.protectionMeasure } : {}),
    ...(input.discreet !== undefined ? { discreet: input.discreet } : {}),
    ...(input.alias !== undefined ? { alias: optionalText(input.alias) } : {}),
  };
}

/**
 * Records a person supported. Likely duplicates (accent- and typo-tolerant name, birth date) stop the
 * creation with a 409 listing them, until the creator confirms. Whoever creates the record joins
 * the care team, so they can keep reading it.
 */
export async function createPerson(ctx: Ctx, input: CreatePersonInput): Promise<{ id: string }> {
  await requireAccess(ctx, 'person.create');
  if (!input.duplicatesAcknowledged) {
    const duplicates = await findPossibleDuplicates(ctx, input);
    if (duplicates.length) throw new DomainError('possible_duplicate', { duplicates });
  }
  const id = newId();
  await ctx.tx.insert(person).values({
    organizationId: ctx.organizationId,
    id,
    ...personColumns(input),
    firstName: input.firstName.trim(),
    lastName: input.lastName.trim(),
    createdBy: ctx.actor.staffMemberId,
  });
  await ctx.tx.insert(careTeamMember).values({ organizationId: ctx.organizationId, personId: id, staffMemberId: ctx.actor.staffMemberId, addedBy: ctx.actor.staffMemberId });
  ctx.audit({ action: 'person.created', personId: id, targetType: 'person', targetId: id, details: { duplicatesAcknowledged: input.duplicatesAcknowledged === true } });
  return { id };
}
