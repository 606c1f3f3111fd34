import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// Real receivers for tests: an SMTP server and an HTTP SMS gateway listening on local ports.

export interface ReceivedEmail {
  from: string;
  to: string[];
  raw: string;
  user: string | null;
}

export interface SmtpReceiver {
  port: number;
  messages: ReceivedEmail[];
  /** Refuse the next messages with this SMTP reply code (e.g. 550), or accept again with null. */
  refuseWith: (code: number | null) => void;
  close: () => Promise<void>;
}

/** A local SMTP server that keeps what it receives; with `credentials`, it requires that login. */
export async function startSmtpReceiver(credentials?: { user: string; password: string }): Promise<SmtpReceiver> {
  const messages: ReceivedEmail[] = [];
  let refusal: number | null = null;
  const server = new SMTPServer({
    disabledCommands: credentials ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !credentials,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (credentials && auth.username === credentials.user && auth.password === credentials.password) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refusal) {
          const error = new Error('Mailbox unavailable') as Error & { responseCode: number };
          error.responseCode = refusal;
          callback(error);
          return;
        }
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: typeof session.user === 'string' ? session.user : null,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    refuseWith: (code) => {
      refusal = code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedSms {
  authorization: string | undefined;
  body: { sender?: string; recipient: string; text: string };
}

export interface SmsGateway {
  url: string;
  received: ReceivedSms[];
  /** Answer the next requests with this HTTP status (e.g. 503), or normally with null. */
  failWith: (status: number | null) => void;
  close: () => Promise<void>;
}

/** A local HTTP SMS gateway in the usual shape: bearer key, JSON in, `{ id }` out. */
export async function startSmsGateway(apiKey: string): Promise<SmsGateway> {
  const received: ReceivedSms[] = [];
  let failure: number | null = null;
  let next = 1;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const send = (status: number, body: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (request.headers.authorization !== `Bearer ${apiKey}`) return send(401, { error: 'invalid api key' });
      if (failure) return send(failure, { error: 'temporarily unavailable' });
      received.push({ authorization: request.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedSms['body'] });
      return send(201, { id: `sms-${next++}`, status: 'queued' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1/sms`,
    received,
    failWith: (status) => {
      failure = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A received message's headers and text as a reader sees them: encoded words and the body's transfer encoding undone. */
export function decodeMail(raw: string): string {
  const qp = (text: string) => {
    const out: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const hex = text.slice(i + 1, i + 3);
      if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
        out.push(parseInt(hex, 16));
        i += 2;
      } else out.push(...Buffer.from(text[i]!, 'utf8'));
    }
    return Buffer.from(out).toString('utf8');
  };
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const body = raw.slice(split).trim();
  const headers = head.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, kind: string, text: string) =>
    kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : qp(text.replace(/_/g, ' ')),
  );
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  const text = encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : encoding === 'quoted-printable' ? qp(body.replace(/=\r?\n/g, '')) : body;
  return `${headers}\n\n${text}`;
}
