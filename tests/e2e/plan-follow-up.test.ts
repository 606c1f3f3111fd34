import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createColleague, setUpOrganization, type ApiClient } from './support/api.js';
import { expectAccessible, expectHeading, label, launchBrowser, newContext, newPage, screenshot, tabletPortrait } from './support/browser.js';
import { startRelais, type RelaisServer } from './support/relais-server.js';
import { parisDay } from './support/days.js';

const coordinator = { firstName: 'Claire', lastName: 'Fontaine', email: 'claire.fontaine@clinique-exemple.fr', password: 'le chemin des tilleuls en mai' };
const referent = { firstName: 'Julien', lastName: 'Perrin', email: 'julien.perrin@clinique-exemple.fr', password: 'trois pommes et un cerisier' };
const colleague = { firstName: 'Élise', lastName: 'Marchand', email: 'elise.marchand@clinique-exemple.fr', password: 'un phare au bout de la jetée' };

/** A calendar day in Paris, `offset` days from today ("2026-11-23"). */
/** The same day as the interface writes it ("23 novembre 2026"). */
const frenchDate = (isoDay: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDay}T00:00:00Z`));
/** French typography puts non-breaking spaces around « » and before colons: match any space there. */
const loose = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s'));

const scale1 = { '-2': 'Ne sort plus de chez elle', '-1': 'Sort accompagnée une fois par semaine', '0': 'Fait ses courses seule une fois par semaine', '1': 'Fait ses courses seule deux fois par semaine', '2': 'Participe à une activité du quartier' };
const scale2 = { '-2': 'Aucun contact avec sa fille', '-1': 'Un appel par mois', '0': 'Un appel par semaine', '1': 'Un appel et une visite par mois', '2': 'Voit sa fille chaque semaine' };
const goals = [
  { personWording: 'Je veux refaire mes courses toute seule', professionalWording: 'Reprise des déplacements autonomes dans le quartier', domain: 'daily_autonomy', proposedBy: 'person', priority: 1, autonomyAim: 'Aller seule au marché le samedi', scale: scale1 },
  { personWording: 'Reprendre contact avec ma fille', domain: 'family', proposedBy: 'person', priority: 2, autonomyAim: 'Appeler ma fille chaque dimanche', scale: scale2 },
];

async function signIn(page: Page, baseUrl: string, account: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel(label('Mot de passe')).fill(account.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expectHeading(page, /^Bonjour/);
}

/** The value shown next to a label in a description list (dt/dd). */
function fact(scope: Locator, name: string): Locator {
  return scope.locator('dt', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).locator('xpath=following-sibling::dd[1]');
}

/** The text of each cell of the rows, trimmed. */
async function rows(table: Locator): Promise<string[][]> {
  return table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim())));
}

describe('journey: following a plan — assessments, evaluations, deadlines', () => {
  let server: RelaisServer;
  let browser: Browser;
  let coordinatorApi: ApiClient;
  let referentApi: ApiClient;
  let colleagueApi: ApiClient;
  let eloise: { personId: string; episodeId: string };
  let matheo: { personId: string; episodeId: string };

  beforeAll(async () => {
    server = await startRelais();
    const admin = await setUpOrganization(server);
    coordinatorApi = await createColleague(admin, server, coordinator, 'coordinator', ['personal_support_manager']);
    referentApi = await createColleague(admin, server, referent, 'practitioner', ['educator']);
    colleagueApi = await createColleague(admin, server, colleague, 'practitioner', ['psychologist']);
    const directory = await coordinatorApi.request<{ id: string; firstName: string }[]>('GET', '/api/v1/staff/directory');
    const idOf = (firstName: string) => directory.find((s) => s.firstName === firstName)!.id;

    // The service, the admissions and the plan are other screens' work: set up through the API.
    const { id: serviceId } = await coordinatorApi.request<{ id: string }>('POST', '/api/v1/services', {
      name: 'Accompagnement personnalisé',
      kind: 'personal_support_management',
      defaultDurationMinutes: 60,
      maxDurationMinutes: 90,
      modalities: ['home'],
    });
    const admit = async (firstName: string, lastName: string, startedOn: string) => {
      const { id: referralId } = await coordinatorApi.request<{ id: string }>('POST', '/api/v1/referrals', { source: 'self', firstName, lastName, reason: 'Souhaite être accompagnée.', urgency: 'routine', consentToShare: true });
      const { personId } = await coordinatorApi.request<{ personId: string }>('POST', `/api/v1/referrals/${referralId}/person`, { createRecord: true, duplicatesAcknowledged: true });
      const { episodeId } = await coordinatorApi.request<{ episodeId: string }>('POST', '/api/v1/admission-decisions', {
        referralId,
        serviceId,
        outcome: 'admit',
        criteriaAnswers: [],
        admission: { referentId: idOf(referent.firstName), coordinatorId: idOf(coordinator.firstName), startedOn, members: [{ staffMemberId: idOf(colleague.firstName) }] },
      });
      return { personId, episodeId };
    };
    eloise = await admit('Éloïse', 'Lambert', parisDay(-60));
    // Admitted 40 days ago and nothing done since: the contract is overdue.
    matheo = await admit('Mathéo', 'Roux', parisDay(-40));
    await referentApi.request('POST', `/api/v1/people/${eloise.personId}/relatives`, { firstName: 'Nadia', lastName: 'Lambert', relationship: 'sibling', takesPartInPlan: true });
    // A second template, so that choosing one is part of the journey (the default comes first).
    await coordinatorApi.request('POST', '/api/v1/assessment-templates', { name: 'Bilan court', sections: [{ title: 'Situation', questions: [{ label: 'Ce qui a changé', type: 'text' }] }] });

    // Éloïse's plan: saved, proposed, agreed by her and the référent, in force for a month.
    const { versionId } = await referentApi.request<{ versionId: string }>('POST', `/api/v1/episodes/${eloise.episodeId}/plan/versions`, { basedOn: null, content: { summary: 'Reprendre pied chez soi et dehors.', goals } });
    await referentApi.request('POST', `/api/v1/plan-versions/${versionId}/propose`);
    const { contentHash } = await referentApi.request<{ contentHash: string }>('GET', `/api/v1/plan-versions/${versionId}`);
    await referentApi.request('POST', `/api/v1/plan-versions/${versionId}/agreements`, { party: 'person', outcome: 'signed', signedOn: parisDay(-30), contentHash });
    await referentApi.request('POST', `/api/v1/plan-versions/${versionId}/agreements`, { party: 'referent', outcome: 'signed', signedOn: parisDay(-30), contentHash });
    await referentApi.request('POST', `/api/v1/plan-versions/${versionId}/activate`, { activeFrom: parisDay(-30) });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openEpisodeTab(page: Page, episodeId: string, tab: string): Promise<void> {
    await page.goto(`${server.baseUrl}/prises-en-charge/${episodeId}`);
    await expectHeading(page, 'Projet personnalisé — Accompagnement personnalisé');
    await page.getByRole('tab', { name: tab }).click();
    await page.getByRole('heading', { level: 2, name: tab }).waitFor();
  }

  it('lets the référent record an assessment from the default template, with the person’s words and who took part', async () => {
    const page = await newPage(await newContext(browser, tabletPortrait));
    await signIn(page, server.baseUrl, referent);
    await openEpisodeTab(page, eloise.episodeId, 'Diagnostics');
    await page.getByText('Aucun diagnostic n’est encore enregistré pour cet accompagnement.').waitFor();
    await expectAccessible(page, 'assessments, none yet');

    await page.getByRole('button', { name: 'Nouveau diagnostic' }).click();
    await page.getByRole('heading', { level: 2, name: 'Nouveau diagnostic' }).waitFor();
    // The structure's templates, the French default first and chosen.
    const templates = page.getByRole('group', { name: 'Modèle de diagnostic' });
    expect(await templates.getByRole('radio').evaluateAll((radios) => radios.map((r) => (r as HTMLInputElement).labels?.[0]?.textContent))).toEqual(['Diagnostic partagé (modèle Relais)', 'Bilan court']);
    expect(await templates.getByLabel('Diagnostic partagé (modèle Relais)').isChecked()).toBe(true);
    for (const section of ['Autonomie au quotidien', 'Santé', 'Vie sociale', 'Logement', 'Emploi et formation', 'Scolarité', 'Relations familiales', 'Ressources et droits']) {
      await page.getByRole('group', { name: section, exact: true }).waitFor();
    }
    await page.getByLabel('Les attentes de la personne, avec ses mots').fill('Je voudrais retrouver confiance pour sortir de chez moi.');
    await page.getByLabel('Ses forces et ses ressources').fill('Très entourée par sa sœur.');
    await page.getByLabel('Ce qui fait obstacle').fill('Angoisse dans les transports.');
    // A scale, a choice, a text.
    const gestures = page.getByRole('group', { name: 'Gestes de la vie quotidienne (repas, hygiène, ménage)' });
    await gestures.getByText('De 1 (aide constante) à 5 (en toute autonomie).').waitFor();
    await gestures.getByRole('radio', { name: '3', exact: true }).check();
    await page.getByRole('group', { name: 'Suivi médical en place' }).getByRole('radio', { name: 'Oui, irrégulier' }).check();
    await page.getByLabel('Difficultés ou projets liés au logement').fill('Appartement au 4e sans ascenseur.');
    // Who took part: the person and the user are there from the start; a relative, a colleague, the GP are added.
    expect(await page.getByRole('checkbox', { name: 'Éloïse Lambert, la personne accompagnée' }).isChecked()).toBe(true);
    await page.getByLabel('Discipline de Julien Perrin').waitFor();
    await page.getByRole('group', { name: 'Ses proches' }).getByRole('checkbox', { name: 'Nadia Lambert (Frère ou sœur)' }).check();
    await page.getByLabel('Ajouter un professionnel').selectOption({ label: 'Élise Marchand' });
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    expect(await page.getByLabel('Discipline de Élise Marchand').locator('option:checked').textContent()).toBe('Psychologue');
    await page.getByLabel('Autres participants').fill('Dr Samuel Blanc, médecin traitant');
    await expectAccessible(page, 'new assessment form');
    await screenshot(page, 'assessment-new');

    await page.getByRole('button', { name: 'Enregistrer le diagnostic' }).click();
    const today = frenchDate(parisDay());
    await page.getByRole('heading', { level: 2, name: `Diagnostic du ${today}` }).waitFor();
    const view = page.getByTestId('assessment-view');
    expect(await fact(view, 'Gestes de la vie quotidienne (repas, hygiène, ménage)').textContent()).toMatch(loose('3 sur 5 (de 1 : aide constante à 5 : en toute autonomie)'));
    expect(await fact(view, 'Suivi médical en place').textContent()).toBe('Oui, irrégulier');
    expect(await fact(view, 'Les attentes de la personne, avec ses mots').textContent()).toContain('Je voudrais retrouver confiance pour sortir de chez moi.');
    expect(await fact(view, 'Situation de logement').textContent()).toBe('Pas de réponse');
    expect(await fact(view, 'Qui a participé').textContent()).toBe(
      'Éloïse Lambert (la personne), Nadia Lambert (Frère ou sœur), Julien Perrin (Éducateur ou éducatrice spécialisé(e)), Élise Marchand (Psychologue) et Dr Samuel Blanc, médecin traitant',
    );
    await expectAccessible(page, 'assessment read');
    await screenshot(page, 'assessment-view');

    const [stored] = await referentApi.request<{ answers: Record<string, unknown>; participants: { kind: string }[]; revision: number; expectations: string }[]>('GET', `/api/v1/episodes/${eloise.episodeId}/assessments`);
    expect(stored!.answers).toEqual({ autonomie_gestes: 3, sante_suivi: 'Oui, irrégulier', logement_precisions: 'Appartement au 4e sans ascenseur.' });
    expect(stored!.participants.map((p) => p.kind)).toEqual(['person', 'relative', 'staff', 'staff', 'other']);
    expect(stored!.expectations).toBe('Je voudrais retrouver confiance pour sortir de chez moi.');

    await page.getByRole('button', { name: 'Tous les diagnostics' }).click();
    const table = page.getByRole('table', { name: 'Diagnostics de l’accompagnement' });
    const [row] = await rows(table);
    expect(row!.slice(0, 2)).toEqual([today, 'Diagnostic partagé (modèle Relais)']);
    expect(row![3]).toMatch(/^Julien Perrin, le /);
    await expectAccessible(page, 'assessments list');
    await page.context().close();
  });

  it('keeps the user’s answers when a colleague saved the same assessment first (412), then reloads it on request', async () => {
    const page = await newPage(await newContext(browser, tabletPortrait));
    await signIn(page, server.baseUrl, referent);
    await openEpisodeTab(page, eloise.episodeId, 'Diagnostics');
    await page.getByRole('button', { name: /^Ouvrir le diagnostic du/ }).click();
    await page.getByRole('button', { name: 'Modifier' }).click();
    await page.getByRole('heading', { level: 2, name: /^Modifier le diagnostic du/ }).waitFor();
    await page.getByLabel('Ses forces et ses ressources').fill('Entourée par sa sœur et sa voisine.');
    // Meanwhile, the colleague saves the same revision.
    const [a] = await colleagueApi.request<{ id: string; revision: number }[]>('GET', `/api/v1/episodes/${eloise.episodeId}/assessments`);
    await colleagueApi.request('PATCH', `/api/v1/assessments/${a!.id}`, { revision: a!.revision, obstacles: 'Angoisse dans le bus, moins dans le tram.' });

    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    const conflict = page.getByTestId('assessment-conflict');
    await conflict.getByText(/^Modifié par Élise Marchand le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2} \(version 2\)\.$/).waitFor();
    await page.getByRole('alert').filter({ hasText: 'Quelqu’un a modifié ce diagnostic entre-temps' }).waitFor();
    // Nothing the user typed is lost.
    expect(await page.getByLabel('Ses forces et ses ressources').inputValue()).toBe('Entourée par sa sœur et sa voisine.');
    expect(await page.getByLabel('Ce qui fait obstacle').inputValue()).toBe('Angoisse dans les transports.');
    await expectAccessible(page, 'assessment conflict');
    await screenshot(page, 'assessment-conflict');

    await conflict.getByRole('button', { name: 'Recharger le diagnostic' }).click();
    await page.getByTestId('assessment-conflict').waitFor({ state: 'detached' });
    expect(await page.getByLabel('Ce qui fait obstacle').inputValue()).toBe('Angoisse dans le bus, moins dans le tram.');
    expect(await page.getByLabel('Ses forces et ses ressources').inputValue()).toBe('Très entourée par sa sœur.');
    await page.getByLabel('Ses forces et ses ressources').fill('Entourée par sa sœur et sa voisine.');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    const view = page.getByTestId('assessment-view');
    await view.getByText(/^Modifié en dernier par Julien Perrin le .* \(version 3\)$/).waitFor();
    expect(await fact(view, 'Ses forces et ses ressources').textContent()).toBe('Entourée par sa sœur et sa voisine.');
    expect(await fact(view, 'Ce qui fait obstacle').textContent()).toBe('Angoisse dans le bus, moins dans le tram.');
    await page.context().close();
  });

  it('evaluates the goals on their described levels twice, shows the T-score, the history and each goal’s progress with its data', async () => {
    const page = await newPage(await newContext(browser, tabletPortrait));
    await signIn(page, server.baseUrl, referent);
    await openEpisodeTab(page, eloise.episodeId, 'Évaluations');
    await page.getByText(`Version 1 du projet, en vigueur depuis le ${frenchDate(parisDay(-30))}`).waitFor();
    await page.getByText('Aucune évaluation pour l’instant.').waitFor();

    const evaluate = async (day: string, levels: [string, string], personView: string) => {
      await page.getByRole('button', { name: 'Nouvelle évaluation' }).click();
      await page.getByRole('heading', { name: 'Évaluer la version 1 du projet' }).waitFor();
      await page.getByLabel(label('Date de l’évaluation')).fill(day);
      await page.getByRole('group', { name: loose('Objectif 1 : « Je veux refaire mes courses toute seule »') }).getByRole('radio', { name: levels[0], exact: true }).check();
      await page.getByRole('group', { name: loose('Objectif 2 : « Reprendre contact avec ma fille »') }).getByRole('radio', { name: levels[1], exact: true }).check();
      await page.getByLabel('Ce qu’en dit la personne').fill(personView);
    };

    // An evaluation scores at least one goal; cancelling gives the focus back.
    await page.getByRole('button', { name: 'Nouvelle évaluation' }).click();
    await page.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    await page.getByText('Évaluez au moins un objectif.').waitFor();
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.type === 'radio');
    await page.getByRole('button', { name: 'Annuler' }).click();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Nouvelle évaluation');

    // First: both goals a little less than expected, three weeks ago.
    await evaluate(parisDay(-21), [scale1['-1'], scale2['-1']], 'Je sors un peu plus, mais pas encore seule.');
    // Each level's own description is the choice; its place on the scale is said with it.
    const goal1 = page.getByRole('group', { name: loose('Objectif 1 : « Je veux refaire mes courses toute seule »') });
    expect(await goal1.getByRole('radio').evaluateAll((radios) => radios.map((r) => (r as HTMLInputElement).labels?.[0]?.textContent))).toEqual([scale1['2'], scale1['1'], scale1['0'], scale1['-1'], scale1['-2'], 'Pas évalué cette fois']);
    await goal1.getByText('−1 · Un peu moins que prévu').waitFor();
    await page.getByLabel('Commentaire sur l’objectif 2').fill('Un appel en un mois.');
    await expectAccessible(page, 'evaluation form');
    await screenshot(page, 'evaluation-form');
    await page.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    const result = page.getByTestId('evaluation-result');
    await result.getByText(loose('Score T : 37,6')).waitFor();
    await result.getByText('Moins bien que prévu', { exact: true }).waitFor();
    await result.getByText('50 = résultats attendus atteints en moyenne ; au-dessus : mieux que prévu ; en dessous : moins bien que prévu.').waitFor();

    // Then today: the first goal better than expected, the second as expected.
    await evaluate(parisDay(), [scale1['1'], scale2['0']], 'Je suis allée seule au marché deux samedis.');
    await page.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    await result.getByText(loose('Score T : 56,2')).waitFor();
    await result.getByText('Mieux que prévu', { exact: true }).waitFor();

    // The history, newest first.
    const history = page.getByRole('table', { name: 'Évaluations du projet' });
    await history.getByText('56,2').waitFor();
    const historyRows = await rows(history);
    expect(historyRows.map((r) => r[1])).toEqual(['56,2Mieux que prévu', '37,6Moins bien que prévu']);
    expect(historyRows[0]![0]).toBe(`${frenchDate(parisDay())}Version 1, 2 objectifs évalués`);
    expect(historyRows[1]![3]).toContain('Je sors un peu plus, mais pas encore seule.');

    // Each goal's progress: a drawn chart with a spoken summary, and the same data as a table.
    const charts = page.getByRole('img', { name: /^Progression de l’objectif/ });
    expect(await charts.count()).toBe(2);
    expect(await charts.first().getAttribute('aria-label')).toMatch(
      loose(`Progression de l’objectif « Je veux refaire mes courses toute seule », 2 évaluations : −1 (un peu moins que prévu) le ${frenchDate(parisDay(-21))} et +1 (un peu mieux que prévu) le ${frenchDate(parisDay())}.`),
    );
    const progress = page.getByTestId('goal-progress').first();
    await progress.getByText('Voir les données').click();
    const data = progress.getByRole('table', { name: loose('Niveaux atteints pour l’objectif « Je veux refaire mes courses toute seule »') });
    expect(await rows(data)).toEqual([
      [frenchDate(parisDay(-21)), '−1 Un peu moins que prévu', scale1['-1'], '—'],
      [frenchDate(parisDay()), '+1 Un peu mieux que prévu', scale1['1'], '—'],
    ]);
    const data2 = page.getByTestId('goal-progress').nth(1);
    await data2.getByText('Voir les données').click();
    expect((await rows(data2.getByRole('table')))[0]![3]).toBe('Un appel en un mois.');
    await expectAccessible(page, 'evaluations with history and charts');
    await screenshot(page, 'evaluations');
    await page.context().close();
  });

  it('shows an overdue contract for an episode admitted 40 days ago; a change of situation adds a review of the plan', async () => {
    const page = await newPage(await newContext(browser, tabletPortrait));
    await signIn(page, server.baseUrl, referent);
    await openEpisodeTab(page, matheo.episodeId, 'Échéances');
    const table = page.getByRole('table', { name: 'Échéances de l’accompagnement' });
    await table.waitFor();
    const late = await rows(table);
    expect(late.map((r) => r[0])).toEqual(['Contrat remis à la personne — 15 jours', 'Contrat signé — 1 mois', 'Avenant des objectifs personnalisés — 6 mois']);
    expect(late[0]).toEqual(['Contrat remis à la personne — 15 jours', frenchDate(parisDay(-25)), 'En retard de 25 jours']);
    expect(late[1]![2]).toMatch(/^En retard de \d+ jours$/);
    expect(late[2]![2]).toMatch(/^À faire dans \d+ jours$/);
    await expectAccessible(page, 'deadlines, contract overdue');
    await screenshot(page, 'deadlines-overdue');

    await openEpisodeTab(page, eloise.episodeId, 'Échéances');
    const before = await rows(table);
    expect(before.find((r) => r[0] === 'Avenant des objectifs personnalisés — 6 mois')![2]).toBe(`Fait le ${frenchDate(parisDay(-30))}`);
    expect(before.some((r) => r[0] === 'Révision après un changement de situation')).toBe(false);
    await page.getByRole('button', { name: 'Noter un changement de situation' }).click();
    const dialog = page.getByRole('dialog', { name: 'Noter un changement de situation' });
    await dialog.getByRole('button', { name: 'Noter le changement' }).click();
    await dialog.getByText('Décrivez le changement en quelques mots.').waitFor();
    await expectAccessible(page, 'situation change refused without a note');
    await dialog.getByLabel(label('Ce qui a changé')).fill('Hospitalisation de sa sœur, principale aidante.');
    await dialog.getByRole('button', { name: 'Noter le changement' }).click();
    await dialog.waitFor({ state: 'detached' });
    const review = table.getByRole('row').filter({ hasText: 'Révision après un changement de situation' });
    await review.waitFor();
    expect((await review.locator('td').allTextContents())[2]).toMatch(/^À faire dans \d+ jours$/);
    await page.getByText(`Le changement de situation du ${frenchDate(parisDay())} est noté.`).waitFor();
    await expectAccessible(page, 'deadlines after a change of situation');
    await screenshot(page, 'deadlines-situation');
    await page.context().close();
  });

  it('shows the référent their own deadlines at home, without the structure’s page', async () => {
    const page = await newPage(await newContext(browser, tabletPortrait));
    await signIn(page, server.baseUrl, referent);
    const mine = page.getByRole('region', { name: 'Mes échéances' });
    await mine.getByTestId('my-deadline').first().waitFor();
    const items = await mine.getByTestId('my-deadline').allTextContents();
    // Soonest first: Éloïse's contract (admitted 60 days ago) before Mathéo's.
    expect(items[0]).toContain('Éloïse Lambert');
    expect(items[0]).toContain('En retard de 45 jours');
    const handover = items.find((i) => i.includes('Mathéo Roux') && i.includes('Contrat remis'));
    expect(handover).toContain(`Contrat remis à la personne — 15 jours, au plus tard le ${frenchDate(parisDay(-25))}`);
    expect(handover).toContain('En retard de 25 jours');
    // The review falls due one calendar month after the change (noted today): shown when that is within the home's 30 days.
    const [y, m, d] = parisDay().split('-').map(Number) as [number, number, number];
    const reviewDue = new Date(Date.UTC(y, m, Math.min(d, new Date(Date.UTC(y, m + 1, 0)).getUTCDate())));
    const withinHorizon = (reviewDue.getTime() - Date.UTC(y, m - 1, d)) / 86_400_000 <= 30;
    expect(items.some((i) => i.includes('Éloïse Lambert') && i.includes('Révision après un changement de situation'))).toBe(withinHorizon);
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await nav.getByRole('link', { name: 'Accueil' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Échéances' }).count()).toBe(0);
    expect(await mine.getByRole('link', { name: 'Toutes les échéances de la structure' }).count()).toBe(0);
    await expectAccessible(page, 'home with my deadlines');
    await screenshot(page, 'home-my-deadlines');
    await mine.getByRole('link', { name: 'Mathéo Roux' }).first().click();
    await page.getByRole('heading', { level: 2, name: 'Échéances' }).waitFor();
    expect(page.url()).toBe(`${server.baseUrl}/prises-en-charge/${matheo.episodeId}?onglet=deadlines`);
    await page.context().close();
  });

  it('shows a coordinator the structure’s deadlines, filtered by status and horizon, a discreet person by initials', async () => {
    await coordinatorApi.request('PATCH', `/api/v1/people/${matheo.personId}`, { discreet: true });
    const page = await newPage(await newContext(browser, tabletPortrait));
    await signIn(page, server.baseUrl, coordinator);
    await page.getByRole('region', { name: 'Mes échéances' }).getByTestId('my-deadline').first().waitFor();
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Échéances', exact: true }).click();
    await expectHeading(page, 'Échéances');
    const table = page.getByRole('table', { name: 'Échéances de la structure' });
    await table.waitFor();
    const all = await rows(table);
    expect(all).toContainEqual(['M. R.', 'Contrat remis à la personne — 15 jours', frenchDate(parisDay(-25)), 'En retard de 25 jours', 'Accompagnement personnalisé', 'Julien Perrin']);
    expect(all[0]).toEqual(['Éloïse Lambert', 'Contrat remis à la personne — 15 jours', frenchDate(parisDay(-45)), 'En retard de 45 jours', 'Accompagnement personnalisé', 'Julien Perrin']);
    expect(JSON.stringify(all)).not.toContain('Mathéo');
    const total = page.getByTestId('deadlines-total');
    expect(await total.textContent()).toBe(`${all.length} échéances`);
    await expectAccessible(page, 'structure deadlines');
    await screenshot(page, 'structure-deadlines');

    await page.getByLabel('Statut').selectOption({ label: 'En retard' });
    await page.waitForURL(/statut=overdue/);
    // The filtered count shows once the table has re-rendered with the filter applied.
    await total.filter({ hasText: ' sur ' }).waitFor();
    const overdue = await rows(table);
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    expect(overdue.every((r) => r[3]!.startsWith('En retard de'))).toBe(true);
    expect(await total.textContent()).toBe(`${overdue.length} échéances sur ${all.length}`);
    await page.getByLabel('Statut').selectOption({ label: 'Tous' });
    await page.getByLabel('En retard ou à échéance dans les').selectOption({ label: '90 prochains jours' });
    await page.waitForURL(/jours=90/);
    // Within 90 days, the change of situation's review is listed too.
    await table.getByRole('row').filter({ hasText: 'Révision après un changement de situation' }).waitFor();
    await expectAccessible(page, 'structure deadlines, 90 days');
    // In English too.
    await page.getByRole('button', { name: 'English' }).click();
    await expectHeading(page, 'Deadlines');
    await page.getByTestId('structure-deadlines').getByRole('row').filter({ hasText: 'M. R.' }).filter({ hasText: 'Contract handed over to the person — 15 days' }).getByText('25 days overdue').waitFor();
    await expectAccessible(page, 'structure deadlines in English');
    await screenshot(page, 'structure-deadlines-en');
    await page.getByRole('button', { name: 'Français' }).click();
    await expectHeading(page, 'Échéances');
    await page.getByRole('link', { name: 'Éloïse Lambert' }).first().click();
    await page.getByRole('heading', { level: 2, name: 'Échéances' }).waitFor();
    await page.context().close();
  });
});
