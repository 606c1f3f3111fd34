import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createColleague, setUpOrganization, type ApiClient } from './support/api.js';
import { expectAccessible, expectHeading, label, launchBrowser, newContext, newPage, screenshot, tabletPortrait } from './support/browser.js';
import { startRelais, type RelaisServer } from './support/relais-server.js';
import { parisDay } from './support/days.js';

const coordinator = { firstName: 'Claire', lastName: 'Fontaine', email: 'claire.fontaine@clinique-exemple.fr', password: 'le chemin des tilleuls en mai' };
const referent = { firstName: 'Julien', lastName: 'Perrin', email: 'julien.perrin@clinique-exemple.fr', password: 'trois pommes et un cerisier' };

/** A calendar day in Paris, `offset` days from today ("2026-11-23"). */
/** The instant the Paris clock shows `time` on `day`. */
function parisInstant(day: string, time: string): string {
  const probe = new Date(`${day}T${time}:00Z`);
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'shortOffset' }).formatToParts(probe).find((p) => p.type === 'timeZoneName')!.value;
  return new Date(probe.getTime() - Number(offset.replace('GMT', '') || 0) * 3_600_000).toISOString();
}
/** French typography puts non-breaking spaces around « » and before colons: match any space there. */
const loose = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s'));

async function signIn(page: Page, baseUrl: string, account: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel(label('Mot de passe')).fill(account.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expectHeading(page, /^Bonjour/);
}

describe('journey: transitions between phases and the autonomy trajectory', () => {
  let server: RelaisServer;
  let browser: Browser;
  let coordinatorApi: ApiClient;
  let serviceId: string;
  let eloise: { personId: string; episodeId: string };

  beforeAll(async () => {
    server = await startRelais();
    const admin = await setUpOrganization(server);
    coordinatorApi = await createColleague(admin, server, coordinator, 'coordinator', ['personal_support_manager']);
    await createColleague(admin, server, referent, 'practitioner', ['educator']);
    const directory = await coordinatorApi.request<{ id: string; firstName: string }[]>('GET', '/api/v1/staff/directory');
    const idOf = (firstName: string) => directory.find((s) => s.firstName === firstName)!.id;

    // The service, the admission and past sessions are other screens' work: set up through the API.
    serviceId = (
      await coordinatorApi.request<{ id: string }>('POST', '/api/v1/services', {
        name: 'Accompagnement en clinique de jour',
        kind: 'individual_support',
        defaultDurationMinutes: 45,
        maxDurationMinutes: 60,
        modalities: ['on_site', 'home'],
        phases: [
          { code: 'arrival', label: 'Accueil et orientation' },
          { code: 'treatment', label: 'Phase de soins' },
          { code: 'return_home', label: 'Préparation du retour à domicile' },
        ],
      })
    ).id;
    const { id: referralId } = await coordinatorApi.request<{ id: string }>('POST', '/api/v1/referrals', { source: 'self', firstName: 'Éloïse', lastName: 'Lambert', reason: 'Souhaite être accompagnée.', urgency: 'routine', consentToShare: true });
    const { personId } = await coordinatorApi.request<{ personId: string }>('POST', `/api/v1/referrals/${referralId}/person`, { createRecord: true, duplicatesAcknowledged: true });
    const { episodeId } = await coordinatorApi.request<{ episodeId: string }>('POST', '/api/v1/admission-decisions', {
      referralId,
      serviceId,
      outcome: 'admit',
      criteriaAnswers: [],
      admission: { referentId: idOf(referent.firstName), coordinatorId: idOf(coordinator.firstName), startedOn: parisDay(-45), members: [] },
    });
    eloise = { personId, episodeId };
    // Two sessions done in each of the last three full weeks (Monday and Tuesday), where one a week is planned.
    const weekday = (new Date(`${parisDay()}T12:00:00Z`).getUTCDay() + 6) % 7; // 0 = Monday
    for (const week of [1, 2, 3]) {
      for (const [dayInWeek, time] of [
        [0, '10:00'],
        [1, '14:00'],
      ] as const) {
        const day = parisDay(-weekday - 7 * week + dayInWeek);
        const { id } = await coordinatorApi.request<{ id: string }>('POST', '/api/v1/appointments', {
          kind: 'individual',
          serviceId,
          personId,
          episodeId,
          modality: 'on_site',
          startsAt: parisInstant(day, time),
          endsAt: parisInstant(day, time === '10:00' ? '10:45' : '14:45'),
          staffIds: [idOf(coordinator.firstName)],
        });
        await coordinatorApi.request('POST', `/api/v1/appointments/${id}/status`, { status: 'done' });
      }
    }
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the coordination writes the checklist of a phase on the service', async () => {
    const page = await newPage(await newContext(browser, tabletPortrait));
    await signIn(page, server.baseUrl, coordinator);
    await page.goto(`${server.baseUrl}/services/${serviceId}`);
    await expectHeading(page, 'Accompagnement en clinique de jour');
    const treatment = page.getByRole('group', { name: loose('Avant d’entrer en phase « Phase de soins »') });
    await treatment.getByRole('button', { name: loose('Ajouter un point pour « Phase de soins »') }).click();
    await treatment.getByLabel(label('Ce qui doit être fait')).last().fill('Présentation à l’équipe de soins');
    await treatment.getByRole('button', { name: loose('Ajouter un point pour « Phase de soins »') }).click();
    await treatment.getByLabel(label('Ce qui doit être fait')).last().fill('Planning de la semaine remis à la personne');
    await expectAccessible(page, 'service checklists');
    await page.getByRole('button', { name: 'Enregistrer les listes' }).click();
    await page.getByText('Listes de vérification enregistrées.').waitFor();
    const saved = await coordinatorApi.request<{ checklists: { toPhase: string; items: { label: string }[] }[] }>('GET', `/api/v1/services/${serviceId}/transition-checklists`);
    expect(saved.checklists.find((c) => c.toPhase === 'treatment')!.items.map((i) => i.label)).toEqual(['Présentation à l’équipe de soins', 'Planning de la semaine remis à la personne']);
    await screenshot(page, 'service-checklists');
  });

  it('a transition is planned, its checklist ticked on a tablet, then completed; another one is cancelled with a reason', async () => {
    const page = await newPage(await newContext(browser, tabletPortrait));
    await signIn(page, server.baseUrl, coordinator);
    await page.goto(`${server.baseUrl}/prises-en-charge/${eloise.episodeId}?onglet=transitions`);
    await page.getByRole('heading', { name: 'Transitions entre les phases du parcours' }).waitFor();
    await page.getByText(loose('Phase actuelle : Accueil et orientation')).waitFor();
    await expectAccessible(page, 'transitions tab, nothing planned');

    // Refused without a phase, then planned.
    await page.getByRole('button', { name: 'Prévoir la transition' }).click();
    await page.getByText('Ce champ est obligatoire.').first().waitFor();
    await page.getByLabel(label('Vers la phase')).selectOption({ label: 'Phase de soins' });
    await page.getByLabel(label('Date prévue')).fill(parisDay(7));
    await page.getByLabel(label('Personne responsable')).selectOption({ label: 'Julien Perrin' });
    await page.getByLabel('Note de passage de relais').fill('Éloïse souhaite commencer par les ateliers du matin.');
    await page.getByRole('button', { name: 'Prévoir la transition' }).click();
    const planned = page.getByTestId('planned-transition');
    await planned.getByRole('heading', { name: loose('Transition prévue : Accueil et orientation → Phase de soins') }).waitFor();
    await planned.getByText('0 sur 2 points faits', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Terminer la transition' }).isDisabled()).toBe(true);
    await expectAccessible(page, 'planned transition with its checklist');
    await screenshot(page, 'transition-planned');

    await planned.getByRole('checkbox', { name: 'Présentation à l’équipe de soins' }).check();
    await planned.getByText('1 sur 2 points faits', { exact: true }).waitFor();
    await planned.getByRole('button', { name: loose('Ajouter une note : « Planning de la semaine remis à la personne »') }).click();
    const noteDialog = page.getByRole('dialog');
    await noteDialog.getByLabel('Note (facultative)').fill('Remis en main propre, relu ensemble.');
    await noteDialog.getByRole('button', { name: 'Enregistrer' }).click();
    await planned.getByText('Remis en main propre, relu ensemble.').waitFor();
    await planned.getByRole('checkbox', { name: 'Planning de la semaine remis à la personne' }).check();
    await planned.getByText('2 sur 2 points faits', { exact: true }).waitFor();
    await planned.getByText(/^Fait par Claire Fontaine le/).first().waitFor();
    await page.getByRole('button', { name: 'Terminer la transition' }).click();
    await page.getByText(loose('Transition terminée : la personne est maintenant en phase « Phase de soins ».')).waitFor();
    await page.getByText(loose('Phase actuelle : Phase de soins')).waitFor();
    await page.getByTestId('transition-history-entry').filter({ hasText: 'Terminée' }).waitFor();

    // The next one is planned, then cancelled with its reason.
    await page.getByLabel(label('Vers la phase')).selectOption({ label: 'Préparation du retour à domicile' });
    await page.getByLabel(label('Date prévue')).fill(parisDay(60));
    await page.getByRole('button', { name: 'Prévoir la transition' }).click();
    await page.getByRole('button', { name: 'Annuler la transition' }).click();
    const cancelDialog = page.getByRole('dialog');
    await cancelDialog.getByRole('button', { name: 'Annuler la transition' }).click();
    await cancelDialog.getByText('Indiquez le motif (3 caractères au moins).').waitFor();
    await cancelDialog.getByLabel(label('Motif de l’annulation')).fill('Éloïse préfère prolonger la phase de soins.');
    await expectAccessible(page, 'cancel dialog');
    await cancelDialog.getByRole('button', { name: 'Annuler la transition' }).click();
    await page.getByText('Transition annulée.').waitFor();
    await page.getByTestId('transition-history-entry').filter({ hasText: 'Éloïse préfère prolonger la phase de soins.' }).waitFor();
    await expectAccessible(page, 'transitions history');
  });

  it('the record shows the pathway as a timeline', async () => {
    const page = await newPage(await newContext(browser, tabletPortrait));
    await signIn(page, server.baseUrl, coordinator);
    await page.goto(`${server.baseUrl}/people/${eloise.personId}`);
    const pathway = page.getByTestId('pathway');
    await pathway.waitFor();
    const events = await pathway.getByTestId('pathway-event').allInnerTexts();
    expect(events[0]).toMatch(loose('Admission — Accompagnement en clinique de jour'));
    expect(events.some((e) => loose('Passage en phase « Phase de soins »').test(e) && /2 sur 2/.test(e))).toBe(true);
    expect(events.some((e) => loose('Transition vers « Préparation du retour à domicile » annulée').test(e) && e.includes('Éloïse préfère prolonger la phase de soins.'))).toBe(true);
    await expectAccessible(page, 'record with pathway');
    await screenshot(page, 'person-pathway');
  });

  it('the trajectory: periods stepping down, planned against actual by week, and a review flag acknowledged with a note', async () => {
    const page = await newPage(await newContext(browser, tabletPortrait));
    await signIn(page, server.baseUrl, coordinator);
    await page.goto(`${server.baseUrl}/prises-en-charge/${eloise.episodeId}?onglet=trajectory`);
    await page.getByRole('heading', { name: 'Trajectoire d’autonomie' }).waitFor();
    await page.getByText('Aucune semaine mesurée', { exact: false }).waitFor();
    await expectAccessible(page, 'empty trajectory');

    // Two periods: one session a week, then one every other week from next month; then a step up.
    await page.getByRole('button', { name: 'Ajouter une période' }).click();
    const first = page.getByRole('group', { name: 'Période 1' });
    await first.getByLabel(label('Début')).fill(parisDay(-45));
    await first.getByLabel(label('Fin')).fill(parisDay(29));
    await first.getByLabel(label('Séances par semaine')).fill('1');
    await first.getByLabel(label('Minutes par semaine')).fill('45');
    await first.getByLabel('Jours sans contact au plus').fill('10');
    await page.getByRole('button', { name: 'Ajouter une période' }).click();
    const second = page.getByRole('group', { name: 'Période 2' });
    await second.getByLabel(label('Début')).fill(parisDay(20));
    await second.getByLabel(label('Séances par semaine')).fill('0,5');
    await second.getByLabel(label('Minutes par semaine')).fill('30');
    await page.getByRole('button', { name: 'Enregistrer les périodes' }).click();
    // Overlapping periods are refused next to the field.
    await second.getByText('Cette période chevauche la précédente.').waitFor();
    await second.getByLabel(label('Début')).fill(parisDay(30));
    await page.getByRole('button', { name: 'Enregistrer les périodes' }).click();
    await page.getByText('Périodes enregistrées.').waitFor();
    expect(await page.getByTestId('stepping-up').count()).toBe(0);

    await page.getByRole('button', { name: 'Recalculer maintenant' }).click();
    await page.getByText('Semaines recalculées.').waitFor();
    const chart = page.getByTestId('intensity-chart');
    await chart.waitFor();
    expect(await chart.getAttribute('aria-label')).toMatch(/Prévu et réalisé sur \d+ semaines/);
    await page.getByText('Voir les chiffres de chaque semaine').click();
    const data = page.getByTestId('intensity-data');
    const aboveRows = await data.locator('tbody tr', { hasText: 'au-dessus du prévu' }).count();
    expect(aboveRows).toBe(3);

    const flag = page.getByTestId('review-flag').first();
    await flag.getByText('Intensité au-dessus du prévu plusieurs semaines de suite').waitFor();
    await expectAccessible(page, 'trajectory with chart, data and a flag');
    await screenshot(page, 'trajectory');
    await flag.getByRole('button', { name: 'Prendre en compte' }).click();
    await flag.getByText('Écrivez ce qui a été décidé (3 caractères au moins).').waitFor();
    await flag.getByLabel(label('Ce qui a été décidé avec la personne')).fill('Revu avec Éloïse : deux séances jusqu’à la fin du mois, puis on redescend comme prévu.');
    await flag.getByRole('button', { name: 'Prendre en compte' }).click();
    await page.getByText('Signal pris en compte.').waitFor();
    await page.getByTestId('review-flag').first().getByText(/^Pris en compte par Claire Fontaine le/).waitFor();
    await expectAccessible(page, 'trajectory with the flag acknowledged');
  });
});
