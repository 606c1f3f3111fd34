import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createColleague, setUpOrganization, type ApiClient } from './support/api.js';
import { expectAccessible, expectHeading, label, launchBrowser, newContext, newPage, screenshot, tabletPortrait } from './support/browser.js';
import { startRelais, type RelaisServer } from './support/relais-server.js';
import { parisDay } from './support/days.js';

const coordinator = { firstName: 'Claire', lastName: 'Bernard', email: 'claire.bernard@clinique-exemple.fr', password: 'le chemin des tilleuls en mai' };
const practitioner = { firstName: 'Hugo', lastName: 'Petit', email: 'hugo.petit@clinique-exemple.fr', password: 'trois pommes et un cerisier' };

/** A calendar day in Paris, `offset` days from today ("2026-11-23"). */
/** The instant of a Paris wall-clock time ("2026-11-24", "10:00"), whatever the season. */
function parisInstant(day: string, time: string): string {
  const guess = new Date(`${day}T${time}:00Z`);
  const shown = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(guess);
  const [h, m] = shown.split(':').map(Number);
  const [wantH, wantM] = time.split(':').map(Number);
  return new Date(guess.getTime() - ((h! - wantH!) * 60 + (m! - wantM!)) * 60_000).toISOString();
}
/** The calendar day `days` after another ("2026-11-24", 1 → "2026-11-25"). */
const shiftDay = (isoDay: string, days: number) => new Date(Date.parse(`${isoDay}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** The Tuesday of next week in Paris: always in the future, never a weekend. */
function nextWeekTuesday(): string {
  for (let offset = 7; offset < 14; offset++) {
    const day = parisDay(offset);
    if (new Date(`${day}T12:00:00Z`).getUTCDay() === 2) return day;
  }
  throw new Error('no Tuesday in a week');
}

async function signIn(page: Page, baseUrl: string, account: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel(label('Mot de passe')).fill(account.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expectHeading(page, /^Bonjour/);
}

/** A day's column of the agenda's time grid. */
function dayColumn(page: Page, isoDay: string): Locator {
  return page.getByTestId('agenda-calendar').locator(`[data-date="${isoDay}"]`);
}

/** A closed dialog gives the page its scroll back a moment after it leaves (Mantine's scroll lock). */
async function scrollUnlocked(page: Page): Promise<void> {
  await page.waitForFunction(() => getComputedStyle(document.body).overflow !== 'hidden' && !document.body.hasAttribute('data-scroll-locked'));
}

/**
 * Drags an event down the time grid as a user does, watching the moving copy until it starts at
 * `time`. In the middle of the screen first, so the calendar does not scroll the page near its edge.
 */
async function dragTo(page: Page, event: Locator, time: string): Promise<void> {
  await scrollUnlocked(page);
  await event.evaluate((element) => window.scrollBy({ top: element.getBoundingClientRect().top - window.innerHeight / 2, behavior: 'instant' }));
  const box = (await event.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + 4;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + 10, { steps: 4 });
  const mirror = page.getByTestId('agenda-calendar').locator('.agenda-event-time', { hasText: new RegExp(`^${time}$`) });
  for (let dy = 20; dy <= 160 && (await mirror.count()) === 0; dy += 3) await page.mouse.move(x, y + dy, { steps: 2 });
  expect(await mirror.count()).toBeGreaterThan(0);
  await page.mouse.up();
}

interface AppointmentView {
  id: string;
  status: string;
  startsAt: string;
  endsAt: string;
  version: number;
  cancelReason: string | null;
  cancelledByParty: string | null;
  outcomeNote: string | null;
  registrations: { personLabel: string; status: string; position: number | null; attendance: string | null }[];
}

describe('journey: the agenda — booking with live rule checks, moving by drag and by keyboard, groups, cancelling', () => {
  let server: RelaisServer;
  let browser: Browser;
  let api: ApiClient;
  let louiseId: string;
  let groupId: string;
  let bookedId: string;
  let seriesFirstId: string;
  let missedId: string;
  const day = nextWeekTuesday();
  /** Every booking request the browser sent (not the dry runs). */
  const bookings: string[] = [];

  beforeAll(async () => {
    server = await startRelais();
    const admin = await setUpOrganization(server);
    api = await createColleague(admin, server, coordinator, 'coordinator', ['personal_support_manager']);
    const hugoApi = await createColleague(admin, server, practitioner, 'practitioner', ['peer_support_worker']);
    const directory = await api.request<{ id: string; firstName: string }[]>('GET', '/api/v1/staff/directory');
    const hugoId = directory.find((s) => s.firstName === practitioner.firstName)!.id;
    const claireId = directory.find((s) => s.firstName === coordinator.firstName)!.id;
    const service = (body: Record<string, unknown>) => api.request<{ id: string }>('POST', '/api/v1/services', { caseloadLimitPerService: null, caseloadLimitPerPractitioner: null, phases: [], ...body });
    const peerSupport = await service({ name: 'Pair-aidance', kind: 'individual_support', defaultDurationMinutes: 45, maxDurationMinutes: 45, modalities: ['on_site', 'home', 'video'] });
    const groupService = await service({ name: 'Groupes', kind: 'group', defaultDurationMinutes: 90, maxDurationMinutes: 120, modalities: ['on_site'] });
    const practice = await service({ name: 'Analyse de pratique', kind: 'practice_analysis', defaultDurationMinutes: 60, maxDurationMinutes: 120, modalities: ['on_site', 'video'] });
    const site = await api.request<{ id: string }>('POST', '/api/v1/sites', { name: 'Maison des Tilleuls', address: '12 rue des Tilleuls, 69003 Lyon' });
    const room = await api.request<{ id: string }>('POST', '/api/v1/resources', { kind: 'room', name: 'Salle Glycine', capacity: 12, siteId: site.id });
    const person = (firstName: string, lastName: string) => api.request<{ id: string }>('POST', '/api/v1/people', { firstName, lastName, birthDate: null, duplicatesAcknowledged: true });
    louiseId = (await person('Louise', 'Moreau')).id;
    await api.request('POST', `/api/v1/people/${louiseId}/care-team`, { staffMemberId: hugoId });
    for (const [first, last] of [['Inès', 'Garnier'], ['Paul', 'Lambert'], ['Jeanne', 'Roux']] as const) await person(first, last);
    // Hugo and Claire are already taken on that Tuesday afternoon (a practice analysis session).
    await api.request('POST', '/api/v1/appointments', { kind: 'practice_analysis', serviceId: practice.id, modality: 'video', videoLink: 'https://visio.exemple.fr/analyse', startsAt: parisInstant(day, '14:00'), endsAt: parisInstant(day, '15:00'), staffIds: [hugoId, claireId] });
    // Claire is in training on the Monday of that week (shown behind her appointments).
    await api.request('POST', `/api/v1/staff/${claireId}/absences`, { kind: 'training', startsAt: parisInstant(shiftDay(day, -1), '09:00'), endsAt: parisInstant(shiftDay(day, -1), '17:00') });
    // Louise comes every Wednesday for three weeks.
    seriesFirstId = (
      await api.request<{ id: string }>('POST', '/api/v1/appointments', {
        kind: 'individual',
        serviceId: peerSupport.id,
        personId: louiseId,
        modality: 'video',
        videoLink: 'https://visio.exemple.fr/louise',
        startsAt: parisInstant(shiftDay(day, 1), '10:00'),
        endsAt: parisInstant(shiftDay(day, 1), '10:45'),
        staffIds: [claireId],
        recurrence: { rule: 'FREQ=WEEKLY;BYDAY=WE', count: 3 },
      })
    ).id;
    // Louise's session yesterday afternoon: she did not come.
    missedId = (await api.request<{ id: string }>('POST', '/api/v1/appointments', { kind: 'individual', serviceId: peerSupport.id, personId: louiseId, modality: 'video', videoLink: 'https://visio.exemple.fr/louise', startsAt: parisInstant(parisDay(-1), '15:00'), endsAt: parisInstant(parisDay(-1), '15:45'), staffIds: [claireId] })).id;
    // Someone only Hugo's team knows: to Claire, Hugo is just busy then.
    const marc = await hugoApi.request<{ id: string }>('POST', '/api/v1/people', { firstName: 'Marc', lastName: 'Dubois', birthDate: null, duplicatesAcknowledged: true });
    await hugoApi.request('POST', '/api/v1/appointments', { kind: 'individual', serviceId: peerSupport.id, personId: marc.id, modality: 'home', homeAddress: '3 impasse des Lilas, Lyon', startsAt: parisInstant(day, '16:30'), endsAt: parisInstant(day, '17:15'), staffIds: [hugoId] });
    // A group that met yesterday morning: places are taken now and attendance recorded.
    groupId = (
      await api.request<{ id: string }>('POST', '/api/v1/appointments', {
        kind: 'group',
        serviceId: groupService.id,
        title: 'Groupe de parole du lundi',
        groupFormat: 'support_group',
        capacity: 2,
        modality: 'on_site',
        siteId: site.id,
        resourceIds: [room.id],
        startsAt: parisInstant(parisDay(-1), '10:00'),
        endsAt: parisInstant(parisDay(-1), '11:30'),
        staffIds: [claireId],
      })
    ).id;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const appointment = (id: string) => api.request<AppointmentView>('GET', `/api/v1/appointments/${id}`);

  async function openAgenda(page: Page): Promise<void> {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Agenda', exact: true }).click();
    await expectHeading(page, 'Agenda');
  }

  it('books from the agenda, with the rules checked before submitting: a taken slot is refused in plain French, a free one confirmed', async () => {
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/appointments') bookings.push(request.url());
    });
    await signIn(page, server.baseUrl, coordinator);
    await openAgenda(page);
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    await expectAccessible(page, 'agenda, my week');
    await screenshot(page, 'agenda-week');
    for (const [view, name] of [['Mois', 'month'], ['Jour', 'day']] as const) {
      await page.getByTestId('agenda-calendar').getByRole('tab', { name: view }).click();
      await page.getByTestId('agenda-calendar').getByRole('tab', { name: view, selected: true }).waitFor();
      await expectAccessible(page, `agenda, ${name} view`);
      await screenshot(page, `agenda-${name}`);
    }

    await page.goto(`${server.baseUrl}/agenda?date=${day}`);
    await expectHeading(page, 'Agenda');
    await page.getByTestId('agenda-calendar').getByText('Absence : formation').waitFor();
    // The grid speaks French to a screen reader too (FullCalendar's own words are in English).
    expect(await page.getByTestId('agenda-calendar').getByRole('rowheader', { name: 'Horaires' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Nouveau rendez-vous' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouveau rendez-vous' });
    await dialog.waitFor();
    await dialog.getByLabel(label('Dispositif')).selectOption({ label: 'Pair-aidance' });
    await dialog.getByLabel(label('Personne accompagnée')).fill('Moreau');
    await dialog.getByRole('button', { name: /^Louise Moreau/ }).click();
    await dialog.getByTestId('picked-person').getByText('Louise Moreau').waitFor();
    await dialog.getByLabel(label('Date')).fill(day);
    await dialog.getByLabel(label('Début')).fill('10:00');
    await dialog.getByLabel(label('Fin')).fill('10:45');
    await dialog.getByLabel(label('Site')).selectOption({ label: 'Maison des Tilleuls' });
    await dialog.getByLabel(label('Salle')).selectOption({ label: 'Salle Glycine (Maison des Tilleuls)' });
    await dialog.getByTestId('live-check').getByText(/^Créneau disponible/).waitFor();
    await expectAccessible(page, 'new appointment dialog, slot free');
    await screenshot(page, 'agenda-new-free');
    await dialog.getByRole('button', { name: 'Créer le rendez-vous' }).click();
    await page.getByText('Rendez-vous créé.').waitFor();
    await dialog.waitFor({ state: 'detached' });
    expect(bookings).toHaveLength(1);
    const event = dayColumn(page, day).getByRole('link', { name: /Louise Moreau/ });
    await event.waitFor();
    bookedId = ((await event.getAttribute('href')) ?? '').split('/').pop() ?? '';
    expect((await appointment(bookedId)).startsAt).toBe(parisInstant(day, '10:00'));
    expect(await event.textContent()).toContain('Séance individuelle');

    // Their afternoon is taken: the dialog says so while it is filled, before any booking is sent.
    await page.getByRole('button', { name: 'Nouveau rendez-vous' }).click();
    await dialog.waitFor();
    await dialog.getByLabel(label('Dispositif')).selectOption({ label: 'Pair-aidance' });
    await dialog.getByLabel(label('Personne accompagnée')).fill('Louise');
    await dialog.getByRole('button', { name: /^Louise Moreau/ }).click();
    await dialog.getByLabel(label('Professionnels')).fill('Hugo');
    await page.getByRole('option', { name: 'Hugo Petit' }).click();
    await dialog.getByLabel(label('Date')).fill(day);
    await dialog.getByLabel(label('Début')).fill('14:15');
    await dialog.getByLabel(label('Fin')).fill('15:00');
    const refusal = dialog.getByRole('alert').filter({ hasText: 'Ce rendez-vous ne peut pas être pris ainsi' });
    await refusal.getByText('Hugo Petit a déjà un rendez-vous de 14:00 à 15:00.').waitFor();
    await refusal.getByText('Claire Bernard a déjà un rendez-vous de 14:00 à 15:00.').waitFor();
    expect(bookings).toHaveLength(1);
    await expectAccessible(page, 'new appointment dialog, slot taken');
    await screenshot(page, 'agenda-new-conflict');
    // A quarter past three is free for everyone.
    await dialog.getByLabel(label('Début')).fill('15:15');
    await dialog.getByLabel(label('Fin')).fill('16:00');
    await dialog.getByTestId('live-check').getByText(/^Créneau disponible/).waitFor();
    expect(await refusal.count()).toBe(0);
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(bookings).toHaveLength(1);

    // Selecting a range of the grid opens the same dialog with that day and those times.
    const thursday = shiftDay(day, 2);
    // The confirmations fade after a while; closed now, they would otherwise cover the grid's lower right.
    for (const close of await page.getByRole('button', { name: 'Fermer ce message' }).all()) await close.click();
    // Playwright scrolls each slot into view; the pointer goes to Thursday's part of the row (the
    // row lies under the day columns, which take the pointer: hence force).
    await scrollUnlocked(page);
    const lane = (time: string) => page.getByTestId('agenda-calendar').locator(`[data-time="${time}"]`).last();
    const header = (await page.getByTestId('agenda-calendar').getByRole('columnheader').and(page.locator(`[data-date="${thursday}"]`)).boundingBox())!;
    const row = (await lane('16:00:00').boundingBox())!;
    const x = header.x + header.width / 2 - row.x;
    await lane('16:00:00').hover({ position: { x, y: 4 }, force: true });
    await page.mouse.down();
    await lane('16:30:00').hover({ position: { x, y: 10 }, force: true });
    await lane('16:30:00').hover({ position: { x, y: row.height - 4 }, force: true });
    await page.mouse.up();
    await dialog.waitFor();
    expect(await dialog.getByLabel(label('Date')).inputValue()).toBe(thursday);
    expect(await dialog.getByLabel(label('Début')).inputValue()).toBe('16:00');
    expect(await dialog.getByLabel(label('Fin')).inputValue()).toBe('17:00');
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(bookings).toHaveLength(1);
    await context.close();
  });

  it('shows colleagues’ agendas: what the viewer may not know shows only as busy', async () => {
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, coordinator);
    await page.goto(`${server.baseUrl}/agenda?date=${day}`);
    await expectHeading(page, 'Agenda');
    await page.getByRole('radio', { name: 'Des collègues' }).click();
    await page.getByText('Choisissez les collègues dont vous voulez voir l’agenda.').waitFor();
    await page.getByRole('combobox', { name: 'Collègues' }).fill('Hugo');
    await page.getByRole('option', { name: 'Hugo Petit' }).click();
    await page.keyboard.press('Escape');
    const calendar = page.getByTestId('agenda-calendar');
    const busy = calendar.locator('.agenda-event-busy');
    await busy.getByText('Occupé·e').waitFor();
    expect(await busy.textContent()).not.toContain('Marc');
    expect(await busy.getAttribute('href')).toBeNull();
    await calendar.getByRole('link', { name: /Analyse de pratique/i }).waitFor();
    expect(new URL(page.url()).searchParams.get('staffIds')).toBeTruthy();
    await expectAccessible(page, 'a colleague’s agenda with a busy block');
    await screenshot(page, 'agenda-colleague');

    // A person's appointments, from their record.
    await page.goto(`${server.baseUrl}/people/${louiseId}`);
    await expectHeading(page, 'Louise Moreau');
    await page.getByRole('link', { name: 'Voir ses rendez-vous dans l’agenda' }).click();
    await expectHeading(page, 'Rendez-vous de Louise Moreau');
    await page.getByRole('link', { name: 'Suivant' }).or(page.getByRole('button', { name: 'Suivant' })).first().click();
    await page.getByRole('radio', { name: 'Louise Moreau' }).waitFor();
    await expectAccessible(page, 'a person’s appointments');
    await context.close();
  });

  it('moves an appointment by dragging it (a series asks which sessions), and with the keyboard form on its page; a stale version is refused and the page reloads', async () => {
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, coordinator);
    await page.goto(`${server.baseUrl}/agenda?date=${day}`);
    await expectHeading(page, 'Agenda');
    const event = dayColumn(page, day).getByRole('link', { name: /Louise Moreau/ });
    await event.waitFor();
    await dragTo(page, event, '11:00');
    await page.getByText(/^Rendez-vous déplacé : .*, 11:00–11:45\.$/).waitFor();
    expect((await appointment(bookedId)).startsAt).toBe(parisInstant(day, '11:00'));

    // A session of a series: the user says whether the following ones move too.
    const wednesday = dayColumn(page, shiftDay(day, 1)).getByRole('link', { name: /Louise Moreau/ });
    await dragTo(page, wednesday, '12:00');
    const scope = page.getByRole('dialog', { name: 'Séance d’une série' });
    await scope.waitFor();
    await expectAccessible(page, 'series scope question');
    await scope.getByRole('button', { name: 'Cette séance seulement' }).click();
    await page.getByText(/^Rendez-vous déplacé : .*, 12:00–12:45\.$/).waitFor();
    expect((await appointment(seriesFirstId)).startsAt).toBe(parisInstant(shiftDay(day, 1), '12:00'));
    const nextWeek = await api.request<{ events: { startsAt: string }[] }>('GET', `/api/v1/agenda?from=${parisInstant(shiftDay(day, 7), '00:00')}&to=${parisInstant(shiftDay(day, 9), '00:00')}&personId=${louiseId}`);
    expect(nextWeek.events.map((e) => e.startsAt)).toEqual([parisInstant(shiftDay(day, 8), '10:00')]);

    // The keyboard way: the appointment's page.
    await dayColumn(page, day).getByRole('link', { name: /Louise Moreau/ }).click();
    await expectHeading(page, /Louise Moreau/);
    const move = page.getByRole('region', { name: 'Déplacer' });
    await expect.poll(() => move.getByLabel(label('Début')).inputValue()).toBe('11:00');
    await move.getByLabel(label('Début')).fill('09:00');
    await move.getByLabel(label('Fin')).fill('09:45');
    await move.getByRole('button', { name: 'Déplacer le rendez-vous' }).click();
    await page.getByText(/^Rendez-vous déplacé : .*, 09:00–09:45\.$/).waitFor();
    expect((await appointment(bookedId)).startsAt).toBe(parisInstant(day, '09:00'));
    await expectAccessible(page, 'appointment page');
    await screenshot(page, 'appointment-page');

    // A colleague changes it meanwhile: the page's version is stale, the server says who and when.
    const current = await appointment(bookedId);
    await api.request('PATCH', `/api/v1/appointments/${bookedId}`, { notes: 'Apporter le livret d’accueil.', version: current.version });
    await move.getByLabel(label('Début')).fill('16:00');
    await move.getByLabel(label('Fin')).fill('16:45');
    await move.getByRole('button', { name: 'Déplacer le rendez-vous' }).click();
    const stale = page.getByRole('alert').filter({ hasText: 'Ce rendez-vous a été modifié entre-temps' });
    await stale.waitFor();
    // The server's sentence about the occurrence is shown with the rule.
    expect(await stale.textContent()).toMatch(/a été modifié \(version \d+\)/);
    await page.getByText('Apporter le livret d’accueil.').waitFor();
    expect((await appointment(bookedId)).startsAt).toBe(parisInstant(day, '09:00'));
    await expectAccessible(page, 'appointment page, stale move');
    await context.close();
  });

  it('fills a group: beyond its places people wait in order, a freed place goes to the first waiting, attendance is taken', async () => {
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, coordinator);
    await page.goto(`${server.baseUrl}/rendez-vous/${groupId}`);
    await expectHeading(page, 'Groupe de parole du lundi');
    const places = page.getByRole('region', { name: 'Places du groupe' });
    const register = async (search: string, name: string, button: string) => {
      await places.getByLabel(label('Personne à inscrire')).fill(search);
      await places.getByRole('button', { name: new RegExp(`^${name}`) }).click();
      await places.getByRole('button', { name: button }).click();
    };
    await register('Garnier', 'Inès Garnier', 'Inscrire Inès Garnier');
    await places.getByText('1 place prise sur 2').waitFor();
    await register('Lambert', 'Paul Lambert', 'Inscrire Paul Lambert');
    await places.getByText('2 places prises sur 2').waitFor();
    await register('Roux', 'Jeanne Roux', 'Inscrire Jeanne Roux en liste d’attente');
    await page.getByText('Jeanne Roux est en liste d’attente (rang 1).').waitFor();
    const waiting = places.getByTestId('group-waiting');
    expect((await waiting.locator('tbody tr').first().textContent())?.replace(/\s+/g, ' ')).toMatch(/^1\s*Jeanne Roux/);
    await expectAccessible(page, 'group with a waiting list');
    await screenshot(page, 'group-waiting-list');

    await places.getByRole('button', { name: 'Désinscrire Paul Lambert' }).click();
    await places.getByText('Personne n’attend.').waitFor();
    expect(await places.getByTestId('group-registered').locator('tbody tr').allTextContents()).toEqual([expect.stringContaining('Inès Garnier'), expect.stringContaining('Jeanne Roux')]);

    const attendance = places.getByTestId('attendance');
    await attendance.getByRole('group', { name: 'Inès Garnier' }).getByText('Présent·e').click();
    await attendance.getByRole('group', { name: 'Jeanne Roux' }).getByText('Excusé·e').click();
    await attendance.getByRole('button', { name: 'Enregistrer les présences' }).click();
    await page.getByText('Présences enregistrées.').waitFor();
    const group = await appointment(groupId);
    expect(group.registrations.filter((r) => r.status === 'registered').map((r) => [r.personLabel, r.attendance])).toEqual([
      ['Inès Garnier', 'present'],
      ['Jeanne Roux', 'excused'],
    ]);
    await expectAccessible(page, 'group attendance');
    await screenshot(page, 'group-attendance');
    await context.close();
  });

  it('records a missed session with a note for the team, without any penalty', async () => {
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, coordinator);
    await page.goto(`${server.baseUrl}/rendez-vous/${missedId}`);
    await expectHeading(page, /Louise Moreau/);
    await page.getByText('Une absence n’entraîne aucune pénalité').waitFor();
    await page.getByRole('button', { name: 'Absence', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'La personne n’est pas venue' });
    await dialog.getByRole('button', { name: 'Noter l’absence' }).click();
    await dialog.getByText('Écrivez quelques mots pour l’équipe (3 caractères au moins).').waitFor();
    await dialog.getByLabel(label('Note pour l’équipe')).fill('Pas de réponse au téléphone ; je la rappelle demain matin.');
    await expectAccessible(page, 'missed session dialog');
    await dialog.getByRole('button', { name: 'Noter l’absence' }).click();
    await page.getByText('Absence notée ; l’équipe a votre note.').waitFor();
    await page.getByTestId('appointment-status').getByText('Absence').waitFor();
    await page.getByText('Pas de réponse au téléphone ; je la rappelle demain matin.').waitFor();
    expect(await appointment(missedId)).toMatchObject({ status: 'missed', outcomeNote: 'Pas de réponse au téléphone ; je la rappelle demain matin.' });
    await expectAccessible(page, 'missed session recorded');
    await context.close();
  });

  it('cancels an appointment with who cancelled and why; the agenda shows it struck through when asked', async () => {
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, coordinator);
    await page.goto(`${server.baseUrl}/rendez-vous/${bookedId}`);
    await expectHeading(page, /Louise Moreau/);
    await page.getByRole('button', { name: 'Annuler le rendez-vous' }).click();
    const dialog = page.getByRole('dialog', { name: 'Annuler le rendez-vous' });
    await dialog.getByRole('button', { name: 'Annuler le rendez-vous' }).click();
    await dialog.getByText('Indiquez qui annule.').waitFor();
    await dialog.getByLabel('La personne').check();
    await dialog.getByLabel(label('Motif')).fill('Hospitalisation imprévue, elle rappellera.');
    await expectAccessible(page, 'cancel dialog');
    await dialog.getByRole('button', { name: 'Annuler le rendez-vous' }).click();
    await page.getByText('Rendez-vous annulé.').waitFor();
    await page.getByTestId('appointment-status').getByText('Annulé').waitFor();
    await page.getByText('Annulé par : La personne. Motif : Hospitalisation imprévue, elle rappellera.').waitFor();
    const cancelled = await appointment(bookedId);
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledByParty: 'person', cancelReason: 'Hospitalisation imprévue, elle rappellera.' });
    expect(await page.getByRole('region', { name: 'Déplacer' }).count()).toBe(0);
    await expectAccessible(page, 'cancelled appointment');

    await page.getByRole('main').getByRole('link', { name: 'Agenda', exact: true }).click();
    await expectHeading(page, 'Agenda');
    await page.getByRole('checkbox', { name: 'Afficher les rendez-vous annulés' }).check();
    const struck = dayColumn(page, day).getByRole('link', { name: /Louise Moreau/ });
    await struck.waitFor();
    expect(await struck.textContent()).toContain('annulé');
    expect(await struck.locator('.agenda-struck').count()).toBe(1);
    await expectAccessible(page, 'agenda with a cancelled appointment');
    await screenshot(page, 'agenda-cancelled');
    await context.close();
  });
});
