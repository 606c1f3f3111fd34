import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrator, organizationName, setUpOrganization } from './support/api.js';
import { expectAccessible, expectHeading, launchBrowser, newContext, newPage, screenshot, label } from './support/browser.js';
import { startRelais, type RelaisServer } from './support/relais-server.js';

const colleague = { firstName: 'Claire', lastName: 'Bernard', email: 'claire.bernard@clinique-exemple.fr', password: 'le chemin des tilleuls en mai' };

describe('journey 3: inviting a colleague', () => {
  let server: RelaisServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startRelais();
    await setUpOrganization(server);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('invites a coordinator with a discipline; the link opens in another browser, creates the account and signs in', async () => {
    const adminContext = await newContext(browser);
    await adminContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
    const admin = await newPage(adminContext);
    await admin.goto(`${server.baseUrl}/sign-in`);
    await admin.getByLabel('Adresse e-mail').fill(administrator.email);
    await admin.getByLabel(label('Mot de passe')).fill(administrator.password);
    await admin.getByRole('button', { name: 'Se connecter' }).click();
    await expectHeading(admin, `Bonjour ${administrator.firstName}`);

    await admin.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Équipe' }).click();
    await expectHeading(admin, 'Équipe');
    expect(await admin.title()).toBe('Équipe – Relais');
    // After an in-app navigation the new page's heading has the focus (announced by screen readers).
    expect(await admin.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await admin.getByTestId('staff-row').first().waitFor();
    await expectAccessible(admin, 'staff administration');

    await admin.getByRole('button', { name: 'Inviter un professionnel' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Inviter un professionnel' });
    await dialog.getByLabel('Prénom').waitFor();
    await expectAccessible(admin, 'invitation form');
    await screenshot(admin, 'staff-invite');
    await dialog.getByLabel('Prénom').fill(colleague.firstName);
    await dialog.getByLabel(label('Nom')).fill(colleague.lastName);
    await dialog.getByLabel('Adresse e-mail').fill(colleague.email);
    await dialog.getByRole('button', { name: 'Créer l’invitation' }).click();
    await dialog.getByText('Choisissez au moins un rôle.').waitFor();
    await dialog.getByRole('checkbox', { name: 'Coordination' }).check();
    await dialog.getByRole('checkbox', { name: 'Responsable d’accompagnement personnel' }).check();
    await dialog.getByRole('button', { name: 'Créer l’invitation' }).click();

    const created = admin.getByRole('dialog', { name: 'Invitation créée' });
    const linkField = created.getByLabel('Lien d’invitation');
    await linkField.waitFor();
    const link = await linkField.inputValue();
    expect(link).toMatch(new RegExp(`^${server.baseUrl}/invitation#.{20,}`));
    await created.getByRole('button', { name: 'Copier' }).click();
    await created.getByRole('button', { name: 'Copié' }).waitFor();
    expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await expectAccessible(admin, 'invitation link');
    await screenshot(admin, 'staff-invitation-link');
    await created.getByRole('button', { name: 'Terminé' }).click();
    await admin.getByTestId('invitation-row').filter({ hasText: colleague.email }).waitFor();

    // The colleague, in a browser of their own.
    const colleagueContext = await newContext(browser);
    const invited = await newPage(colleagueContext);
    await invited.goto(link);
    await expectHeading(invited, 'Rejoindre Relais');
    await invited.getByText(`Bonjour ${colleague.firstName},`).waitFor();
    await invited.getByText(organizationName).waitFor();
    await invited.getByText(colleague.email).waitFor();
    await expectAccessible(invited, 'invitation acceptance');
    await screenshot(invited, 'invitation');
    await invited.getByLabel(label('Choisissez un mot de passe')).fill(colleague.password);
    await invited.getByLabel(label('Confirmez le mot de passe')).fill(`${colleague.password}!`);
    await invited.getByRole('button', { name: 'Créer mon compte' }).click();
    await invited.getByText('Les deux mots de passe ne sont pas identiques.').waitFor();
    await invited.getByLabel(label('Confirmez le mot de passe')).fill(colleague.password);
    await invited.getByRole('button', { name: 'Créer mon compte' }).click();
    await expectHeading(invited, `Bonjour ${colleague.firstName}`);
    // A coordinator works with people's records, requests and the structure's offer, not with accounts.
    const nav = invited.getByRole('navigation', { name: 'Navigation principale' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Accueil', 'Personnes', 'Agenda', 'Signalements', 'Rechercher dans le journal', 'Demandes', 'Liste d’attente', 'Capacités', 'Échéances', 'Dispositifs', 'Partenaires', 'Modèles',
      'Trouver un créneau', 'Disponibilités', 'Lieux et ressources', 'Rappels', 'Réglages des signalements', 'Mon compte',
    ]);
    await expectAccessible(invited, 'colleague home');

    // The link served once.
    const again = await newPage(await newContext(browser));
    await again.goto(link);
    await again.getByText('Ce lien n’est plus valable').waitFor();
    await expectAccessible(again, 'used invitation link');

    await admin.reload();
    const row = admin.getByTestId('staff-row').filter({ hasText: colleague.email });
    await row.waitFor();
    await row.getByText('Coordination').waitFor();
    await row.getByText('Responsable d’accompagnement personnel').waitFor();
    await row.getByText('Actif').waitFor();
    expect(await admin.getByTestId('invitation-row').count()).toBe(0);
    await expectAccessible(admin, 'staff list with the new colleague');

    // Deactivation asks first, then shows the new status.
    await row.getByRole('button', { name: `Désactiver le compte de ${colleague.firstName} ${colleague.lastName}` }).click();
    const confirm = admin.getByRole('dialog', { name: `Désactiver le compte de ${colleague.firstName} ${colleague.lastName} ?` });
    await confirm.waitFor();
    await expectAccessible(admin, 'deactivation confirmation');
    await confirm.getByRole('button', { name: 'Désactiver le compte' }).click();
    await row.getByText('Désactivé').waitFor();
    await row.getByRole('button', { name: `Réactiver le compte de ${colleague.firstName} ${colleague.lastName}` }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Réactiver le compte' }).click();
    await row.getByText('Actif').waitFor();

    // The last administrator cannot remove their own administration role.
    const me = admin.getByTestId('staff-row').filter({ hasText: administrator.email });
    await me.getByRole('button', { name: /Modifier les rôles/ }).click();
    const edit = admin.getByRole('dialog', { name: `Rôles et disciplines de ${administrator.firstName} ${administrator.lastName}` });
    await edit.getByRole('checkbox', { name: 'Administration' }).uncheck();
    await edit.getByRole('checkbox', { name: 'Supervision' }).check();
    await edit.getByRole('button', { name: 'Enregistrer' }).click();
    await edit.getByRole('alert').getByText('La structure doit garder au moins un administrateur actif.').waitFor();
    await expectAccessible(admin, 'refused role change');
    await edit.getByRole('button', { name: 'Annuler' }).click();
    await adminContext.close();
    await colleagueContext.close();
  });
});
