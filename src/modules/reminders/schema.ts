import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, organizationId } from '../../db/columns.js';
import { person } from '../people/schema.js';
import { appointment } from '../scheduling/schema.js';

export const reminderChannels = ['email', 'sms'] as const;
export type ReminderChannel = (typeof reminderChannels)[number];
export const reminderStatuses = ['pending', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type ReminderStatus = (typeof reminderStatuses)[number];

// The structure's reminder channels: one row per organization, created on first use.
export const reminderSettings = pgTable(
  'reminder_settings',
  {
    organizationId: organizationId().primaryKey(),
    /** How long before a session its reminders go out. */
    leadHours: integer('lead_hours').notNull().default(24),
    emailRemindersEnabled: boolean('email_reminders_enabled').notNull().default(false),
    smtpHost: text('smtp_host'),
    smtpPort: integer('smtp_port'),
    smtpSecure: boolean('smtp_secure').notNull().default(false),
    smtpUser: text('smtp_user'),
    /** Encrypted with the installation key (secret-box), never returned by the API. */
    smtpPasswordEncrypted: text('smtp_password_encrypted'),
    smtpFrom: text('smtp_from'),
    smsRemindersEnabled: boolean('sms_reminders_enabled').notNull().default(false),
    smsProviderUrl: text('sms_provider_url'),
    smsApiKeyEncrypted: text('sms_api_key_encrypted'),
    smsSender: text('sms_sender'),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('reminder_settings_lead_hours', sql`${t.leadHours} BETWEEN 1 AND 168`)],
);

// What the person agreed to receive as reminders (and where). Without it, no reminder is sent.
export const reminderConsent = pgTable(
  'reminder_consent',
  {
    organizationId: organizationId(),
    personId: uuid('person_id').notNull(),
    email: boolean('email').notNull().default(false),
    sms: boolean('sms').notNull().default(false),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.personId] }), foreignKey({ columns: [t.organizationId, t.personId], foreignColumns: [person.organizationId, person.id] })],
);

// A reminder to send: a job in the database, claimed once (status 'sending' is committed before the
// message leaves), so it survives restarts and is never sent twice; a failure stays visible to staff.
export const reminder = pgTable(
  'reminder',
  {
    organizationId: organizationId(),
    id: idColumn(),
    appointmentId: uuid('appointment_id').notNull(),
    personId: uuid('person_id').notNull(),
    channel: text('channel').$type<ReminderChannel>().notNull(),
    sendAt: timestamp('send_at', { withTimezone: true }).notNull(),
    status: text('status').$type<ReminderStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Why it failed, as a stable code (no_contact, no_consent, provider_error, channel_not_configured, outcome_unknown). */
    failureCode: text('failure_code'),
    failureDetail: text('failure_detail'),
    acknowledgedBy: uuid('acknowledged_by'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.appointmentId], foreignColumns: [appointment.organizationId, appointment.id] }),
    foreignKey({ columns: [t.organizationId, t.personId], foreignColumns: [person.organizationId, person.id] }),
    uniqueIndex('reminder_once_per_channel').on(t.organizationId, t.appointmentId, t.personId, t.channel),
    index('reminder_due_idx').on(t.sendAt).where(sql`status = 'pending'`),
    index('reminder_failed_idx').on(t.organizationId, t.createdAt).where(sql`status = 'failed' AND acknowledged_at IS NULL`),
    check('reminder_channel_valid', sql`${t.channel} in ('email','sms')`),
    check('reminder_status_valid', sql`${t.status} in ('pending','sending','sent','failed','cancelled')`),
  ],
);

