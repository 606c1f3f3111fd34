import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createColleague, setUpOrganization, type ApiClient } from './support/api.js';
import { expectAccessible, expectHeading, label, launchBrowser, newContext, newPage, screenshot, tabletPortrait } from './support/browser.js';
import { startRelais, type RelaisServer } from './support/relais-server.js';

const coordinator = { firstName: 'Claire', lastName: 'Bernard', email: 'claire.bernard@clinique-exemple.fr', password: 'le chemin des tilleuls en mai' };
const practitioner = { firstName: 'Hugo', lastName: 'Petit', email: 'hugo.petit@clinique-exemple.fr', password: 'trois pommes et un cerisier' };
const templateName = 'Bilan d’entrée en pair-aidance';

interface Template {
  id: string;
  name: string;
  isDefault: boolean;
  sections: { id: string; title: string; questions: { id: string; label: string; type: string; options?: string[]; scale?: { min: number; max: number; minLabel: string; maxLabel: string } }[] }[];
}

async function signIn(page: Page, baseUrl: string, account: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel(label('Mot de passe')).fill(account.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expectHeading(page, /^Bonjour/);
}

/** French text carries non-breaking spaces (inside « », before « : »): match any space. */
const loose = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s*'));

/** An entry of the form's lists ("Section 1", "Question 2", "Choix 1"): a fieldset named by its legend. */
const entry = (scope: Page | Locator, name: string) => scope.getByRole('group', { name, exact: true });

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

describe('journey: the structure’s templates (assessments, contract of stay)', () => {
  let server: RelaisServer;
  let browser: Browser;
  let coordinatorApi: ApiClient;
  const templates = () => coordinatorApi.request<Template[]>('GET', '/api/v1/assessment-templates');

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

  it('a coordinator finds the French default, creates a template with a choice and a scale, edits it keeping its ids, and archives it', async () => {
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, coordinator);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Modèles', exact: true }).click();
    await expectHeading(page, 'Modèles');

    // The default is there from the first look, first, and it cannot be archived (it would not come back).
    const rows = page.getByTestId('assessment-template-row');
    const defaultRow = rows.first();
    await defaultRow.getByRole('link', { name: 'Diagnostic partagé (modèle Relais)', exact: true }).waitFor();
    await defaultRow.getByText('Modèle par défaut').waitFor();
    await defaultRow.getByText('8 sections · 17 questions').waitFor();
    expect(await defaultRow.getByRole('button', { name: /^Archiver/ }).count()).toBe(0);
    expect(await page.getByTestId('document-template-row').allTextContents()).toEqual([expect.stringContaining('Contrat de séjour'), expect.stringContaining('Document individuel de prise en charge (DIPC)')]);
    await expectAccessible(page, 'templates');
    await screenshot(page, 'templates');

    // Its eight sections open folded; each unfolds its questions.
    await defaultRow.getByRole('link', { name: 'Modifier Diagnostic partagé (modèle Relais)' }).click();
    await expectHeading(page, loose('Modifier « Diagnostic partagé (modèle Relais) »'));
    await page.getByText(/Modifier ce modèle ne change pas les diagnostics déjà faits/).waitFor();
    const autonomy = entry(page, 'Section 1');
    expect(await autonomy.getByLabel(label('Titre de la section')).inputValue()).toBe('Autonomie au quotidien');
    expect(await entry(page, 'Section 8').getByLabel(label('Titre de la section')).inputValue()).toBe('Ressources et droits');
    expect(await autonomy.getByRole('textbox', { name: label('Intitulé de la question') }).count()).toBe(0);
    const unfold = autonomy.getByRole('button', { name: 'Afficher les questions de la section 1' });
    expect(await unfold.getAttribute('aria-expanded')).toBe('false');
    await unfold.click();
    expect(await entry(autonomy, 'Question 1').getByLabel(label('Intitulé de la question')).inputValue()).toBe('Gestes de la vie quotidienne (repas, hygiène, ménage)');
    expect(await entry(autonomy, 'Question 1').getByRole('radio', { name: 'Échelle', exact: true }).isChecked()).toBe(true);
    await autonomy.getByRole('button', { name: 'Masquer les questions de la section 1' }).waitFor();
    await expectAccessible(page, 'default template form');
    await screenshot(page, 'template-default-edit');
    // A problem in a folded section unfolds it and takes the focus (nothing is sent).
    const health = entry(page, 'Section 2');
    await health.getByRole('button', { name: 'Afficher les questions de la section 2' }).click();
    await entry(health, 'Question 1').getByLabel(label('Intitulé de la question')).fill(' ');
    await health.getByRole('button', { name: 'Masquer les questions de la section 2' }).click();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await health.getByRole('button', { name: 'Masquer les questions de la section 2' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    expect(await focusedName(page)).toBe('Intitulé de la question');
    await entry(health, 'Question 1').getByText('Ce champ est obligatoire.').waitFor();
    await page.getByRole('link', { name: 'Annuler' }).click();
    await expectHeading(page, 'Modèles');

    // A copy starts a new template from it.
    await defaultRow.getByRole('link', { name: 'Dupliquer Diagnostic partagé (modèle Relais)' }).click();
    await expectHeading(page, 'Nouveau modèle de diagnostic');
    expect(await page.getByLabel(label('Nom du modèle')).inputValue()).toBe('Diagnostic partagé (modèle Relais) (copie)');
    expect(await page.getByRole('group', { name: /^Section \d+$/ }).count()).toBe(8);
    await page.getByRole('link', { name: 'Annuler' }).click();
    await expectHeading(page, 'Modèles');

    await page.getByRole('link', { name: 'Nouveau modèle de diagnostic' }).click();
    await expectHeading(page, 'Nouveau modèle de diagnostic');
    await expectAccessible(page, 'new template form');

    // Refused before sending: the first field in error takes the focus.
    await page.getByRole('button', { name: 'Créer le modèle' }).click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    expect(await focusedName(page)).toBe('Nom du modèle');

    await page.getByLabel(label('Nom du modèle')).fill(templateName);
    const section = entry(page, 'Section 1');
    await section.getByLabel(label('Titre de la section')).fill('Arrivée dans le dispositif');

    // A choice: two empty choices to fill in appear with the type; a third is added.
    const first = entry(section, 'Question 1');
    await first.getByLabel(label('Intitulé de la question')).fill('Comment avez-vous connu le dispositif ?');
    await first.getByRole('group', { name: 'Type de réponse' }).getByRole('radio', { name: 'Choix unique' }).check();
    await entry(first, 'Choix 1').getByLabel(label('Intitulé du choix')).fill('Par un proche');
    await entry(first, 'Choix 2').getByLabel(label('Intitulé du choix')).fill('Par un professionnel');
    await first.getByRole('button', { name: 'Ajouter un choix' }).click();
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent?.startsWith('Intitulé du choix') === true);
    await page.keyboard.type('Par un proche');
    // The preview follows what is typed.
    const firstPreview = first.getByRole('group', { name: 'Aperçu : la question telle qu’elle apparaîtra' });
    await firstPreview.getByRole('radio', { name: 'Par un professionnel' }).waitFor();

    // A scale, from 1 to 5 by default.
    await section.getByRole('button', { name: 'Ajouter une question à la section 1' }).click();
    const second = entry(section, 'Question 2');
    await second.getByLabel(label('Intitulé de la question')).fill('Confiance en l’avenir');
    await second.getByRole('group', { name: 'Type de réponse' }).getByRole('radio', { name: 'Échelle' }).check();
    expect(await second.getByLabel(label('Minimum')).inputValue()).toBe('1');
    await second.getByLabel(label('Ce que veut dire le minimum')).fill('très faible');
    await second.getByLabel(label('Ce que veut dire le maximum')).fill('très forte');
    await second.getByLabel(label('Maximum')).fill('1');

    await page.getByRole('button', { name: 'Créer le modèle' }).click();
    await entry(first, 'Choix 3').getByText('Ce choix figure déjà dans la liste.').waitFor();
    await second.getByText('Le maximum doit être plus grand que le minimum.').waitFor();
    expect(await focusedName(page)).toBe('Intitulé du choix');
    await entry(first, 'Choix 3').getByLabel(label('Intitulé du choix')).fill('Autre');
    await second.getByLabel(label('Maximum')).fill('5');
    const secondPreview = second.getByRole('group', { name: 'Aperçu : la question telle qu’elle apparaîtra' });
    const scale = secondPreview.getByRole('group', { name: 'Confiance en l’avenir' });
    expect(await scale.getByRole('radio').count()).toBe(6);
    await scale.getByText('De 1 (très faible) à 5 (très forte).').waitFor();
    await expectAccessible(page, 'filled template form');
    await screenshot(page, 'template-new-filled');

    await page.getByRole('button', { name: 'Créer le modèle' }).click();
    await expectHeading(page, 'Modèles');
    await page.getByText(loose(`Le modèle « ${templateName} » est créé.`)).waitFor();
    const row = rows.filter({ hasText: templateName });
    await row.getByText('1 section · 2 questions').waitFor();

    const created = (await templates()).find((t) => t.name === templateName)!;
    expect(created.sections[0]!.questions.map((q) => q.type)).toEqual(['choice', 'scale']);
    expect(created.sections[0]!.questions[0]!.options).toEqual(['Par un proche', 'Par un professionnel', 'Autre']);
    expect(created.sections[0]!.questions[1]!.scale).toEqual({ min: 1, max: 5, minLabel: 'très faible', maxLabel: 'très forte' });
    const [choiceId, scaleId] = created.sections[0]!.questions.map((q) => q.id);

    // Edited: a question reworded keeps its id (past answers are filed under it); a new one gets its own.
    await row.getByRole('link', { name: `Modifier ${templateName}` }).click();
    await expectHeading(page, loose(`Modifier « ${templateName} »`));
    await page.getByText(/Modifier ce modèle ne change pas les diagnostics déjà faits/).waitFor();
    const editedSection = entry(page, 'Section 1');
    await editedSection.getByRole('button', { name: 'Afficher les questions de la section 1' }).click();
    await entry(editedSection, 'Question 2').getByLabel(label('Intitulé de la question')).fill('Confiance en l’avenir, selon la personne');
    await editedSection.getByRole('button', { name: 'Ajouter une question à la section 1' }).click();
    await entry(editedSection, 'Question 3').getByLabel(label('Intitulé de la question')).fill('Ce que la personne attend du dispositif');
    await editedSection.getByRole('button', { name: 'Monter la question 3 de la section 1' }).click();
    await expectAccessible(page, 'template edit form');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expectHeading(page, 'Modèles');
    await page.getByText(loose(`Le modèle « ${templateName} » est enregistré.`)).waitFor();
    await row.getByText('1 section · 3 questions').waitFor();

    const edited = (await templates()).find((t) => t.id === created.id)!;
    expect(edited.sections[0]!.id).toBe(created.sections[0]!.id);
    const questions = edited.sections[0]!.questions;
    expect(questions.map((q) => q.label)).toEqual(['Comment avez-vous connu le dispositif ?', 'Ce que la personne attend du dispositif', 'Confiance en l’avenir, selon la personne']);
    expect(questions[0]!.id).toBe(choiceId);
    expect(questions[2]!.id).toBe(scaleId);
    expect([choiceId, scaleId]).not.toContain(questions[1]!.id);

    // Archived after a confirmation: it leaves the list and is no longer offered.
    await row.getByRole('button', { name: `Archiver ${templateName}` }).click();
    const confirm = page.getByRole('dialog', { name: loose(`Archiver « ${templateName} » ?`) });
    await confirm.waitFor();
    await confirm.getByText(/Les diagnostics déjà faits sur ce modèle restent tels qu’ils ont été remplis/).waitFor();
    await expectAccessible(page, 'archive confirmation');
    await confirm.getByRole('button', { name: 'Archiver le modèle' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByText(loose(`« ${templateName} » est archivé.`)).waitFor();
    await row.waitFor({ state: 'detached' });
    expect((await templates()).map((t) => t.name)).toEqual(['Diagnostic partagé (modèle Relais)']);
    await context.close();
  });

  it('a coordinator edits the contract of stay: a field inserted at the cursor, the preview, an unknown field refused by the server', async () => {
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, coordinator);
    await page.goto(`${server.baseUrl}/modeles`);
    await expectHeading(page, 'Modèles');
    await page.getByRole('link', { name: 'Modifier le modèle : Contrat de séjour' }).click();
    await expectHeading(page, 'Modèle : Contrat de séjour');
    const body = page.getByLabel(label('Texte du document'));
    expect(await body.inputValue()).toContain('{{personne.nom}}');
    const preview = page.getByTestId('document-preview');
    await preview.getByText(/et Éloïse Lefèvre, né\(e\) le 14 mars 1987/).waitFor();

    // Inserted where the cursor is, then the typing goes on after it.
    await body.fill('Bienvenue à , dans notre structure.');
    await body.evaluate((element: HTMLTextAreaElement) => element.setSelectionRange(12, 12));
    await page.getByRole('button', { name: /^Nom de la personne/ }).click();
    await page.getByText(loose('Champ « Nom de la personne » inséré.')).waitFor();
    expect(await focusedName(page)).toBe('Texte du document');
    await page.keyboard.type(' (accompagnée)');
    expect(await body.inputValue()).toBe('Bienvenue à {{personne.nom}} (accompagnée), dans notre structure.');
    await page.getByLabel(label('Titre du document')).fill('Contrat de séjour — pair-aidance');
    await preview.getByText('Contrat de séjour — pair-aidance').waitFor();
    await preview.getByText('Bienvenue à Éloïse Lefèvre (accompagnée), dans notre structure.').waitFor();
    await expectAccessible(page, 'contract template form');
    await screenshot(page, 'template-contract');

    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expectHeading(page, 'Modèles');
    await page.getByText(loose('Le modèle « Contrat de séjour » est enregistré.')).waitFor();
    const saved = await coordinatorApi.request<{ kind: string; title: string; body: string }[]>('GET', '/api/v1/document-templates');
    expect(saved.find((d) => d.kind === 'contrat_de_sejour')).toMatchObject({ title: 'Contrat de séjour — pair-aidance', body: 'Bienvenue à {{personne.nom}} (accompagnée), dans notre structure.' });

    // A field typed by hand that the server does not know: the preview warns, the server refuses.
    await page.getByRole('link', { name: 'Modifier le modèle : Contrat de séjour' }).click();
    await expectHeading(page, 'Modèle : Contrat de séjour');
    await body.click();
    await body.press('End');
    await page.keyboard.type(' Signé par {{personne.prenom}}.');
    await page.getByTestId('unknown-fields').getByText(/Champ inconnu dans le texte : \{\{personne\.prenom\}\}/).waitFor();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText(loose('Champs inconnus : {{personne.prenom}}.')).waitFor();
    expect(await body.getAttribute('aria-invalid')).toBe('true');
    await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
    await expectAccessible(page, 'contract template with a server error');
    await screenshot(page, 'template-contract-error');
    expect((await coordinatorApi.request<{ kind: string; body: string }[]>('GET', '/api/v1/document-templates')).find((d) => d.kind === 'contrat_de_sejour')!.body).not.toContain('prenom');
    await context.close();
  });

  it('a practitioner has no templates entry, and the address answers that the page is not for their role', async () => {
    const context = await newContext(browser, tabletPortrait);
    const page = await newPage(context);
    await signIn(page, server.baseUrl, practitioner);
    const navigation = page.getByRole('navigation', { name: 'Navigation principale' });
    await navigation.getByRole('link', { name: 'Dispositifs' }).waitFor();
    expect(await navigation.getByRole('link', { name: 'Modèles' }).count()).toBe(0);
    await page.goto(`${server.baseUrl}/modeles`);
    await expectHeading(page, 'Accès non autorisé');
    await page.goto(`${server.baseUrl}/modeles/documents/dipc`);
    await expectHeading(page, 'Accès non autorisé');
    await expectAccessible(page, 'templates refused');
    await context.close();
  });
});
