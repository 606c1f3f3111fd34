import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrator, setUpOrganization } from './support/api.js';
import { expectAccessible, expectHeading, launchBrowser, newContext, newPage, screenshot, label } from './support/browser.js';
import { startRelais, type RelaisServer } from './support/relais-server.js';

describe('journey 2: sign-out and sign-in', () => {
  let server: RelaisServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startRelais();
    await setUpOrganization(server);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs out, refuses a wrong password in French, then signs in and returns where the user was going', async () => {
    const context = await newContext(browser);
    const page = await newPage(context);

    // Signed out, a page of the app leads to sign-in, which remembers it.
    await page.goto(`${server.baseUrl}/account`);
    await expectHeading(page, 'Connexion');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/account');
    await expectAccessible(page, 'sign-in');
    await screenshot(page, 'sign-in');
    await page.getByLabel('Adresse e-mail').fill(administrator.email);
    await page.getByLabel(label('Mot de passe')).fill(administrator.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expectHeading(page, 'Mon compte');
    expect(new URL(page.url()).pathname).toBe('/account');

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expectHeading(page, 'Connexion');
    await page.getByText('Vous êtes déconnecté(e).').waitFor();
    // The session is gone on the server too: the app's pages lead back here.
    await page.goto(`${server.baseUrl}/`);
    await expectHeading(page, 'Connexion');

    await page.getByLabel('Adresse e-mail').fill(administrator.email);
    await page.getByLabel(label('Mot de passe')).fill('ce n’est pas le bon');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').getByText('Adresse e-mail ou mot de passe incorrect.').waitFor();
    // The password field is emptied and focused for the next try.
    expect(await page.getByLabel(label('Mot de passe')).inputValue()).toBe('');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('password');
    await expectAccessible(page, 'sign-in with wrong password');
    await screenshot(page, 'sign-in-error');

    await page.getByLabel(label('Mot de passe')).fill(administrator.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expectHeading(page, `Bonjour ${administrator.firstName}`);
    expect(await page.title()).toBe('Accueil – Relais');
    await page.getByTestId('current-user').getByText(`${administrator.firstName} ${administrator.lastName}`).waitFor();
    await expectAccessible(page, 'home after sign-in');

    // On a fresh page, the skip link is the first thing the keyboard reaches; it takes the focus to the content.
    await page.reload();
    await expectHeading(page, `Bonjour ${administrator.firstName}`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // English is one click away and is remembered in the account.
    await page.getByRole('button', { name: 'English' }).click();
    await expectHeading(page, `Hello ${administrator.firstName}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await expectHeading(page, `Hello ${administrator.firstName}`);
    await page.getByRole('button', { name: 'Français' }).click();
    await expectHeading(page, `Bonjour ${administrator.firstName}`);
    await context.close();
  });
});
