import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSmsProvider, internationalPhone, ProviderError, smtpEmailSender } from './senders.js';
import { startSmsGateway, startSmtpReceiver, type SmsGateway, type SmtpReceiver } from './test-receivers.js';

let smtp: SmtpReceiver;
let gateway: SmsGateway;

beforeAll(async () => {
  smtp = await startSmtpReceiver({ user: 'rappels@tilleuls.fr', password: 'mot de passe smtp' });
  gateway = await startSmsGateway('cle-api-sms');
});
afterAll(async () => {
  await smtp.close();
  await gateway.close();
});

describe('email over SMTP', () => {
  it('signs in with the structure’s account and delivers the text', async () => {
    const sender = smtpEmailSender({ host: '127.0.0.1', port: smtp.port, secure: false, user: 'rappels@tilleuls.fr', password: 'mot de passe smtp', from: 'rappels@tilleuls.fr' });
    const { id } = await sender.send({ to: 'eloise@exemple.fr', subject: 'Rappel : votre rendez-vous', text: 'Bonjour,\nà mardi.' });
    sender.close();
    expect(id).toMatch(/@/);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]).toMatchObject({ from: 'rappels@tilleuls.fr', to: ['eloise@exemple.fr'], user: 'rappels@tilleuls.fr' });
    expect(smtp.messages[0]!.raw).toContain('Bonjour,');
  });

  it('reports a wrong password, a refusal or an unreachable server as a provider error', async () => {
    const wrong = smtpEmailSender({ host: '127.0.0.1', port: smtp.port, secure: false, user: 'rappels@tilleuls.fr', password: 'faux', from: 'rappels@tilleuls.fr' });
    await expect(wrong.send({ to: 'a@exemple.fr', subject: 's', text: 't' })).rejects.toBeInstanceOf(ProviderError);
    wrong.close();
    smtp.refuseWith(550);
    const refused = smtpEmailSender({ host: '127.0.0.1', port: smtp.port, secure: false, user: 'rappels@tilleuls.fr', password: 'mot de passe smtp', from: 'rappels@tilleuls.fr' });
    await expect(refused.send({ to: 'a@exemple.fr', subject: 's', text: 't' })).rejects.toThrow(/550/);
    refused.close();
    smtp.refuseWith(null);
    const closed = smtpEmailSender({ host: '127.0.0.1', port: 1, secure: false, user: null, password: null, from: 'rappels@tilleuls.fr' });
    await expect(closed.send({ to: 'a@exemple.fr', subject: 's', text: 't' })).rejects.toBeInstanceOf(ProviderError);
    closed.close();
    expect(smtp.messages).toHaveLength(1);
  });
});

describe('SMS over the HTTP adapter', () => {
  it('posts JSON with the bearer key and returns the gateway’s id', async () => {
    const provider = httpSmsProvider({ url: gateway.url, apiKey: 'cle-api-sms', sender: 'Tilleuls' });
    expect(await provider.send('+33612345678', 'Rappel')).toEqual({ id: 'sms-1' });
    expect(gateway.received).toEqual([{ authorization: 'Bearer cle-api-sms', body: { sender: 'Tilleuls', recipient: '+33612345678', text: 'Rappel' } }]);
  });

  it('reports an error status, a wrong key or an unreachable gateway as a provider error', async () => {
    gateway.failWith(503);
    await expect(httpSmsProvider({ url: gateway.url, apiKey: 'cle-api-sms', sender: null }).send('+33612345678', 'x')).rejects.toThrow(/503/);
    gateway.failWith(null);
    await expect(httpSmsProvider({ url: gateway.url, apiKey: 'autre', sender: null }).send('+33612345678', 'x')).rejects.toThrow(/401/);
    await expect(httpSmsProvider({ url: 'http://127.0.0.1:1/sms', apiKey: 'k', sender: null }).send('+33612345678', 'x')).rejects.toBeInstanceOf(ProviderError);
    expect(gateway.received).toHaveLength(1);
  });

  it('writes French numbers in international form', () => {
    expect(internationalPhone('06 12 34 56 78')).toBe('+33612345678');
    expect(internationalPhone('+33 6 12 34 56 78')).toBe('+33612345678');
    expect(internationalPhone('0033612345678')).toBe('+33612345678');
    expect(internationalPhone('12 34')).toBeNull();
  });
});
