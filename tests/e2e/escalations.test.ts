import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createColleague, setUpOrganization, type ApiClient } from './support/api.js';
import { expectAccessible, expectHeading, label, launchBrowser, newContext, newPage, screenshot, tabletPortrait } from './support/browser.js';
import { startRelais, type RelaisServer } from './support/relais-server.js';

const coordinator = { firstName: 'Claire', lastName: 'Bernard', email: 'claire.bernard@clinique-exemple.fr', password: 'le chemin des tilleuls en mai' };
const practitioner = { firstName: 'Hugo', lastName: 'Petit', email: 'hugo.petit@clinique-exemple.fr', password: 'trois pommes et un cerisier' };
const referent = { firstName: 'Hélène', lastName: 'Dufour', email: 'helene.dufour@clinique-exemple.fr', password: 'la rivière sous le pont vert' };
const supervisor = { firstName: 'Bernard', lastName: 'Giraud', email: 'bernard.giraud@clinique-exemple.fr', password: 'un phare au bout de la jetée' };
const procedure = 'Appeler le 15, rester avec la personne, prévenir le cadre de garde au 06 12 34 56 78.';

async function signIn(page: Page, baseUrl: string, account: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel(label('Mot de passe')).fill(account.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expectHeading(page, /^Bonjour/);
}

async function openFromNavigation(page: Page, link: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: link, exact: true }).click();
  await expectHeading(page, heading);
}

describe('journey: escalating to a clinical referent, and team exchanges', () => {
  let server: RelaisServer;
  let browser: Browser;
  let coordinatorApi: ApiClient;
  let practitionerApi: ApiClient;
  let personId: string;

  beforeAll(async () => {
    server = await startRelais();
    const admin = await setUpOrganization(server);
    coordinatorApi = await createColleague(admin, server, coordinator, 'coordinator', ['personal_support_manager']);
    practitionerApi = await createColleague(admin, server, practitioner, 'practitioner', ['peer_support_worker']);
    await createColleague(admin, server, referent, 'clinical_referent');
    await createColleague(admin, server, supervisor, 'supervisor');
    const directory = await coordinatorApi.request<{ id: string; firstName: string }[]>('GET', '/api/v1/staff/directory');
    const idOf = (firstName: string) => directory.find((s) => s.firstName === firstName)!.id;

    // The service, the admission and the journal entry are other screens' work: set up through the API.
    const { id: serviceId } = await coordinatorApi.request<{ id: string }>('POST', '/api/v1/services', {
      name: 'Pair-aidance individuelle',
      kind: 'individual_support',
      defaultDurationMinutes: 45,
      maxDurationMinutes: 45,
      modalities: ['on_site'],
    });
    const { id: referralId } = await coordinatorApi.request<{ id: string }>('POST', '/api/v1/referrals', { source: 'self', firstName: 'Éloïse', lastName: 'Lambert', reason: 'Souhaite être accompagnée.', urgency: 'routine', consentToShare: true });
    ({ personId } = await coordinatorApi.request<{ personId: string }>('POST', `/api/v1/referrals/${referralId}/person`, { createRecord: true, duplicatesAcknowledged: true }));
    const { episodeId } = await coordinatorApi.request<{ episodeId: string }>('POST', '/api/v1/admission-decisions', {
      referralId,
      serviceId,
      outcome: 'admit',
      criteriaAnswers: [],
      admission: { referentId: idOf(practitioner.firstName), coordinatorId: idOf(coordinator.firstName), startedOn: '2026-01-05', members: [] },
    });
    await practitionerApi.request('POST', `/api/v1/episodes/${episodeId}/journal`, {
      kind: 'crisis',
      text: 'Appel très inquiétant ce matin : parle de ne plus vouloir continuer.',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      confidentiality: 'restricted',
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a coordinator sets the chain with buttons (no dragging) and writes the safety procedure', async () => {
    const page = await newPage(await newContext(browser, tabletPortrait));
    await signIn(page, server.baseUrl, coordinator);
    await openFromNavigation(page, 'Réglages des signalements', 'Réglages des signalements');
    await expect(page.getByLabel(label('Urgent')).inputValue()).resolves.toBe('120');
    await page.getByText('Soit 2 h.').waitFor();

    const chainSelect = page.getByLabel('Ajouter à la chaîne');
    await chainSelect.selectOption({ label: 'Hélène Dufour' });
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await chainSelect.selectOption({ label: 'Bernard Giraud' });
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    const chain = page.getByTestId('escalation-chain').getByRole('listitem');
    await expect(chain.allInnerTexts()).resolves.toEqual([expect.stringContaining('1. Hélène Dufour'), expect.stringContaining('2. Bernard Giraud')]);
    // Keyboard order: the moved person's button keeps the focus.
    await page.getByRole('button', { name: 'Monter Bernard Giraud' }).click();
    await expect(chain.allInnerTexts()).resolves.toEqual([expect.stringContaining('1. Bernard Giraud'), expect.stringContaining('2. Hélène Dufour')]);
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Descendre Bernard Giraud');

    await page.getByLabel('Procédure de sécurité').fill(procedure);
    await expectAccessible(page, 'escalation settings');
    await screenshot(page, 'escalation-settings');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Réglages des signalements enregistrés.').waitFor();
    const saved = await coordinatorApi.request<{ chain: { name: string }[]; safetyProcedure: string }>('GET', '/api/v1/escalations/settings');
    expect(saved.chain.map((c) => c.name)).toEqual(['Bernard Giraud', 'Hélène Dufour']);
    expect(saved.safetyProcedure).toBe(procedure);
  });

  it('a practitioner raises an emergency from the person’s record and sees the numbers to call and the procedure', async () => {
    const page = await newPage(await newContext(browser, tabletPortrait));
    await signIn(page, server.baseUrl, practitioner);
    await page.goto(`${server.baseUrl}/people/${personId}`);
    await expectHeading(page, 'Éloïse Lambert');
    await page.getByRole('button', { name: 'Signaler une observation' }).click();
    const dialog = page.getByRole('dialog', { name: 'Signaler à une référence clinique' });
    await dialog.getByLabel(label('Observation concernée')).selectOption({ index: 1 });
    await dialog.getByRole('radio', { name: /Urgence vitale/ }).check();
    // Before sending: the numbers, as links that dial, and the structure's procedure.
    const banner = dialog.getByTestId('emergency-banner');
    await banner.waitFor();
    await expect(banner.getByRole('link', { name: /Appeler le 15/ }).getAttribute('href')).resolves.toBe('tel:15');
    await expect(banner.getByRole('link', { name: /Appeler le 3114/ }).getAttribute('href')).resolves.toBe('tel:3114');
    await banner.getByText(procedure).waitFor();

    // The request is required: refused before sending, focus on the field.
    await dialog.getByLabel(label('Destinataire')).selectOption({ label: 'Hélène Dufour' });
    await dialog.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await expect(dialog.getByLabel(label('Ce que vous demandez')).getAttribute('aria-invalid')).resolves.toBe('true');
    await dialog.getByLabel(label('Ce que vous demandez')).fill('Pouvez-vous l’appeler tout de suite ? Elle est chez elle.');
    await expectAccessible(page, 'raise an emergency');
    await screenshot(page, 'escalation-raise');
    await dialog.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await dialog.getByText(/Signalement envoyé à Hélène Dufour/).waitFor();
    await dialog.getByTestId('emergency-banner').getByText(procedure).waitFor();
    await dialog.getByRole('button', { name: 'Fermer' }).last().click();
    await page.getByTestId('escalation-row').filter({ hasText: 'Urgence vitale' }).waitFor();
  });

  it('a team exchange about the person, with read receipts', async () => {
    const hugo = await newPage(await newContext(browser, tabletPortrait));
    await signIn(hugo, server.baseUrl, practitioner);
    await hugo.goto(`${server.baseUrl}/people/${personId}`);
    await expectHeading(hugo, 'Éloïse Lambert');
    await hugo.getByLabel(label('Sujet')).fill('Après l’appel de ce matin');
    await hugo.getByLabel(label('Message')).fill('Qui peut passer la voir cet après-midi ?');
    await hugo.getByRole('button', { name: 'Ouvrir l’échange' }).click();
    await hugo.getByTestId('read-receipts').getByText('Pas encore lu par les autres membres de l’équipe.').waitFor();

    const claire = await newPage(await newContext(browser, tabletPortrait));
    await signIn(claire, server.baseUrl, coordinator);
    await claire.goto(`${server.baseUrl}/people/${personId}`);
    await expectHeading(claire, 'Éloïse Lambert');
    await claire.getByTestId('thread').getByText('1 non lu').waitFor();
    await claire.getByRole('button', { name: 'Lire « Après l’appel de ce matin »' }).click();
    await claire.getByText('Qui peut passer la voir cet après-midi ?').waitFor();
    await claire.getByLabel(label('Répondre')).fill('Je m’en occupe, j’y serai à 15 h.');
    await claire.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await claire.getByText('Je m’en occupe, j’y serai à 15 h.').waitFor();
    await expect(claire.getByTestId('thread').getByText('1 non lu').count()).resolves.toBe(0);
    await expectAccessible(claire, 'team exchange');
    await screenshot(claire, 'team-exchange');

    await hugo.reload();
    await expectHeading(hugo, 'Éloïse Lambert');
    await hugo.getByTestId('thread').getByText('1 non lu').waitFor();
    await hugo.getByRole('button', { name: 'Lire « Après l’appel de ce matin »' }).click();
    await hugo.getByTestId('read-receipts').first().getByText(/Lu par Claire Bernard le/).waitFor();
  });

  it('the clinical referent, off the care team, reads the escalation, acknowledges it and closes it with its follow-up', async () => {
    const page = await newPage(await newContext(browser, tabletPortrait));
    await signIn(page, server.baseUrl, referent);
    await openFromNavigation(page, 'Signalements', 'Mes signalements');
    const row = page.getByTestId('escalation-row').filter({ hasText: 'Urgence vitale' });
    await row.getByText('Éloïse Lambert').waitFor();
    await expectAccessible(page, 'my escalations');
    await row.getByRole('link', { name: /Pouvez-vous l’appeler/ }).click();
    await expectHeading(page, 'Signalement – Urgence vitale');
    await page.getByTestId('escalation-entry').getByText(/ne plus vouloir continuer/).waitFor();
    await page.getByTestId('emergency-banner').getByRole('link', { name: /Appeler le 112/ }).waitFor();
    await expectAccessible(page, 'escalation page');
    await screenshot(page, 'escalation-page');

    await page.getByLabel('Note (facultative)').fill('Je l’appelle maintenant.');
    await page.getByRole('button', { name: 'Prendre en compte' }).last().click();
    await page.getByText(/Pris en compte par Hélène Dufour le/).waitFor();
    await page.getByRole('button', { name: 'Clore', exact: true }).click();
    await expect(page.getByLabel(label('Suite donnée (obligatoire)')).getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByLabel(label('Suite donnée (obligatoire)')).fill('Appel passé, vue aux urgences psychiatriques, hospitalisée ce soir.');
    await page.getByRole('button', { name: 'Clore', exact: true }).click();
    await page.getByText('Signalement clos.').waitFor();
    await page.getByRole('region', { name: 'Suite donnée' }).getByText(/hospitalisée ce soir/).waitFor();
    const history = await page.getByRole('region', { name: 'Historique' }).innerText();
    expect(history).toMatch(/Signalé[\s\S]*Pris en compte[\s\S]*Je l’appelle maintenant[\s\S]*Clos/);

    // Her access is the escalation, not the record.
    await page.goto(`${server.baseUrl}/people/${personId}`);
    await page.getByRole('alert').getByText(/Seule l’équipe/).waitFor();
  });
});
