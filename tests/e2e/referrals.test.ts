import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createColleague, setUpOrganization, type ApiClient } from './support/api.js';
import { expectAccessible, expectHeading, label, launchBrowser, newContext, newPage, screenshot, tabletPortrait } from './support/browser.js';
import { startRelais, type RelaisServer } from './support/relais-server.js';

const coordinator = { firstName: 'Claire', lastName: 'Bernard', email: 'claire.bernard@clinique-exemple.fr', password: 'le chemin des tilleuls en mai' };
const practitioner = { firstName: 'Hugo', lastName: 'Petit', email: 'hugo.petit@clinique-exemple.fr', password: 'trois pommes et un cerisier' };
const supervisor = { firstName: 'Hélène', lastName: 'Roux', email: 'helene.roux@clinique-exemple.fr', password: 'la barque glisse sur le lac' };
const serviceName = 'Pair-aidance individuelle';
const indication = 'Demande formulée par la personne elle-même';
const safety = 'Absence d’idées suicidaires actives';

async function signIn(page: Page, baseUrl: string, account: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel(label('Mot de passe')).fill(account.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expectHeading(page, /^Bonjour/);
}

/** French text carries non-breaking spaces (before « : », inside « »): match any space. */
const loose = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s'));

/** Answers one criterion of the review form ("Rempli" or "Non rempli"). */
async function answer(page: Page, criterion: string, value: 'Rempli' | 'Non rempli'): Promise<void> {
  await page.getByRole('group', { name: criterion }).getByRole('radio', { name: value, exact: true }).check();
}

async function openReferral(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Demandes', exact: true }).click();
  await expectHeading(page, 'Demandes');
  await page.getByRole('link', { name, exact: true }).click();
  await expectHeading(page, /^Demande DEM-[0-9A-F]{8}$/);
}

async function openRecordFromReferral(page: Page): Promise<void> {
  const section = page.getByRole('region', { name: 'Dossier de la personne' });
  await section.getByRole('button', { name: 'Ouvrir un dossier à partir de la demande' }).click();
  await section.getByRole('link', { name: /^ouvrir le dossier de / }).waitFor();
}

describe('journey: referrals and the admission review', () => {
  let server: RelaisServer;
  let browser: Browser;
  let coordinatorApi: ApiClient;
  let serviceId: string;
  let partnerId: string;

  beforeAll(async () => {
    server = await startRelais();
    const admin = await setUpOrganization(server);
    coordinatorApi = await createColleague(admin, server, coordinator, 'coordinator', ['personal_support_manager']);
    await createColleague(admin, server, practitioner, 'practitioner', ['peer_support_worker']);
    await createColleague(admin, server, supervisor, 'supervisor');
    ({ id: serviceId } = await coordinatorApi.request<{ id: string }>('POST', '/api/v1/services', {
      name: serviceName,
      kind: 'individual_support',
      defaultDurationMinutes: 45,
      maxDurationMinutes: 45,
      modalities: ['home', 'video'],
      caseloadLimitPerService: 1,
      indicationCriteria: [{ label: indication }],
      safetyCriteria: [{ label: safety, orientation: 'Urgences ou 3114' }],
      phases: [
        { code: 'arrival', label: 'Accueil et orientation' },
        { code: 'intensive', label: 'Phase intensive' },
      ],
    }));
    ({ id: partnerId } = await coordinatorApi.request<{ id: string }>('POST', '/api/v1/partners', {
      name: 'CCAS de Rennes',
      kind: 'ccas_cias',
      contacts: [{ name: 'Sophie Girard', role: 'Assistante sociale', email: 'sophie.girard@ccas-rennes.fr', phone: null }],
    }));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a practitioner records a referral from a partner and gets a confirmation, without opening the inbox', async () => {
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, practitioner);
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    expect(await nav.getByRole('link', { name: 'Demandes', exact: true }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Nouvelle demande' }).click();
    await expectHeading(page, 'Nouvelle demande');
    await expectAccessible(page, 'new referral form');
    await screenshot(page, 'referral-new');

    // Refused before sending: each field says what it needs, and the first takes the focus.
    await page.getByRole('button', { name: 'Enregistrer la demande' }).click();
    await page.getByText('Indiquez qui fait la demande.').waitFor();
    await page.getByText('Écrivez le motif de la demande (au moins 3 caractères).').waitFor();
    await expectAccessible(page, 'new referral form with errors');

    await page.getByRole('group', { name: 'La demande vient de' }).getByRole('radio', { name: 'Une structure partenaire' }).check();
    await page.getByLabel(label('Structure partenaire')).selectOption({ label: 'CCAS de Rennes' });
    // The partner's contact fills the referrer's fields.
    await page.getByLabel('Contact de la structure').selectOption({ label: 'Sophie Girard (Assistante sociale)' });
    expect(await page.getByLabel(label('Nom de la personne qui oriente')).inputValue()).toBe('Sophie Girard');
    expect(await page.getByLabel('Sa fonction ou son lien avec la personne').inputValue()).toBe('Assistante sociale');
    await page.getByLabel(label('Prénom')).fill('Éloïse');
    await page.getByLabel(label('Nom')).fill('Lefèvre');
    await page.getByLabel('Date de naissance').fill('1987-03-14');
    await page.getByLabel('Dispositif demandé').selectOption({ label: serviceName });
    await page.getByLabel(label('Motif de la demande')).fill('Isolement depuis le décès de son compagnon ; demande un accompagnement par une pair-aidante.');
    await page.getByRole('group', { name: 'Urgence' }).getByRole('radio', { name: 'Rapide' }).check();
    await page.getByRole('checkbox', { name: /^La personne est d’accord/ }).check();
    await expectAccessible(page, 'new referral form filled in');
    await screenshot(page, 'referral-new-filled');
    await page.getByRole('button', { name: 'Enregistrer la demande' }).click();

    const confirmation = page.getByTestId('referral-recorded');
    await confirmation.getByRole('heading', { name: 'Demande enregistrée' }).waitFor();
    await confirmation.getByText(/La demande DEM-[0-9A-F]{8} pour Éloïse Lefèvre est transmise à la coordination\./).waitFor();
    await expectAccessible(page, 'referral recorded');
    await screenshot(page, 'referral-recorded');

    // The inbox is for the roles that triage.
    await page.goto(`${server.baseUrl}/demandes`);
    await expectHeading(page, 'Accès non autorisé');
    await context.close();
  });

  it('a coordinator triages the inbox, opens a record, meets a failed safety criterion, admits, then hits the capacity limit', async () => {
    // Two more referrals, recorded by the coordination: an urgent one without consent, and one for the same service.
    await coordinatorApi.request('POST', '/api/v1/referrals', {
      source: 'clinician',
      referrerName: 'Dr Samuel Blanc',
      referrerRole: 'Médecin traitant',
      firstName: 'Inès',
      lastName: 'Martin',
      serviceId,
      reason: 'Crises d’angoisse répétées, demande un soutien rapide.',
      urgency: 'urgent',
      consentToShare: false,
    });
    await coordinatorApi.request('POST', '/api/v1/referrals', {
      source: 'partner',
      partnerId,
      referrerName: 'Sophie Girard',
      firstName: 'Paul',
      lastName: 'Durand',
      serviceId,
      reason: 'Sortie d’hospitalisation, souhaite être accompagné.',
      urgency: 'routine',
      consentToShare: true,
    });

    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, coordinator);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Demandes', exact: true }).click();
    await expectHeading(page, 'Demandes');
    await page.getByText('3 demandes affichées').waitFor();
    const entries = page.getByTestId('referral-entry');
    // Urgent first, then the oldest.
    expect(await entries.nth(0).getByRole('heading').textContent()).toBe('Inès Martin');
    expect(await entries.nth(1).getByRole('heading').textContent()).toBe('Éloïse Lefèvre');
    await entries.nth(0).getByText('Urgente').waitFor();
    await entries.nth(0).getByText('Sans accord pour échanger avec l’orienteur').waitFor();
    await entries.nth(0).getByText('Dr Samuel Blanc (médecin ou clinicien)').waitFor();
    await entries.nth(1).getByText('CCAS de Rennes — Sophie Girard').waitFor();
    await entries.nth(1).getByText(/il y a \d+ (minute|minutes|seconde)|maintenant|à l’instant/).waitFor();
    await expectAccessible(page, 'referral inbox');
    await screenshot(page, 'referrals-inbox');
    await page.getByLabel('Où en est la demande').selectOption({ label: 'Toutes' });
    await page.getByLabel('Dispositif demandé').selectOption({ label: serviceName });
    await page.getByText('3 demandes affichées').waitFor();
    expect(new URL(page.url()).searchParams.get('status')).toBe('all');

    // Éloïse: a record opened from the request, the criteria answered; a failed safety criterion.
    await page.getByRole('link', { name: 'Éloïse Lefèvre', exact: true }).click();
    await expectHeading(page, /^Demande DEM-[0-9A-F]{8}$/);
    await page.getByTestId('referral-reason').getByText(/Isolement depuis le décès/).waitFor();
    const review = page.getByTestId('admission-review');
    await review.getByTestId('capacity-summary').getByText(loose('0 personne accompagnée sur 1 place ; 0 en attente')).waitFor();
    await expectAccessible(page, 'admission review form');
    await screenshot(page, 'referral-review');
    await openRecordFromReferral(page);
    await page.getByText('Le dossier de Éloïse Lefèvre est ouvert ; vous faites partie de son équipe.').waitFor();

    await answer(page, indication, 'Rempli');
    await answer(page, safety, 'Non rempli');
    const emergency = page.getByTestId('emergency-numbers');
    await emergency.getByText('Un critère de sécurité n’est pas rempli').waitFor();
    for (const number of ['15', '112', '3114']) expect(await emergency.getByRole('link', { name: new RegExp(`^Appeler le ${number}`) }).getAttribute('href')).toBe(`tel:${number}`);
    expect(await emergency.getAttribute('role')).toBe('alert');
    const outcome = page.getByRole('group', { name: 'Que décidez-vous ?' });
    for (const other of ['Admettre', 'Inscrire en liste d’attente', 'Refuser']) expect(await outcome.getByRole('radio', { name: other }).isDisabled()).toBe(true);
    expect(await outcome.getByRole('radio', { name: 'Orienter ailleurs' }).isChecked()).toBe(true);
    await review.getByLabel(label('Orientée vers')).waitFor();
    await expectAccessible(page, 'admission review with a failed safety criterion');
    await screenshot(page, 'referral-review-safety');

    // On a second look the criterion is met: the person is admitted, the last place taken.
    await answer(page, safety, 'Rempli');
    await emergency.waitFor({ state: 'detached' });
    await outcome.getByRole('radio', { name: 'Admettre' }).check();
    await review.getByLabel(label('Référent')).selectOption({ label: `${practitioner.firstName} ${practitioner.lastName}` });
    expect(await review.getByLabel('Discipline du référent').locator('option:checked').textContent()).toBe('Pair-aidant(e)');
    expect(await review.getByLabel(label('Coordonnateur')).locator('option:checked').textContent()).toBe(`${coordinator.firstName} ${coordinator.lastName}`);
    await review.getByTestId('capacity-summary').getByText(loose('Hugo Petit suit 0 personne dans ce dispositif.')).waitFor();
    await expectAccessible(page, 'admission review, admitting');
    await screenshot(page, 'referral-review-admit');
    await review.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.getByText(loose('La personne est admise dans « Pair-aidance individuelle ».')).waitFor();
    const history = page.getByRole('region', { name: 'Décisions' });
    const admitted = history.getByTestId('decision').filter({ hasText: 'Admission dans' });
    await admitted.getByText('En vigueur').waitFor();
    await admitted.getByText(loose('0 personne accompagnée sur 1 place ; 0 en attente')).waitFor();
    await page.getByText('Admise', { exact: true }).waitFor();
    expect(await page.getByTestId('admission-review').count()).toBe(0);
    await expectAccessible(page, 'referral admitted');
    await screenshot(page, 'referral-admitted');

    // Paul: the service is now full; the refusal says so in French with its figures.
    await openReferral(page, 'Paul Durand');
    await openRecordFromReferral(page);
    await answer(page, indication, 'Rempli');
    await answer(page, safety, 'Rempli');
    await review.getByTestId('capacity-summary').getByText(loose('1 personne accompagnée sur 1 place ; 0 en attente')).waitFor();
    await review.getByText(/^Plus aucune place libre/).waitFor();
    await page.getByRole('group', { name: 'Que décidez-vous ?' }).getByRole('radio', { name: 'Admettre' }).check();
    await review.getByLabel(label('Référent')).selectOption({ label: `${coordinator.firstName} ${coordinator.lastName}` });
    await review.getByRole('button', { name: 'Enregistrer la décision' }).click();
    const problem = page.getByTestId('capacity-problem');
    await problem.getByText(loose('La capacité est atteinte : plus de place disponible.'), { exact: false }).first().waitFor();
    await problem.getByText(loose('Au moment de la décision : 1 personne accompagnée sur 1 place ; 0 en attente')).waitFor();
    await problem.getByText(/^Seule la supervision peut dépasser la limite/).waitFor();
    expect(await page.getByLabel(/Motif du dépassement/).count()).toBe(0);
    await expectAccessible(page, 'admission refused for capacity');
    await screenshot(page, 'referral-capacity-reached');
    // The waitlist instead.
    await problem.getByRole('button', { name: 'Inscrire en liste d’attente à la place' }).click();
    await page.getByRole('group', { name: 'Priorité sur la liste d’attente' }).getByRole('radio', { name: 'Haute' }).check();
    await review.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.getByText(loose('La personne est inscrite en liste d’attente de « Pair-aidance individuelle ».')).waitFor();
    await page.getByRole('region', { name: 'Décisions' }).getByTestId('decision').getByText('Priorité sur la liste d’attente').waitFor();

    // Inès: a safety concern, oriented to emergency services with a letter to the referrer.
    await openReferral(page, 'Inès Martin');
    await page.getByTestId('referral-no-consent').waitFor();
    await answer(page, indication, 'Rempli');
    await answer(page, safety, 'Non rempli');
    await review.getByLabel(label('Orientée vers')).selectOption({ label: 'Les urgences' });
    await review.getByLabel('Précision').fill('Urgences psychiatriques du CHU');
    // Orienting needs written reasons: they go into the letter.
    await review.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await review.getByText('Écrivez les motifs de la décision : ils figureront dans le courrier.').waitFor();
    await review.getByLabel(label('Motifs de la décision')).fill('Un risque suicidaire a été repéré : un accompagnement par une pair-aidante ne suffit pas aujourd’hui.');
    await review.getByRole('button', { name: 'Enregistrer la décision' }).click();
    const oriented = page.getByRole('region', { name: 'Décisions' }).getByTestId('decision');
    await oriented.getByText('Critère de sécurité non rempli').waitFor();
    await oriented.getByText('Les urgences — Urgences psychiatriques du CHU').waitFor();
    // Without the person's consent, the letter goes to the person, not to the referrer.
    await oriented.getByText('Courrier adressé à la personne.').waitFor();
    const letter = oriented.getByTestId('decision-letter');
    const href = await letter.getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/admission-decisions\/[0-9a-f-]{36}\/letter\?lang=fr$/);
    const pdf = await page.request.get(`${server.baseUrl}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await oriented.locator('summary').click();
    await oriented.getByText(safety, { exact: false }).waitFor();
    await expectAccessible(page, 'referral oriented, with its letter');
    await screenshot(page, 'referral-oriented');
    await context.close();
  });

  it('a supervisor admits beyond the limit with a written reason', async () => {
    // Prepared by the coordination: a request linked to a new record, for the full service.
    const { id: referralId } = await coordinatorApi.request<{ id: string }>('POST', '/api/v1/referrals', {
      source: 'self',
      firstName: 'Jeanne',
      lastName: 'Petit',
      serviceId,
      reason: 'Je voudrais être accompagnée après mon hospitalisation.',
      urgency: 'soon',
      consentToShare: true,
    });
    await coordinatorApi.request('POST', `/api/v1/referrals/${referralId}/person`, { createRecord: true, duplicatesAcknowledged: true });

    const context = await newContext(browser);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, supervisor);
    await openReferral(page, 'Jeanne Petit');
    const review = page.getByTestId('admission-review');
    await answer(page, indication, 'Rempli');
    await answer(page, safety, 'Rempli');
    await page.getByRole('group', { name: 'Que décidez-vous ?' }).getByRole('radio', { name: 'Admettre' }).check();
    await review.getByLabel(label('Référent')).selectOption({ label: `${coordinator.firstName} ${coordinator.lastName}` });
    await review.getByLabel(label('Coordonnateur')).selectOption({ label: `${coordinator.firstName} ${coordinator.lastName}` });
    await review.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.getByTestId('capacity-problem').getByText(/^Vous pouvez dépasser la limite/).waitFor();
    const reason = review.getByLabel(label('Motif du dépassement de la limite'));
    await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
    await expectAccessible(page, 'capacity override');
    await screenshot(page, 'referral-capacity-override');
    await review.getByRole('button', { name: 'Admettre en dépassant la limite' }).click();
    await review.getByText('Écrivez le motif du dépassement (au moins 3 caractères).').waitFor();
    await reason.fill('Sortie d’hospitalisation sans autre relais possible ; une fin d’accompagnement est prévue la semaine prochaine.');
    await review.getByRole('button', { name: 'Admettre en dépassant la limite' }).click();
    const decision = page.getByRole('region', { name: 'Décisions' }).getByTestId('decision');
    await decision.getByText('Limite de capacité dépassée — motif').waitFor();
    await decision.getByText(/^Sortie d’hospitalisation sans autre relais possible/).waitFor();
    await expectAccessible(page, 'admitted beyond the limit');
    await context.close();
  });

  it('links a second request for the same person to her record, and withdraws a request with a note', async () => {
    await coordinatorApi.request('POST', '/api/v1/referrals', {
      source: 'relative',
      referrerName: 'Marc Lefevre',
      referrerRole: 'Frère',
      firstName: 'Eloise',
      lastName: 'Lefevre',
      birthDate: '1987-03-14',
      reason: 'Son frère s’inquiète de son isolement.',
      urgency: 'routine',
      consentToShare: true,
    });
    await coordinatorApi.request('POST', '/api/v1/referrals', {
      source: 'self',
      firstName: 'Lucas',
      lastName: 'Moreau',
      phone: '06 11 22 33 44',
      reason: 'Je souhaite parler à une pair-aidante.',
      urgency: 'routine',
      consentToShare: true,
    });
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, coordinator);

    await openReferral(page, 'Eloise Lefevre');
    const section = page.getByRole('region', { name: 'Dossier de la personne' });
    await section.getByRole('button', { name: 'Ouvrir un dossier à partir de la demande' }).click();
    const warning = page.getByTestId('referral-duplicate-warning');
    await warning.getByRole('link', { name: 'Éloïse Lefèvre' }).waitFor();
    await warning.getByText(/née ou né le 14 mars 1987/).waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'referral-duplicate-warning');
    await expectAccessible(page, 'possible duplicate when opening a record from a referral');
    await screenshot(page, 'referral-duplicate');
    await warning.getByRole('button', { name: 'Rattacher la demande au dossier de Éloïse Lefèvre' }).click();
    await page.getByText('La demande est rattachée au dossier de la personne.').waitFor();
    await section.getByRole('link', { name: 'ouvrir le dossier de Éloïse Lefèvre' }).waitFor();

    await openReferral(page, 'Lucas Moreau');
    await page.getByRole('button', { name: 'Retirer la demande' }).click();
    const dialog = page.getByRole('dialog', { name: /^Retirer la demande DEM-/ });
    await dialog.getByRole('button', { name: 'Retirer la demande' }).click();
    await dialog.getByText('Écrivez pourquoi la demande est retirée (au moins 3 caractères).').waitFor();
    await expectAccessible(page, 'withdrawal dialog');
    await dialog.getByLabel(/^Pourquoi la demande est-elle retirée/).fill('Injoignable depuis trois semaines malgré trois appels.');
    await dialog.getByRole('button', { name: 'Retirer la demande' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Cette demande a été retirée : aucune décision ne peut plus être prise.').waitFor();
    expect(await page.getByTestId('admission-review').count()).toBe(0);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Demandes', exact: true }).click();
    await page.getByLabel('Où en est la demande').selectOption({ label: 'Retirées' });
    await page.getByRole('link', { name: 'Lucas Moreau', exact: true }).waitFor();
    await context.close();
  });

  it('shows the inbox a page at a time when many requests wait', async () => {
    for (let i = 1; i <= 51; i++) {
      await coordinatorApi.request('POST', '/api/v1/referrals', { source: 'self', firstName: `Personne${String(i).padStart(2, '0')}`, lastName: 'Essai', reason: 'Demande d’essai.', urgency: 'routine', consentToShare: true });
    }
    const open = (await coordinatorApi.request<{ items: unknown[] }>('GET', '/api/v1/referrals?limit=200')).items.length;
    expect(open).toBeGreaterThan(50);
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, coordinator);
    await page.goto(`${server.baseUrl}/demandes`);
    await expectHeading(page, 'Demandes');
    await page.getByText('50 demandes affichées').waitFor();
    await page.getByRole('button', { name: 'Afficher plus de demandes' }).click();
    await page.getByText(`${open} demandes affichées`).waitFor();
    expect(await page.getByRole('button', { name: 'Afficher plus de demandes' }).count()).toBe(0);
    await context.close();
  });
});
