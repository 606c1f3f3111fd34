import { and, asc, eq, inArray } from 'drizzle-orm';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { discipline, role } from './schema.js';

/** The organization's roles and disciplines, for forms. */
export async function listCatalogue(ctx: Ctx) {
  await requireAccess(ctx, 'organization.read');
  const roles = await ctx.tx
    .select({ id: role.id, code: role.code, nameFr: role.nameFr, nameEn: role.nameEn, permissions: role.permissions })
    .from(role)
    .where(eq(role.organizationId, ctx.organizationId))
    .orderBy(asc(role.createdAt), asc(role.code));
  const disciplines = await ctx.tx
    .select({ id: discipline.id, code: discipline.code, nameFr: discipline.nameFr, nameEn: discipline.nameEn })
    .from(discipline)
    .where(eq(discipline.organizationId, ctx.organizationId))
    .orderBy(asc(discipline.nameFr));
  return { roles, disciplines };
}

/** Which of these ids are disciplines of the organization. */
export async function knownDisciplineIds(ctx: Ctx, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await ctx.tx.select({ id: discipline.id }).from(discipline).where(and(eq(discipline.organizationId, ctx.organizationId), inArray(discipline.id, ids)));
  return new Set(rows.map((r) => r.id));
}

/** Names of disciplines, in the given language. */
export async function disciplineNames(ctx: Ctx, ids: string[], locale: 'fr' | 'en'): Promise<Record<string, string>> {
  if (!ids.length) return {};
  const rows = await ctx.tx.select({ id: discipline.id, fr: discipline.nameFr, en: discipline.nameEn }).from(discipline).where(and(eq(discipline.organizationId, ctx.organizationId), inArray(discipline.id, ids)));
  return Object.fromEntries(rows.map((r) => [r.id, locale === 'fr' ? r.fr : r.en]));
}
