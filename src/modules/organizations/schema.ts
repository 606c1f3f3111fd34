import { sql } from 'drizzle-orm';
import { boolean, check, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, organizationId } from '../../db/columns.js';

export const organizationKinds = ['clinic', 'essms', 'peer_support_practice', 'independent_practitioner', 'association'] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export const organization = pgTable(
  'organization',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').$type<OrganizationKind>().notNull(),
    timeZone: text('time_zone').notNull().default('Europe/Paris'),
    defaultLocale: text('default_locale').$type<'fr' | 'en'>().notNull().default('fr'),
    requireTwoFactor: boolean('require_two_factor').notNull().default(false),
    /** Deadlines of the legal clock (contract within 15 days / one month, objectives within six months): ESSMS follow it; an independent practitioner may not. */
    legalClock: boolean('legal_clock').notNull().default(true),
    /** Contact details printed on the structure's letters (decisions, orientations). */
    address: text('address'),
    phone: text('phone'),
    email: text('email'),
    createdAt: createdAt(),
  },
  (t) => [
    check('organization_kind_valid', sql`${t.kind} in ('clinic','essms','peer_support_practice','independent_practitioner','association')`),
    check('organization_locale_valid', sql`${t.defaultLocale} in ('fr','en')`),
  ],
);

// Roles are data: each carries the permissions the access policy reads. Codes are stable identifiers.
export const role = pgTable(
  'role',
  {
    organizationId: organizationId(),
    id: idColumn(),
    code: text('code').notNull(),
    nameFr: text('name_fr').notNull(),
    nameEn: text('name_en').notNull(),
    permissions: text('permissions').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.id] }), unique('role_code_unique').on(t.organizationId, t.code)],
);

export const discipline = pgTable(
  'discipline',
  {
    organizationId: organizationId(),
    id: idColumn(),
    code: text('code').notNull(),
    nameFr: text('name_fr').notNull(),
    nameEn: text('name_en').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.id] }), unique('discipline_code_unique').on(t.organizationId, t.code)],
);
