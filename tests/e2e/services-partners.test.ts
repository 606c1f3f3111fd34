import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrator, createColleague, setUpOrganization, type ApiClient } from './support/api.js';
import { expectAccessible, expectHeading, label, launchBrowser, newContext, newPage, screenshot, tabletPortrait } from './support/browser.js';
import { startRelais, type RelaisServer } from './support/relais-server.js';

const coordinator = { firstName: 'Claire', lastName: 'Bernard', email: 'claire.bernard@clinique-exemple.fr', password: 'le chemin des tilleuls en mai' };
const practitioner = { firstName: 'Hugo', lastName: 'Petit', email: 'hugo.petit@clinique-exemple.fr', password: 'trois pommes et un cerisier' };

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

/** The accessible name of the element that has the focus (its label or its text). */
async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element) return '';
    const labelled = element.getAttribute('aria-label');
    if (labelled) return labelled;
    const input = element as HTMLInputElement;
    return input.labels?.[0]?.textContent?.replace(/\s*\*$/, '').trim() ?? element.textContent?.trim() ?? '';
  });
}

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
/** French guillemets carry non-breaking spaces: match any space inside them. */
const quoted = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/« /g, '«\\s*').replace(/ »/g, '\\s*»'));

describe('journey: services and partner structures', () => {
  let server: RelaisServer;
  let browser: Browser;
  let coordinatorApi: ApiClient;

  beforeAll(async () => {
    server = await startRelais();
    const admin = await setUpOrganization(server);
    coordinatorApi = await createColleague(admin, server, coordinator, 'coordinator', ['personal_support_manager']);
    await createColleague(admin, server, practitioner, 'practitioner', ['peer_support_worker']);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a coordinator creates a service with criteria and phases, edits it, finds it listed, archives and restores it', async () => {
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, coordinator);
    await openFromNavigation(page, 'Dispositifs', 'Dispositifs');
    await page.getByText('Aucun dispositif pour l’instant.').waitFor();
    await expectAccessible(page, 'empty services list');

    await page.getByRole('link', { name: 'Nouveau dispositif' }).click();
    await expectHeading(page, 'Nouveau dispositif');
    await expectAccessible(page, 'new service form');
    await screenshot(page, 'service-new-empty');

    // Refused before sending: each field says what it needs, and the first takes the focus.
    await page.getByRole('button', { name: 'Créer le dispositif' }).click();
    await page.getByText('Choisissez au moins une modalité.').waitFor();
    await page.getByText('Choisissez le type de dispositif.').waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    expect(await focusedName(page)).toBe('Nom du dispositif');
    await expectAccessible(page, 'new service form with errors');

    await page.getByLabel(label('Nom du dispositif')).fill('Pair-aidance individuelle');
    await page.getByLabel(label('Type de dispositif')).selectOption({ label: 'Accompagnement individuel' });
    await page.getByLabel(label('Durée par défaut (minutes)')).fill('45');
    await page.getByLabel(label('Durée maximale (minutes)')).fill('45');
    const modalities = page.getByRole('group', { name: 'Modalités' });
    for (const modality of ['Sur place', 'Visio', 'Téléphone']) await modalities.getByRole('checkbox', { name: modality }).check();
    await page.getByLabel('Plafond par professionnel').fill('1');
    await page.getByLabel('Plafond du dispositif').fill('12');
    await page.getByRole('switch', { name: /^Mode exclusif/ }).check();
    expect(await page.getByRole('switch', { name: /^Mode exclusif/ }).isChecked()).toBe(true);

    // Criteria: each new entry takes the focus on its first field.
    await page.getByRole('button', { name: 'Ajouter un critère d’indication' }).click();
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent?.startsWith('Intitulé') === true);
    await page.keyboard.type('Demande formulée par la personne elle-même');
    await page.getByRole('button', { name: 'Ajouter un critère d’indication' }).click();
    await page.getByRole('group', { name: 'Critère d’indication 2' }).getByLabel(label('Intitulé')).fill('Disponible pour une séance par semaine');
    await page.getByRole('button', { name: 'Ajouter un critère de sécurité' }).click();
    const safety = page.getByRole('group', { name: 'Critère de sécurité 1' });
    await safety.getByLabel(label('Intitulé')).fill('Idées suicidaires exprimées');
    await safety.getByLabel('Orientation proposée').fill('Urgences psychiatriques ou 3114');

    // Phases: the usual French set is proposed when there is none.
    await page.getByRole('button', { name: 'Partir de ces 5 phases' }).click();
    const phaseGroups = page.getByRole('group', { name: /^Phase \d+$/ });
    expect(await phaseGroups.count()).toBe(5);
    expect(await page.getByRole('group', { name: 'Phase 2' }).getByLabel(label('Intitulé')).inputValue()).toBe('Phase intensive');
    // Reordered with buttons: the focus stays with the moved phase and its new place is announced.
    await page.getByRole('button', { name: 'Descendre la phase 2' }).click();
    await page.getByText('Déplacé en position 3 sur 5.').waitFor();
    expect(await focusedName(page)).toBe('Descendre la phase 3');
    expect(await page.getByRole('group', { name: 'Phase 3' }).getByLabel(label('Intitulé')).inputValue()).toBe('Phase intensive');
    await page.getByRole('button', { name: 'Monter la phase 1' }).waitFor();
    expect(await page.getByRole('button', { name: 'Monter la phase 1' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Retirer la phase 5' }).click();
    expect(await phaseGroups.count()).toBe(4);
    await page.getByRole('button', { name: 'Ajouter une phase' }).click();
    const newPhase = page.getByRole('group', { name: 'Phase 5' });
    await newPhase.getByLabel(label('Intitulé')).fill('Bilan de fin de parcours');
    // A new phase's code follows its label.
    expect(await newPhase.getByLabel(label('Code')).inputValue()).toBe('bilan_de_fin_de_parcours');
    await expectAccessible(page, 'filled service form');
    await screenshot(page, 'service-new-filled');

    await page.getByRole('button', { name: 'Créer le dispositif' }).click();
    await expectHeading(page, 'Pair-aidance individuelle');
    expect(new URL(page.url()).pathname).toMatch(/^\/services\/[0-9a-f-]{36}$/);
    await page.getByText(quoted('Le dispositif « Pair-aidance individuelle » est créé.')).waitFor();
    await page.getByText('Oui : une seule personne à la fois par professionnel').waitFor();
    const phases = page.getByRole('list', { name: 'Phases du parcours' }).getByRole('listitem');
    expect(await phases.allTextContents()).toEqual([
      'Accueil et orientation (arrival_orientation)',
      'Consolidation (consolidation)',
      'Phase intensive (intensive_phase)',
      'Préparation du retour à domicile (return_home_preparation)',
      'Bilan de fin de parcours (bilan_de_fin_de_parcours)',
    ]);
    await page.getByText('Orientation proposée : Urgences psychiatriques ou 3114').waitFor();
    await expectAccessible(page, 'service details');
    await screenshot(page, 'service-details');

    // Editing: a rule checked before sending, then the changes saved.
    await page.getByRole('link', { name: 'Modifier' }).click();
    await expectHeading(page, quoted('Modifier « Pair-aidance individuelle »'));
    await page.getByLabel(label('Durée maximale (minutes)')).fill('30');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('La durée par défaut dépasse la durée maximale.').waitFor();
    expect(await focusedName(page)).toBe('Durée par défaut (minutes)');
    await page.getByLabel(label('Durée par défaut (minutes)')).fill('30');
    await page.getByRole('group', { name: 'Critère d’indication 1' }).getByLabel(label('Intitulé')).fill('Demande exprimée par la personne elle-même');
    await page.getByRole('button', { name: 'Monter la phase 3' }).click();
    await page.getByRole('group', { name: 'Modalités' }).getByRole('checkbox', { name: 'Téléphone' }).uncheck();
    await expectAccessible(page, 'service edit form');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expectHeading(page, 'Pair-aidance individuelle');
    await page.getByText(quoted('Le dispositif « Pair-aidance individuelle » est enregistré.')).waitFor();
    await page.getByText('Demande exprimée par la personne elle-même').waitFor();
    expect((await phases.allTextContents()).slice(0, 3)).toEqual(['Accueil et orientation (arrival_orientation)', 'Phase intensive (intensive_phase)', 'Consolidation (consolidation)']);

    await openFromNavigation(page, 'Dispositifs', 'Dispositifs');
    const row = page.getByTestId('service-row').filter({ hasText: 'Pair-aidance individuelle' });
    await row.getByText('30 min (jusqu’à 30 min)').waitFor();
    await row.getByText('Sur place et visio').waitFor();
    await row.getByText('1 personne par professionnel · 12 personnes dans le dispositif').waitFor();
    await row.getByText('Une personne à la fois par professionnel').waitFor();
    await expectAccessible(page, 'services list');
    await screenshot(page, 'services');

    // Archived after a confirmation, then found again among the archived ones and restored.
    await row.getByRole('button', { name: 'Archiver Pair-aidance individuelle' }).click();
    const confirm = page.getByRole('dialog', { name: quoted('Archiver « Pair-aidance individuelle » ?') });
    await confirm.waitFor();
    await expectAccessible(page, 'archive confirmation');
    await confirm.getByRole('button', { name: 'Archiver le dispositif' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByText('Aucun dispositif pour l’instant.').waitFor();
    // The switch follows the address, which the router changes in a transition: a moment later.
    const showArchived = page.getByRole('switch', { name: 'Afficher les dispositifs archivés' });
    await showArchived.click();
    await expect.poll(() => showArchived.isChecked()).toBe(true);
    const archived = page.getByTestId('service-row').filter({ hasText: 'Pair-aidance individuelle' });
    await archived.getByText('Archivé').waitFor();
    expect(new URL(page.url()).search).toBe('?archived=1');
    await archived.getByRole('button', { name: 'Rétablir Pair-aidance individuelle' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Rétablir le dispositif' }).click();
    await page.getByText(quoted('« Pair-aidance individuelle » est rétabli.')).waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid=service-row]')?.textContent?.includes('Archivé'));
    await context.close();
  });

  it('a coordinator records a partner structure; a field the server refuses is shown next to it', async () => {
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, coordinator);
    await openFromNavigation(page, 'Partenaires', 'Structures partenaires');
    await expectAccessible(page, 'empty partners list');
    await page.getByRole('link', { name: 'Nouvelle structure partenaire' }).click();
    await expectHeading(page, 'Nouvelle structure partenaire');
    await expectAccessible(page, 'new partner form');

    await page.getByLabel(label('Nom de la structure')).fill('CCAS de Villeurbanne');
    await page.getByLabel(label('Type de structure')).selectOption({ label: 'CCAS ou CIAS' });
    await page.getByLabel(label('Adresse')).fill('2 place Lazare-Goujon\n69100 Villeurbanne');
    await page.getByRole('button', { name: 'Ajouter un contact' }).click();
    const contact = page.getByRole('group', { name: 'Contact 1' });
    await contact.getByLabel(label('Nom')).fill('Sophie Laurent');
    await contact.getByLabel('Fonction').fill('Conseillère en insertion');
    await contact.getByLabel('Téléphone').fill('04 72 00 00 00');
    // Looks like an address to the browser, not to the server.
    await contact.getByLabel('Adresse e-mail').fill('sophie.laurent@ccas..fr');
    await page.getByLabel('Début de la convention').fill(isoDay(30));
    await page.getByLabel('Fin de la convention').fill(isoDay(-30));
    const days = page.getByRole('group', { name: 'Jours de présence sur place' });
    await days.getByRole('checkbox', { name: 'Mardi' }).check();
    await days.getByRole('checkbox', { name: 'Jeudi' }).check();
    await page.getByLabel('Référence du tarif préférentiel').fill('Tarif CCAS 2026, grille B');
    await page.getByRole('button', { name: 'Enregistrer la structure' }).click();
    await page.getByText('La fin de la convention précède son début.').waitFor();
    await page.getByLabel('Début de la convention').fill(isoDay(-30));
    await page.getByLabel('Fin de la convention').fill(isoDay(300));

    await page.getByRole('button', { name: 'Enregistrer la structure' }).click();
    await contact.getByText('Adresse e-mail invalide.').waitFor();
    expect(await contact.getByLabel('Adresse e-mail').getAttribute('aria-invalid')).toBe('true');
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.type === 'email');
    await expectAccessible(page, 'partner form with a server error');
    await screenshot(page, 'partner-new-error');
    await contact.getByLabel('Adresse e-mail').fill('sophie.laurent@ccas-villeurbanne.fr');
    await page.getByRole('button', { name: 'Enregistrer la structure' }).click();

    await expectHeading(page, 'CCAS de Villeurbanne');
    await page.getByText('Convention en vigueur').waitFor();
    await page.getByText('mardi et jeudi').waitFor();
    await page.getByRole('link', { name: 'sophie.laurent@ccas-villeurbanne.fr' }).waitFor();
    await expectAccessible(page, 'partner details');
    await screenshot(page, 'partner-details');

    await openFromNavigation(page, 'Partenaires', 'Structures partenaires');
    const row = page.getByTestId('partner-row').filter({ hasText: 'CCAS de Villeurbanne' });
    await row.getByText('Convention en vigueur').waitFor();
    await row.getByText('mardi et jeudi').waitFor();
    await row.getByText(/Sophie Laurent\s*04 72 00 00 00/).waitFor();
    await expectAccessible(page, 'partners list');
    await screenshot(page, 'partners');

    await row.getByRole('link', { name: 'Modifier CCAS de Villeurbanne' }).click();
    await expectHeading(page, quoted('Modifier « CCAS de Villeurbanne »'));
    await page.getByRole('group', { name: 'Jours de présence sur place' }).getByRole('checkbox', { name: 'Jeudi' }).uncheck();
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expectHeading(page, 'CCAS de Villeurbanne');
    await page.getByText(quoted('Les informations de « CCAS de Villeurbanne » sont enregistrées.')).waitFor();
    await page.getByRole('definition').getByText('mardi', { exact: true }).waitFor();
    await context.close();
  });

  it('a practitioner reads services and partners without changing them', async () => {
    await coordinatorApi.request('POST', '/api/v1/services', {
      name: 'Groupe de parole des proches',
      kind: 'support_for_relatives',
      defaultDurationMinutes: 90,
      maxDurationMinutes: 120,
      modalities: ['on_site'],
      safetyCriteria: [{ label: 'Crise aiguë en cours', orientation: 'Médecin traitant' }],
    });
    await coordinatorApi.request('POST', '/api/v1/partners', { name: 'Mission Locale Rhône Sud', kind: 'mission_locale', onsiteWeekdays: [3] });
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, practitioner);

    await openFromNavigation(page, 'Dispositifs', 'Dispositifs');
    await page.getByRole('link', { name: 'Groupe de parole des proches' }).waitFor();
    expect(await page.getByRole('link', { name: 'Nouveau dispositif' }).count()).toBe(0);
    expect(await page.getByRole('columnheader', { name: 'Actions' }).count()).toBe(0);
    await expectAccessible(page, 'services list, read only');
    await page.getByRole('link', { name: 'Groupe de parole des proches' }).click();
    await expectHeading(page, 'Groupe de parole des proches');
    await page.getByText('Orientation proposée : Médecin traitant').waitFor();
    expect(await page.getByRole('link', { name: 'Modifier' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Archiver' }).count()).toBe(0);
    await expectAccessible(page, 'service details, read only');
    await screenshot(page, 'service-details-read-only');
    await page.goto(`${server.baseUrl}/services/new`);
    await expectHeading(page, 'Accès non autorisé');

    await page.goto(`${server.baseUrl}/partners`);
    await expectHeading(page, 'Structures partenaires');
    await page.getByTestId('partner-row').filter({ hasText: 'Mission Locale Rhône Sud' }).getByText('mercredi').waitFor();
    expect(await page.getByRole('link', { name: 'Nouvelle structure partenaire' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Mission Locale Rhône Sud' }).click();
    await expectHeading(page, 'Mission Locale Rhône Sud');
    expect(await page.getByRole('link', { name: 'Modifier' }).count()).toBe(0);
    await expectAccessible(page, 'partner details, read only');
    await context.close();
  });

  it('keeps them out of the way of an account administrator', async () => {
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, administrator);
    const navigation = page.getByRole('navigation', { name: 'Navigation principale' });
    await navigation.getByRole('link', { name: 'Équipe' }).waitFor();
    expect(await navigation.getByRole('link', { name: 'Dispositifs' }).count()).toBe(0);
    expect(await navigation.getByRole('link', { name: 'Partenaires' }).count()).toBe(0);
    await context.close();
  });
});
