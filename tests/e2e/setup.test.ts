import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrator, organizationName } from './support/api.js';
import { expectAccessible, expectHeading, launchBrowser, newContext, newPage, screenshot, label } from './support/browser.js';
import { startRelais, type RelaisServer } from './support/relais-server.js';

describe('journey 1: first-run set-up', () => {
  let server: RelaisServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startRelais();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sets up the organization from the printed link, signs the administrator in, then refuses the used link', async () => {
    const context = await newContext(browser);
    const page = await newPage(context);
    await page.goto(server.setupLink);
    await expectHeading(page, 'Première configuration');
    await page.getByLabel('Nom de la structure').waitFor();
    expect(await page.title()).toBe('Première configuration – Relais');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await expectAccessible(page, 'set-up form');
    await screenshot(page, 'setup');

    // Sending the empty form shows every problem next to its field, in French, and moves the focus there.
    await page.getByRole('button', { name: 'Créer la structure' }).click();
    await page.getByText('Choisissez le type de structure.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    await expectAccessible(page, 'set-up form with errors');

    await page.getByLabel('Nom de la structure').fill(organizationName);
    await page.getByRole('radio', { name: 'Clinique ou établissement de soins' }).check();
    await page.getByLabel('Prénom').fill(administrator.firstName);
    await page.getByLabel(label('Nom')).fill(administrator.lastName);
    await page.getByLabel('Adresse e-mail').fill(administrator.email);
    await page.getByLabel(label('Choisissez un mot de passe')).fill('trop court');
    await page.getByLabel(label('Confirmez le mot de passe')).fill('trop court');
    await page.getByRole('button', { name: 'Créer la structure' }).click();
    await page.getByText('Le mot de passe doit contenir au moins 12 caractères.').waitFor();

    await page.getByLabel(label('Choisissez un mot de passe')).fill(administrator.password);
    await page.getByLabel(label('Confirmez le mot de passe')).fill(administrator.password);
    await page.getByRole('button', { name: 'Créer la structure' }).click();

    await expectHeading(page, `Bonjour ${administrator.firstName}`);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.title()).toBe('Accueil – Relais');
    await page.getByText(organizationName).first().waitFor();
    await page.getByText('Votre structure est prête. Vous êtes connecté(e).').waitFor();
    // An administrator manages accounts, never records: no "Personnes" in the navigation.
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Accueil', 'Équipe', 'Structure', 'Mon compte']);
    await expectAccessible(page, 'home after set-up');

    await page.goto(server.setupLink);
    await expectHeading(page, 'Première configuration');
    await page.getByText('Ce lien n’est plus valable').waitFor();
    expect(await page.getByLabel('Nom de la structure').count()).toBe(0);
    await expectAccessible(page, 'used set-up link');
    await context.close();
  });
});
