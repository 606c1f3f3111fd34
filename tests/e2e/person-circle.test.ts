import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createColleague, setUpOrganization, type ApiClient } from './support/api.js';
import { expectAccessible, expectHeading, label, launchBrowser, newContext, newPage, screenshot, tabletPortrait } from './support/browser.js';
import { startRelais, type RelaisServer } from './support/relais-server.js';

const coordinator = { firstName: 'Claire', lastName: 'Bernard', email: 'claire.bernard@clinique-exemple.fr', password: 'le chemin des tilleuls en mai' };
const practitioner = { firstName: 'Hugo', lastName: 'Petit', email: 'hugo.petit@clinique-exemple.fr', password: 'trois pommes et un cerisier' };

async function signIn(page: Page, baseUrl: string, path: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await expectHeading(page, 'Connexion');
  await page.getByLabel('Adresse e-mail').fill(coordinator.email);
  await page.getByLabel(label('Mot de passe')).fill(coordinator.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** Closes the confirmations still on screen, so that a screenshot shows the page under them. */
async function dismissNotices(page: Page): Promise<void> {
  const close = page.getByRole('button', { name: 'Fermer ce message' });
  // A notice may fade by itself between the count and the click: a short wait, then go on.
  while ((await close.count()) > 0) await close.first().click({ timeout: 1000 }).catch(() => undefined);
}

// Issue 3: the record's new fields, duplicates, discreet mode, search and the person's circle,
// driven at tablet portrait size (768×1024) where the forms are longest.
describe('journey 6: a record, its duplicates and its circle', () => {
  let server: RelaisServer;
  let browser: Browser;
  let coordinatorApi: ApiClient;

  beforeAll(async () => {
    server = await startRelais();
    const admin = await setUpOrganization(server);
    coordinatorApi = await createColleague(admin, server, coordinator, 'coordinator', ['personal_support_manager']);
    const practitionerApi = await createColleague(admin, server, practitioner, 'practitioner', ['psychologist']);
    await coordinatorApi.request('POST', '/api/v1/people', { firstName: 'Éloïse', lastName: 'Lefèvre', birthDate: '1987-03-14' });
    // On the practitioner's care team only: the coordinator may learn it exists, not who it is.
    await practitionerApi.request('POST', '/api/v1/people', { firstName: 'Marc', lastName: 'Dubois', birthDate: '1990-01-01' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('warns of a possible duplicate, focuses the warning, and creates the record once confirmed', async () => {
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, '/people/new');
    await expectHeading(page, 'Nouvelle personne accompagnée');
    for (const group of ['Identité', 'Coordonnées', 'Public et protection', 'Discrétion']) await page.getByRole('group', { name: group }).waitFor();
    await expectAccessible(page, 'new person form');

    // A record outside my care teams: counted, never named.
    await page.getByLabel(label('Prénom')).fill('Marc');
    await page.getByLabel(label('Nom')).fill('Dubois');
    await page.getByLabel('Date de naissance').fill('1990-01-01');
    const warning = page.getByTestId('duplicate-warning');
    await warning.getByText('Un dossier semblable existe dans une équipe dont vous ne faites pas partie.').waitFor();
    expect(await warning.getByRole('link').count()).toBe(0);

    // Same person, written without accents: the early warning names the record I can read.
    await page.getByLabel(label('Prénom')).fill('Eloise');
    await page.getByLabel(label('Nom')).fill('Lefevre');
    await page.getByLabel('Date de naissance').fill('1987-03-14');
    await warning.getByRole('link', { name: 'Éloïse Lefèvre' }).waitFor();
    await warning.getByText('née ou né le 14 mars 1987').waitFor();
    expect(await warning.getAttribute('role')).toBe('alert');

    // Creating anyway is refused until confirmed; the warning takes the focus.
    await page.getByRole('button', { name: 'Créer le dossier', exact: true }).click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'duplicate-warning');
    expect(new URL(page.url()).pathname).toBe('/people/new');
    await expectAccessible(page, 'new person form with a duplicate warning');
    await screenshot(page, 'person-new-duplicate');

    await warning.getByRole('button', { name: /Ce n’est pas la même personne/ }).click();
    await expectHeading(page, 'Eloise Lefevre');
    await page.getByText('Le dossier de Eloise Lefevre est créé.').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/people\/[0-9a-f-]{36}$/);
    await context.close();
  });

  it('records a minor with all fields, then their legal representative, and manages the circle', async () => {
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, '/people/new');
    await expectHeading(page, 'Nouvelle personne accompagnée');
    await page.getByLabel(label('Prénom')).fill('Nathan');
    await page.getByLabel(label('Nom')).fill('Roux');
    await page.getByLabel('Date de naissance').fill('2012-05-10');
    await page.getByLabel('Téléphone').fill('06 12 34 56');
    await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
    await page.getByRole('button', { name: 'Créer le dossier' }).click();
    // Refused in the browser: the first field in error has the focus, its message is linked to it.
    const email = page.getByLabel('Adresse e-mail');
    await page.waitForFunction(() => document.activeElement?.getAttribute('type') === 'email');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${(await email.getAttribute('aria-describedby'))?.split(' ').find((id) => id.endsWith('error')) ?? 'none'}`).textContent()).toContain('adresse e-mail valide');
    await email.fill('nathan.roux@exemple.fr');
    await page.getByLabel('Téléphone').fill('06 12 34 56 78');
    await page.getByLabel('Adresse postale').fill('12 rue des Lilas\n69003 Lyon');
    await page.getByLabel('Langue préférée').selectOption({ label: 'Arabe' });
    await page.getByLabel('Catégorie de public').selectOption({ label: 'Adolescent (12–18 ans)' });
    await page.getByRole('button', { name: 'Créer le dossier' }).click();

    await expectHeading(page, 'Nathan Roux');
    const identity = page.getByRole('region', { name: 'Identité' });
    await identity.getByText('10 mai 2012').waitFor();
    await identity.getByText('Arabe').waitFor();
    await identity.getByText('Adolescent (12–18 ans)').waitFor();
    await identity.getByRole('link', { name: '06 12 34 56 78' }).waitFor();
    const notice = page.getByTestId('legal-representative-missing');
    await notice.getByText('Personne mineure ou protégée : aucun représentant légal n’est enregistré dans l’entourage.').waitFor();
    const circle = page.getByRole('region', { name: 'Entourage' });
    await circle.getByText('Aucun proche n’est encore enregistré.').waitFor();
    await expectAccessible(page, 'record of a minor without a legal representative');
    await dismissNotices(page);
    await screenshot(page, 'person-record-minor');

    // From the notice, the add form opens with the role already ticked.
    await notice.getByRole('button', { name: 'Ajouter le représentant légal' }).click();
    let dialog = page.getByRole('dialog', { name: 'Ajouter un proche' });
    expect(await dialog.getByLabel('Représentant légal').isChecked()).toBe(true);
    await expectAccessible(page, 'add relative dialog');
    await screenshot(page, 'relative-add');
    await dialog.getByRole('button', { name: 'Ajouter un proche' }).click();
    await dialog.getByText('Choisissez le lien avec la personne.').waitFor();
    await dialog.getByLabel(label('Prénom')).fill('Samia');
    await dialog.getByLabel(label('Nom')).fill('Roux');
    await dialog.getByLabel(label('Lien avec la personne')).selectOption({ label: 'Parent' });
    await dialog.getByLabel('Participe au projet').check();
    await dialog.getByLabel('Téléphone').fill('07 98 76 54 32');
    await dialog.getByRole('button', { name: 'Ajouter un proche' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Samia Roux fait maintenant partie de l’entourage.').waitFor();
    await notice.waitFor({ state: 'detached' });
    const samia = circle.getByTestId('relative-entry').filter({ hasText: 'Samia Roux' });
    await samia.getByText('Représentant légal').waitFor();
    await samia.getByText('Participe au projet').waitFor();

    // One trusted person at a time: a second one is refused, and the form says who holds the role.
    await circle.getByRole('button', { name: 'Ajouter un proche' }).click();
    dialog = page.getByRole('dialog', { name: 'Ajouter un proche' });
    await dialog.getByLabel(label('Prénom')).fill('Karim');
    await dialog.getByLabel(label('Nom')).fill('Roux');
    await dialog.getByLabel(label('Lien avec la personne')).selectOption({ label: 'Frère ou sœur' });
    await dialog.getByLabel('Personne de confiance').check();
    await dialog.getByRole('button', { name: 'Ajouter un proche' }).click();
    await dialog.waitFor({ state: 'detached' });
    await circle.getByTestId('relative-entry').filter({ hasText: 'Karim Roux' }).getByText('Personne de confiance').waitFor();

    await circle.getByRole('button', { name: 'Ajouter un proche' }).click();
    dialog = page.getByRole('dialog', { name: 'Ajouter un proche' });
    await dialog.getByLabel(label('Prénom')).fill('Julie');
    await dialog.getByLabel(label('Nom')).fill('Martin');
    await dialog.getByLabel(label('Lien avec la personne')).selectOption({ label: 'Ami ou amie' });
    await dialog.getByText('Actuellement : Karim Roux.').waitFor();
    await dialog.getByLabel('Personne de confiance').check();
    await dialog.getByRole('button', { name: 'Ajouter un proche' }).click();
    await dialog.getByText('Karim Roux est déjà la personne de confiance.', { exact: false }).waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('type') === 'checkbox' && document.activeElement.getAttribute('aria-invalid') === 'true');
    await expectAccessible(page, 'trusted person refused');
    await screenshot(page, 'relative-trusted-refused');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Change a relative, then remove one after confirming.
    await samia.getByRole('button', { name: 'Modifier Samia Roux' }).click();
    dialog = page.getByRole('dialog', { name: 'Modifier Samia Roux' });
    await dialog.getByLabel('Notes').fill('Joignable après 18 h.');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.waitFor({ state: 'detached' });
    await samia.getByText('Joignable après 18 h.').waitFor();

    await circle.getByRole('button', { name: 'Retirer Karim Roux de l’entourage' }).click();
    const confirm = page.getByRole('dialog', { name: 'Retirer Karim Roux de l’entourage ?' });
    await expectAccessible(page, 'relative removal confirmation');
    await confirm.getByRole('button', { name: 'Retirer de l’entourage' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByText('Karim Roux ne fait plus partie de l’entourage.').waitFor();
    await circle.getByTestId('relative-entry').filter({ hasText: 'Karim Roux' }).waitFor({ state: 'detached' });
    expect(await circle.getByTestId('relative-entry').count()).toBe(1);

    // The identity, changed in place.
    await identity.getByRole('button', { name: 'Modifier l’identité et les coordonnées' }).click();
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.value === 'Nathan');
    await expectAccessible(page, 'identity edit form');
    await screenshot(page, 'person-edit');
    await identity.getByLabel('Téléphone').fill('06 00 00 00 01');
    await identity.getByRole('button', { name: 'Enregistrer' }).click();
    await identity.getByRole('link', { name: '06 00 00 00 01' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Modifier');
    await page.getByText('Le dossier de Nathan Roux est mis à jour.').waitFor();
    await page.getByRole('region', { name: 'Qui a consulté ce dossier' }).getByText('Modification du dossier').first().waitFor();
    await expectAccessible(page, 'record with its circle');
    await dismissNotices(page);
    await screenshot(page, 'person-record-circle');
    await context.close();
  });

  it('lists a discreet person by alias only, and finds people by name without accents or by group', async () => {
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, '/people/new');
    await expectHeading(page, 'Nouvelle personne accompagnée');
    await page.getByLabel(label('Prénom')).fill('Lucie');
    await page.getByLabel(label('Nom')).fill('Marchand');
    expect(await page.getByLabel('Alias').count()).toBe(0);
    await page.getByLabel('Dossier discret').check();
    await page.getByLabel('Alias').fill('Lulu');
    await expectAccessible(page, 'new discreet person');
    await page.getByRole('button', { name: 'Créer le dossier' }).click();
    await expectHeading(page, 'Lucie Marchand');
    await page.getByTestId('discreet-notice').getByText(/affichent «\s?Lulu\s?»/).waitFor();
    // The tab title, kept in the browser's history, names the person as lists do.
    expect(await page.title()).toBe('Lulu – Relais');

    await page.getByRole('link', { name: 'Personnes accompagnées' }).click();
    await expectHeading(page, 'Personnes accompagnées');
    const table = page.getByRole('table', { name: 'Personnes accompagnées' });
    const lulu = table.locator('tbody tr').filter({ hasText: 'Lulu' });
    await lulu.getByText('Discret').waitFor();
    await lulu.getByText('Masquée').waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Marchand');
    expect(await page.locator('main').textContent()).not.toContain('Lucie');
    await expectAccessible(page, 'people list with a discreet person');
    await dismissNotices(page);
    await screenshot(page, 'people-discreet');

    await page.getByRole('searchbox', { name: 'Rechercher une personne' }).fill('lefevre');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'lefevre');
    await table.getByRole('link', { name: 'LEFÈVRE Éloïse' }).waitFor();
    await page.getByText('2 personnes affichées').waitFor();
    expect(await table.getByText('Lulu').count()).toBe(0);
    await expectAccessible(page, 'people search');
    await screenshot(page, 'people-search');

    await page.getByRole('searchbox', { name: 'Rechercher une personne' }).fill('');
    await page.getByLabel(label('Public')).selectOption({ label: 'Adolescent (12–18 ans)' });
    await table.getByRole('link', { name: 'ROUX Nathan' }).waitFor();
    await page.getByText('1 personne affichée').waitFor();
    await page.getByRole('searchbox', { name: 'Rechercher une personne' }).fill('zzzz');
    await page.getByRole('status').filter({ hasText: 'Aucune personne ne correspond à cette recherche.' }).waitFor();
    // The navigation link starts again from the whole list, and the field follows the address.
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Personnes' }).click();
    await page.getByText('4 personnes affichées').waitFor();
    expect(await page.getByRole('searchbox', { name: 'Rechercher une personne' }).inputValue()).toBe('');
    await page.waitForTimeout(600);
    expect(new URL(page.url()).search).toBe('');
    await context.close();
  });
});
