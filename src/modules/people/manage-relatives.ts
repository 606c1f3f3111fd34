import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { pgError } from '../../db/errors.js';
import { DomainError } from '../../lib/domain-error.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { relative, type Relationship } from './schema.js';
import { optionalText } from '../../lib/text.js';

export interface RelativeFields {
  firstName: string;
  lastName: string;
  relationship: Relationship;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  address?: string | null | undefined;
  isLegalRepresentative?: boolean | undefined;
  isTrustedPerson?: boolean | undefined;
  takesPartInPlan?: boolean | undefined;
  supportedPersonId?: string | null | undefined;
  notes?: string | null | undefined;
}

function relativeColumns(input: Partial<RelativeFields>) {
  return {
    ...(input.firstName !== undefined ? { firstName: input.firstName.trim() } : {}),
    ...(input.lastName !== undefined ? { lastName: input.lastName.trim() } : {}),
    ...(input.relationship !== undefined ? { relationship: input.relationship } : {}),
    ...(input.email !== undefined ? { email: optionalText(input.email) } : {}),
    ...(input.phone !== undefined ? { phone: optionalText(input.phone) } : {}),
    ...(input.address !== undefined ? { address: optionalText(input.address) } : {}),
    ...(input.isLegalRepresentative !== undefined ? { isLegalRepresentative: input.isLegalRepresentative } : {}),
    ...(input.isTrustedPerson !== undefined ? { isTrustedPerson: input.isTrustedPerson } : {}),
    ...(input.takesPartInPlan !== undefined ? { takesPartInPlan: input.takesPartInPlan } : {}),
    ...(input.supportedPersonId !== undefined ? { supportedPersonId: input.supportedPersonId } : {}),
    ...(input.notes !== undefined ? { notes: optionalText(input.notes) } : {}),
  };
}

// The database holds the rules: one current trusted person (unique index), a supported relative
// must be a person of this organization (foreign key).
function explain(error: unknown): never {
  const pg = pgError(error);
  if (pg?.code === '23505' && pg.constraint === 'relative_one_trusted_person') throw new DomainError('trusted_person_exists');
  if (pg?.code === '23503') {
    throw new DomainError('validation_failed', {}, [{ field: 'body.supportedPersonId', message: { fr: 'Personne accompagnée inconnue.', en: 'Unknown person.' } }]);
  }
  throw error;
}

const columns = {
  id: relative.id,
  firstName: relative.firstName,
  lastName: relative.lastName,
  relationship: relative.relationship,
  email: relative.email,
  phone: relative.phone,
  address: relative.address,
  isLegalRepresentative: relative.isLegalRepresentative,
  isTrustedPerson: relative.isTrustedPerson,
  takesPartInPlan: relative.takesPartInPlan,
  supportedPersonId: relative.supportedPersonId,
  notes: relative.notes,
  createdAt: relative.createdAt,
};

/** The person's circle (current relatives), for the care team. */
export async function listRelatives(ctx: Ctx, personId: string) {
  await requireAccess(ctx, 'relative.read', { personId });
  const rows = await ctx.tx
    .select(columns)
    .from(relative)
    .where(and(eq(relative.organizationId, ctx.organizationId), eq(relative.personId, personId), isNull(relative.removedAt)))
    .orderBy(asc(relative.createdAt));
  ctx.audit({ action: 'relative.listed', personId, targetType: 'person', targetId: personId });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export async function addRelative(ctx: Ctx, personId: string, input: RelativeFields): Promise<{ id: string }> {
  await requireAccess(ctx, 'relative.manage', { personId });
  try {
    const [created] = await ctx.tx
      .insert(relative)
      .values({ organizationId: ctx.organizationId, personId, ...relativeColumns(input), firstName: input.firstName.trim(), lastName: input.lastName.trim(), relationship: input.relationship, createdBy: ctx.actor.staffMemberId })
      .returning({ id: relative.id });
    ctx.audit({ action: 'relative.added', personId, targetType: 'relative', targetId: created!.id });
    return { id: created!.id };
  } catch (error) {
    explain(error);
  }
}

export async function updateRelative(ctx: Ctx, personId: string, relativeId: string, input: Partial<RelativeFields>): Promise<void> {
  await requireAccess(ctx, 'relative.manage', { personId });
  const changes = relativeColumns(input);
  if (!Object.keys(changes).length) return;
  let updated: { id: string }[];
  try {
    updated = await ctx.tx
      .update(relative)
      .set(changes)
      .where(and(eq(relative.organizationId, ctx.organizationId), eq(relative.personId, personId), eq(relative.id, relativeId), isNull(relative.removedAt)))
      .returning({ id: relative.id });
  } catch (error) {
    explain(error);
  }
  if (!updated.length) throw new DomainError('not_found');
  ctx.audit({ action: 'relative.updated', personId, targetType: 'relative', targetId: relativeId, details: { fields: Object.keys(changes) } });
}

/** Takes a relative out of the circle; the entry stays in history. */
export async function removeRelative(ctx: Ctx, personId: string, relativeId: string): Promise<void> {
  await requireAccess(ctx, 'relative.manage', { personId });
  const removed = await ctx.tx
    .update(relative)
    .set({ removedAt: sql`now()`, removedBy: ctx.actor.staffMemberId })
    .where(and(eq(relative.organizationId, ctx.organizationId), eq(relative.personId, personId), eq(relative.id, relativeId), isNull(relative.removedAt)))
    .returning({ id: relative.id });
  if (!removed.length) throw new DomainError('not_found');
  ctx.audit({ action: 'relative.removed', personId, targetType: 'relative', targetId: relativeId });
}

/** The ids of the person's current relatives, and which of them are legal representatives (no audit: ids only, for checks). */
export async function currentRelativeIds(ctx: Ctx, personId: string): Promise<{ all: Set<string>; legalRepresentatives: Set<string>; names: Map<string, string> }> {
  const rows = await ctx.tx
    .select({ id: relative.id, legal: relative.isLegalRepresentative, firstName: relative.firstName, lastName: relative.lastName })
    .from(relative)
    .where(and(eq(relative.organizationId, ctx.organizationId), eq(relative.personId, personId), isNull(relative.removedAt)));
  return {
    all: new Set(rows.map((r) => r.id)),
    legalRepresentatives: new Set(rows.filter((r) => r.legal).map((r) => r.id)),
    names: new Map(rows.map((r) => [r.id, `${r.firstName} ${r.lastName}`])),
  };
}
