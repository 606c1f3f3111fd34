import nodemailer from 'nodemailer';

/** A sender that could not hand the message over (refused, unreachable, timed out). */
export class ProviderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderError';
  }
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface EmailSender {
  send: (message: EmailMessage) => Promise<{ id: string }>;
  close: () => void;
}

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
}

/** Email over the structure's own SMTP server. Timeouts are short: a reminder run must not hang on one server. */
export function smtpEmailSender(settings: SmtpSettings): EmailSender {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(message) {
      try {
        const info = await transport.sendMail({ from: settings.from, to: message.to, subject: message.subject, text: message.text });
        return { id: String(info.messageId) };
      } catch (error) {
        throw new ProviderError(error instanceof Error ? error.message : String(error));
      }
    },
    close: () => transport.close(),
  };
}

/** An SMS gateway: sends one text to one number and returns the provider's message id. */
export interface SmsProvider {
  send: (to: string, text: string) => Promise<{ id: string }>;
}

export interface HttpSmsSettings {
  url: string;
  apiKey: string;
  sender: string | null;
}

/**
 * The usual shape of French SMS gateways' HTTP APIs: a JSON POST with a bearer API key,
 * `{ sender, recipient, text }`, answered 2xx with the message's id (`id` or `messageId`).
 */
export function httpSmsProvider(settings: HttpSmsSettings, timeoutMs = 10_000): SmsProvider {
  return {
    async send(to, text) {
      let response: Response;
      try {
        response = await fetch(settings.url, {
          method: 'POST',
          headers: { authorization: `Bearer ${settings.apiKey}`, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ ...(settings.sender ? { sender: settings.sender } : {}), recipient: to, text }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new ProviderError(`SMS provider unreachable: ${error instanceof Error ? error.message : String(error)}`);
      }
      const body = await response.text();
      if (!response.ok) throw new ProviderError(`SMS provider answered ${response.status}: ${body.slice(0, 200)}`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        parsed = null;
      }
      const record = (parsed ?? {}) as Record<string, unknown>;
      const id = record.id ?? record.messageId;
      if (typeof id !== 'string' && typeof id !== 'number') throw new ProviderError(`SMS provider answered ${response.status} without a message id`);
      return { id: String(id) };
    },
  };
}

/** A French number written as staff type it ("06 12 34 56 78", "+33 6…") in international form, or null. */
export function internationalPhone(phone: string): string | null {
  const digits = phone.replace(/[\s().-]/g, '');
  if (/^\+\d{8,15}$/.test(digits)) return digits;
  if (/^00\d{8,15}$/.test(digits)) return `+${digits.slice(2)}`;
  if (/^0\d{9}$/.test(digits)) return `+33${digits.slice(1)}`;
  return null;
}
