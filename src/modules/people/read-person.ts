import { and, eq, isNull, sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { assertAccess, onCareTeamCondition, requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { ageOn } from './person-display.js';
import { person, relative, type ProtectionMeasure, type PublicCategory } from './schema.js';

export interface PersonRecord {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  age: number | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  preferredLanguage: string;
  publicCategory: PublicCategory;
  protectionMeasure: ProtectionMeasure | null;
  discreet: boolean;
  alias: string | null;
  /** A minor or a protected adult: someone signs with or for them. */
  needsLegalRepresentative: boolean;
  legalRepresentativeRecorded: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A person's record, for their care team only; every read is audited. */
export async function readPerson(ctx: Ctx, personId: string, today = new Date().toISOString().slice(0, 10)): Promise<PersonRecord> {
  if (!ctx.actor.permissions.includes('person:read')) await requireAccess(ctx, 'person.read', { personId });
  // The record and the access fact in one query; nothing is returned unless the policy grants it.
  const [found] = await ctx.tx
    .select({
      id: person.id,
      firstName: person.firstName,
      lastName: person.lastName,
      birthDate: person.birthDate,
      email: person.email,
      phone: person.phone,
      address: person.address,
      preferredLanguage: person.preferredLanguage,
      publicCategory: person.publicCategory,
      protectionMeasure: person.protectionMeasure,
      discreet: person.discreet,
      alias: person.alias,
      createdAt: person.createdAt,
      updatedAt: person.updatedAt,
      legalRepresentativeRecorded: sql<boolean>`EXISTS (SELECT 1 FROM ${relative} WHERE ${relative.organizationId} = ${ctx.organizationId}
        AND ${relative.personId} = ${personId} AND ${relative.isLegalRepresentative} AND ${isNull(relative.removedAt)})`,
      onCareTeam: onCareTeamCondition(ctx, personId),
    })
    .from(person)
    .where(and(eq(person.organizationId, ctx.organizationId), eq(person.id, personId)));
  if (!found) throw new DomainError('not_found');
  const { onCareTeam, ...record } = found;
  assertAccess(ctx, 'person.read', { personId, onCareTeam });
  ctx.audit({ action: 'person.read', personId, targetType: 'person', targetId: personId });
  const age = record.birthDate ? ageOn(record.birthDate, today) : null;
  return {
    ...record,
    age,
    needsLegalRepresentative: (age !== null && age < 18) || record.protectionMeasure !== null,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}
