import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrator, createColleague, setUpOrganization, totpCode, type ApiClient } from './support/api.js';
import { expectAccessible, expectHeading, launchBrowser, newContext, newPage, screenshot, label } from './support/browser.js';
import { startRelais, type RelaisServer } from './support/relais-server.js';

const colleague = { firstName: 'Hugo', lastName: 'Petit', email: 'hugo.petit@clinique-exemple.fr', password: 'trois pommes et un cerisier' };

async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel(label('Mot de passe')).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

describe('journey 4: two-factor authentication', () => {
  let server: RelaisServer;
  let browser: Browser;
  let admin: ApiClient;
  let adminSecret = '';
  /** The last 30-second step whose code the server accepted: it refuses that step and earlier ones. */
  let lastUsedStep = 0;

  /** A code the server will take: a step after the last one used (waiting for the clock if needed). */
  async function usableCode(secret: string): Promise<string> {
    const step = () => Math.floor(Date.now() / 30_000);
    while (step() + 1 <= lastUsedStep) await new Promise((resolve) => setTimeout(resolve, 1000));
    lastUsedStep = step() + 1;
    return totpCode(secret, 1);
  }

  beforeAll(async () => {
    server = await startRelais();
    admin = await setUpOrganization(server);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('enables two-factor with the QR code or key, then asks for a code at the next sign-in', async () => {
    const context = await newContext(browser);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, administrator.email, administrator.password);
    await expectHeading(page, `Bonjour ${administrator.firstName}`);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Mon compte' }).click();
    await expectHeading(page, 'Mon compte');
    await expectAccessible(page, 'my account');
    await screenshot(page, 'account');

    await page.getByRole('button', { name: 'Activer la double authentification' }).click();
    const secretElement = page.getByTestId('two-factor-secret');
    await secretElement.waitFor();
    const qr = page.getByRole('img', { name: /QR code/ });
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const secret = (await secretElement.textContent())?.replace(/\s/g, '') ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    adminSecret = secret;
    await expectAccessible(page, 'two-factor enrolment');
    await screenshot(page, 'account-two-factor');

    await page.getByLabel('Code à 6 chiffres').fill('12345');
    await page.getByRole('button', { name: 'Confirmer et activer' }).click();
    await page.getByText('Saisissez les 6 chiffres du code, sans lettres.').waitFor();
    lastUsedStep = Math.floor(Date.now() / 30_000);
    await page.getByLabel('Code à 6 chiffres').fill(totpCode(secret));
    await page.getByRole('button', { name: 'Confirmer et activer' }).click();
    await page.getByText('Double authentification activée.').waitFor();
    await page.getByText('Activée', { exact: true }).waitFor();
    await expectAccessible(page, 'account with two-factor on');

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expectHeading(page, 'Connexion');
    await signIn(page, server.baseUrl, administrator.email, administrator.password);
    await expectHeading(page, 'Code de vérification');
    await expectAccessible(page, 'second factor step');
    await screenshot(page, 'sign-in-code');
    // While the code is pending, the app's pages stay closed.
    await page.goto(`${server.baseUrl}/staff`);
    await expectHeading(page, 'Code de vérification');

    await page.getByLabel('Code à 6 chiffres').fill(totpCode(secret) === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByRole('alert').getByText('Code de vérification incorrect ou expiré.').waitFor();
    await expectAccessible(page, 'wrong code');
    // A code of a later 30-second step: the one used to confirm cannot be replayed.
    await page.getByLabel('Code à 6 chiffres').fill(await usableCode(secret));
    await page.getByRole('button', { name: 'Valider' }).click();
    await expectHeading(page, 'Équipe');
    expect(new URL(page.url()).pathname).toBe('/staff');
    await context.close();
  });

  it('when the organization requires it, a colleague without two-factor enrols before going on', async () => {
    await createColleague(admin, server, colleague, 'practitioner', ['psychologist']);
    const context = await newContext(browser);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, administrator.email, administrator.password);
    await expectHeading(page, 'Code de vérification');
    await page.getByLabel('Code à 6 chiffres').fill(await usableCode(adminSecret));
    await page.getByRole('button', { name: 'Valider' }).click();
    await expectHeading(page, `Bonjour ${administrator.firstName}`);

    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Structure' }).click();
    await expectHeading(page, 'Structure');
    await expectAccessible(page, 'organization settings');
    await screenshot(page, 'organization');
    await page.getByRole('checkbox', { name: 'Double authentification obligatoire' }).check();
    await page.getByText('Les collègues qui n’ont pas encore activé la double authentification').waitFor();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Paramètres de la structure enregistrés.').waitFor();
    await expectAccessible(page, 'organization settings saved');

    const colleagueContext = await newContext(browser);
    const colleaguePage = await newPage(colleagueContext);
    await signIn(colleaguePage, server.baseUrl, colleague.email, colleague.password);
    await expectHeading(colleaguePage, 'Activez la double authentification');
    const secretElement = colleaguePage.getByTestId('two-factor-secret');
    await secretElement.waitFor();
    await expectAccessible(colleaguePage, 'required enrolment');
    await screenshot(colleaguePage, 'two-factor-required');
    const secret = (await secretElement.textContent())?.replace(/\s/g, '') ?? '';
    await colleaguePage.getByLabel('Code à 6 chiffres').fill(totpCode(secret));
    await colleaguePage.getByRole('button', { name: 'Confirmer et activer' }).click();
    await expectHeading(colleaguePage, `Bonjour ${colleague.firstName}`);
    await colleaguePage.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Mon compte' }).click();
    await colleaguePage.getByText('Votre structure exige la double authentification : elle ne peut pas être désactivée.').waitFor();
    await expectAccessible(colleaguePage, 'account under required two-factor');
    await context.close();
    await colleagueContext.close();
  });
});
