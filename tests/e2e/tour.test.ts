import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { administrator, createColleague, setUpOrganization, type ApiClient } from './support/api.js';
import { expectAccessible, expectHeading, label, launchBrowser, newContext, newPage, screenshot, tabletLandscape, tabletPortrait } from './support/browser.js';
import { startRelais, type RelaisServer } from './support/relais-server.js';

const coordinator = { firstName: 'Claire', lastName: 'Bernard', email: 'claire.bernard@clinique-exemple.fr', password: 'le chemin des tilleuls en mai' };
const people = [
  { firstName: 'Louise', lastName: 'Moreau', birthDate: '1984-03-02' },
  { firstName: 'Jean-Baptiste', lastName: 'Lefèvre-Duval', birthDate: '1957-11-20' },
  { firstName: 'Inès', lastName: 'Haddad', birthDate: null },
];

async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel(label('Mot de passe')).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

async function openFromNavigation(page: Page, link: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: link }).click();
  await expectHeading(page, heading);
}

// Every main page at both tablet sizes: checked with axe, and photographed for a person to look at.
describe('tour of the main pages at tablet sizes', () => {
  let server: RelaisServer;
  let browser: Browser;
  let invitationLink = '';
  let personId = '';

  beforeAll(async () => {
    server = await startRelais();
    const admin: ApiClient = await setUpOrganization(server);
    const coordinatorApi = await createColleague(admin, server, coordinator, 'coordinator', ['personal_support_manager']);
    await createColleague(admin, server, { firstName: 'Hugo', lastName: 'Petit', email: 'hugo.petit@clinique-exemple.fr', password: 'trois pommes et un cerisier' }, 'practitioner', ['psychologist', 'peer_support_worker']);
    const catalogue = await admin.request<{ roles: { id: string; code: string }[] }>('GET', '/api/v1/catalogue');
    const practitionerRole = catalogue.roles.find((r) => r.code === 'practitioner')?.id;
    ({ link: invitationLink } = await admin.request<{ link: string }>('POST', '/api/v1/staff/invitations', { email: 'nadia.benali@clinique-exemple.fr', firstName: 'Nadia', lastName: 'Benali', roleIds: [practitionerRole], disciplineIds: [] }));
    for (const person of people) {
      ({ id: personId } = await coordinatorApi.request<{ id: string }>('POST', '/api/v1/people', person));
    }
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const viewport of [tabletPortrait, tabletLandscape]) {
    const size = `${viewport.width}×${viewport.height}`;

    it(`public pages at ${size}`, async () => {
      const page = await newPage(await newContext(browser, viewport));
      await page.goto(`${server.baseUrl}/sign-in`);
      await expectHeading(page, 'Connexion');
      await expectAccessible(page, `sign-in at ${size}`);
      await screenshot(page, 'tour-sign-in');
      await page.goto(invitationLink);
      await expectHeading(page, 'Rejoindre Relais');
      await page.getByText('Bonjour Nadia,').waitFor();
      await expectAccessible(page, `invitation at ${size}`);
      await screenshot(page, 'tour-invitation');
      await page.goto(server.setupLink);
      await page.getByText('Ce lien n’est plus valable').waitFor();
      await expectAccessible(page, `used set-up link at ${size}`);
      await screenshot(page, 'tour-setup-used');
      await page.context().close();
    });

    it(`administrator pages at ${size}`, async () => {
      const page = await newPage(await newContext(browser, viewport));
      await signIn(page, server.baseUrl, administrator.email, administrator.password);
      await expectHeading(page, `Bonjour ${administrator.firstName}`);
      await expectAccessible(page, `administrator home at ${size}`);
      await screenshot(page, 'tour-home-admin');

      await openFromNavigation(page, 'Équipe', 'Équipe');
      await page.getByTestId('invitation-row').waitFor();
      await expectAccessible(page, `staff at ${size}`);
      await screenshot(page, 'tour-staff');
      await page.getByTestId('staff-row').filter({ hasText: coordinator.email }).getByRole('button', { name: /Modifier les rôles/ }).click();
      await page.getByRole('dialog').getByRole('checkbox', { name: 'Coordination' }).waitFor();
      await expectAccessible(page, `staff edit dialog at ${size}`);
      await screenshot(page, 'tour-staff-edit');
      await page.getByRole('dialog').getByRole('button', { name: 'Annuler' }).click();

      await openFromNavigation(page, 'Structure', 'Structure');
      await page.getByLabel('Nom de la structure').waitFor();
      await expectAccessible(page, `organization at ${size}`);
      await screenshot(page, 'tour-organization');

      await openFromNavigation(page, 'Mon compte', 'Mon compte');
      await expectAccessible(page, `account at ${size}`);
      await screenshot(page, 'tour-account');
      await page.getByRole('button', { name: 'Activer la double authentification' }).click();
      await page.getByTestId('two-factor-secret').waitFor();
      await expectAccessible(page, `two-factor enrolment at ${size}`);
      await screenshot(page, 'tour-account-two-factor');
      await page.getByRole('button', { name: 'Annuler' }).click();
      await page.context().close();
    });

    it(`coordinator pages at ${size}`, async () => {
      const page = await newPage(await newContext(browser, viewport));
      await signIn(page, server.baseUrl, coordinator.email, coordinator.password);
      await expectHeading(page, `Bonjour ${coordinator.firstName}`);
      await expectAccessible(page, `coordinator home at ${size}`);
      await screenshot(page, 'tour-home-coordinator');

      await openFromNavigation(page, 'Personnes', 'Personnes accompagnées');
      await page.getByText('3 personnes affichées').waitFor();
      await expectAccessible(page, `people at ${size}`);
      await screenshot(page, 'tour-people');

      await page.getByRole('link', { name: 'Nouvelle personne' }).click();
      await expectHeading(page, 'Nouvelle personne accompagnée');
      await expectAccessible(page, `new person at ${size}`);
      await screenshot(page, 'tour-person-new');

      await page.goto(`${server.baseUrl}/people/${personId}`);
      await expectHeading(page, 'Inès Haddad');
      await page.getByText('Création du dossier').waitFor();
      await page.getByRole('region', { name: 'Équipe pluridisciplinaire' }).getByRole('button', { name: 'Ajouter à l’équipe' }).waitFor();
      await expectAccessible(page, `person record at ${size}`);
      await screenshot(page, 'tour-person');

      // English, for a user who chose it.
      await page.getByRole('button', { name: 'English' }).click();
      await expectHeading(page, 'Inès Haddad');
      await page.getByRole('heading', { name: 'Care team' }).waitFor();
      await expectAccessible(page, `person record in English at ${size}`);
      await screenshot(page, 'tour-person-en');
      await page.getByRole('button', { name: 'Français' }).click();
      await page.getByRole('heading', { name: 'Équipe pluridisciplinaire' }).waitFor();
      await page.context().close();
    });
  }
});
