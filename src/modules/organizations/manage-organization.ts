import { eq } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { optionalText } from '../../lib/text.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { organization, type OrganizationKind } from './schema.js';

export async function readOrganization(ctx: Ctx) {
  await requireAccess(ctx, 'organization.read');
  const [found] = await ctx.tx
    .select({ id: organization.id, name: organization.name, kind: organization.kind, timeZone: organization.timeZone, defaultLocale: organization.defaultLocale, requireTwoFactor: organization.requireTwoFactor, legalClock: organization.legalClock, address: organization.address, phone: organization.phone, email: organization.email })
    .from(organization)
    .where(eq(organization.id, ctx.organizationId));
  if (!found) throw new DomainError('not_found');
  return found;
}

/** Settings an administrator changes: the structure's name, kind and contact details (for its letters), and whether two-factor is mandatory for everyone. */
export async function updateOrganization(
  ctx: Ctx,
  input: { name?: string | undefined; kind?: OrganizationKind | undefined; requireTwoFactor?: boolean | undefined; legalClock?: boolean | undefined; address?: string | null | undefined; phone?: string | null | undefined; email?: string | null | undefined },
) {
  await requireAccess(ctx, 'organization.manage');
  const changes = {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.kind !== undefined ? { kind: input.kind } : {}),
    ...(input.requireTwoFactor !== undefined ? { requireTwoFactor: input.requireTwoFactor } : {}),
    ...(input.legalClock !== undefined ? { legalClock: input.legalClock } : {}),
    ...(input.address !== undefined ? { address: optionalText(input.address) } : {}),
    ...(input.phone !== undefined ? { phone: optionalText(input.phone) } : {}),
    ...(input.email !== undefined ? { email: optionalText(input.email) } : {}),
  };
  if (Object.keys(changes).length) {
    await ctx.tx.update(organization).set(changes).where(eq(organization.id, ctx.organizationId));
    ctx.audit({ action: 'organization.updated', targetType: 'organization', targetId: ctx.organizationId, details: changes });
  }
  return readOrganization(ctx);
}
