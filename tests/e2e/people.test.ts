import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrator, createColleague, setUpOrganization, type ApiClient } from './support/api.js';
import { expectAccessible, expectHeading, launchBrowser, newContext, newPage, screenshot, label } from './support/browser.js';
import { startRelais, type RelaisServer } from './support/relais-server.js';

const coordinator = { firstName: 'Claire', lastName: 'Bernard', email: 'claire.bernard@clinique-exemple.fr', password: 'le chemin des tilleuls en mai' };
const practitioner = { firstName: 'Hugo', lastName: 'Petit', email: 'hugo.petit@clinique-exemple.fr', password: 'trois pommes et un cerisier' };

describe('journey 5: a coordinator opens a record', () => {
  let server: RelaisServer;
  let browser: Browser;
  let coordinatorApi: ApiClient;

  beforeAll(async () => {
    server = await startRelais();
    const admin = await setUpOrganization(server);
    coordinatorApi = await createColleague(admin, server, coordinator, 'coordinator', ['personal_support_manager']);
    await createColleague(admin, server, practitioner, 'practitioner', ['psychologist']);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a person, sees the record and care team, adds and removes a colleague, and sees who accessed it', async () => {
    const context = await newContext(browser);
    const page = await newPage(context);
    await page.goto(`${server.baseUrl}/people`);
    await expectHeading(page, 'Connexion');
    await page.getByLabel('Adresse e-mail').fill(coordinator.email);
    await page.getByLabel(label('Mot de passe')).fill(coordinator.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expectHeading(page, 'Personnes accompagnées');
    await page.getByText('Vous ne faites encore partie de l’équipe d’aucune personne.').waitFor();
    await expectAccessible(page, 'empty people list');

    await page.getByRole('link', { name: 'Nouvelle personne' }).click();
    await expectHeading(page, 'Nouvelle personne accompagnée');
    await expectAccessible(page, 'new person form');
    await screenshot(page, 'person-new');
    await page.getByRole('button', { name: 'Créer le dossier' }).click();
    await page.getByText('Ce champ est obligatoire.').first().waitFor();
    await page.getByLabel('Prénom').fill('Louise');
    await page.getByLabel(label('Nom')).fill('Moreau');
    await page.getByLabel('Date de naissance').fill('1984-03-02');
    await page.getByRole('button', { name: 'Créer le dossier' }).click();

    await expectHeading(page, 'Louise Moreau');
    expect(new URL(page.url()).pathname).toMatch(/^\/people\/[0-9a-f-]{36}$/);
    expect(await page.title()).toBe('Louise Moreau – Relais');
    await page.getByText('2 mars 1984').waitFor();
    const team = page.getByRole('region', { name: 'Équipe pluridisciplinaire' });
    const me = team.getByTestId('care-team-row').filter({ hasText: `${coordinator.firstName} ${coordinator.lastName}` });
    await me.getByText('(vous)').waitFor();
    const log = page.getByRole('region', { name: 'Qui a consulté ce dossier' });
    await log.getByText('Création du dossier').waitFor();
    await expectAccessible(page, 'person record');

    await team.getByLabel('Professionnel').selectOption({ label: `${practitioner.firstName} ${practitioner.lastName}` });
    // The discipline follows the colleague's own.
    expect(await team.getByLabel('Discipline').locator('option:checked').textContent()).toBe('Psychologue');
    await team.getByRole('button', { name: 'Ajouter à l’équipe' }).click();
    const added = team.getByTestId('care-team-row').filter({ hasText: `${practitioner.firstName} ${practitioner.lastName}` });
    await added.getByText('Psychologue').waitFor();
    await page.getByText(`${practitioner.firstName} ${practitioner.lastName} fait maintenant partie de l’équipe.`).waitFor();
    await log.getByText('Ajout d’un professionnel à l’équipe').waitFor();
    await expectAccessible(page, 'person record with a colleague added');
    await screenshot(page, 'person-record');

    await added.getByRole('button', { name: `Retirer ${practitioner.firstName} ${practitioner.lastName} de l’équipe` }).click();
    const confirm = page.getByRole('dialog', { name: `Retirer ${practitioner.firstName} ${practitioner.lastName} de l’équipe ?` });
    await expectAccessible(page, 'care team removal confirmation');
    await confirm.getByRole('button', { name: 'Retirer de l’équipe' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=care-team-row]').length === 1);

    // Back to the list, which pages through many people.
    for (let i = 1; i <= 26; i++) {
      await coordinatorApi.request('POST', '/api/v1/people', { firstName: `Personne${String(i).padStart(2, '0')}`, lastName: 'Essai', birthDate: null, duplicatesAcknowledged: true });
    }
    await page.getByRole('link', { name: 'Personnes accompagnées' }).click();
    await expectHeading(page, 'Personnes accompagnées');
    const rows = page.getByRole('table', { name: 'Personnes accompagnées' }).locator('tbody tr');
    await page.getByText('25 personnes affichées').waitFor();
    expect(await rows.count()).toBe(25);
    await expectAccessible(page, 'people list');
    await screenshot(page, 'people');
    await page.getByRole('button', { name: 'Afficher plus de personnes' }).click();
    await page.getByText('27 personnes affichées').waitFor();
    expect(await rows.count()).toBe(27);
    expect(await page.getByRole('button', { name: 'Afficher plus de personnes' }).count()).toBe(0);
    await context.close();
  });

  it('keeps records closed to the administrator', async () => {
    const context = await newContext(browser);
    const page = await newPage(context);
    await page.goto(`${server.baseUrl}/sign-in?next=/people`);
    await page.getByLabel('Adresse e-mail').fill(administrator.email);
    await page.getByLabel(label('Mot de passe')).fill(administrator.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expectHeading(page, 'Accès non autorisé');
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Personnes' }).count()).toBe(0);
    await expectAccessible(page, 'people refused to an administrator');
    await context.close();
  });
});
