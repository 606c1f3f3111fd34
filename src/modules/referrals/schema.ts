import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, organizationId } from '../../db/columns.js';
import { partner } from '../partners/schema.js';
import { person } from '../people/schema.js';
import { service } from '../services/schema.js';

/** Who asks: a partner structure's professional, a clinician, a relative, or the person. */
export const referralSources = ['partner', 'clinician', 'relative', 'self'] as const;
export type ReferralSource = (typeof referralSources)[number];
export const referralChannels = ['staff', 'public_form'] as const;
export type ReferralChannel = (typeof referralChannels)[number];
export const urgencies = ['routine', 'soon', 'urgent'] as const;
export type Urgency = (typeof urgencies)[number];
/** Where a referral stands: new until a decision, then the outcome of its current decision. */
export const referralStatuses = ['new', 'admitted', 'waitlisted', 'refused', 'oriented', 'withdrawn'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

// A request for support ("orientation", "demande"), kept as it was received.
export const referral = pgTable(
  'referral',
  {
    organizationId: organizationId(),
    id: idColumn(),
    source: text('source').$type<ReferralSource>().notNull(),
    channel: text('channel').$type<ReferralChannel>().notNull(),
    partnerId: uuid('partner_id'),
    referrerName: text('referrer_name'),
    /** "Assistante sociale", "médecin traitant", "mère"… as the referrer describes themself. */
    referrerRole: text('referrer_role'),
    referrerEmail: text('referrer_email'),
    referrerPhone: text('referrer_phone'),
    /** The person concerned, as given in the request; linked to a record during triage. */
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    birthDate: date('birth_date'),
    email: text('email'),
    phone: text('phone'),
    personId: uuid('person_id'),
    serviceId: uuid('service_id'),
    reason: text('reason').notNull(),
    urgency: text('urgency').$type<Urgency>().notNull().default('routine'),
    /** The person agrees to information being exchanged between the referrer and the structure. */
    consentToShare: boolean('consent_to_share').notNull(),
    status: text('status').$type<ReferralStatus>().notNull().default('new'),
    /** Why a request was withdrawn, as the team wrote it. */
    withdrawalNote: text('withdrawal_note'),
    /** A public form's own id for the submission, so a retried submission is stored once. */
    submissionId: uuid('submission_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /** Null for the public form (no account). */
    recordedBy: uuid('recorded_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.partnerId], foreignColumns: [partner.organizationId, partner.id] }),
    foreignKey({ columns: [t.organizationId, t.personId], foreignColumns: [person.organizationId, person.id] }),
    foreignKey({ columns: [t.organizationId, t.serviceId], foreignColumns: [service.organizationId, service.id] }),
    index('referral_inbox_idx').on(t.organizationId, t.status, t.receivedAt),
    index('referral_person_idx').on(t.organizationId, t.personId),
    uniqueIndex('referral_submission_unique').on(t.organizationId, t.submissionId),
    check('referral_source_valid', sql`${t.source} in ('partner','clinician','relative','self')`),
    check('referral_channel_valid', sql`${t.channel} in ('staff','public_form')`),
    check('referral_urgency_valid', sql`${t.urgency} in ('routine','soon','urgent')`),
    check('referral_status_valid', sql`${t.status} in ('new','admitted','waitlisted','refused','oriented','withdrawn')`),
    // Nobody may send a request through the public form without the person's consent to the exchange.
    check('referral_public_form_consent', sql`${t.channel} <> 'public_form' OR (${t.consentToShare} AND ${t.submissionId} IS NOT NULL)`),
    check('referral_staff_recorded_by', sql`${t.channel} <> 'staff' OR ${t.recordedBy} IS NOT NULL`),
  ],
);
