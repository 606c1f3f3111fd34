import { sql } from 'drizzle-orm';
import { bigint, check, customType, foreignKey, index, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, organizationId } from '../../db/columns.js';
import { discipline, organization, role } from '../organizations/schema.js';

export const citext = customType<{ data: string }>({ dataType: () => 'citext' });
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export type StaffStatus = 'active' | 'deactivated';

export const staffMember = pgTable(
  'staff_member',
  {
    organizationId: organizationId().references(() => organization.id),
    id: idColumn(),
    // One account per address across the installation: sign-in finds the organization from it.
    email: citext('email').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    status: text('status').$type<StaffStatus>().notNull().default('active'),
    locale: text('locale').$type<'fr' | 'en'>().notNull().default('fr'),
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    totpLastCounter: bigint('totp_last_counter', { mode: 'number' }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().default(sql`now()`),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    unique('staff_member_email_unique').on(t.email),
    check('staff_member_status_valid', sql`${t.status} in ('active','deactivated')`),
    check('staff_member_locale_valid', sql`${t.locale} in ('fr','en')`),
  ],
);

export const staffRole = pgTable(
  'staff_role',
  {
    organizationId: organizationId(),
    staffMemberId: uuid('staff_member_id').notNull(),
    roleId: uuid('role_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.staffMemberId, t.roleId] }),
    foreignKey({ columns: [t.organizationId, t.staffMemberId], foreignColumns: [staffMember.organizationId, staffMember.id] }),
    foreignKey({ columns: [t.organizationId, t.roleId], foreignColumns: [role.organizationId, role.id] }),
  ],
);

export const staffDiscipline = pgTable(
  'staff_discipline',
  {
    organizationId: organizationId(),
    staffMemberId: uuid('staff_member_id').notNull(),
    disciplineId: uuid('discipline_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.staffMemberId, t.disciplineId] }),
    foreignKey({ columns: [t.organizationId, t.staffMemberId], foreignColumns: [staffMember.organizationId, staffMember.id] }),
    foreignKey({ columns: [t.organizationId, t.disciplineId], foreignColumns: [discipline.organizationId, discipline.id] }),
  ],
);

export const invitation = pgTable(
  'invitation',
  {
    organizationId: organizationId(),
    id: idColumn(),
    email: citext('email').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    tokenHash: bytea('token_hash').notNull(),
    roleIds: uuid('role_ids').array().notNull(),
    disciplineIds: uuid('discipline_ids').array().notNull(),
    invitedBy: uuid('invited_by').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    staffMemberId: uuid('staff_member_id'),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    unique('invitation_token_unique').on(t.tokenHash),
    index('invitation_email_idx').on(t.organizationId, t.email),
  ],
);
