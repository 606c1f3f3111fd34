import { describe, expect, it } from 'vitest';
import { renderDecisionLetter } from './decision-letter.js';
import type { DecisionLetter, OrientationTarget } from './decision-letter.js';
import { readPdf, type PdfText } from '../../test/pdf-text.js';

const A4_WIDTH = 595.28;

function buildLetter(overrides: Partial<DecisionLetter> = {}): DecisionLetter {
  return {
    locale: 'fr',
    organization: { name: 'Association Relais Créteil', address: '12 rue de la République\n94000 Créteil', phone: '01 23 45 67 89', email: 'contact@relais-asso.fr' },
    recipient: { kind: 'person', name: 'Éloïse Lefèvre', address: '3 allée des Œillets\n94100 Saint-Maur-des-Fossés' },
    personName: 'Éloïse Lefèvre',
    outcome: 'refuse',
    serviceName: 'Accompagnement à la vie sociale',
    referralReceivedOn: '2026-11-01',
    decidedOn: '2026-11-23',
    decidedBy: { name: 'Françoise Bézier', title: 'Cheffe de service' },
    reasons: 'Le service est complet jusqu’en mars.\n\nNous savons que ce n’est pas la réponse que vous attendiez.',
    orientation: null,
    reference: 'DEC-2026-0042',
    ...overrides,
  };
}

async function render(overrides: Partial<DecisionLetter> = {}): Promise<PdfText> {
  return readPdf(await renderDecisionLetter(buildLetter(overrides)));
}

const allText = (pdf: PdfText): string => pdf.pages.join(' ');

describe('renderDecisionLetter', () => {
  it('writes a French refusal the person can read, accents intact, on one page', async () => {
    const pdf = await render();
    const text = allText(pdf);

    expect(pdf.pages).toHaveLength(1);
    expect(text).toContain('Association Relais Créteil');
    expect(text).toContain('Tél. : 01 23 45 67 89');
    expect(text).toContain('Éloïse Lefèvre');
    expect(text).toContain('3 allée des Œillets');
    expect(text).toContain('Le 23 novembre 2026');
    expect(text).toContain('Réf. : DEC-2026-0042');
    expect(text).toContain('Objet : Votre demande d’accompagnement — Accompagnement à la vie sociale');
    expect(text).toContain('Madame, Monsieur,');
    expect(text).toContain('reçu le 1er novembre 2026');
    expect(text).toContain('ne pas y donner une suite favorable');
    expect(text).toContain('Le service est complet jusqu’en mars.');
    expect(text).toContain('Nous savons que ce n’est pas la réponse que vous attendiez.');
    expect(text).toContain('demander qu’elle soit réexaminée');
    expect(text).toContain('Françoise Bézier');
    expect(text).toContain('Cheffe de service');
    // Nothing to orient to, and a single page needs no page numbers.
    expect(text).not.toContain('Orientation proposée');
    expect(text).not.toContain('Page 1');
  });

  it('prints the emergency numbers in a box on every letter', async () => {
    const text = allText(await render());

    expect(text).toContain('En cas d’urgence');
    expect(text).toMatch(/\b15 SAMU\b/);
    expect(text).toMatch(/\b112 numéro d’urgence européen\b/);
    expect(text).toMatch(/\b3114 numéro national de prévention du suicide, 24h\/24/);
  });

  it('says the request is oriented and where to, with the team’s details', async () => {
    const text = allText(
      await render({
        outcome: 'orient',
        reasons: 'Un suivi de soins nous paraît prioritaire.',
        orientation: { to: 'cmp', detail: 'CMP Henri-Barbusse, 5 avenue Henri Barbusse, Créteil\nTél. 01 98 76 54 32' },
      }),
    );

    expect(text).toContain('votre demande est donc orientée vers un autre professionnel ou un autre service');
    expect(text).toContain('Un suivi de soins nous paraît prioritaire.');
    expect(text).toContain('Orientation proposée');
    expect(text).toContain('Centre médico-psychologique (CMP)');
    expect(text).toContain('CMP Henri-Barbusse, 5 avenue Henri Barbusse, Créteil');
    expect(text).toContain('Tél. 01 98 76 54 32');
    expect(text).not.toContain('suite favorable');
  });

  it.each<[OrientationTarget, string]>([
    ['doctor', 'Médecin traitant'],
    ['psychologist', 'Psychologue'],
    ['cmp', 'Centre médico-psychologique (CMP)'],
    ['emergency', 'Services d’urgence'],
    ['other', 'Autre interlocuteur'],
  ])('names the orientation %s in plain words', async (to, words) => {
    const text = allText(await render({ outcome: 'orient', orientation: { to, detail: 'Maison des solidarités de Créteil' } }));

    expect(text).toContain(words);
    expect(text).toContain('Maison des solidarités de Créteil');
  });

  it('addresses a referrer about the person, by name', async () => {
    const text = allText(
      await render({
        recipient: { kind: 'referrer', name: 'Dr Anne Moreau', address: 'Centre de santé, 94000 Créteil' },
        outcome: 'orient',
        orientation: { to: 'doctor', detail: null },
      }),
    );

    expect(text).toContain('Dr Anne Moreau');
    expect(text).toContain('Objet : Demande d’accompagnement pour Éloïse Lefèvre — Accompagnement à la vie sociale');
    expect(text).toContain('la situation d’Éloïse Lefèvre');
    expect(text).toContain('orienter Éloïse Lefèvre vers son médecin traitant');
    expect(text).toContain('Si vous-même ou Éloïse Lefèvre n’êtes pas d’accord');
  });

  it('flows 4000 characters of reasons onto further pages, numbered, paragraphs kept', async () => {
    const paragraph = (n: number) =>
      `Paragraphe ${n}. L’équipe a pris le temps d’échanger avec vous et avec votre entourage ; elle a considéré votre situation, vos attentes et les places disponibles dans le service.`;
    const reasons = Array.from({ length: 40 }, (_, i) => paragraph(i + 1))
      .join('\n\n')
      .slice(0, 3990)
      .concat(' FIN.');
    expect(reasons.length).toBeLessThanOrEqual(4000);

    const pdf = await render({ reasons });
    const count = pdf.pages.length;

    expect(count).toBeGreaterThanOrEqual(2);
    pdf.pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} / ${count}`);
      expect(page).toContain('DEC-2026-0042');
    });
    const text = allText(pdf);
    expect(text).toContain(paragraph(1));
    expect(text).toContain(paragraph(20));
    expect(text).toContain('FIN.');
    // The signature closes the letter, on its last page.
    expect(pdf.pages[count - 1]).toContain('Françoise Bézier');
    // Every line stays inside the page.
    for (const line of pdf.lines) expect(line.right).toBeLessThanOrEqual(A4_WIDTH - 40);
  });

  it('cuts a word longer than the line instead of running off the page', async () => {
    const word = `https://exemple.fr/${'a'.repeat(400)}`;
    const pdf = await render({ reasons: `Voir ${word} pour le détail.` });

    for (const line of pdf.lines) expect(line.right).toBeLessThanOrEqual(A4_WIDTH - 40);
    const pieces = pdf.lines.filter((line) => /^(https:\/\/exemple\.fr\/)?a+( pour le détail\.)?$/.test(line.text));
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    expect(pieces.map((line) => line.text).join('')).toBe(`${word} pour le détail.`);
  });

  it('prints typed text with emoji and other scripts instead of throwing', async () => {
    const text = allText(
      await render({
        personName: 'Ștefan Łukasz 🙂',
        reasons: 'Merci pour votre patience 🙏🏽 ! Nous avons noté « 谢谢 » et vos remarques.\u202F👨‍👩‍👧\r\nÀ bientôt.',
        orientation: { to: 'other', detail: 'Association 🌈 Arc-en-ciel' },
        outcome: 'orient',
        recipient: { kind: 'referrer', name: 'Zoë Ñúñez', address: null },
      }),
    );

    expect(text).toContain('Merci pour votre patience !');
    expect(text).toContain('Nous avons noté « ?? » et vos remarques.');
    expect(text).toContain('À bientôt.');
    expect(text).toContain('Stefan Lukasz');
    expect(text).toContain('Zoë Ñúñez');
    expect(text).toContain('Association Arc-en-ciel');
    expect(text).not.toMatch(/\p{Extended_Pictographic}/u);
  });

  it('writes the English version in English', async () => {
    const text = allText(
      await render({
        locale: 'en',
        outcome: 'orient',
        reasons: 'We think a care team is what you need first.',
        orientation: { to: 'psychologist', detail: null },
      }),
    );

    expect(text).toContain('23 November 2026');
    expect(text).toContain('Ref.: DEC-2026-0042');
    expect(text).toContain('Subject: Your request for support — Accompagnement à la vie sociale');
    expect(text).toContain('Dear Éloïse Lefèvre,');
    expect(text).toContain('on 1 November 2026');
    expect(text).toContain('your request is being directed to another professional or service');
    expect(text).toContain('Reasons for this decision');
    expect(text).toContain('We think a care team is what you need first.');
    expect(text).toContain('Psychologist');
    expect(text).toContain('In an emergency');
    expect(text).toContain('European emergency number');
    expect(text).toContain('3114 national suicide prevention line');
    expect(text).toContain('you can ask the team to review it');
    expect(text).toContain('Yours sincerely,');
    for (const french of ['Objet', 'Madame', 'novembre', 'urgence', 'Réf.']) expect(text).not.toContain(french);
  });

  it('gives the same bytes for the same decision', async () => {
    const letter = buildLetter();
    expect(await renderDecisionLetter(letter)).toEqual(await renderDecisionLetter(letter));
  });

  it('rejects a date that is not a calendar day', async () => {
    await expect(renderDecisionLetter(buildLetter({ decidedOn: '2026-02-30' }))).rejects.toThrow(RangeError);
  });
});
