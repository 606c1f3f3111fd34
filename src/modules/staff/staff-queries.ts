import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/transaction.js';
import type { Ctx } from '../../server/context.js';
import { DomainError } from '../../lib/domain-error.js';
import { discipline, organization, role } from '../organizations/schema.js';
import { staffMember, staffRole } from './schema.js';

/** Refuses role or discipline ids that are not the organization's, field by field. */
export async function checkCatalogueIds(tx: Tx, organizationId: string, roleIds: string[] | undefined, disciplineIds: string[] | undefined): Promise<void> {
  const fieldErrors: ConstructorParameters<typeof DomainError>[2] = [];
  if (roleIds?.length) {
    const found = await tx.select({ id: role.id }).from(role).where(and(eq(role.organizationId, organizationId), inArray(role.id, roleIds)));
    const known = new Set(found.map((r) => r.id));
    roleIds.forEach((id, i) => {
      if (!known.has(id)) fieldErrors.push({ field: `body.roleIds.${i}`, message: { fr: 'Rôle inconnu dans cette structure.', en: 'Unknown role in this organization.' } });
    });
  }
  if (disciplineIds?.length) {
    const found = await tx.select({ id: discipline.id }).from(discipline).where(and(eq(discipline.organizationId, organizationId), inArray(discipline.id, disciplineIds)));
    const known = new Set(found.map((d) => d.id));
    disciplineIds.forEach((id, i) => {
      if (!known.has(id)) fieldErrors.push({ field: `body.disciplineIds.${i}`, message: { fr: 'Discipline inconnue dans cette structure.', en: 'Unknown discipline in this organization.' } });
    });
  }
  if (fieldErrors.length) throw new DomainError('validation_failed', {}, fieldErrors);
}

/**
 * Serialises changes to who administers the organization (a row lock on the organization), then
 * counts the active members who could still manage staff if `excluding` lost that power.
 */
export async function lockAndCountOtherAdministrators(tx: Tx, organizationId: string, excluding: string): Promise<number> {
  await tx.select({ id: organization.id }).from(organization).where(eq(organization.id, organizationId)).for('update');
  const [row] = await tx
    .select({ count: sql<number>`count(DISTINCT ${staffMember.id})::int` })
    .from(staffMember)
    .innerJoin(staffRole, and(eq(staffRole.organizationId, staffMember.organizationId), eq(staffRole.staffMemberId, staffMember.id)))
    .innerJoin(role, and(eq(role.organizationId, staffRole.organizationId), eq(role.id, staffRole.roleId)))
    .where(
      and(
        eq(staffMember.organizationId, organizationId),
        eq(staffMember.status, 'active'),
        sql`${staffMember.id} <> ${excluding}`,
        sql`'staff:manage' = ANY(${role.permissions})`,
      ),
    );
  return row?.count ?? 0;
}

/** Would these roles let their holder manage staff? */
export async function rolesGrantStaffManagement(tx: Tx, organizationId: string, roleIds: string[]): Promise<boolean> {
  if (!roleIds.length) return false;
  const rows = await tx
    .select({ id: role.id })
    .from(role)
    .where(and(eq(role.organizationId, organizationId), inArray(role.id, roleIds), sql`'staff:manage' = ANY(${role.permissions})`));
  return rows.length > 0;
}

/** The staff member of this organization, locked for the change about to be made. */
export async function findStaffMember(ctx: Ctx, id: string) {
  const [found] = await ctx.tx
    .select({ id: staffMember.id, status: staffMember.status })
    .from(staffMember)
    .where(and(eq(staffMember.organizationId, ctx.organizationId), eq(staffMember.id, id)))
    .for('update');
  if (!found) throw new DomainError('not_found');
  return found;
}

/** Does this staff member hold a role that manages staff? */
export async function isAdministrator(ctx: Ctx, id: string): Promise<boolean> {
  const roles = await ctx.tx.select({ roleId: staffRole.roleId }).from(staffRole).where(and(eq(staffRole.organizationId, ctx.organizationId), eq(staffRole.staffMemberId, id)));
  return rolesGrantStaffManagement(ctx.tx, ctx.organizationId, roles.map((r) => r.roleId));
}

/** Active staff members whose roles grant `permission` (who to tell when a place frees, for instance). */
export async function activeStaffWithPermission(ctx: Ctx, permission: string): Promise<string[]> {
  const rows = await ctx.tx
    .selectDistinct({ id: staffMember.id })
    .from(staffMember)
    .innerJoin(staffRole, and(eq(staffRole.organizationId, staffMember.organizationId), eq(staffRole.staffMemberId, staffMember.id)))
    .innerJoin(role, and(eq(role.organizationId, staffRole.organizationId), eq(role.id, staffRole.roleId)))
    .where(and(eq(staffMember.organizationId, ctx.organizationId), eq(staffMember.status, 'active'), sql`${permission} = ANY(${role.permissions})`));
  return rows.map((r) => r.id);
}

/** Which of these ids are active staff members of the organization (the others are unknown or deactivated). */
export async function activeStaffAmong(ctx: Ctx, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await ctx.tx
    .select({ id: staffMember.id })
    .from(staffMember)
    .where(and(eq(staffMember.organizationId, ctx.organizationId), inArray(staffMember.id, ids), eq(staffMember.status, 'active')));
  return new Set(rows.map((r) => r.id));
}

/** Display names of staff members (any status: a document names who acted, even if they left since). */
export async function staffNames(ctx: Ctx, ids: string[]): Promise<Record<string, string>> {
  if (!ids.length) return {};
  const rows = await ctx.tx
    .select({ id: staffMember.id, firstName: staffMember.firstName, lastName: staffMember.lastName })
    .from(staffMember)
    .where(and(eq(staffMember.organizationId, ctx.organizationId), inArray(staffMember.id, ids)));
  return Object.fromEntries(rows.map((r) => [r.id, `${r.firstName} ${r.lastName}`]));
}
