import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrator, createColleague, setUpOrganization, type ApiClient } from './support/api.js';
import { expectAccessible, expectHeading, label, launchBrowser, newContext, newPage, screenshot, tabletPortrait } from './support/browser.js';
import { startRelais, type RelaisServer } from './support/relais-server.js';
import { parisDay } from './support/days.js';

const coordinator = { firstName: 'Claire', lastName: 'Bernard', email: 'claire.bernard@clinique-exemple.fr', password: 'le chemin des tilleuls en mai' };
const practitioner = { firstName: 'Hugo', lastName: 'Petit', email: 'hugo.petit@clinique-exemple.fr', password: 'trois pommes et un cerisier' };
const supervisor = { firstName: 'Hélène', lastName: 'Roux', email: 'helene.roux@clinique-exemple.fr', password: 'un phare au bout de la jetée' };

/** A calendar day in Paris, `offset` days from today ("2026-11-23"). */
/** The same day as the interface writes it ("23 novembre 2026"). */
const frenchDate = (isoDay: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDay}T00:00:00Z`));
/** French guillemets carry non-breaking spaces: match any space inside them. */
const quoted = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/« /g, '«\\s*').replace(/ »/g, '\\s*»'));

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

/** The value shown next to a label in a description list (dt/dd). */
function fact(scope: Locator, name: string): Locator {
  return scope.locator('dt', { hasText: new RegExp(`^${name}$`) }).locator('xpath=following-sibling::dd[1]');
}

/** Cells of the waitlist rows, in order: "1 Inès Garnier Haute". */
async function waitlistRows(page: Page): Promise<string[]> {
  return page.getByTestId('waitlist-row').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).slice(0, 3).map((c) => c.textContent?.trim()).join(' ')));
}

describe('journey: referrals to admission — public form, waitlist, capacity, episodes, notifications', () => {
  let server: RelaisServer;
  let browser: Browser;
  let coordinatorApi: ApiClient;
  let organizationId: string;
  let serviceId: string;
  let louiseId: string;
  let hugoId: string;
  let claireId: string;

  beforeAll(async () => {
    server = await startRelais();
    const admin = await setUpOrganization(server);
    coordinatorApi = await createColleague(admin, server, coordinator, 'coordinator', ['personal_support_manager']);
    await createColleague(admin, server, practitioner, 'practitioner', ['peer_support_worker']);
    await createColleague(admin, server, supervisor, 'supervisor');
    organizationId = (await coordinatorApi.request<{ organization: { id: string } }>('GET', '/api/v1/session')).organization.id;
    const directory = await coordinatorApi.request<{ id: string; firstName: string }[]>('GET', '/api/v1/staff/directory');
    hugoId = directory.find((s) => s.firstName === practitioner.firstName)!.id;
    claireId = directory.find((s) => s.firstName === coordinator.firstName)!.id;

    // The service, the referrals and the decisions are other screens' work: set up through the API.
    serviceId = (
      await coordinatorApi.request<{ id: string }>('POST', '/api/v1/services', {
        name: 'Pair-aidance',
        kind: 'individual_support',
        defaultDurationMinutes: 45,
        maxDurationMinutes: 45,
        modalities: ['home', 'video'],
        caseloadLimitPerService: 2,
        caseloadLimitPerPractitioner: 3,
        phases: [
          { code: 'arrival', label: 'Accueil et orientation' },
          { code: 'intensive', label: 'Phase intensive' },
          { code: 'aftercare', label: 'Suivi après accompagnement' },
        ],
      })
    ).id;
    const referral = async (firstName: string, lastName: string) => {
      const { id } = await coordinatorApi.request<{ id: string }>('POST', '/api/v1/referrals', {
        source: 'clinician',
        referrerName: 'Dr Samuel Blanc',
        referrerRole: 'Médecin traitant',
        firstName,
        lastName,
        serviceId,
        reason: 'Isolement important, demande un accompagnement par une pair-aidante.',
        urgency: 'routine',
        consentToShare: true,
      });
      const { personId } = await coordinatorApi.request<{ personId: string }>('POST', `/api/v1/referrals/${id}/person`, { createRecord: true, duplicatesAcknowledged: true });
      return { referralId: id, personId };
    };
    const louise = await referral('Louise', 'Moreau');
    louiseId = louise.personId;
    await coordinatorApi.request('POST', '/api/v1/admission-decisions', {
      referralId: louise.referralId,
      serviceId,
      outcome: 'admit',
      criteriaAnswers: [],
      admission: { referentId: hugoId, coordinatorId: claireId, startedOn: parisDay(-30), plannedEndOn: parisDay(20), phaseCode: 'arrival' },
    });
    // Entered in this order; the list shows them by priority.
    for (const [firstName, lastName, priority] of [['Jeanne', 'Roux', 3], ['Inès', 'Garnier', 1], ['Paul', 'Lambert', 2]] as const) {
      const r = await referral(firstName, lastName);
      await coordinatorApi.request('POST', '/api/v1/admission-decisions', { referralId: r.referralId, serviceId, outcome: 'waitlist', waitlistPriority: priority, criteriaAnswers: [] });
    }
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('gives the public form’s link in the structure’s settings; the form sends a request without an account, refused without consent', async () => {
    const adminContext = await newContext(browser, tabletPortrait);
    const adminPage = await newPage(adminContext);
    await signIn(adminPage, server.baseUrl, administrator);
    await openFromNavigation(adminPage, 'Structure', 'Structure');
    const link = await adminPage.getByLabel('Adresse du formulaire').inputValue();
    expect(link).toBe(`${server.baseUrl}/demande/${organizationId}`);
    await expectAccessible(adminPage, 'organization page with the public form link');
    await adminContext.close();

    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await page.goto(link);
    await expectHeading(page, 'Demander un accompagnement');
    await page.getByText('Clinique des Tilleuls', { exact: true }).waitFor();
    const emergency = page.getByRole('region', { name: 'En cas d’urgence' });
    for (const number of ['15', '112', '3114']) expect(await emergency.getByRole('link', { name: new RegExp(`^Appeler le ${number} —`) }).getAttribute('href')).toBe(`tel:${number}`);
    // The field only robots fill: out of sight, of the tab order, of screen readers and of autofill.
    const honeypot = page.locator('input[name=website]');
    expect(await honeypot.getAttribute('tabindex')).toBe('-1');
    expect(await honeypot.getAttribute('autocomplete')).toBe('off');
    expect(await honeypot.evaluate((input) => input.closest('[aria-hidden=true]') !== null && input.getBoundingClientRect().right < 0)).toBe(true);
    await expectAccessible(page, 'public request form');
    await screenshot(page, 'public-request-form');

    // For a relative, the form asks who they are.
    await page.getByLabel('Pour un proche').check();
    await page.getByRole('group', { name: 'Vous, qui faites la demande' }).getByLabel(label('Votre nom')).waitFor();
    await expectAccessible(page, 'public request form for a relative');
    await page.getByLabel('Pour moi').check();
    expect(await page.getByLabel(label('Votre nom')).count()).toBe(0);

    await page.getByLabel(label('Prénom')).fill('Léa');
    await page.getByLabel(label('Nom')).fill('Fontaine');
    await page.getByLabel('Adresse e-mail').fill('lea.fontaine@exemple.fr');
    await page.getByLabel('Accompagnement souhaité').selectOption({ label: 'Pair-aidance' });
    await page.getByLabel(label('Ce qui vous amène')).fill('Je traverse une période difficile depuis mon diagnostic et je voudrais parler à quelqu’un qui est passé par là.');
    await page.getByLabel('Assez vite : dans les semaines qui viennent').check();
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.getByText('Votre accord est nécessaire pour que nous puissions traiter votre demande.').waitFor();
    await page.getByRole('alert').filter({ hasText: 'Votre demande n’est pas encore envoyée' }).waitFor();
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.type === 'checkbox');
    await expectAccessible(page, 'public request form refused without consent');
    await screenshot(page, 'public-request-no-consent');

    // The answer to the first attempt is lost on the way back: the retry is the same submission.
    await page.getByLabel(/^J’accepte que les professionnels/).check();
    let attempts = 0;
    await page.route('**/api/public/structures/*/referrals', async (route) => {
      attempts++;
      if (attempts === 1) {
        await route.fetch();
        await route.abort('failed');
      } else {
        await route.continue();
      }
    });
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.getByRole('alert').filter({ hasText: 'Le serveur ne répond pas' }).waitFor();
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.getByRole('heading', { name: 'Votre demande a bien été envoyée' }).waitFor();
    const reference = (await page.getByTestId('referral-reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^DEM-[0-9A-F]{8}$/);
    await page.getByText('Une personne de l’équipe vous contactera').waitFor();
    expect(attempts).toBe(2);
    const inbox = await coordinatorApi.request<{ items: { id: string; displayName: string; source: string; urgency: string }[] }>('GET', '/api/v1/referrals?status=all');
    const stored = inbox.items.filter((i) => i.displayName === 'Léa Fontaine');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ source: 'self', urgency: 'soon' });
    expect((await coordinatorApi.request<{ reference: string }>('GET', `/api/v1/referrals/${stored[0]!.id}`)).reference).toBe(reference);
    await expectAccessible(page, 'public request sent');
    await screenshot(page, 'public-request-sent');
    await context.close();
  });

  it('shows the waitlist in order; a coordinator offers the free place and records the acceptance, a refusal for capacity, a decline and a removal', async () => {
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, coordinator);
    await openFromNavigation(page, 'Liste d’attente', 'Liste d’attente');
    const section = page.getByRole('region', { name: 'Pair-aidance' });
    await section.getByText('1 place libre — proposez-la à la première personne.').waitFor();
    expect(await waitlistRows(page)).toEqual(['1 Inès Garnier Haute', '2 Paul Lambert Normale', '3 Jeanne Roux Basse']);
    await section.getByTestId('waitlist-row').first().getByText('aujourd’hui').waitFor();
    await expectAccessible(page, 'waitlist');
    await screenshot(page, 'waitlist');

    await section.getByRole('button', { name: 'Proposer la place à Inès Garnier' }).click();
    const ines = section.getByTestId('waitlist-row').filter({ hasText: 'Inès Garnier' });
    await ines.getByText(/^Place proposée le/).waitFor();
    await page.getByText('Place proposée à Inès Garnier.', { exact: false }).waitFor();
    await section.getByTestId('free-places').waitFor({ state: 'detached' });

    await ines.getByRole('button', { name: 'Inès Garnier accepte la place' }).click();
    const admit = page.getByRole('dialog', { name: quoted('Admettre Inès Garnier dans « Pair-aidance »') });
    await admit.getByLabel(label('Référent')).waitFor();
    expect(await admit.getByLabel(label('Coordonnateur')).locator('option:checked').textContent()).toBe('Claire Bernard');
    expect(await admit.getByLabel(label('Date de début')).inputValue()).toBe(parisDay());
    expect(await admit.getByLabel('Phase de départ').locator('option:checked').textContent()).toBe('Accueil et orientation');
    await admit.getByRole('button', { name: 'Enregistrer l’admission' }).click();
    await admit.getByText('Choisissez le référent.').waitFor();
    await expectAccessible(page, 'admission form');
    await screenshot(page, 'waitlist-admission-form');
    await admit.getByLabel(label('Référent')).selectOption({ label: 'Hugo Petit' });
    await admit.getByRole('button', { name: 'Enregistrer l’admission' }).click();
    await admit.waitFor({ state: 'detached' });
    await page.getByText(quoted('Admission enregistrée : Inès Garnier rejoint « Pair-aidance ».')).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=waitlist-row]').length === 2);
    expect(await waitlistRows(page)).toEqual(['1 Paul Lambert Normale', '2 Jeanne Roux Basse']);

    // The service is now full: an acceptance is refused, with the figures, in plain words.
    await section.getByRole('button', { name: 'Proposer la place à Paul Lambert' }).click();
    const paul = section.getByTestId('waitlist-row').filter({ hasText: 'Paul Lambert' });
    await paul.getByRole('button', { name: 'Paul Lambert accepte la place' }).click();
    const admitPaul = page.getByRole('dialog', { name: quoted('Admettre Paul Lambert dans « Pair-aidance »') });
    await admitPaul.getByLabel(label('Référent')).selectOption({ label: 'Hugo Petit' });
    await admitPaul.getByRole('button', { name: 'Enregistrer l’admission' }).click();
    const refusal = admitPaul.getByTestId('capacity-refusal');
    await refusal.getByText(quoted('« Pair-aidance » est complet : 2 personnes accompagnées, pour une limite de 2. Aucune place n’est libre.')).waitFor();
    await refusal.getByText('2 personnes sont sur la liste d’attente.').waitFor();
    await refusal.getByText(/^Seul un superviseur peut admettre au-delà de la limite/).waitFor();
    expect(await refusal.getAttribute('role')).toBe('alert');
    await expectAccessible(page, 'admission refused for capacity');
    await screenshot(page, 'waitlist-capacity-refusal');
    await admitPaul.getByRole('button', { name: 'Annuler' }).click();
    await admitPaul.waitFor({ state: 'detached' });

    await paul.getByRole('button', { name: 'Paul Lambert décline la place' }).click();
    const decline = page.getByRole('dialog', { name: 'Paul Lambert décline la place' });
    await decline.getByLabel('Note').fill('Pas disponible avant janvier.');
    expect(await decline.getByLabel('Garder sa place dans la liste').isChecked()).toBe(true);
    await expectAccessible(page, 'decline form');
    await decline.getByRole('button', { name: 'Enregistrer la réponse' }).click();
    await decline.waitFor({ state: 'detached' });
    await page.getByText('Paul Lambert décline la place et garde son rang dans la liste.').waitFor();
    await paul.getByText('En attente', { exact: true }).waitFor();
    expect(await waitlistRows(page)).toEqual(['1 Paul Lambert Normale', '2 Jeanne Roux Basse']);

    await section.getByRole('button', { name: 'Retirer Jeanne Roux de la liste' }).click();
    const leave = page.getByRole('dialog', { name: 'Retirer Jeanne Roux de la liste ?' });
    await leave.getByRole('button', { name: 'Retirer de la liste' }).click();
    await leave.getByText('Écrivez le motif (au moins 3 caractères).').waitFor();
    await expectAccessible(page, 'removal from the waitlist, reason missing');
    await leave.getByLabel(label('Motif')).fill('A trouvé un accompagnement près de chez elle.');
    await leave.getByRole('button', { name: 'Retirer de la liste' }).click();
    await leave.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=waitlist-row]').length === 1);
    expect(await waitlistRows(page)).toEqual(['1 Paul Lambert Normale']);
    await context.close();
  });

  it('shows the capacity board: caseload against the limit, places, waitlist, planned ends, référents and referrers', async () => {
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, coordinator);
    await openFromNavigation(page, 'Capacités', 'Capacités');
    const card = page.getByRole('region', { name: 'Pair-aidance' });
    await card.getByText('Places occupées : 2 sur 2').waitFor();
    const bar = card.getByRole('progressbar', { name: quoted('File active de « Pair-aidance »') });
    expect(await bar.getAttribute('aria-valuetext')).toBe('2 sur 2 (Complet)');
    expect(await fact(card, 'Places libres').textContent()).toBe('0');
    expect(await fact(card, 'En attente').textContent()).toBe('1');
    expect(await fact(card, 'Place proposée').textContent()).toBe('0');
    expect(await fact(card, 'Fins prévues d’ici 30 jours').textContent()).toBe(`1 (prochaine le ${frenchDate(parisDay(20))})`);
    expect(await fact(card, 'Nouvelles demandes').textContent()).toBe('1');
    expect(await fact(card, 'Admissions au-delà de la limite').textContent()).toBe('0');
    const referents = card.getByRole('table', { name: quoted('Référents de « Pair-aidance »') });
    expect(await referents.getByRole('row', { name: /Hugo Petit/ }).textContent()).toBe('Hugo Petit2 sur 3');
    const referrers = page.getByRole('table', { name: 'Qui nous oriente (12 derniers mois)' });
    const cells = async (name: string) => referrers.getByRole('row', { name: new RegExp(`^${name}`) }).locator('td').allTextContents();
    // Total, to review, admitted, waiting, refused, oriented, withdrawn.
    expect(await cells('Médecin ou soignant')).toEqual(['4', '0', '2', '1', '0', '0', '1']);
    expect(await cells('La personne elle-même')).toEqual(['1', '1', '0', '0', '0', '0', '0']);
    await expectAccessible(page, 'capacity board');
    await screenshot(page, 'capacity-board');

    await page.getByLabel('Fins prévues dans les').selectOption({ label: '90 prochains jours' });
    await fact(card, 'Fins prévues d’ici 90 jours').waitFor();
    await context.close();
  });

  it('shows the episode in the person’s record; a practitioner on the care team changes its phase and ends it with a note', async () => {
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, practitioner);
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    expect(await nav.getByRole('link', { name: 'Liste d’attente' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Capacités' }).count()).toBe(0);
    await page.goto(`${server.baseUrl}/people/${louiseId}`);
    await expectHeading(page, 'Louise Moreau');
    const episodes = page.getByRole('region', { name: 'Prises en charge' });
    const episode = episodes.getByRole('article', { name: 'Pair-aidance' });
    await episode.getByText('En cours').waitFor();
    expect(await fact(episode, 'Référent').textContent()).toBe('Hugo Petit');
    expect(await fact(episode, 'Coordonnateur').textContent()).toBe('Claire Bernard');
    expect(await fact(episode, 'Phase actuelle').textContent()).toBe('Accueil et orientation');
    expect(await fact(episode, 'Début').textContent()).toBe(frenchDate(parisDay(-30)));
    expect(await fact(episode, 'Fin prévue').textContent()).toBe(frenchDate(parisDay(20)));
    expect(await fact(episode, 'Admission').textContent()).toMatch(/, par Claire Bernard$/);
    const history = episode.getByRole('table', { name: 'Historique des phases — Pair-aidance' });
    await history.getByRole('row', { name: /Début : Accueil et orientation.*Claire Bernard/ }).waitFor();
    await expectAccessible(page, 'person record with an episode');
    await screenshot(page, 'person-episode');

    await episode.getByRole('button', { name: 'Changer de phase — Pair-aidance' }).click();
    const phase = page.getByRole('dialog', { name: 'Changer de phase — Pair-aidance' });
    expect(await phase.getByLabel(label('À partir du')).inputValue()).toBe(parisDay());
    await phase.getByLabel(label('Nouvelle phase')).selectOption({ label: 'Phase intensive' });
    await phase.getByLabel('Note').fill('Rythme hebdomadaire convenu avec Louise.');
    await expectAccessible(page, 'phase change form');
    await phase.getByRole('button', { name: 'Changer de phase' }).click();
    await phase.waitFor({ state: 'detached' });
    await page.getByText('Phase changée : Phase intensive.').waitFor();
    await fact(episode, 'Phase actuelle').filter({ hasText: 'Phase intensive' }).waitFor();
    const change = history.getByTestId('phase-change').first();
    expect(await change.locator('td').allTextContents()).toEqual([frenchDate(parisDay()), 'Accueil et orientation → Phase intensive', 'Hugo Petit', 'Rythme hebdomadaire convenu avec Louise.']);

    await episode.getByRole('button', { name: 'Modifier la prise en charge — Pair-aidance' }).click();
    const edit = page.getByRole('dialog', { name: 'Modifier la prise en charge — Pair-aidance' });
    await edit.getByLabel('Fin prévue').fill(parisDay(40));
    await edit.getByRole('button', { name: 'Enregistrer' }).click();
    await edit.waitFor({ state: 'detached' });
    await fact(episode, 'Fin prévue').filter({ hasText: frenchDate(parisDay(40)) }).waitFor();

    await episode.getByRole('button', { name: 'Clôturer la prise en charge — Pair-aidance' }).click();
    const end = page.getByRole('dialog', { name: 'Clôturer la prise en charge — Pair-aidance' });
    await end.getByRole('button', { name: 'Clôturer' }).click();
    await end.getByText('Choisissez le motif de fin.').waitFor();
    await end.getByText('Écrivez le relais ou la suite prévue (au moins 3 caractères).').waitFor();
    await expectAccessible(page, 'end of episode form with errors');
    await screenshot(page, 'person-episode-end-form');
    await end.getByLabel(label('Motif')).selectOption({ label: 'Objectifs atteints' });
    await end.getByLabel(label('Relais, orientation ou suite prévue')).fill('Relais par le groupe de parole mensuel ; rappel dans 3 mois.');
    await end.getByRole('button', { name: 'Clôturer' }).click();
    await end.waitFor({ state: 'detached' });
    await episode.getByText(`Clôturée le ${frenchDate(parisDay())}`).waitFor();
    expect(await fact(episode, 'Motif de fin').textContent()).toBe('Objectifs atteints');
    expect(await fact(episode, 'Relais et suite prévue').textContent()).toBe('Relais par le groupe de parole mensuel ; rappel dans 3 mois.');
    expect(await episode.getByRole('button').count()).toBe(0);
    await expectAccessible(page, 'person record with an ended episode');
    await screenshot(page, 'person-episode-ended');
    await context.close();
  });

  it('rings the coordinator’s bell when the place is freed, and leads to the waitlist', async () => {
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, coordinator);
    const bell = page.getByRole('button', { name: 'Notifications, 1 non lue' });
    await bell.click();
    const panel = page.getByRole('dialog', { name: 'Notifications' });
    const notice = panel.getByRole('link', { name: quoted('Une place s’est libérée dans « Pair-aidance » : 1 personne attend.') });
    await notice.waitFor();
    await expectAccessible(page, 'notifications panel');
    await screenshot(page, 'notifications');
    await panel.getByRole('button', { name: 'Tout marquer comme lu' }).click();
    await page.getByRole('button', { name: 'Notifications, aucune non lue' }).waitFor();
    await notice.click();
    await expectHeading(page, 'Liste d’attente');
    await page.getByRole('region', { name: 'Pair-aidance' }).getByText('1 place libre — proposez-la à la première personne.').waitFor();
    await context.close();
  });

  it('lets a supervisor admit beyond a full service with a written reason, kept with the episode and counted on the board', async () => {
    const relativesService = (
      await coordinatorApi.request<{ id: string }>('POST', '/api/v1/services', {
        name: 'Soutien aux proches',
        kind: 'support_for_relatives',
        defaultDurationMinutes: 45,
        maxDurationMinutes: 45,
        modalities: ['on_site'],
        caseloadLimitPerService: 1,
      })
    ).id;
    const refer = async (firstName: string, lastName: string) => {
      const { id } = await coordinatorApi.request<{ id: string }>('POST', '/api/v1/referrals', {
        source: 'relative',
        referrerName: 'Anne Dupuis',
        firstName,
        lastName,
        serviceId: relativesService,
        reason: 'Épuisement de l’aidante principale.',
        urgency: 'urgent',
        consentToShare: true,
      });
      await coordinatorApi.request('POST', `/api/v1/referrals/${id}/person`, { createRecord: true, duplicatesAcknowledged: true });
      return id;
    };
    const first = await refer('Marie', 'Dupuis');
    await coordinatorApi.request('POST', '/api/v1/admission-decisions', {
      referralId: first,
      serviceId: relativesService,
      outcome: 'admit',
      criteriaAnswers: [],
      admission: { referentId: hugoId, coordinatorId: claireId, startedOn: parisDay() },
    });
    const second = await refer('Marc', 'Dupuis');
    await coordinatorApi.request('POST', '/api/v1/admission-decisions', { referralId: second, serviceId: relativesService, outcome: 'waitlist', waitlistPriority: 1, criteriaAnswers: [] });

    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, supervisor);
    await openFromNavigation(page, 'Liste d’attente', 'Liste d’attente');
    const section = page.getByRole('region', { name: 'Soutien aux proches' });
    await section.getByRole('button', { name: 'Proposer la place à Marc Dupuis' }).click();
    await section.getByRole('button', { name: 'Marc Dupuis accepte la place' }).click();
    const admit = page.getByRole('dialog', { name: quoted('Admettre Marc Dupuis dans « Soutien aux proches »') });
    await admit.getByLabel(label('Référent')).selectOption({ label: 'Hugo Petit' });
    await admit.getByLabel(label('Coordonnateur')).selectOption({ label: 'Hélène Roux' });
    await admit.getByRole('button', { name: 'Enregistrer l’admission' }).click();
    await admit.getByTestId('capacity-refusal').getByText(quoted('« Soutien aux proches » est complet : 1 personne accompagnée, pour une limite de 1. Aucune place n’est libre.')).waitFor();
    await admit.getByRole('button', { name: 'Admettre malgré la limite' }).click();
    await admit.getByText('Écrivez le motif du dépassement.').waitFor();
    await expectAccessible(page, 'admission beyond capacity, reason missing');
    await screenshot(page, 'waitlist-capacity-override');
    await admit.getByLabel(label('Motif du dépassement de capacité')).fill('Aidante en épuisement, hospitalisation de la personne aidée la semaine prochaine ; une fin d’accompagnement est prévue sous quinze jours.');
    await admit.getByRole('button', { name: 'Admettre malgré la limite' }).click();
    await admit.waitFor({ state: 'detached' });
    await page.getByText(quoted('Admission enregistrée : Marc Dupuis rejoint « Soutien aux proches ».')).waitFor();

    await openFromNavigation(page, 'Capacités', 'Capacités');
    const card = page.getByRole('region', { name: 'Soutien aux proches' });
    await card.getByText('Places occupées : 2 sur 1').waitFor();
    expect(await card.getByRole('progressbar').getAttribute('aria-valuetext')).toBe('2 sur 1 (Au-delà de la limite)');
    expect(await fact(card, 'Admissions au-delà de la limite').textContent()).toBe('1');
    await expectAccessible(page, 'capacity board beyond the limit');
    await screenshot(page, 'capacity-board-override');
    await context.close();
  });
});
