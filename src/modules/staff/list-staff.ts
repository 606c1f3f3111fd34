import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { invitation, staffDiscipline, staffMember, staffRole } from './schema.js';

export interface StaffListing {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  status: 'active' | 'deactivated';
  twoFactorEnabled: boolean;
  roleIds: string[];
  disciplineIds: string[];
  createdAt: string;
}

const roleIdsOf = sql<string[]>`coalesce((SELECT array_agg(${staffRole.roleId}) FROM ${staffRole} WHERE ${staffRole.organizationId} = ${staffMember.organizationId} AND ${staffRole.staffMemberId} = ${staffMember.id}), '{}')`;
const disciplineIdsOf = sql<string[]>`coalesce((SELECT array_agg(${staffDiscipline.disciplineId}) FROM ${staffDiscipline} WHERE ${staffDiscipline.organizationId} = ${staffMember.organizationId} AND ${staffDiscipline.staffMemberId} = ${staffMember.id}), '{}')`;

/** Staff administration: every account of the organization, with its roles and disciplines (two queries, no N+1). */
export async function listStaff(ctx: Ctx): Promise<{ staff: StaffListing[]; invitations: PendingInvitation[] }> {
  await requireAccess(ctx, 'staff.manage');
  const rows = await ctx.tx
    .select({
      id: staffMember.id,
      email: staffMember.email,
      firstName: staffMember.firstName,
      lastName: staffMember.lastName,
      status: staffMember.status,
      totpEnabledAt: staffMember.totpEnabledAt,
      createdAt: staffMember.createdAt,
      roleIds: roleIdsOf,
      disciplineIds: disciplineIdsOf,
    })
    .from(staffMember)
    .where(eq(staffMember.organizationId, ctx.organizationId))
    .orderBy(asc(staffMember.lastName), asc(staffMember.firstName));
  const invitations = await listPendingInvitations(ctx);
  return {
    staff: rows.map(({ totpEnabledAt, createdAt, ...r }) => ({ ...r, twoFactorEnabled: totpEnabledAt !== null, createdAt: createdAt.toISOString() })),
    invitations,
  };
}

export interface PendingInvitation {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  roleIds: string[];
  disciplineIds: string[];
  expiresAt: string;
}

async function listPendingInvitations(ctx: Ctx): Promise<PendingInvitation[]> {
  const rows = await ctx.tx
    .select({ id: invitation.id, email: invitation.email, firstName: invitation.firstName, lastName: invitation.lastName, roleIds: invitation.roleIds, disciplineIds: invitation.disciplineIds, expiresAt: invitation.expiresAt })
    .from(invitation)
    .where(and(eq(invitation.organizationId, ctx.organizationId), isNull(invitation.acceptedAt), isNull(invitation.revokedAt), gt(invitation.expiresAt, sql`now()`)))
    .orderBy(asc(invitation.createdAt));
  return rows.map((r) => ({ ...r, expiresAt: r.expiresAt.toISOString() }));
}

/** The colleagues any staff member may see (to form a care team): active accounts, names and disciplines. */
export async function listStaffDirectory(ctx: Ctx) {
  await requireAccess(ctx, 'staff.directory');
  return ctx.tx
    .select({ id: staffMember.id, firstName: staffMember.firstName, lastName: staffMember.lastName, disciplineIds: disciplineIdsOf })
    .from(staffMember)
    .where(and(eq(staffMember.organizationId, ctx.organizationId), eq(staffMember.status, 'active')))
    .orderBy(asc(staffMember.lastName), asc(staffMember.firstName));
}
