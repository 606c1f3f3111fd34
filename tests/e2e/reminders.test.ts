import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMail, startSmtpReceiver, type SmtpReceiver } from '../../src/modules/reminders/test-receivers.js';
import { createColleague, setUpOrganization, type ApiClient } from './support/api.js';
import { expectAccessible, expectHeading, label, launchBrowser, newContext, newPage, screenshot, tabletPortrait } from './support/browser.js';
import { startRelais, type RelaisServer } from './support/relais-server.js';

const coordinator = { firstName: 'Claire', lastName: 'Bernard', email: 'claire.bernard@clinique-exemple.fr', password: 'le chemin des tilleuls en mai' };

async function signIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Adresse e-mail').fill(coordinator.email);
  await page.getByLabel(label('Mot de passe')).fill(coordinator.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expectHeading(page, /^Bonjour/);
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('journey: reminders and my agenda in my calendar', () => {
  let server: RelaisServer;
  let browser: Browser;
  let smtp: SmtpReceiver;
  let api: ApiClient;
  let serviceId: string;
  let coordinatorId: string;

  beforeAll(async () => {
    smtp = await startSmtpReceiver({ user: 'rappels@tilleuls.fr', password: 'mot de passe du serveur' });
    server = await startRelais();
    const admin = await setUpOrganization(server);
    api = await createColleague(admin, server, coordinator, 'coordinator', ['personal_support_manager']);
    const directory = await api.request<{ id: string; firstName: string }[]>('GET', '/api/v1/staff/directory');
    coordinatorId = directory.find((s) => s.firstName === coordinator.firstName)!.id;
    ({ id: serviceId } = await api.request<{ id: string }>('POST', '/api/v1/services', {
      name: 'Pair-aidance individuelle',
      kind: 'individual_support',
      defaultDurationMinutes: 45,
      maxDurationMinutes: 45,
      modalities: ['on_site', 'video'],
    }));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  it('sets up email reminders, records a person’s consent, sees a reminder that could not leave, and shares then revokes the agenda link', async () => {
    const page = await newPage(await newContext(browser, tabletPortrait));
    await signIn(page, server.baseUrl);

    // The structure's reminders: email through its SMTP server (a local receiver here).
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Rappels', exact: true }).click();
    await expectHeading(page, 'Rappels aux personnes');
    await expectAccessible(page, 'reminder settings');
    await page.getByRole('switch', { name: 'Envoyer les rappels par e-mail' }).check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Obligatoire pour envoyer des rappels par ce canal.').first().waitFor();
    await page.getByLabel('Serveur SMTP').fill('127.0.0.1');
    await page.getByLabel(label('Port')).fill(String(smtp.port));
    await page.getByLabel('Identifiant SMTP').fill('rappels@tilleuls.fr');
    await page.getByLabel('Mot de passe SMTP').fill('mot de passe du serveur');
    await page.getByLabel('Adresse d’expédition').fill('rappels@tilleuls.fr');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Réglages des rappels enregistrés.').waitFor();
    await page.getByText('Enregistré (chiffré). Laissez vide pour le garder, ou saisissez-en un nouveau.').first().waitFor();
    expect(await page.getByLabel('Mot de passe SMTP').inputValue()).toBe('');
    await expectAccessible(page, 'reminder settings saved');
    await screenshot(page, 'reminder-settings');

    // Two people: one reachable by email, one whose record has no address.
    const reachable = await api.request<{ id: string }>('POST', '/api/v1/people', { firstName: 'Éloïse', lastName: 'Lambert', email: 'eloise.lambert@exemple.fr' });
    const unreachable = await api.request<{ id: string }>('POST', '/api/v1/people', { firstName: 'Rachid', lastName: 'Moreau', duplicatesAcknowledged: true });
    await page.goto(`${server.baseUrl}/people/${reachable.id}`);
    await expectHeading(page, 'Éloïse Lambert');
    const consent = page.getByRole('region', { name: 'Rappels de rendez-vous' });
    // The switch follows the saved choice: click, then wait for it to show (check() expects an instant change).
    const emailConsent = consent.getByRole('switch', { name: 'Rappels par e-mail' });
    await emailConsent.click();
    await expect.poll(() => emailConsent.isChecked()).toBe(true);
    await page.getByText('Choix de la personne enregistré.').waitFor();
    await consent.getByText(/^Accord enregistré le/).waitFor();
    await expectAccessible(page, 'person record with reminder consent');
    await api.request('PUT', `/api/v1/people/${unreachable.id}/reminder-consent`, { email: true, sms: false });

    // Sessions in two hours: their reminders are due at once; the dispatcher runs every minute.
    const start = new Date(Math.ceil((Date.now() + 2 * 3_600_000) / 900_000) * 900_000);
    for (const [i, personId] of [reachable.id, unreachable.id].entries()) {
      const startsAt = new Date(start.getTime() + i * 3_600_000);
      await api.request('POST', '/api/v1/appointments', { kind: 'individual', serviceId, personId, modality: 'on_site', staffIds: [coordinatorId], startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 45 * 60_000).toISOString() });
    }
    await waitFor(() => smtp.messages.some((m) => m.to.includes('eloise.lambert@exemple.fr')), 100_000, 'the reminder email');
    const mail = decodeMail(smtp.messages.find((m) => m.to.includes('eloise.lambert@exemple.fr'))!.raw);
    expect(mail).toContain('Bonjour Éloïse,');
    expect(mail).toContain('« Pair-aidance individuelle »');

    await page.goto(server.baseUrl);
    const failed = page.getByRole('region', { name: 'Rappels non envoyés' });
    await waitFor(async () => {
      if (await failed.count()) return true;
      await page.reload();
      await expectHeading(page, /^Bonjour/);
      return false;
    }, 30_000, 'the failed reminder on the home page');
    const row = failed.getByTestId('failed-reminder').filter({ hasText: 'Rachid Moreau' });
    await row.getByText('E-mail : Pas d’adresse ou de numéro dans le dossier').waitFor();
    await expectAccessible(page, 'home page with a reminder not sent');
    await screenshot(page, 'reminders-failed');
    await row.getByRole('button', { name: 'Marquer comme traité le rappel de Rachid Moreau' }).click();
    await page.getByText('Rappel marqué comme traité.').waitFor();
    await failed.waitFor({ state: 'detached' });

    // My agenda in my calendar: a secret link, shown once, then revoked.
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Mon compte', exact: true }).click();
    await expectHeading(page, 'Mon compte');
    const feed = page.getByRole('region', { name: 'Mon agenda dans mon calendrier' });
    await feed.getByText('Aucun lien actif.').waitFor();
    await feed.getByRole('button', { name: 'Créer mon lien' }).click();
    const link = await feed.getByLabel('Lien de mon agenda').inputValue();
    expect(link).toMatch(/\/api\/v1\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    await feed.getByText(/^Lien actif depuis le/).waitFor();
    await expectAccessible(page, 'account with a calendar link');
    await screenshot(page, 'calendar-feed');
    const calendar = await fetch(link);
    expect(calendar.status).toBe(200);
    const ics = await calendar.text();
    expect(ics).toContain('SUMMARY:Pair-aidance individuelle — Éloïse Lambert');
    expect(ics).toContain('TZID=Europe/Paris');

    await feed.getByRole('button', { name: 'Révoquer le lien' }).click();
    const dialog = page.getByRole('dialog', { name: 'Révoquer le lien de votre agenda ?' });
    await expectAccessible(page, 'revoke confirmation');
    await dialog.getByRole('button', { name: 'Révoquer le lien' }).click();
    await page.getByText('Lien révoqué.').waitFor();
    await feed.getByText('Aucun lien actif.').waitFor();
    expect((await fetch(link)).status).toBe(404);
  });
});
