import { sql } from 'drizzle-orm';
import { check, date, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, organizationId } from '../../db/columns.js';

export const partnerKinds = ['ccas_cias', 'caf', 'msa', 'mission_locale', 'centre_social', 'association', 'essms', 'hospital', 'cmp', 'school', 'other'] as const;
export type PartnerKind = (typeof partnerKinds)[number];

export interface PartnerContact {
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
}

// An outside structure that refers people, hosts on-site days, or both.
export const partner = pgTable(
  'partner',
  {
    organizationId: organizationId(),
    id: idColumn(),
    name: text('name').notNull(),
    kind: text('kind').$type<PartnerKind>().notNull(),
    address: text('address'),
    contacts: jsonb('contacts').$type<PartnerContact[]>().notNull().default(sql`'[]'::jsonb`),
    /** The agreement ("convention") in force, if any. */
    agreementStart: date('agreement_start'),
    agreementEnd: date('agreement_end'),
    /** ISO weekdays (1 = Monday … 7 = Sunday) on which the structure hosts the practitioner on site. */
    onsiteWeekdays: smallint('onsite_weekdays').array().notNull().default(sql`'{}'::smallint[]`),
    preferentialRateReference: text('preferential_rate_reference'),
    notes: text('notes'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    check('partner_agreement_dates', sql`${t.agreementEnd} IS NULL OR ${t.agreementStart} IS NULL OR ${t.agreementEnd} >= ${t.agreementStart}`),
    check('partner_onsite_weekdays_valid', sql`${t.onsiteWeekdays} <@ ARRAY[1,2,3,4,5,6,7]::smallint[]`),
  ],
);
