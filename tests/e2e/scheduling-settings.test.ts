import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createColleague, setUpOrganization, type ApiClient } from './support/api.js';
import { expectAccessible, expectHeading, label, launchBrowser, newContext, newPage, screenshot, tabletPortrait } from './support/browser.js';
import { startRelais, type RelaisServer } from './support/relais-server.js';
import { parisDay } from './support/days.js';

const coordinator = { firstName: 'Claire', lastName: 'Bernard', email: 'claire.bernard@clinique-exemple.fr', password: 'le chemin des tilleuls en mai' };
const practitioner = { firstName: 'Hugo', lastName: 'Petit', email: 'hugo.petit@clinique-exemple.fr', password: 'trois pommes et un cerisier' };

/** A calendar day in Paris, `offset` days from today ("2026-11-23"). */
/** The same day as the interface writes it ("23 novembre 2026"). */
const frenchDate = (isoDay: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDay}T00:00:00Z`));
/** French typography puts non-breaking spaces around « » and before colons: match any space there. */
const loose = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s'));

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

interface Availability {
  weekly: { weekday: number; startsAt: string; endsAt: string; validUntil: string | null }[];
  absences: { kind: string; startsAt: string; endsAt: string; note: string | null }[];
}

describe('journey: places, availability, pace and the slot finder', () => {
  let server: RelaisServer;
  let browser: Browser;
  let coordinatorApi: ApiClient;
  let practitionerApi: ApiClient;
  let hugoId: string;
  let eloise: { personId: string; episodeId: string };

  beforeAll(async () => {
    server = await startRelais();
    const admin = await setUpOrganization(server);
    coordinatorApi = await createColleague(admin, server, coordinator, 'coordinator', ['personal_support_manager']);
    practitionerApi = await createColleague(admin, server, practitioner, 'practitioner', ['peer_support_worker']);
    const directory = await coordinatorApi.request<{ id: string; firstName: string }[]>('GET', '/api/v1/staff/directory');
    const idOf = (firstName: string) => directory.find((s) => s.firstName === firstName)!.id;
    hugoId = idOf(practitioner.firstName);

    // The service and the admission are other screens' work: set up through the API.
    const { id: serviceId } = await coordinatorApi.request<{ id: string }>('POST', '/api/v1/services', {
      name: 'Pair-aidance individuelle',
      kind: 'individual_support',
      defaultDurationMinutes: 45,
      maxDurationMinutes: 45,
      modalities: ['on_site', 'home', 'video'],
    });
    const { id: referralId } = await coordinatorApi.request<{ id: string }>('POST', '/api/v1/referrals', { source: 'self', firstName: 'Éloïse', lastName: 'Lambert', reason: 'Souhaite être accompagnée.', urgency: 'routine', consentToShare: true });
    const { personId } = await coordinatorApi.request<{ personId: string }>('POST', `/api/v1/referrals/${referralId}/person`, { createRecord: true, duplicatesAcknowledged: true });
    const { episodeId } = await coordinatorApi.request<{ episodeId: string }>('POST', '/api/v1/admission-decisions', {
      referralId,
      serviceId,
      outcome: 'admit',
      criteriaAnswers: [],
      admission: { referentId: hugoId, coordinatorId: idOf(coordinator.firstName), startedOn: parisDay(-10), members: [] },
    });
    eloise = { personId, episodeId };
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a coordinator records a site, a room, sectors with their travel time and the structure’s settings', async () => {
    const page = await newPage(await newContext(browser, tabletPortrait));
    await signIn(page, server.baseUrl, coordinator);
    await openFromNavigation(page, 'Lieux et ressources', 'Lieux et ressources');
    await page.getByText('Aucun site pour l’instant.').waitFor();
    await expectAccessible(page, 'empty places page');

    await page.getByRole('button', { name: 'Ajouter un site' }).click();
    const siteDialog = page.getByRole('dialog', { name: 'Nouveau site' });
    await siteDialog.getByLabel(label('Nom du site')).fill('Maison des Tilleuls');
    await siteDialog.getByLabel('Adresse').fill('12 rue des Tilleuls\n69100 Villeurbanne');
    await expectAccessible(page, 'new site dialog');
    await siteDialog.getByRole('button', { name: 'Enregistrer' }).click();
    await siteDialog.waitFor({ state: 'detached' });
    await page.getByTestId('site-row').filter({ hasText: 'Maison des Tilleuls' }).waitFor();

    // A room: refused without a name, then saved with its seats and its site.
    await page.getByRole('button', { name: 'Ajouter une salle ou un équipement' }).click();
    const resourceDialog = page.getByRole('dialog', { name: 'Nouvelle salle ou nouvel équipement' });
    await resourceDialog.getByRole('button', { name: 'Enregistrer' }).click();
    await resourceDialog.getByText('Saisissez au moins 2 caractères.').waitFor();
    await resourceDialog.getByLabel(label('Nom')).fill('Salle Tilleul');
    await resourceDialog.getByLabel('Places').fill('8');
    await resourceDialog.getByLabel('Site').selectOption({ label: 'Maison des Tilleuls' });
    await expectAccessible(page, 'new room dialog');
    await resourceDialog.getByRole('button', { name: 'Enregistrer' }).click();
    await resourceDialog.waitFor({ state: 'detached' });
    const room = page.getByTestId('resource-row').filter({ hasText: 'Salle Tilleul' });
    await room.getByText('8 places').waitFor();
    await room.getByText('Maison des Tilleuls').waitFor();

    // An equipment has no seats.
    await page.getByRole('button', { name: 'Ajouter une salle ou un équipement' }).click();
    const equipmentDialog = page.getByRole('dialog', { name: 'Nouvelle salle ou nouvel équipement' });
    await equipmentDialog.getByRole('radio', { name: /^Équipement/ }).check();
    expect(await equipmentDialog.getByLabel('Places').count()).toBe(0);
    await equipmentDialog.getByLabel(label('Nom')).fill('PSIO n°1');
    await equipmentDialog.getByRole('button', { name: 'Enregistrer' }).click();
    await equipmentDialog.waitFor({ state: 'detached' });
    await page.getByTestId('resource-row').filter({ hasText: 'PSIO n°1' }).getByText('Équipement').waitFor();

    // Three sectors, then the travel time between two of them in the matrix.
    for (const name of ['Villeurbanne Nord', 'Villeurbanne Sud', 'Lyon 6e']) {
      await page.getByRole('button', { name: 'Ajouter un secteur' }).click();
      const sectorDialog = page.getByRole('dialog', { name: 'Nouveau secteur' });
      await sectorDialog.getByLabel(label('Nom du secteur')).fill(name);
      await sectorDialog.getByRole('button', { name: 'Enregistrer' }).click();
      await sectorDialog.waitFor({ state: 'detached' });
      await page.getByTestId('sector-row').filter({ hasText: name }).waitFor();
    }
    // A sector created by mistake is archived: it leaves the list and the matrix.
    await page.getByRole('button', { name: 'Ajouter un secteur' }).click();
    await page.getByRole('dialog', { name: 'Nouveau secteur' }).getByLabel(label('Nom du secteur')).fill('Secteur en trop');
    await page.getByRole('dialog', { name: 'Nouveau secteur' }).getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('button', { name: 'Archiver Secteur en trop' }).click();
    await page.getByRole('dialog', { name: loose('Archiver le secteur « Secteur en trop » ?') }).getByRole('button', { name: 'Archiver' }).click();
    await expect.poll(() => page.getByTestId('sector-row').count()).toBe(3);
    const matrix = page.getByTestId('travel-matrix');
    await matrix.waitFor();
    const northSouth = page.getByRole('textbox', { name: 'Trajet entre Villeurbanne Nord et Villeurbanne Sud, en minutes' });
    await northSouth.fill('999');
    await page.getByRole('button', { name: 'Enregistrer les temps de trajet' }).click();
    await page.getByText('Un temps de trajet est un nombre entier de minutes, de 0 à 480.').waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    await northSouth.fill('25');
    await page.getByRole('button', { name: 'Enregistrer les temps de trajet' }).click();
    await page.getByText('Temps de trajet enregistrés.').waitFor();
    // The mirrored cell reads the same time.
    await matrix.getByRole('row', { name: /^Villeurbanne Sud/ }).getByText('25 min').waitFor();

    await page.getByLabel(label('Temps de trajet par défaut (minutes)')).fill('20');
    await page.getByLabel(label('Pas des créneaux proposés (minutes)')).fill('15');
    await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    await page.getByText('Réglages des rendez-vous enregistrés.').waitFor();
    await expectAccessible(page, 'places page filled');
    await screenshot(page, 'scheduling-places');

    const sectors = await coordinatorApi.request<{ sectors: { id: string; name: string }[]; travelTimes: { fromSectorId: string; toSectorId: string; minutes: number }[] }>('GET', '/api/v1/sectors');
    expect(sectors.sectors.map((s) => s.name).sort()).toEqual(['Lyon 6e', 'Villeurbanne Nord', 'Villeurbanne Sud']);
    const idOf = (name: string) => sectors.sectors.find((s) => s.name === name)!.id;
    expect(sectors.travelTimes.map((tt) => [new Set([tt.fromSectorId, tt.toSectorId]), tt.minutes])).toEqual([[new Set([idOf('Villeurbanne Nord'), idOf('Villeurbanne Sud')]), 25]]);
    expect(await coordinatorApi.request('GET', '/api/v1/scheduling/settings')).toEqual({ defaultTravelMinutes: 20, slotStepMinutes: 15 });

    // A practitioner reads the same page without the buttons that change it.
    const practitionerPage = await newPage(await newContext(browser, tabletPortrait));
    await signIn(practitionerPage, server.baseUrl, practitioner);
    await openFromNavigation(practitionerPage, 'Lieux et ressources', 'Lieux et ressources');
    await practitionerPage.getByTestId('resource-row').filter({ hasText: 'Salle Tilleul' }).waitFor();
    expect(await practitionerPage.getByRole('button', { name: 'Ajouter un site' }).count()).toBe(0);
    expect(await practitionerPage.getByRole('textbox', { name: /^Trajet entre/ }).count()).toBe(0);
    await expectAccessible(practitionerPage, 'places page, read only');
  });

  it('a practitioner sets their weekly hours and a week of leave; the coordinator sees them', async () => {
    const page = await newPage(await newContext(browser, tabletPortrait));
    await signIn(page, server.baseUrl, practitioner);
    await openFromNavigation(page, 'Disponibilités', 'Mes disponibilités');
    await page.getByText(/Aucun horaire : vous êtes considéré·e comme disponible à tout moment/).waitFor();
    await expectAccessible(page, 'availability, empty');

    // Monday to Friday mornings, with a Tuesday afternoon; the new range takes the focus.
    for (const day of ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi']) {
      await page.getByRole('button', { name: `Ajouter une plage le ${day}` }).click();
    }
    await page.getByRole('button', { name: 'Ajouter une plage le mardi' }).click();
    const tuesdayAfternoon = page.getByRole('group', { name: 'Mardi, plage 2' });
    expect(await tuesdayAfternoon.getByLabel(label('De')).inputValue()).toBe('13:30');
    // An end before the start is refused before sending.
    await tuesdayAfternoon.getByLabel(label('À')).fill('12:00');
    await page.getByRole('button', { name: 'Enregistrer les horaires' }).click();
    await tuesdayAfternoon.getByText('La fin doit être après le début.').waitFor();
    await tuesdayAfternoon.getByLabel(label('À')).fill('17:00');
    // The Tuesday afternoon stops in two months: dates of validity on request.
    await page.getByRole('switch', { name: /^Dates de validité/ }).check();
    await tuesdayAfternoon.getByLabel('Au', { exact: true }).fill(parisDay(60));
    // A range added by mistake on Friday goes again.
    await page.getByRole('button', { name: 'Ajouter une plage le vendredi' }).click();
    await page.getByRole('button', { name: 'Retirer la plage 2 du vendredi' }).click();
    await expectAccessible(page, 'availability, weekly ranges');
    await page.getByRole('button', { name: 'Enregistrer les horaires' }).click();
    await page.getByText('Vos horaires sont enregistrés.').waitFor();

    // A week of leave from tomorrow.
    const absence = page.getByRole('radio', { name: 'Congé' });
    await absence.check();
    await page.getByLabel(label('Premier jour')).fill(parisDay(1));
    await page.getByLabel(label('Dernier jour')).fill(parisDay(7));
    await page.getByLabel('Note').fill('Vacances d’automne');
    await page.getByRole('button', { name: 'Ajouter l’absence' }).click();
    await page.getByText('Absence ajoutée.').waitFor();
    const leave = page.getByTestId('absence-row');
    await leave.getByText(`Du ${frenchDate(parisDay(1))} au ${frenchDate(parisDay(7))}`).waitFor();
    await leave.getByText('Vacances d’automne').waitFor();
    // A training of a few hours, then removed.
    await page.getByRole('radio', { name: 'Formation' }).check();
    await page.getByRole('switch', { name: /^Journées entières/ }).uncheck();
    await page.getByLabel(label('Date de début')).fill(parisDay(20));
    await page.getByLabel(label('Date de fin')).fill(parisDay(20));
    await page.getByLabel(label('Heure de début')).fill('14:00');
    await page.getByLabel(label('Heure de fin')).fill('17:00');
    await page.getByRole('button', { name: 'Ajouter l’absence' }).click();
    await expect.poll(() => page.getByTestId('absence-row').count()).toBe(2);
    await expectAccessible(page, 'availability with absences');
    await screenshot(page, 'scheduling-availability');
    await page.getByRole('button', { name: /^Retirer l’absence «\s*Formation\s*»/ }).click();
    await page.getByText('L’absence est retirée.').waitFor();
    await expect.poll(() => page.getByTestId('absence-row').count()).toBe(1);

    const saved = await practitionerApi.request<Availability>('GET', `/api/v1/staff/${hugoId}/availability`);
    expect(saved.weekly.map((w) => [w.weekday, w.startsAt.slice(0, 5), w.endsAt.slice(0, 5), w.validUntil])).toEqual([
      [1, '09:00', '12:30', null],
      [2, '09:00', '12:30', null],
      [2, '13:30', '17:00', parisDay(60)],
      [3, '09:00', '12:30', null],
      [4, '09:00', '12:30', null],
      [5, '09:00', '12:30', null],
    ]);
    expect(saved.absences.map((a) => [a.kind, a.note])).toEqual([['leave', 'Vacances d’automne']]);

    // The coordinator opens Hugo's availability from the selector.
    const coordinatorPage = await newPage(await newContext(browser, tabletPortrait));
    await signIn(coordinatorPage, server.baseUrl, coordinator);
    await openFromNavigation(coordinatorPage, 'Disponibilités', 'Mes disponibilités');
    await coordinatorPage.getByLabel('Professionnel·le').selectOption({ label: 'Hugo Petit' });
    await expectHeading(coordinatorPage, 'Disponibilités de Hugo Petit');
    expect(new URL(coordinatorPage.url()).pathname).toBe(`/disponibilites/${hugoId}`);
    expect(await coordinatorPage.getByRole('group', { name: 'Mardi, plage 2' }).getByLabel(label('De')).inputValue()).toBe('13:30');
    await coordinatorPage.getByTestId('absence-row').getByText('Vacances d’automne').waitFor();
    await expectAccessible(coordinatorPage, 'a colleague’s availability');
  });

  it('the référent sets the person’s pace on the episode, in human units and her words', async () => {
    const page = await newPage(await newContext(browser, tabletPortrait));
    await signIn(page, server.baseUrl, practitioner);
    await page.goto(`${server.baseUrl}/prises-en-charge/${eloise.episodeId}?onglet=pace`);
    await page.getByRole('heading', { level: 2, name: 'Rythme de la personne' }).waitFor();
    await page.getByText('La tolérance et la disponibilité comptent plus que le volume').waitFor();
    await expectAccessible(page, 'pace tab, empty');
    await page.getByLabel('Séances par jour, au plus').fill('1');
    await page.getByLabel('Séances par semaine, au plus').fill('2');
    await page.getByRole('group', { name: 'Écart minimal entre deux séances' }).getByLabel('Heures').fill('48');
    await page.getByLabel('Ce que la personne en dit').fill('Pas le lundi matin, j’ai besoin de souffler après une séance.');
    await page.getByRole('button', { name: 'Enregistrer le rythme' }).click();
    await page.getByText('Le rythme de la personne est enregistré.').waitFor();
    await expectAccessible(page, 'pace tab, saved');
    await screenshot(page, 'scheduling-pace');
    expect(await practitionerApi.request('GET', `/api/v1/episodes/${eloise.episodeId}/pace`)).toEqual({
      maxSessionsPerDay: 1,
      maxSessionsPerWeek: 2,
      minGapMinutes: 2880,
      note: 'Pas le lundi matin, j’ai besoin de souffler après une séance.',
    });
  });

  it('the référent looks for a slot: none during their leave (and says why), then books one after it', async () => {
    const page = await newPage(await newContext(browser, tabletPortrait));
    await signIn(page, server.baseUrl, practitioner);
    // Opened from the navigation, empty: what is missing is said field by field, and the first takes the focus.
    await openFromNavigation(page, 'Trouver un créneau', 'Trouver un créneau');
    await page.getByRole('button', { name: 'Chercher des créneaux' }).click();
    await page.getByText('Choisissez la personne.').waitFor();
    await page.getByText('Choisissez le dispositif.').waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent?.replace(/\s*\*$/, '').trim())).toBe('Personne accompagnée');
    await expectAccessible(page, 'slot finder, refused before sending');

    // From the episode's pace tab: the finder opens for this person and this episode (a link that can be shared).
    await page.goto(`${server.baseUrl}/prises-en-charge/${eloise.episodeId}?onglet=pace`);
    await page.getByRole('main').getByRole('link', { name: 'Trouver un créneau' }).click();
    await expectHeading(page, 'Trouver un créneau');
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ personId: eloise.personId, episodeId: eloise.episodeId });
    // The link opens on the person and her episode: the service and the référent follow.
    await page.getByTestId('picked-person').getByText('Éloïse Lambert').waitFor();
    await expect.poll(() => page.getByLabel(label('Dispositif')).evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent)).toBe('Pair-aidance individuelle');
    expect(await page.getByLabel(label('Durée (minutes)')).inputValue()).toBe('45');
    expect(await page.getByRole('group', { name: 'Professionnel·le 1' }).getByLabel(label('Collègue')).evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent)).toBe('Hugo Petit');
    await page.getByRole('group', { name: 'Modalité' }).getByRole('radio', { name: 'Sur place' }).check();
    await page.getByLabel('Salle ou équipement').selectOption({ label: 'Salle Tilleul (Salle)' });
    await expectAccessible(page, 'slot finder form');

    // During the week of leave: nothing, and the reason in plain words.
    await page.getByLabel(label('À partir du')).fill(parisDay(1));
    await page.getByLabel(label('Jusqu’au')).fill(parisDay(7));
    await page.getByRole('button', { name: 'Chercher des créneaux' }).click();
    await page.getByRole('heading', { level: 2, name: 'Aucun créneau possible' }).waitFor();
    const reasons = page.getByTestId('slot-reasons');
    await reasons.waitFor();
    expect((await reasons.textContent())?.length ?? 0).toBeGreaterThan(10);
    await expectAccessible(page, 'slot finder, no slot');
    await screenshot(page, 'scheduling-finder-none');

    // Four weeks after the leave, with any peer-support worker: slots grouped by day, none before the leave ends.
    const need = page.getByRole('group', { name: 'Professionnel·le 1' });
    await need.getByLabel('Qui').selectOption({ label: 'N’importe qui d’une discipline' });
    await need.getByLabel(label('Discipline')).selectOption({ label: 'Pair-aidant(e)' });
    await page.getByLabel(label('À partir du')).fill(parisDay(8));
    await page.getByLabel(label('Jusqu’au')).fill(parisDay(36));
    await page.getByRole('radio', { name: /^Réparties/ }).check();
    await page.getByRole('button', { name: 'Chercher des créneaux' }).click();
    await page.getByRole('heading', { level: 2, name: /créneaux? proposés?$/ }).waitFor();
    const days = page.getByTestId('slot-day');
    expect(await days.count()).toBeGreaterThan(0);
    await page.getByTestId('slot').first().getByText(loose('Avec Hugo Petit · Salle Tilleul')).waitFor();
    await expectAccessible(page, 'slot finder, slots');
    await screenshot(page, 'scheduling-finder-slots');

    const first = page.getByRole('button', { name: /^Réserver ce créneau/ }).first();
    const name = (await first.getAttribute('aria-label')) ?? '';
    expect(name).toMatch(/^Réserver ce créneau : \S+ \d+ \S+ \d{4}, \d\d:\d\d – \d\d:\d\d$/);
    await first.click();
    await page.waitForURL(/\/rendez-vous\/[0-9a-f-]{36}$/);
    const appointmentId = new URL(page.url()).pathname.split('/').at(-1)!;
    const booked = await practitionerApi.request<{ kind: string; personId: string; episodeId: string; modality: string; startsAt: string; staff: { id: string }[]; resources: { name: string }[]; siteName: string | null }>('GET', `/api/v1/appointments/${appointmentId}`);
    expect(booked).toMatchObject({ kind: 'individual', personId: eloise.personId, episodeId: eloise.episodeId, modality: 'on_site', siteName: 'Maison des Tilleuls' });
    expect(booked.staff.map((s) => s.id)).toEqual([hugoId]);
    expect(booked.resources.map((r) => r.name)).toEqual(['Salle Tilleul']);
    const bookedDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(booked.startsAt));
    expect(bookedDay >= parisDay(8)).toBe(true);
  });
});
