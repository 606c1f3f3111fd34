import { sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { Db } from '../../db/connection.js';
import { asSystem } from '../../db/transaction.js';
import type { SecretBox } from '../../lib/secret-box.js';
import type { Modality } from '../services/schema.js';
import type { AppointmentKind, AppointmentStatus } from '../scheduling/schema.js';
import { recordAuditEvents, type AuditEntry } from '../audit/record-audit-event.js';
import { smsApiKeyContext, smtpPasswordContext } from './manage-reminder-settings.js';
import { composeReminderMessage } from './reminder-message.js';
import type { ReminderChannel } from './schema.js';
import { httpSmsProvider, internationalPhone, ProviderError, smtpEmailSender, type EmailSender, type HttpSmsSettings, type SmsProvider, type SmtpSettings } from './senders.js';

export type FailureCode = 'no_contact' | 'no_consent' | 'provider_error' | 'channel_not_configured' | 'outcome_unknown';

export interface DispatcherOptions {
  db: Db;
  secretBox: SecretBox;
  /** How a structure's SMTP and SMS settings become senders (tests may count what is built; the defaults send for real). */
  emailSenderFor?: (settings: SmtpSettings) => EmailSender;
  smsProviderFor?: (settings: HttpSmsSettings) => SmsProvider;
  /** A reminder still `sending` after this long was claimed by a process that died: its outcome is unknown. */
  leaseMinutes?: number;
  batchSize?: number;
}

export interface DispatchReport {
  sent: number;
  failed: number;
  cancelled: number;
  outcomeUnknown: number;
}

type Claimed = {
  organization_id: string;
  id: string;
  person_id: string;
  channel: ReminderChannel;
  kind: AppointmentKind;
  appointment_status: AppointmentStatus;
  starts_at: string;
  title: string | null;
  modality: Modality;
  video_link: string | null;
  service_name: string;
  site_name: string | null;
  partner_name: string | null;
  first_name: string;
  discreet: boolean;
  email: string | null;
  phone: string | null;
  preferred_language: string;
  still_attending: boolean;
  consented: boolean;
  organization_name: string;
  time_zone: string;
  lead_hours: number | null;
  email_enabled: boolean | null;
  smtp_host: string | null;
  smtp_port: number | null;
  smtp_secure: boolean | null;
  smtp_user: string | null;
  smtp_password_encrypted: string | null;
  smtp_from: string | null;
  sms_enabled: boolean | null;
  sms_provider_url: string | null;
  sms_api_key_encrypted: string | null;
  sms_sender: string | null;
};

type Outcome = { status: 'sent'; providerId: string } | { status: 'failed'; code: FailureCode; detail: string } | { status: 'cancelled'; detail: string };

/**
 * A `sending` row older than the lease belongs to a run that stopped between claim and result: the
 * message may or may not have left. It is never sent again automatically (at most once); it is shown
 * to staff as failed with outcome_unknown, so someone can check with the person.
 */
async function expireLeases(db: Db, leaseMinutes: number): Promise<number> {
  return asSystem(db, async (tx) => {
    const expired = await tx.execute<{ organization_id: string; id: string; person_id: string }>(sql`
      UPDATE reminder SET status = 'failed', failure_code = 'outcome_unknown',
             failure_detail = 'Interrupted while sending: the message may or may not have left.'
       WHERE status = 'sending' AND claimed_at < now() - make_interval(mins => ${leaseMinutes})
      RETURNING organization_id, id, person_id`);
    for (const row of expired.rows) {
      await recordAuditEvents(tx, { organizationId: row.organization_id, actorId: null, ip: null, requestId: null }, [
        { action: 'reminder.failed', personId: row.person_id, targetType: 'reminder', targetId: row.id, details: { code: 'outcome_unknown' } },
      ]);
    }
    return expired.rowCount ?? 0;
  });
}

/**
 * Claims due reminders across organizations and commits the claim (status `sending`) before any
 * message leaves: a crash after this point can never send twice. Returns what composing and
 * sending need, read in the same statement.
 */
async function claimDue(db: Db, batchSize: number): Promise<Claimed[]> {
  return asSystem(db, async (tx) => {
    const result = await tx.execute<Claimed>(sql`
      WITH claimed AS (
        UPDATE reminder r SET status = 'sending', claimed_at = now(), attempts = r.attempts + 1
         WHERE (r.organization_id, r.id) IN (
           SELECT organization_id, id FROM reminder WHERE status = 'pending' AND send_at <= now()
            ORDER BY send_at LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)
        RETURNING r.organization_id, r.id, r.appointment_id, r.person_id, r.channel
      )
      SELECT c.organization_id, c.id, c.person_id, c.channel,
             a.kind, a.status AS appointment_status, a.starts_at, a.title, a.modality, a.video_link,
             srv.name AS service_name, st.name AS site_name, pa.name AS partner_name,
             p.first_name, p.discreet, p.email, p.phone, p.preferred_language,
             (a.person_id = c.person_id AND a.kind IN ('individual', 'with_relatives')) OR EXISTS (
               SELECT 1 FROM appointment_participant ap WHERE ap.organization_id = c.organization_id AND ap.appointment_id = a.id
                  AND ap.person_id = c.person_id AND coalesce(ap.registration_status, 'registered') = 'registered') AS still_attending,
             coalesce(CASE c.channel WHEN 'email' THEN rc.email ELSE rc.sms END, false) AS consented,
             o.name AS organization_name, o.time_zone,
             rs.lead_hours, rs.email_reminders_enabled AS email_enabled, rs.smtp_host, rs.smtp_port, rs.smtp_secure, rs.smtp_user,
             rs.smtp_password_encrypted, rs.smtp_from, rs.sms_reminders_enabled AS sms_enabled, rs.sms_provider_url,
             rs.sms_api_key_encrypted, rs.sms_sender
        FROM claimed c
        JOIN appointment a ON a.organization_id = c.organization_id AND a.id = c.appointment_id
        JOIN service srv ON srv.organization_id = a.organization_id AND srv.id = a.service_id
        LEFT JOIN site st ON st.organization_id = a.organization_id AND st.id = a.site_id
        LEFT JOIN partner pa ON pa.organization_id = a.organization_id AND pa.id = a.partner_id
        JOIN person p ON p.organization_id = c.organization_id AND p.id = c.person_id
        LEFT JOIN reminder_consent rc ON rc.organization_id = c.organization_id AND rc.person_id = c.person_id
        JOIN organization o ON o.id = c.organization_id
        LEFT JOIN reminder_settings rs ON rs.organization_id = c.organization_id`);
    return result.rows;
  });
}

/** Sends claimed reminders; senders are built once per structure and channel for the run. */
class Senders {
  private email = new Map<string, EmailSender>();
  private sms = new Map<string, SmsProvider>();
  constructor(private readonly options: DispatcherOptions) {}

  emailFor(row: Claimed): EmailSender | { error: string } {
    const cached = this.email.get(row.organization_id);
    if (cached) return cached;
    if (!row.email_enabled || !row.smtp_host || !row.smtp_port || !row.smtp_from) return { error: 'Email reminders are off or their SMTP settings are incomplete.' };
    const password = row.smtp_password_encrypted ? this.options.secretBox.open(row.smtp_password_encrypted, smtpPasswordContext(row.organization_id)) : null;
    if (row.smtp_password_encrypted && password === null) return { error: 'The SMTP password cannot be read with this installation key: enter it again.' };
    const settings: SmtpSettings = { host: row.smtp_host, port: row.smtp_port, secure: row.smtp_secure ?? false, user: row.smtp_user, password, from: row.smtp_from };
    const sender = (this.options.emailSenderFor ?? smtpEmailSender)(settings);
    this.email.set(row.organization_id, sender);
    return sender;
  }

  smsFor(row: Claimed): SmsProvider | { error: string } {
    const cached = this.sms.get(row.organization_id);
    if (cached) return cached;
    if (!row.sms_enabled || !row.sms_provider_url || !row.sms_api_key_encrypted) return { error: 'SMS reminders are off or their provider settings are incomplete.' };
    const apiKey = this.options.secretBox.open(row.sms_api_key_encrypted, smsApiKeyContext(row.organization_id));
    if (apiKey === null) return { error: 'The SMS API key cannot be read with this installation key: enter it again.' };
    const provider = (this.options.smsProviderFor ?? httpSmsProvider)({ url: row.sms_provider_url, apiKey, sender: row.sms_sender });
    this.sms.set(row.organization_id, provider);
    return provider;
  }

  close(): void {
    for (const sender of this.email.values()) sender.close();
  }
}

async function deliver(row: Claimed, senders: Senders): Promise<Outcome> {
  if (!['planned', 'confirmed'].includes(row.appointment_status) || !row.still_attending) return { status: 'cancelled', detail: 'The session or the registration was cancelled.' };
  if (new Date(row.starts_at).getTime() <= Date.now()) return { status: 'cancelled', detail: 'The session had already started.' };
  if (!row.consented) return { status: 'failed', code: 'no_consent', detail: 'The person has not agreed to reminders by this channel.' };
  const message = composeReminderMessage({
    locale: row.preferred_language === 'en' ? 'en' : 'fr',
    timeZone: row.time_zone,
    kind: row.kind,
    groupTitle: row.title,
    serviceName: row.service_name,
    startsAt: new Date(row.starts_at),
    modality: row.modality,
    videoLink: row.video_link,
    siteName: row.site_name,
    partnerName: row.partner_name,
    organizationName: row.organization_name,
    firstName: row.discreet ? null : row.first_name,
  });
  try {
    if (row.channel === 'email') {
      const sender = senders.emailFor(row);
      if ('error' in sender) return { status: 'failed', code: 'channel_not_configured', detail: sender.error };
      if (!row.email?.trim()) return { status: 'failed', code: 'no_contact', detail: 'No email address in the person’s record.' };
      const { id } = await sender.send({ to: row.email.trim(), subject: message.subject, text: message.text });
      return { status: 'sent', providerId: id };
    }
    const provider = senders.smsFor(row);
    if ('error' in provider) return { status: 'failed', code: 'channel_not_configured', detail: provider.error };
    const to = row.phone ? internationalPhone(row.phone) : null;
    if (!to) return { status: 'failed', code: 'no_contact', detail: row.phone ? 'The phone number in the record cannot receive text messages.' : 'No phone number in the person’s record.' };
    const { id } = await provider.send(to, message.sms);
    return { status: 'sent', providerId: id };
  } catch (error) {
    if (error instanceof ProviderError) return { status: 'failed', code: 'provider_error', detail: error.message.slice(0, 500) };
    throw error;
  }
}

/** Writes one reminder's outcome with its audit event, as soon as it is known. */
async function record(db: Db, row: Claimed, outcome: Outcome): Promise<void> {
  await asSystem(db, async (tx) => {
    if (outcome.status === 'sent') {
      await tx.execute(sql`UPDATE reminder SET status = 'sent', sent_at = now() WHERE organization_id = ${row.organization_id} AND id = ${row.id} AND status = 'sending'`);
    } else if (outcome.status === 'failed') {
      await tx.execute(sql`UPDATE reminder SET status = 'failed', failure_code = ${outcome.code}, failure_detail = ${outcome.detail}
        WHERE organization_id = ${row.organization_id} AND id = ${row.id} AND status = 'sending'`);
    } else {
      await tx.execute(sql`UPDATE reminder SET status = 'cancelled', failure_detail = ${outcome.detail} WHERE organization_id = ${row.organization_id} AND id = ${row.id} AND status = 'sending'`);
    }
    const entry: AuditEntry = {
      action: `reminder.${outcome.status}`,
      personId: row.person_id,
      targetType: 'reminder',
      targetId: row.id,
      details: { channel: row.channel, ...(outcome.status === 'failed' ? { code: outcome.code } : {}), ...(outcome.status === 'sent' ? { providerId: outcome.providerId } : {}) },
    };
    await recordAuditEvents(tx, { organizationId: row.organization_id, actorId: null, ip: null, requestId: null }, [entry]);
  });
}

/** Sends every reminder that is due, in every organization, at most once each. */
export async function sendDueReminders(options: DispatcherOptions): Promise<DispatchReport> {
  const batchSize = options.batchSize ?? 20;
  const report: DispatchReport = { sent: 0, failed: 0, cancelled: 0, outcomeUnknown: await expireLeases(options.db, options.leaseMinutes ?? 15) };
  const senders = new Senders(options);
  try {
    for (;;) {
      const claimed = await claimDue(options.db, batchSize);
      for (const row of claimed) {
        const outcome = await deliver(row, senders);
        await record(options.db, row, outcome);
        report[outcome.status] += 1;
      }
      if (claimed.length < batchSize) return report;
    }
  } finally {
    senders.close();
  }
}

const queue = 'reminders-due';

export interface ReminderDispatcher {
  /** Asks for a run now (besides the one every minute). */
  wake: () => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * Wakes the dispatcher every minute through pg-boss (a job table in the same database, so a wake-up
 * survives restarts and two processes never run it at once: the queue is a singleton), and once at
 * start to catch up on what fell due while Relais was stopped. pg-boss keeps its own schema and
 * connects with the owner's connection string; the reminders themselves stay in `reminder`.
 */
export async function startReminderDispatcher(
  options: DispatcherOptions & { connectionString: string; onError: (error: unknown) => void; onRun?: (report: DispatchReport) => void },
): Promise<ReminderDispatcher> {
  const boss = new PgBoss({ connectionString: options.connectionString, max: 2, application_name: 'relais-jobs' });
  boss.on('error', options.onError);
  await boss.start();
  await boss.createQueue(queue, { name: queue, policy: 'singleton', retryLimit: 0, expireInSeconds: 15 * 60 });
  await boss.schedule(queue, '* * * * *');
  await boss.work(queue, { pollingIntervalSeconds: 2 }, async () => {
    try {
      const report = await sendDueReminders(options);
      options.onRun?.(report);
    } catch (error) {
      options.onError(error);
    }
  });
  const wake = async () => {
    await boss.send(queue, {});
  };
  await wake();
  // pg-boss schedules by the minute; a reminder due at once (a session booked for the next hour)
  // should not wait that long: a wake-up every 15 seconds, harmless since the queue is a singleton.
  const timer = setInterval(() => void wake().catch(options.onError), 15_000);
  timer.unref();
  return {
    wake,
    stop: async () => {
      clearInterval(timer);
      await boss.stop({ graceful: true, wait: true, timeout: 20_000 });
    },
  };
}
