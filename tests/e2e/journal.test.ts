import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createColleague, setUpOrganization } from './support/api.js';
import { expectAccessible, expectHeading, label, launchBrowser, newContext, newPage, screenshot, tabletPortrait } from './support/browser.js';
import { startRelais, type RelaisServer } from './support/relais-server.js';

const coordinator = { firstName: 'Claire', lastName: 'Bernard', email: 'claire.bernard@clinique-exemple.fr', password: 'le chemin des tilleuls en mai' };
const referent = { firstName: 'Hugo', lastName: 'Petit', email: 'hugo.petit@clinique-exemple.fr', password: 'trois pommes et un cerisier' };
const nurse = { firstName: 'Nadia', lastName: 'Haddad', email: 'nadia.haddad@clinique-exemple.fr', password: 'la mer monte doucement le soir' };

async function signIn(page: Page, baseUrl: string, account: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel(label('Mot de passe')).fill(account.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expectHeading(page, /^Bonjour/);
}

describe('journey: the journal of an episode, and searching it', () => {
  let server: RelaisServer;
  let browser: Browser;
  let personId: string;
  let episodeId: string;

  beforeAll(async () => {
    server = await startRelais();
    const admin = await setUpOrganization(server);
    const coordinatorApi = await createColleague(admin, server, coordinator, 'coordinator', ['personal_support_manager']);
    const referentApi = await createColleague(admin, server, referent, 'practitioner', ['peer_support_worker']);
    await createColleague(admin, server, nurse, 'practitioner', ['nurse']);
    const directory = await coordinatorApi.request<{ id: string; firstName: string }[]>('GET', '/api/v1/staff/directory');
    const idOf = (firstName: string) => directory.find((s) => s.firstName === firstName)!.id;

    // The admission and earlier entries are other screens' work: set up through the API.
    const { id: serviceId } = await coordinatorApi.request<{ id: string }>('POST', '/api/v1/services', {
      name: 'Pair-aidance individuelle',
      kind: 'individual_support',
      defaultDurationMinutes: 45,
      maxDurationMinutes: 45,
      modalities: ['on_site'],
    });
    const { id: referralId } = await coordinatorApi.request<{ id: string }>('POST', '/api/v1/referrals', { source: 'self', firstName: 'Éloïse', lastName: 'Lambert', reason: 'Souhaite être accompagnée.', urgency: 'routine', consentToShare: true });
    ({ personId } = await coordinatorApi.request<{ personId: string }>('POST', `/api/v1/referrals/${referralId}/person`, { createRecord: true, duplicatesAcknowledged: true }));
    ({ episodeId } = await coordinatorApi.request<{ episodeId: string }>('POST', '/api/v1/admission-decisions', {
      referralId,
      serviceId,
      outcome: 'admit',
      criteriaAnswers: [],
      admission: { referentId: idOf(referent.firstName), coordinatorId: idOf(coordinator.firstName), startedOn: '2026-01-05', members: [{ staffMemberId: idOf(nurse.firstName) }] },
    }));
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    await referentApi.request('POST', `/api/v1/episodes/${episodeId}/journal`, { kind: 'session_note', text: 'Sa situation a été évaluée avec elle : le logement reste la priorité.', occurredAt: hoursAgo(30), confidentiality: 'care_team' });
    await referentApi.request('POST', `/api/v1/episodes/${episodeId}/journal`, { kind: 'crisis', text: 'Propos inquiétants au téléphone, évalués avec la psychiatre.', occurredAt: hoursAgo(28), confidentiality: 'restricted' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the référent writes an entry (who will read it said in plain words), edits it within 24 hours and amends another', async () => {
    const page = await newPage(await newContext(browser, tabletPortrait));
    await signIn(page, server.baseUrl, referent);
    await page.goto(`${server.baseUrl}/prises-en-charge/${episodeId}`);
    await expectHeading(page, /Pair-aidance individuelle/);
    await page.getByRole('tab', { name: 'Journal' }).click();
    const entries = page.getByTestId('journal-entry');
    await entries.first().waitFor();
    await expect(entries.count()).resolves.toBe(2);
    await entries.filter({ hasText: 'Propos inquiétants' }).getByText('Visible par l’auteur, le référent et les référents cliniques').waitFor();

    await page.getByRole('button', { name: 'Écrire une observation' }).click();
    const form = page.getByRole('region', { name: 'Nouvelle observation' });
    await form.getByLabel(label('Type')).selectOption({ label: 'Besoin émergent' });
    // Each level tells who will read the entry.
    await form.getByText('Vous, le référent de la personne et les référents cliniques de l’équipe. Les autres membres de l’équipe ne la verront pas.').waitFor();
    await form.getByText('Vous seul(e). Personne d’autre ne la verra, pas même le référent : à réserver à vos notes de travail.').waitFor();
    // Refused before sending: the text is required and takes the focus.
    await form.getByRole('button', { name: 'Enregistrer l’observation' }).click();
    const text = form.getByLabel(label('Ce qui a été observé ou fait'));
    await expect(text.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('TEXTAREA');
    await text.fill('Demande de l’aide pour les démarches de logement social, <b>urgent</b> selon elle.');
    await form.getByRole('radio', { name: 'Équipe' }).check();
    await expectAccessible(page, 'journal: writing an entry');
    await screenshot(page, 'journal-write');
    await form.getByRole('button', { name: 'Enregistrer l’observation' }).click();
    await page.getByText('Observation enregistrée.').waitFor();
    const mine = entries.filter({ hasText: 'Demande de l’aide pour les démarches' });
    await mine.waitFor();
    await expect(entries.count()).resolves.toBe(3);
    // The entry's own words are shown as text, never as markup.
    await mine.getByText('<b>urgent</b>', { exact: false }).waitFor();
    await mine.getByText('Besoin émergent', { exact: true }).waitFor();
    await mine.getByText('Visible par toute l’équipe').waitFor();
    await mine.getByText('Par Hugo Petit').waitFor();
    await mine.getByText(/Modifiable jusqu’au/).waitFor();

    await mine.getByRole('button', { name: 'Modifier' }).click();
    await mine.getByLabel(label('Ce qui a été observé ou fait')).fill('Demande de l’aide pour les démarches de logement social, urgent selon elle.');
    await mine.getByRole('button', { name: 'Enregistrer la modification' }).click();
    await page.getByText('Modification enregistrée. La version précédente reste dans l’historique.').waitFor();
    await mine.getByText('modifiée', { exact: false }).waitFor();

    // An amendment adds to an entry (the only change left after 24 hours, tested against the database in the API tests).
    const older = entries.filter({ hasText: 'Sa situation a été évaluée' });
    await older.getByRole('button', { name: 'Compléter' }).click();
    await older.getByLabel(label('Complément')).fill('Elle a depuis déposé sa demande de logement.');
    await older.getByLabel(label('Motif')).fill('Suite donnée');
    await expectAccessible(page, 'journal: amending an entry');
    await older.getByRole('button', { name: 'Ajouter le complément' }).click();
    await page.getByText('Complément ajouté.').waitFor();
    await older.getByText('Sa situation a été évaluée avec elle : le logement reste la priorité.').waitFor();
    await older.getByText('Elle a depuis déposé sa demande de logement.').waitFor();
    await older.getByText(/Motif : Suite donnée/).waitFor();
    await screenshot(page, 'journal-list');
    await expectAccessible(page, 'journal: the list');
  });

  it('a nurse on the team sees care-team entries only, and searches the journal without accents', async () => {
    const page = await newPage(await newContext(browser, tabletPortrait));
    await signIn(page, server.baseUrl, nurse);
    await page.goto(`${server.baseUrl}/prises-en-charge/${episodeId}?onglet=journal`);
    await expectHeading(page, /Pair-aidance individuelle/);
    const entries = page.getByTestId('journal-entry');
    await entries.first().waitFor();
    await expect(entries.count()).resolves.toBe(2);
    await expect(page.getByText('Propos inquiétants').count()).resolves.toBe(0);
    // Not the author nor the référent: neither edit nor amend.
    await expect(page.getByRole('button', { name: 'Modifier' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Compléter' }).count()).resolves.toBe(0);

    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Rechercher dans le journal' }).click();
    await expectHeading(page, 'Rechercher dans le journal');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page.getByLabel(label('Mots recherchés')).getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByLabel(label('Mots recherchés')).fill('evalue');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('heading', { name: '1 observation trouvée' }).waitFor();
    const hit = page.getByTestId('journal-hit');
    await expect(hit.locator('mark').allInnerTexts()).resolves.toEqual(['évaluée']);
    await hit.getByText('Éloïse Lambert', { exact: false }).first().waitFor();
    await expectAccessible(page, 'journal search');
    await screenshot(page, 'journal-search');
    await hit.getByRole('link', { name: 'Ouvrir le journal de la prise en charge' }).click();
    await expectHeading(page, /Pair-aidance individuelle/);
    await expect(page.getByRole('tab', { name: 'Journal' }).getAttribute('aria-selected')).resolves.toBe('true');
  });

  it('the person’s record links to a search in their journal', async () => {
    const page = await newPage(await newContext(browser, tabletPortrait));
    await signIn(page, server.baseUrl, referent);
    await page.goto(`${server.baseUrl}/people/${personId}`);
    await expectHeading(page, 'Éloïse Lambert');
    await page.getByRole('link', { name: 'Rechercher dans son journal' }).click();
    await expectHeading(page, 'Rechercher dans le journal');
    await page.getByText('Dans le journal de cette personne seulement.').waitFor();
    await page.getByLabel(label('Mots recherchés')).fill('évalués');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    // The référent reads the restricted entry too.
    await page.getByRole('heading', { name: '2 observations trouvées' }).waitFor();
    await expectAccessible(page, 'journal search for one person');
  });

  it('the person’s record exports their journal as CSV with French headers', async () => {
    const page = await newPage(await newContext(browser, tabletPortrait));
    await signIn(page, server.baseUrl, nurse);
    await page.goto(`${server.baseUrl}/people/${personId}`);
    await expectHeading(page, 'Éloïse Lambert');
    const href = await page.getByRole('link', { name: 'Exporter son journal (CSV)' }).getAttribute('href');
    expect(href).toBe(`/api/v1/people/${personId}/journal/export`);
    const response = await page.request.get(`${server.baseUrl}${href}`);
    expect(response.status()).toBe(200);
    const csv = await response.text();
    expect(csv.split('\r\n')[0]).toBe('\uFEFF"Date";"Heure";"Type";"Confidentialité";"Auteur";"Texte";"Compléments";"Objectif lié";"Version"');
    // The nurse's export holds the care-team entries only.
    expect(csv).toContain('Sa situation a été évaluée');
    expect(csv).not.toContain('Propos inquiétants');
  });
});
