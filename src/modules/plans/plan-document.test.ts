import { describe, expect, it } from 'vitest';
import { renderContractPdf, renderPlanPdf } from './plan-document.js';
import type { ContractDocument, PlanDocument } from './plan-document.js';
import type { PlanGoal } from './schema.js';
import { readPdf, type PdfText } from '../../test/pdf-text.js';

const A4_WIDTH = 595.28;
const HASH = '3f2a9c41d07be8a1c5e6f7081928374655647382910abcdef0123456789abcd';

function buildGoal(overrides: Partial<PlanGoal> = {}): PlanGoal {
  return {
    id: 'goal-courses',
    personWording: 'Je veux refaire mes courses toute seule',
    professionalWording: 'Œuvrer à l’autonomie d’Éloïse pour les achats du quotidien',
    domain: 'daily_autonomy',
    proposedBy: 'person',
    priority: 1,
    targetOn: '2027-06-30',
    autonomyAim: 'Aller à la supérette du quartier et payer seule',
    scale: {
      '-2': 'Ne sort plus faire de courses',
      '-1': 'Fait ses courses accompagnée chaque fois',
      '0': 'Fait seule les courses à la supérette une fois par semaine',
      '1': 'Fait seule les courses au supermarché',
      '2': 'Fait seule ses courses et aide une voisine',
    },
    weight: 1,
    actions: [
      { id: 'a1', who: { kind: 'staff', staffMemberId: 'staff-1' }, what: 'Accompagner Éloïse à la supérette', frequency: 'chaque mardi', startOn: '2026-12-01', endOn: '2027-03-31', status: 'in_progress' },
      { id: 'a2', who: { kind: 'partner', partnerId: 'partner-1' }, what: 'Ouvrir un compte avec carte de paiement', frequency: null, startOn: null, endOn: '2027-01-15', status: 'planned' },
      { id: 'a3', who: { kind: 'relative', relativeId: 'relative-1' }, what: 'Faire une liste de courses avec Éloïse', frequency: 'le dimanche', startOn: '2026-12-01', endOn: null, status: 'planned' },
      { id: 'a4', who: { kind: 'discipline', disciplineId: 'discipline-1' }, what: 'Travailler le repérage dans le quartier', frequency: null, startOn: null, endOn: null, status: 'done' },
      { id: 'a5', who: { kind: 'person' }, what: 'Noter ce que j’ai acheté', frequency: null, startOn: null, endOn: null, status: 'stopped' },
    ],
    ...overrides,
  };
}

function buildPlan(overrides: Partial<PlanDocument> = {}): PlanDocument {
  return {
    locale: 'fr',
    organization: { name: 'Association Relais Créteil', address: '12 rue de la République\n94000 Créteil', phone: '01 23 45 67 89', email: 'contact@relais-asso.fr' },
    personName: 'Éloïse Lefèvre',
    personBirthDate: '1990-03-12',
    serviceName: 'Accompagnement à la vie sociale',
    referentName: 'Françoise Bézier',
    coordinatorName: 'Noël Garçon',
    episodeStartedOn: '2026-11-02',
    version: { number: 3, status: 'active', createdOn: '2026-11-20', createdByName: 'Françoise Bézier', agreedOn: '2026-12-02', activeFrom: '2026-12-03', contentHash: HASH },
    content: {
      summary: 'Éloïse souhaite reprendre confiance pour sortir de chez elle.\n\nLe projet est revu dans six mois.',
      goals: [buildGoal(), buildGoal({ id: 'goal-travail', personWording: 'Trouver un travail à mi-temps', professionalWording: null, domain: 'employment_training', priority: 2, targetOn: null, actions: [] })],
    },
    names: {
      staff: { 'staff-1': 'Paul Martin' },
      disciplines: { 'discipline-1': 'Ergothérapeute' },
      partners: { 'partner-1': 'Banque Solidaire du Val-de-Marne' },
      relatives: { 'relative-1': 'Zoé Lefèvre' },
    },
    agreements: [
      { party: 'referent', signerName: 'Françoise Bézier', outcome: 'signed', refusalNote: null, signedOn: '2026-12-02' },
      { party: 'person', signerName: 'Éloïse Lefèvre', outcome: 'signed', refusalNote: null, signedOn: '2026-12-02' },
      { party: 'legal_representative', signerName: 'Marc Lefèvre', outcome: 'refused', refusalNote: 'Je ne suis pas d’accord avec l’échéance de juin', signedOn: '2026-12-03' },
    ],
    lastEvaluation: {
      evaluatedOn: '2027-03-04',
      tScore: 54.5,
      scores: [{ goalId: 'goal-courses', level: 1, comment: 'Elle y va seule depuis février.' }],
      personView: 'Je me sens plus à l’aise dehors.',
    },
    ...overrides,
  };
}

function buildContract(overrides: Partial<ContractDocument> = {}): ContractDocument {
  return {
    locale: 'fr',
    organization: { name: 'Association Relais Créteil', address: '12 rue de la République\n94000 Créteil', phone: null, email: null },
    title: 'Contrat de séjour',
    body: [
      'Entre Association Relais Créteil, représentée par Françoise Bézier,',
      'et Éloïse Lefèvre, ci-après « la personne accompagnée »,',
      '',
      'il est convenu ce qui suit.',
      '',
      'Article 1 — Objet',
      'Le présent contrat définit les objectifs de l’accompagnement.',
      '',
      'Article 2 — Durée',
      'L’accompagnement commence le 2 novembre 2026.',
    ].join('\n'),
    number: 2,
    personName: 'Éloïse Lefèvre',
    handedOverOn: '2026-11-05',
    signedOn: null,
    contentHash: HASH,
    agreements: [{ party: 'person', signerName: 'Éloïse Lefèvre', outcome: 'refused', refusalNote: 'Je veux relire avec ma sœur', signedOn: '2026-11-06' }],
    ...overrides,
  };
}

const allText = (pdf: PdfText): string => pdf.pages.join(' ');

describe('renderPlanPdf', () => {
  it('writes the plan in plain French, the person’s words first, accents intact', async () => {
    const pdf = await readPdf(await renderPlanPdf(buildPlan()));
    const text = allText(pdf);

    expect(text).toContain('Projet d’accompagnement personnalisé');
    expect(text).toContain('Version 3 — en vigueur depuis le 3 décembre 2026');
    expect(text).toContain('Personne accompagnée Éloïse Lefèvre');
    expect(text).toContain('Date de naissance 12 mars 1990');
    expect(text).toContain('Accompagnement à la vie sociale');
    expect(text).toContain('Référent(e) Françoise Bézier');
    expect(text).toContain('Noël Garçon');
    expect(text).toContain('Début de l’accompagnement 2 novembre 2026');
    expect(text).toContain('Éloïse souhaite reprendre confiance pour sortir de chez elle.');
    // The person's words, quoted, come before the team's wording.
    const quoted = text.indexOf('« Je veux refaire mes courses toute seule »');
    expect(quoted).toBeGreaterThan(0);
    expect(text.indexOf('Œuvrer à l’autonomie d’Éloïse pour les achats du quotidien')).toBeGreaterThan(quoted);
    expect(text).toContain('Domaine de vie Autonomie dans la vie quotidienne');
    expect(text).toContain('Emploi et formation');
    expect(text).toContain('Priorité 1 — haute');
    expect(text).toContain('Échéance 30 juin 2027');
    expect(text).toContain('pas de date fixée');
    expect(text).toContain('Ce que je vise à faire par moi-même Aller à la supérette du quartier et payer seule');
    // Not in force: no draft marking anywhere.
    expect(text).not.toMatch(/brouillon/i);
  });

  it('prints each goal’s five-level scale, level 0 as the expected result', async () => {
    const text = allText(await readPdf(await renderPlanPdf(buildPlan())));

    expect(text).toContain('-2 Bien moins que prévu Ne sort plus faire de courses');
    expect(text).toContain('-1 Un peu moins que prévu Fait ses courses accompagnée chaque fois');
    expect(text).toContain('0 Résultat attendu Fait seule les courses à la supérette une fois par semaine');
    expect(text).toContain('+1 Un peu mieux que prévu Fait seule les courses au supermarché');
    expect(text).toContain('+2 Bien mieux que prévu Fait seule ses courses et aide une voisine');
    expect(text).toContain('Le niveau 0 (surligné) est le résultat attendu.');
  });

  it('says who does each action in words, with how often, when and where it stands', async () => {
    const text = allText(await readPdf(await renderPlanPdf(buildPlan())));

    expect(text).toContain('Paul Martin : Accompagner Éloïse à la supérette');
    expect(text).toContain('Fréquence : chaque mardi');
    expect(text).toContain('Du 1er décembre 2026 au 31 mars 2027');
    expect(text).toContain('Où on en est : en cours');
    expect(text).toContain('Banque Solidaire du Val-de-Marne (partenaire) : Ouvrir un compte avec carte de paiement');
    expect(text).toContain('Jusqu’au 15 janvier 2027');
    expect(text).toContain('Zoé Lefèvre (proche) : Faire une liste de courses avec Éloïse');
    expect(text).toContain('À partir du 1er décembre 2026');
    expect(text).toContain('Ergothérapeute (équipe) : Travailler le repérage dans le quartier');
    expect(text).toContain('Où on en est : réalisée');
    expect(text).toContain('Moi-même : Noter ce que j’ai acheté');
    expect(text).toContain('Où on en est : arrêtée');
    expect(text).toContain('Aucune action n’est encore prévue.');
    // No internal id ever reaches the page.
    expect(text).not.toMatch(/staff-1|partner-1|relative-1|discipline-1/);
  });

  it('names an actor it has no name for in general words, never by its id', async () => {
    const goal = buildGoal({
      actions: [
        { id: 'x1', who: { kind: 'staff', staffMemberId: 'staff-unknown' }, what: 'Appeler le bailleur', frequency: null, startOn: null, endOn: null, status: 'planned' },
        { id: 'x2', who: { kind: 'partner', partnerId: null }, what: 'Proposer un atelier', frequency: null, startOn: null, endOn: null, status: 'planned' },
      ],
    });
    const text = allText(await readPdf(await renderPlanPdf(buildPlan({ content: { summary: null, goals: [goal] } }))));

    expect(text).toContain('Un membre de l’équipe : Appeler le bailleur');
    expect(text).toContain('Un partenaire : Proposer un atelier');
    expect(text).not.toContain('staff-unknown');
  });

  it('gives the last evaluation of each goal and what the person said', async () => {
    const text = allText(await readPdf(await renderPlanPdf(buildPlan())));

    expect(text).toContain('Dernière évaluation (4 mars 2027) +1 — un peu mieux que prévu');
    expect(text).toContain('Commentaire Elle y va seule depuis février.');
    expect(text).toContain('pas évalué ce jour-là');
    expect(text).toContain('« Je me sens plus à l’aise dehors. »');
    expect(text).toContain('Score global d’atteinte des objectifs : 54,5');
  });

  it('lists each party’s signature or refusal with its note and date, and the version’s fingerprint', async () => {
    const text = allText(await readPdf(await renderPlanPdf(buildPlan())));

    expect(text).toContain('Accords');
    expect(text).toContain('La personne accompagnée Éloïse Lefèvre — a signé le 2 décembre 2026');
    expect(text).toContain('Le ou la référent(e) Françoise Bézier — a signé le 2 décembre 2026');
    expect(text).toContain('Son représentant légal Marc Lefèvre — a refusé de signer le 3 décembre 2026. Motif : « Je ne suis pas d’accord avec l’échéance de juin »');
    expect(text).toContain(`Empreinte de la version ${HASH.slice(0, 16)}`);
    expect(text).not.toContain(HASH.slice(0, 17));
  });

  it('shows who has not signed yet on a proposed plan', async () => {
    const text = allText(
      await readPdf(
        await renderPlanPdf(buildPlan({ version: { ...buildPlan().version, status: 'proposed', agreedOn: null, activeFrom: null }, agreements: [], lastEvaluation: null, personBirthDate: null })),
      ),
    );

    expect(text).toContain('Version 3 — proposé, en attente d’accord');
    expect(text).toContain('PROPOSITION — NON VALIDÉE');
    expect(text).toContain('La personne accompagnée pas encore signé');
    expect(text).toContain('Le ou la référent(e) pas encore signé');
    expect(text).not.toContain('Dernière évaluation');
    expect(text).not.toContain('Date de naissance');
  });

  it('prints a scale description longer than a page in full, inside the page', async () => {
    const long = `${'Elle fait ses courses seule et en parle avec l’équipe. '.repeat(120)}FIN.`;
    const goal = buildGoal({ scale: { ...buildGoal().scale, '0': long } });
    const pdf = await readPdf(await renderPlanPdf(buildPlan({ content: { summary: null, goals: [goal] } })));

    expect(allText(pdf)).toContain('FIN.');
    expect(allText(pdf)).toContain('Fait seule ses courses et aide une voisine');
    for (const line of pdf.lines) expect(line.right).toBeLessThanOrEqual(A4_WIDTH - 40);
  });

  it('marks a draft as such on every page, and numbers the pages of a long plan', async () => {
    const goals = Array.from({ length: 20 }, (_, i) => buildGoal({ id: `goal-${i + 1}`, personWording: `Objectif numéro ${i + 1} : je veux refaire mes courses toute seule` }));
    const plan = buildPlan({ version: { ...buildPlan().version, status: 'draft', agreedOn: null, activeFrom: null }, content: { summary: null, goals }, agreements: [] });
    const pdf = await readPdf(await renderPlanPdf(plan));
    const count = pdf.pages.length;

    expect(count).toBeGreaterThanOrEqual(5);
    pdf.pages.forEach((page, index) => {
      expect(page).toContain('BROUILLON — NON VALIDÉ');
      expect(page).toContain(`Page ${index + 1} / ${count}`);
      expect(page).toContain(`Version 3 · empreinte ${HASH.slice(0, 16)}`);
    });
    const text = allText(pdf);
    expect(text).toContain('Version 3 — brouillon — non validé');
    expect(text).toContain('Objectif 20 sur 20');
    expect(text).toContain('« Objectif numéro 20 : je veux refaire mes courses toute seule »');
    // Agreements and fingerprint close the document, on its last page.
    expect(pdf.pages[count - 1]).toContain('Empreinte de la version');
    for (const line of pdf.lines) expect(line.right).toBeLessThanOrEqual(A4_WIDTH - 40);
  });

  it('prints typed text with emoji and other scripts instead of throwing', async () => {
    const plan = buildPlan({
      personName: 'Ștefan Łukasz 🙂',
      content: { summary: 'On avance 💪🏽 ensemble 👨‍👩‍👧 « 谢谢 »', goals: [buildGoal({ personWording: 'Je veux cuisiner 🍝 pour mes amis', actions: [] })] },
      agreements: [{ party: 'person', signerName: 'Ștefan Łukasz 🙂', outcome: 'refused', refusalNote: 'Pas maintenant 🙏', signedOn: '2026-12-02' }],
    });
    const text = allText(await readPdf(await renderPlanPdf(plan)));

    expect(text).toContain('Stefan Lukasz');
    expect(text).toContain('On avance ensemble « ?? »');
    expect(text).toContain('« Je veux cuisiner pour mes amis »');
    expect(text).toContain('Motif : « Pas maintenant »');
    expect(text).not.toMatch(/\p{Extended_Pictographic}/u);
  });

  it('writes the English version in English', async () => {
    const text = allText(await readPdf(await renderPlanPdf(buildPlan({ locale: 'en' }))));

    expect(text).toContain('Personalised support plan');
    expect(text).toContain('Version 3 — in force since 3 December 2026');
    expect(text).toContain('Key worker Françoise Bézier');
    expect(text).toContain('“Je veux refaire mes courses toute seule”');
    expect(text).toContain('Area of life Daily living');
    expect(text).toContain('What I aim to do on my own');
    expect(text).toContain('0 Expected result');
    expect(text).toContain('Paul Martin: Accompagner Éloïse à la supérette');
    expect(text).toContain('How often: chaque mardi');
    expect(text).toContain('Marc Lefèvre — declined to sign on 3 December 2026. Reason: “Je ne suis pas d’accord avec l’échéance de juin”');
    expect(text).toContain(`Version fingerprint ${HASH.slice(0, 16)}`);
    expect(text).toContain('Page 1 / ');
    for (const french of ['Objectif', 'Priorité', 'Échéance', 'décembre', 'Accords', 'Empreinte', 'signé']) expect(text).not.toContain(french);
  });

  it('gives the same bytes for the same plan', async () => {
    const plan = buildPlan();
    expect(await renderPlanPdf(plan)).toEqual(await renderPlanPdf(plan));
  });
});

describe('renderContractPdf', () => {
  it('prints the contract’s text with its articles as headings, then handover, signatures and fingerprint', async () => {
    const pdf = await readPdf(await renderContractPdf(buildContract()));
    const text = allText(pdf);

    expect(text).toContain('Contrat de séjour');
    expect(text).toContain('Éloïse Lefèvre · Version 2');
    expect(text).toContain('Entre Association Relais Créteil, représentée par Françoise Bézier,');
    expect(text).toContain('et Éloïse Lefèvre, ci-après « la personne accompagnée »,');
    expect(text).toContain('Article 1 — Objet Le présent contrat définit les objectifs de l’accompagnement.');
    expect(text).toContain('Article 2 — Durée');
    // The author's line breaks are kept: the two opening lines are drawn as two lines.
    expect(pdf.lines.map((l) => l.text)).toContain('Entre Association Relais Créteil, représentée par Françoise Bézier,');
    expect(pdf.lines.map((l) => l.text)).toContain('Article 2 — Durée');
    expect(text).toContain('Remise à la personne 5 novembre 2026');
    expect(text).toContain('Signature pas encore signé');
    expect(text).toContain('La personne accompagnée Éloïse Lefèvre — a refusé de signer le 6 novembre 2026. Motif : « Je veux relire avec ma sœur »');
    expect(text).toContain('Le ou la référent(e) pas encore signé');
    expect(text).toContain(`Empreinte de la version ${HASH.slice(0, 16)}`);
    expect(text).toContain('Page 1 / 1');
  });

  it('writes the English frame in English, and gives the same bytes twice', async () => {
    const contract = buildContract({ locale: 'en', signedOn: '2026-11-07' });
    const text = allText(await readPdf(await renderContractPdf(contract)));

    expect(text).toContain('Given to the person 5 November 2026');
    expect(text).toContain('Signed 7 November 2026');
    expect(text).toContain('The person supported Éloïse Lefèvre — declined to sign on 6 November 2026');
    expect(text).toContain(`Version fingerprint ${HASH.slice(0, 16)}`);
    expect(await renderContractPdf(contract)).toEqual(await renderContractPdf(contract));
  });
});
