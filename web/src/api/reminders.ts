// Reminders and calendar feeds (src/modules/reminders, src/modules/calendar-feeds).

export interface ReminderSettings {
  leadHours: number;
  emailRemindersEnabled: boolean;
  smtpHost: string | null;
  smtpPort: number | null;
  smtpSecure: boolean;
  smtpUser: string | null;
  /** The password itself never comes back: only whether one is saved. */
  smtpPasswordSet: boolean;
  smtpFrom: string | null;
  smsRemindersEnabled: boolean;
  smsProviderUrl: string | null;
  smsApiKeySet: boolean;
  smsSender: string | null;
}

export interface ReminderConsent {
  email: boolean;
  sms: boolean;
  hasEmail: boolean;
  hasPhone: boolean;
  recordedAt: string | null;
}

export const failureCodes = ['no_contact', 'no_consent', 'provider_error', 'channel_not_configured', 'outcome_unknown'] as const;
export type FailureCode = (typeof failureCodes)[number];

export interface FailedReminder {
  id: string;
  personId: string;
  personLabel: string;
  channel: 'email' | 'sms';
  failureCode: FailureCode;
  failureDetail: string | null;
  appointmentId: string;
  appointmentStartsAt: string;
  sessionLabel: string;
  failedAt: string;
}

export interface CalendarFeed {
  active: boolean;
  /** Only in the answer that creates the link. */
  url: string | null;
  createdAt: string | null;
  lastUsedAt: string | null;
}

export const reminderSettingsKey = ['reminders', 'settings'] as const;
export const failedRemindersKey = ['reminders', 'failed'] as const;
export const reminderConsentKey = (personId: string) => ['reminders', 'consent', personId] as const;
export const calendarFeedKey = ['calendar-feed'] as const;
