import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createColleague, setUpOrganization, type ApiClient } from './support/api.js';
import { expectAccessible, expectHeading, label, launchBrowser, newContext, newPage, screenshot, tabletPortrait } from './support/browser.js';
import { startRelais, type RelaisServer } from './support/relais-server.js';
import { parisDay } from './support/days.js';

const coordinator = { firstName: 'Claire', lastName: 'Bernard', email: 'claire.bernard@clinique-exemple.fr', password: 'le chemin des tilleuls en mai' };
const referent = { firstName: 'Julien', lastName: 'Perrin', email: 'julien.perrin@clinique-exemple.fr', password: 'trois pommes et un cerisier' };
const colleague = { firstName: 'Élise', lastName: 'Marchand', email: 'elise.marchand@clinique-exemple.fr', password: 'un phare au bout de la jetée' };
const clinician = { firstName: 'Samia', lastName: 'Haddad', email: 'samia.haddad@clinique-exemple.fr', password: 'la barque glisse sur le lac' };
const serviceName = 'Accompagnement personnalisé';
const heading = `Projet personnalisé — ${serviceName}`;

/** A calendar day in Paris, `offset` days from today ("2026-11-23"). */
/** The same day as the interface writes it ("23 novembre 2026"). */
const frenchDate = (isoDay: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDay}T00:00:00Z`));
/** French text carries non-breaking spaces (before « : », inside « »): match any space. */
const loose = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s'));

async function signIn(page: Page, baseUrl: string, account: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel(label('Mot de passe')).fill(account.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expectHeading(page, /^Bonjour/);
}

/** An entry of the editor's lists: "Objectif 1", "Action 1" (a fieldset named by its legend). */
const entry = (scope: Page | Locator, name: string) => scope.getByRole('group', { name, exact: true });

/** Fills in a goal's required fields and its five levels. */
async function fillGoal(goal: Locator, g: { words: string; professional?: string; domain: string; priority: string; aim: string; levels: string[] }): Promise<void> {
  await goal.getByLabel(label('Avec les mots de la personne')).fill(g.words);
  if (g.professional) await goal.getByLabel('Formulation professionnelle').fill(g.professional);
  await goal.getByLabel(label('Domaine de vie')).selectOption({ label: g.domain });
  await goal.getByRole('group', { name: 'Priorité' }).getByRole('radio', { name: g.priority, exact: true }).check();
  await goal.getByLabel(label('Ce que je vise à faire par moi-même')).fill(g.aim);
  const levels = ['−2 · bien moins que prévu', '−1 · un peu moins que prévu', '0 · résultat attendu', '+1 · un peu mieux que prévu', '+2 · bien mieux que prévu'];
  for (const [i, level] of levels.entries()) await goal.getByLabel(label(level)).fill(g.levels[i]!);
}

/** Draws a signature with the mouse on the pad (pointer events, as a finger or a stylus would). */
async function drawSignature(page: Page, pad: Locator): Promise<void> {
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + 130);
  await page.mouse.down();
  for (let i = 1; i <= 16; i++) await page.mouse.move(box.x + 40 + i * 22, box.y + 110 - Math.sin(i / 2) * 45, { steps: 3 });
  await page.mouse.up();
}

/** The PDF behind a download link answers a PDF (the session cookie goes with the request). */
async function expectPdf(page: Page, baseUrl: string, link: Locator): Promise<void> {
  const href = (await link.getAttribute('href'))!;
  const response = await page.request.get(`${baseUrl}${href}`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  expect((await response.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
}

describe('journey: the personalised support plan — writing, a concurrent save, agreement, in force, history; the contract of stay', () => {
  let server: RelaisServer;
  let browser: Browser;
  let episodeId: string;
  let julien: { context: BrowserContext; page: Page };
  let elise: { context: BrowserContext; page: Page };
  const episodeUrl = () => `${server.baseUrl}/prises-en-charge/${episodeId}`;

  beforeAll(async () => {
    server = await startRelais();
    const admin = await setUpOrganization(server);
    // The service, the person and the admission are other screens' work: set up through the API.
    const coordinatorApi: ApiClient = await createColleague(admin, server, coordinator, 'coordinator', ['personal_support_manager']);
    await createColleague(admin, server, referent, 'practitioner', ['educator']);
    await createColleague(admin, server, colleague, 'practitioner', ['psychologist']);
    await createColleague(admin, server, clinician, 'clinical_referent', ['psychiatrist']);
    const directory = await coordinatorApi.request<{ id: string; firstName: string }[]>('GET', '/api/v1/staff/directory');
    const idOf = (firstName: string) => directory.find((s) => s.firstName === firstName)!.id;
    const { id: serviceId } = await coordinatorApi.request<{ id: string }>('POST', '/api/v1/services', {
      name: serviceName,
      kind: 'personal_support_management',
      defaultDurationMinutes: 60,
      maxDurationMinutes: 90,
      modalities: ['home', 'on_site'],
    });
    const { id: referralId } = await coordinatorApi.request<{ id: string }>('POST', '/api/v1/referrals', {
      source: 'self',
      firstName: 'Éloïse',
      lastName: 'Lambert',
      reason: 'Souhaite retrouver de l’autonomie au quotidien.',
      urgency: 'routine',
      consentToShare: true,
      serviceId,
    });
    const { personId } = await coordinatorApi.request<{ personId: string }>('POST', `/api/v1/referrals/${referralId}/person`, { createRecord: true, duplicatesAcknowledged: true });
    ({ episodeId } = await coordinatorApi.request<{ episodeId: string }>('POST', '/api/v1/admission-decisions', {
      referralId,
      serviceId,
      outcome: 'admit',
      criteriaAnswers: [],
      admission: { referentId: idOf('Julien'), coordinatorId: idOf('Claire'), startedOn: parisDay(-5), members: [{ staffMemberId: idOf('Élise') }, { staffMemberId: idOf('Samia') }] },
    }));
    await coordinatorApi.request('POST', `/api/v1/people/${personId}/relatives`, { firstName: 'Nadia', lastName: 'Lambert', relationship: 'sibling', takesPartInPlan: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets a référent write the first plan; a colleague’s concurrent save gets a 412 naming who saved, keeps her text, then saves on top', async () => {
    julien = { context: await newContext(browser, tabletPortrait), page: undefined as unknown as Page };
    julien.page = await newPage(julien.context);
    elise = { context: await newContext(browser, tabletPortrait), page: undefined as unknown as Page };
    elise.page = await newPage(elise.context);
    const page = julien.page;
    await signIn(page, server.baseUrl, referent);
    await page.goto(episodeUrl());
    await expectHeading(page, heading);
    await page.getByText('Aucun projet n’est encore rédigé pour cet accompagnement.').waitFor();
    await expectAccessible(page, 'plan tab, no plan yet');
    await screenshot(page, 'plan-empty');

    await page.getByRole('button', { name: 'Rédiger le projet avec la personne' }).click();
    const editor = page.getByTestId('plan-editor');
    await page.getByRole('heading', { name: 'Premier projet' }).waitFor();
    // Nothing filled in: each missing field says so, and the first takes the focus.
    await editor.getByRole('button', { name: 'Enregistrer la version 1' }).click();
    await editor.getByText('Écrivez l’objectif avec les mots de la personne.').waitFor();
    await editor.getByText('Choisissez le domaine de vie.').waitFor();
    expect(await editor.getByText('Décrivez ce niveau.').count()).toBe(5);
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    await expectAccessible(page, 'plan editor with errors');
    await screenshot(page, 'plan-editor-errors');

    await editor.getByLabel('Résumé du projet').fill('Reprendre pied chez soi et dehors, à son rythme.');
    const goal1 = entry(editor, 'Objectif 1');
    await fillGoal(goal1, {
      words: 'Je veux refaire mes courses toute seule',
      professional: 'Reprise des déplacements autonomes dans le quartier',
      domain: 'Autonomie au quotidien',
      priority: 'Haute',
      aim: 'Aller seule au marché le samedi',
      levels: ['Ne sort plus de chez elle', 'Sort accompagnée une fois par semaine', 'Fait ses courses seule une fois par semaine', 'Fait ses courses seule deux fois par semaine', 'Participe à une activité du quartier'],
    });
    await goal1.getByLabel('Échéance visée').fill(parisDay(180));
    await goal1.getByRole('button', { name: 'Ajouter une action' }).click();
    const action = entry(goal1, 'Action 1');
    await action.getByLabel(label('Professionnel·le')).selectOption({ label: 'Élise Marchand' });
    await action.getByLabel(label('Quoi')).fill('Accompagner au marché, puis attendre au café d’en face');
    await action.getByLabel('Fréquence').fill('chaque samedi');
    await action.getByLabel('Du', { exact: true }).fill(parisDay(2));
    await editor.getByRole('button', { name: 'Ajouter un objectif' }).click();
    const goal2 = entry(editor, 'Objectif 2');
    await fillGoal(goal2, {
      words: 'Reprendre contact avec ma fille',
      domain: 'Relations familiales',
      priority: 'Moyenne',
      aim: 'Appeler ma fille chaque dimanche',
      levels: ['Aucun contact', 'Un message dans le mois', 'Un appel par mois', 'Un appel par semaine', 'Une visite'],
    });
    await expectAccessible(page, 'plan editor filled in');
    await screenshot(page, 'plan-editor');
    await editor.getByRole('button', { name: 'Enregistrer la version 1' }).click();
    await page.getByText('Version 1 du projet enregistrée.').waitFor();
    const current = page.getByRole('region', { name: 'Version 1 du projet' });
    await current.getByTestId('plan-status').filter({ hasText: 'Brouillon' }).waitFor();
    // The person's words first, in quotes; who does what, in words.
    await current.getByRole('article', { name: loose('« Je veux refaire mes courses toute seule »') }).waitFor();
    const row = current.getByTestId('plan-action').first();
    expect(await row.locator('td').allTextContents()).toEqual(['Élise Marchand', 'Accompagner au marché, puis attendre au café d’en face', 'chaque samedi', `à partir du ${frenchDate(parisDay(2))}`, 'Prévue']);
    await current.getByText('résultat attendu').first().waitFor();
    await expectAccessible(page, 'plan version 1, draft');
    await screenshot(page, 'plan-draft');

    // Élise opens the editor on version 1 and adds an action with the person's sister…
    const other = elise.page;
    await signIn(other, server.baseUrl, colleague);
    await other.goto(episodeUrl());
    await expectHeading(other, heading);
    await other.getByRole('button', { name: 'Modifier le projet' }).click();
    await other.getByRole('heading', { name: 'Nouvelle version du projet (version 2)' }).waitFor();
    const otherEditor = other.getByTestId('plan-editor');
    const otherGoal2 = entry(otherEditor, 'Objectif 2');
    await otherGoal2.getByRole('button', { name: 'Ajouter une action' }).click();
    const sisterAction = entry(otherGoal2, 'Action 1');
    await sisterAction.getByRole('radio', { name: 'Un proche' }).check();
    await sisterAction.getByLabel(label('Proche')).selectOption({ label: 'Nadia Lambert (Frère ou sœur)' });
    const sisterText = 'Préparer ensemble le premier appel, avec sa sœur';
    await sisterAction.getByLabel(label('Quoi')).fill(sisterText);
    await otherEditor.getByLabel('Note de changement').fill('Ajout du soutien de sa sœur');
    // Looking at another tab and coming back keeps what she typed.
    await other.getByRole('tab', { name: 'Contrat' }).click();
    await other.getByRole('region', { name: 'Contrat de séjour ou DIPC' }).waitFor();
    await other.getByRole('tab', { name: 'Projet' }).click();
    await otherEditor.getByText('Vos modifications non enregistrées ont été reprises.').waitFor();
    expect(await sisterAction.getByLabel(label('Quoi')).inputValue()).toBe(sisterText);

    // … while Julien saves a version 2 first.
    await page.getByRole('button', { name: 'Modifier le projet' }).click();
    await editor.getByLabel('Résumé du projet').fill('Reprendre pied chez soi et dehors, à son rythme, avec sa sœur.');
    await editor.getByRole('button', { name: 'Enregistrer la version 2' }).click();
    await page.getByText('Version 2 du projet enregistrée.').waitFor();

    await otherEditor.getByRole('button', { name: 'Enregistrer la version 2' }).click();
    const conflict = other.getByRole('alert').filter({ hasText: 'Votre version n’est pas enregistrée' });
    await conflict.getByText(/^Modifié par Julien Perrin le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2} \(version 2\)\.$/).waitFor();
    await other.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'plan-conflict');
    // Nothing typed is lost.
    expect(await sisterAction.getByLabel(label('Quoi')).inputValue()).toBe(sisterText);
    expect(await otherEditor.getByLabel('Note de changement').inputValue()).toBe('Ajout du soutien de sa sœur');
    await expectAccessible(other, 'plan editor after a 412');
    await screenshot(other, 'plan-conflict');

    await conflict.getByRole('button', { name: 'Voir la version enregistrée' }).click();
    const latest = other.getByRole('dialog', { name: 'Version 2 enregistrée' });
    await latest.getByText('Reprendre pied chez soi et dehors, à son rythme, avec sa sœur.').waitFor();
    await latest.getByText(/^Enregistrée par Julien Perrin le /).waitFor();
    await expectAccessible(other, 'the saved version beside the form');
    await screenshot(other, 'plan-conflict-latest');
    await latest.getByRole('button', { name: 'Revenir au formulaire' }).click();
    await latest.waitFor({ state: 'detached' });

    await conflict.getByRole('button', { name: 'Reprendre à partir de la dernière version' }).click();
    await other.getByTestId('plan-rebased').getByText(loose('Vous repartez de la version 2 avec le contenu du formulaire : enregistrer créera la version 3.')).waitFor();
    expect(await sisterAction.getByLabel(label('Quoi')).inputValue()).toBe(sisterText);
    await otherEditor.getByRole('button', { name: 'Enregistrer la version 3' }).click();
    await other.getByText('Version 3 du projet enregistrée.').waitFor();
    const v3 = other.getByRole('region', { name: 'Version 3 du projet' });
    await v3.getByTestId('plan-action').filter({ hasText: sisterText }).getByText('Nadia Lambert (Frère ou sœur)').waitFor();
  });

  it('is proposed, signed by the person on the pad and by the référent, then put into force; only the référent signs for the team', async () => {
    const page = julien.page;
    await page.reload();
    await expectHeading(page, heading);
    const current = page.getByRole('region', { name: 'Version 3 du projet' });
    await current.getByRole('button', { name: 'Proposer à la personne' }).click();
    await page.getByText(loose('Version 3 proposée à Éloïse Lambert : recueillez les accords.')).waitFor();
    await current.getByTestId('plan-status').filter({ hasText: 'Proposé à la personne' }).waitFor();
    const panel = current.getByRole('region', { name: 'Accords et signatures' });
    await panel.waitFor();
    await current.getByRole('button', { name: 'Aller aux signatures' }).click();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Accords et signatures');
    await expectAccessible(page, 'proposed plan with the agreement step');
    await screenshot(page, 'plan-proposed');

    // A colleague sees that the référent signs from their own account.
    await elise.page.reload();
    await elise.page.getByRole('region', { name: 'Accords et signatures' }).getByText('Seul·e Julien Perrin, référent·e, signe pour l’équipe, depuis son propre compte.').waitFor();
    await elise.context.close();

    await panel.getByRole('button', { name: 'Recueillir l’accord de Éloïse Lambert' }).click();
    const dialog = page.getByRole('dialog', { name: loose('Accord de Éloïse Lambert — projet personnalisé, version 3') });
    await dialog.getByRole('radio', { name: 'Signe', exact: true }).check();
    await dialog.getByRole('button', { name: 'Enregistrer l’accord' }).click();
    await dialog.getByText('Faites signer dans le cadre, ou cochez cette case si l’accord est oral ou sur papier.').waitFor();
    await expectAccessible(page, 'agreement form, nothing signed yet');
    await drawSignature(page, dialog.getByTestId('signature-pad'));
    await dialog.getByText('Signature dessinée.').waitFor();
    await expectAccessible(page, 'agreement form with a drawn signature');
    await screenshot(page, 'plan-signature');
    await dialog.getByRole('button', { name: 'Enregistrer l’accord' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Accord de Éloïse Lambert enregistré.').waitFor();
    await panel.getByTestId('party-person').getByText(`Éloïse Lambert (la personne) a signé le ${frenchDate(parisDay())} — signature dessinée à l’écran`).waitFor();

    await panel.getByRole('button', { name: 'Signer en tant que référent·e' }).click();
    const mine = page.getByRole('dialog', { name: loose('Votre accord de référent·e — projet personnalisé, version 3') });
    await mine.getByLabel('Je donne mon accord depuis mon compte, sans signature dessinée').check();
    await expectAccessible(page, 'référent’s agreement form');
    await mine.getByRole('button', { name: 'Enregistrer l’accord' }).click();
    await mine.waitFor({ state: 'detached' });
    await page.getByText(loose('La version 3 est validée : vous pouvez la mettre en œuvre.')).waitFor();
    await current.getByTestId('plan-status').filter({ hasText: `Validé le ${frenchDate(parisDay())}` }).waitFor();
    await expectAccessible(page, 'agreed plan');
    await screenshot(page, 'plan-agreed');

    const activate = current.getByTestId('activate-form');
    expect(await activate.getByLabel(label('En vigueur à partir du')).inputValue()).toBe(parisDay());
    await activate.getByRole('button', { name: 'Mettre en œuvre' }).click();
    const active = page.getByRole('region', { name: 'Projet en vigueur — version 3' });
    await active.getByTestId('plan-status').filter({ hasText: `En vigueur depuis le ${frenchDate(parisDay())}` }).waitFor();
    expect(await page.getByRole('region', { name: 'Version 3 du projet' }).count()).toBe(0);
    await active.getByTestId('agreement-list').getByText(/^Julien Perrin \(référent·e\) a signé le/).waitFor();
    await expectAccessible(page, 'plan in force');
    await screenshot(page, 'plan-active');
    await expectPdf(page, server.baseUrl, active.getByTestId('plan-pdf'));
  });

  it('shows the history: what changed between two versions in words, and any version read-only', async () => {
    const page = julien.page;
    const history = page.getByRole('region', { name: 'Historique des versions' });
    const versions = history.getByTestId('plan-version');
    expect(await versions.count()).toBe(3);
    const v3 = history.getByRole('article', { name: 'Version 3' });
    await v3.getByText(loose('Note de changement : Ajout du soutien de sa sœur')).waitFor();
    await v3.getByRole('button', { name: 'Comparer la version 3 avec la version 2' }).click();
    const changes = v3.getByTestId('plan-changes');
    await changes.getByText('Ce qui a changé de la version 2 à la version 3').waitFor();
    await changes.getByText('Résumé modifié.').waitFor();
    expect(await changes.getByRole('listitem').allTextContents()).toEqual(['Résumé modifié.', 'Objectif modifié : «\u00a0Reprendre contact avec ma fille\u00a0» — 1 action ajoutée.']);
    expect(await v3.getByRole('button', { name: 'Comparer la version 3 avec la version 2' }).getAttribute('aria-expanded')).toBe('true');
    await history.getByRole('article', { name: 'Version 1' }).getByTestId('plan-status').filter({ hasText: 'Remplacé' }).waitFor();
    await expectAccessible(page, 'plan history with a comparison');
    await screenshot(page, 'plan-history');

    await history.getByRole('button', { name: 'Consulter la version 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Version 1 du projet' });
    await dialog.getByText('Reprendre pied chez soi et dehors, à son rythme.', { exact: true }).waitFor();
    expect(await dialog.getByTestId('plan-goal').count()).toBe(2);
    await expectAccessible(page, 'version 1 read-only');
    await screenshot(page, 'plan-version-1');
    await dialog.getByRole('button', { name: 'Fermer' }).first().click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('generates the contract of stay, records its hand-over and both signatures', async () => {
    const page = julien.page;
    await page.getByRole('tab', { name: 'Contrat' }).click();
    const section = page.getByRole('region', { name: 'Contrat de séjour ou DIPC' });
    const reminder = section.getByTestId('contract-reminder');
    await reminder.getByText(/dans les 15 jours qui suivent son admission/).waitFor();
    await reminder.getByText(loose(`Remise au plus tard le ${frenchDate(parisDay(10))} : reste 10 jours.`)).waitFor();
    await section.getByText('Aucun contrat n’est encore généré.').waitFor();
    await expectAccessible(page, 'contract tab, none yet');
    await screenshot(page, 'contract-empty');

    await section.getByRole('button', { name: 'Générer le contrat de séjour' }).click();
    await page.getByText('Contrat de séjour généré (version 1).').waitFor();
    const contract = page.getByTestId('contract');
    await contract.getByTestId('contract-body').getByText(/Éloïse Lambert/).first().waitFor();
    await contract.getByTestId('contract-status').filter({ hasText: 'À remettre' }).waitFor();
    await expectAccessible(page, 'contract generated');
    await screenshot(page, 'contract-generated');

    await contract.getByRole('button', { name: 'Noter la remise à la personne' }).click();
    const handOver = contract.getByTestId('handover-form');
    expect(await handOver.getByLabel(label('Remis à Éloïse Lambert le')).inputValue()).toBe(parisDay());
    await handOver.getByRole('button', { name: 'Enregistrer la remise' }).click();
    await contract.getByTestId('contract-status').filter({ hasText: `Remis le ${frenchDate(parisDay())}, à signer` }).waitFor();

    const panel = contract.getByRole('region', { name: 'Accords et signatures' });
    await panel.getByRole('button', { name: 'Recueillir l’accord de Éloïse Lambert' }).click();
    const dialog = page.getByRole('dialog', { name: loose('Accord de Éloïse Lambert — Contrat de séjour, version 1') });
    await dialog.getByRole('radio', { name: 'Signe', exact: true }).check();
    await dialog.getByLabel('Éloïse Lambert a donné son accord oralement ou signe sur papier').check();
    await expectAccessible(page, 'contract agreement, on paper');
    await dialog.getByRole('button', { name: 'Enregistrer l’accord' }).click();
    await dialog.waitFor({ state: 'detached' });
    await panel.getByTestId('party-person').getByText(`Éloïse Lambert (la personne) a signé le ${frenchDate(parisDay())}`).waitFor();

    await panel.getByRole('button', { name: 'Signer en tant que référent·e' }).click();
    const mine = page.getByRole('dialog', { name: loose('Votre accord de référent·e — Contrat de séjour, version 1') });
    await mine.getByLabel('Je donne mon accord depuis mon compte, sans signature dessinée').check();
    await mine.getByRole('button', { name: 'Enregistrer l’accord' }).click();
    await mine.waitFor({ state: 'detached' });
    await page.getByText('Contrat de séjour signé par les deux parties.').waitFor();
    await contract.getByTestId('contract-status').filter({ hasText: `Signé le ${frenchDate(parisDay())}` }).waitFor();
    // The legal clock sees it done.
    await reminder.getByText(loose(`Remise au plus tard le ${frenchDate(parisDay(10))} : faite.`)).waitFor();
    await reminder.getByText(/^Signature au plus tard le .* : faite\.$/).waitFor();
    await expectAccessible(page, 'contract signed');
    await screenshot(page, 'contract-signed');
    await expectPdf(page, server.baseUrl, contract.getByTestId('contract-pdf'));
    await julien.context.close();
  });

  it('shows the plan and the contract read-only to a care-team member who may not change the record', async () => {
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, clinician);
    await page.goto(episodeUrl());
    await expectHeading(page, heading);
    await page.getByText('Lecture seule : votre rôle ne permet pas de modifier le projet.').waitFor();
    await page.getByRole('region', { name: 'Projet en vigueur — version 3' }).waitFor();
    expect(await page.getByRole('button', { name: 'Modifier le projet' }).count()).toBe(0);
    await expectAccessible(page, 'plan read-only');
    await page.getByRole('tab', { name: 'Contrat' }).click();
    await page.getByTestId('contract-status').filter({ hasText: 'Signé le' }).waitFor();
    expect(await page.getByRole('button', { name: /^Générer/ }).count()).toBe(0);
    await context.close();
  });
});
