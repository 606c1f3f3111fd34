import { PARAGRAPH_GAP, PdfDocumentBuilder, SECTION_GAP, baselineOffset, formatEnglishDate, formatFrenchDate, toParagraphs } from '../../lib/pdf-document.js';

export type OrientationTarget = 'doctor' | 'psychologist' | 'cmp' | 'emergency' | 'other';

export interface DecisionLetter {
  locale: 'fr' | 'en';
  organization: { name: string; address?: string | null; phone?: string | null; email?: string | null };
  recipient: { kind: 'person' | 'referrer'; name: string; address?: string | null };
  /** The person the request was about (full name: the letter goes to them or to the referrer who knows them). */
  personName: string;
  outcome: 'refuse' | 'orient';
  serviceName: string;
  referralReceivedOn: string; // YYYY-MM-DD
  decidedOn: string; // YYYY-MM-DD
  decidedBy: { name: string; title?: string | null };
  reasons: string; // written by the team, may be several paragraphs, any length up to 4000 chars
  orientation?: { to: OrientationTarget; detail: string | null } | null;
  reference: string; // e.g. "DEC-2026-0042", printed on the letter
}

/**
 * Renders the letter a structure sends when it refuses a request for support or orients the
 * person elsewhere: A4, standard Helvetica (WinAnsi), text flowing onto as many pages as needed.
 * The letter is dated on the day of the decision. The output depends only on the input (no
 * creation date in the metadata), so the same decision always gives the same bytes.
 */
export async function renderDecisionLetter(letter: DecisionLetter): Promise<Uint8Array> {
  const pdf = await PdfDocumentBuilder.create();
  const input = cleanLetter(letter, pdf);
  const words = input.locale === 'en' ? english : french;

  pdf.describe({ title: words.documentTitle(input.reference), locale: input.locale, author: input.organization.name });
  drawLetterhead(pdf, input, words);
  drawAddressBlock(pdf, input, words);
  drawBody(pdf, input, words);
  drawEmergencyBox(pdf, input, words);
  drawReviewAndSignature(pdf, input, words);
  // On a letter of several pages, every page says which letter it belongs to and where it stands.
  pdf.drawFooters({ reference: words.referenceFooter(input.reference), pageLabel: words.page, minPages: 2 });

  return pdf.save();
}

// ---------------------------------------------------------------------------------------------
// Page geometry

/** Left edge of the recipient block: about 11 cm, where a French window envelope shows it. */
const ADDRESS_X = 312;
const ADDRESS_TOP_FROM_PAGE_TOP = 142;

// ---------------------------------------------------------------------------------------------
// Characters: every string goes through the builder's filter before it is drawn

function cleanLetter(letter: DecisionLetter, pdf: PdfDocumentBuilder): DecisionLetter {
  const inline = (s: string | null | undefined): string => pdf.inline(s);
  const block = (s: string | null | undefined): string => pdf.block(s);
  return {
    ...letter,
    organization: {
      name: inline(letter.organization.name),
      address: block(letter.organization.address),
      phone: inline(letter.organization.phone),
      email: inline(letter.organization.email),
    },
    recipient: { kind: letter.recipient.kind, name: inline(letter.recipient.name), address: block(letter.recipient.address) },
    personName: inline(letter.personName),
    serviceName: inline(letter.serviceName),
    decidedBy: { name: inline(letter.decidedBy.name), title: inline(letter.decidedBy.title) },
    reasons: block(letter.reasons),
    orientation: letter.orientation ? { to: letter.orientation.to, detail: block(letter.orientation.detail) } : null,
    reference: inline(letter.reference),
  };
}

// ---------------------------------------------------------------------------------------------
// Words of the letter, French first

interface Wording {
  documentTitle(reference: string): string;
  date(value: string): string;
  letterDate(value: string): string;
  referenceLine(reference: string): string;
  referenceFooter(reference: string): string;
  subject(l: DecisionLetter): string;
  salutation(l: DecisionLetter): string;
  intro(l: DecisionLetter): string;
  decision(l: DecisionLetter): string;
  reasonsHeading: string;
  orientationHeading: string;
  target(to: OrientationTarget): string;
  orientationAdvice(l: DecisionLetter, to: OrientationTarget, hasDetail: boolean): string;
  noOrientationGiven(l: DecisionLetter): string;
  emergencyTitle: string;
  emergencyLead(l: DecisionLetter): string;
  emergencyNumbers: ReadonlyArray<readonly [string, string]>;
  phone: string;
  email: string;
  review(l: DecisionLetter): string;
  closing: string;
  page(index: number, count: number): string;
}

const isReferrer = (l: DecisionLetter): boolean => l.recipient.kind === 'referrer';

/** "A, B ou C" / "A, B or C". */
function joinAlternatives(items: string[], or: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${or} ${items[items.length - 1] ?? ''}`;
}

const nb = '\u00A0'; // French puts a no-break space before ":" and inside « ».

/** "de Paul", "d’Éloïse": French elides "de" before a vowel or a mute h. */
function ofName(name: string): string {
  return /^[aeiouyhàâäéèêëîïôöùûüœæ]/iu.test(name) ? `d’${name}` : `de ${name}`;
}

const french: Wording = {
  documentTitle: (reference) => `Décision sur une demande d’accompagnement${nb}— ${reference}`,
  date: formatFrenchDate,
  letterDate: (value) => `Le ${formatFrenchDate(value)}`,
  referenceLine: (reference) => `Réf.${nb}: ${reference}`,
  referenceFooter: (reference) => `Réf.${nb}: ${reference}`,
  subject: (l) =>
    isReferrer(l)
      ? `Objet${nb}: Demande d’accompagnement pour ${l.personName} — ${l.serviceName}`
      : `Objet${nb}: Votre demande d’accompagnement — ${l.serviceName}`,
  salutation: () => 'Madame, Monsieur,',
  intro: (l) =>
    isReferrer(l)
      ? `Nous avons bien reçu le ${formatFrenchDate(l.referralReceivedOn)} votre demande d’accompagnement pour ${l.personName} auprès du service «${nb}${l.serviceName}${nb}». Nous vous remercions de nous l’avoir adressée.`
      : `Nous avons bien reçu le ${formatFrenchDate(l.referralReceivedOn)} votre demande d’accompagnement auprès du service «${nb}${l.serviceName}${nb}». Nous vous remercions de votre confiance.`,
  decision: (l) => {
    const decided = formatFrenchDate(l.decidedOn);
    switch (l.outcome) {
      case 'refuse':
        return isReferrer(l)
          ? `Notre équipe a étudié cette demande avec attention. Nous avons le regret de vous informer qu’elle a décidé, le ${decided}, de ne pas y donner une suite favorable${nb}: nous ne pourrons pas accompagner ${l.personName} dans le cadre de ce service.`
          : `Notre équipe a étudié votre demande avec attention. Nous avons le regret de vous informer qu’elle a décidé, le ${decided}, de ne pas y donner une suite favorable${nb}: nous ne pourrons pas vous accompagner dans le cadre de ce service.`;
      case 'orient':
        return isReferrer(l)
          ? `Notre équipe a étudié cette demande avec attention. Le ${decided}, elle a estimé qu’un autre accompagnement répondrait mieux à la situation ${ofName(l.personName)}${nb}: la demande est donc orientée vers un autre professionnel ou un autre service.`
          : `Notre équipe a étudié votre demande avec attention. Le ${decided}, elle a estimé qu’un autre accompagnement répondrait mieux à votre situation${nb}: votre demande est donc orientée vers un autre professionnel ou un autre service.`;
    }
  },
  reasonsHeading: 'Les raisons de cette décision',
  orientationHeading: 'Orientation proposée',
  target: (to) => {
    switch (to) {
      case 'doctor':
        return 'Médecin traitant';
      case 'psychologist':
        return 'Psychologue';
      case 'cmp':
        return 'Centre médico-psychologique (CMP)';
      case 'emergency':
        return 'Services d’urgence';
      case 'other':
        return 'Autre interlocuteur';
    }
  },
  orientationAdvice: (l, to, hasDetail) => {
    const p = l.personName;
    const referrer = isReferrer(l);
    switch (to) {
      case 'doctor':
        return referrer
          ? `Nous vous invitons à orienter ${p} vers son médecin traitant, qui pourra lui donner des conseils et, si besoin, l’adresser au professionnel adapté.`
          : 'Nous vous invitons à en parler avec votre médecin traitant. Il ou elle pourra vous conseiller et, si besoin, vous adresser au professionnel adapté.';
      case 'psychologist':
        return referrer
          ? `Nous vous invitons à orienter ${p} vers un ou une psychologue, qui pourra lui proposer un temps d’écoute et de soutien.`
          : 'Nous vous invitons à prendre contact avec un ou une psychologue, qui pourra vous proposer un temps d’écoute et de soutien. Certaines séances peuvent être remboursées par l’Assurance maladie (dispositif «\u00A0Mon soutien psy\u00A0»).';
      case 'cmp':
        return referrer
          ? `Nous vous invitons à orienter ${p} vers le centre médico-psychologique (CMP) de son secteur, où une équipe de soins en santé mentale pourra l’accueillir.`
          : 'Nous vous invitons à prendre contact avec le centre médico-psychologique (CMP) de votre secteur. Vous y rencontrerez une équipe de soins en santé mentale (psychiatre, psychologue, infirmier ou infirmière)\u00A0; les consultations sont prises en charge par l’Assurance maladie.';
      case 'emergency':
        return referrer
          ? `La situation ${ofName(p)} nous paraît demander une aide rapide. Nous vous invitons à appeler sans attendre le 15 (SAMU) ou le 112, ou à l’accompagner aux urgences de l’hôpital le plus proche.`
          : 'Votre situation nous paraît demander une aide rapide. Nous vous invitons à appeler sans attendre le 15 (SAMU) ou le 112, ou à vous rendre aux urgences de l’hôpital le plus proche.';
      case 'other':
        if (!hasDetail) return 'Nous restons à votre disposition pour vous indiquer l’interlocuteur le plus adapté et ses coordonnées.';
        return referrer
          ? `Nous vous invitons à orienter ${p} vers l’interlocuteur indiqué ci-dessous.`
          : 'Nous vous invitons à prendre contact avec l’interlocuteur indiqué ci-dessous.';
    }
  },
  noOrientationGiven: () => 'Nous restons à votre disposition pour vous aider à trouver l’interlocuteur le plus adapté.',
  emergencyTitle: 'En cas d’urgence',
  emergencyLead: (l) =>
    isReferrer(l)
      ? `Si la situation ${ofName(l.personName)} devient urgente, appelez à tout moment${nb}:`
      : `Si vous êtes en danger ou si vous pensez au suicide, vous pouvez appeler à tout moment${nb}:`,
  emergencyNumbers: [
    ['15', 'SAMU (urgence médicale)'],
    ['112', 'numéro d’urgence européen'],
    ['3114', 'numéro national de prévention du suicide, 24h/24 et 7j/7, appel gratuit'],
  ],
  phone: 'Tél.',
  email: 'Courriel',
  review: (l) => {
    const ways: string[] = [];
    if (l.organization.phone) ways.push(`par téléphone au ${l.organization.phone}`);
    if (l.organization.email) ways.push(`par courriel à ${l.organization.email}`);
    if (l.organization.address) ways.push('par courrier');
    const contact = ways.length > 0 ? `${nb}: ${joinAlternatives(ways, 'ou')}` : '';
    const who = isReferrer(l) ? `Si vous-même ou ${l.personName} n’êtes pas d’accord` : 'Si vous n’êtes pas d’accord';
    const help = isReferrer(l) ? '' : ' Vous pouvez vous faire aider dans cette démarche par la personne de votre choix.';
    return `${who} avec cette décision, vous pouvez demander qu’elle soit réexaminée par l’équipe, ou simplement nous contacter pour en parler${contact}.${help} Merci de rappeler la référence ${l.reference}.`;
  },
  closing: 'Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.',
  page: (index, count) => `Page ${index} / ${count}`,
};

const english: Wording = {
  documentTitle: (reference) => `Decision on a request for support — ${reference}`,
  date: formatEnglishDate,
  letterDate: formatEnglishDate,
  referenceLine: (reference) => `Ref.: ${reference}`,
  referenceFooter: (reference) => `Ref.: ${reference}`,
  subject: (l) =>
    isReferrer(l) ? `Subject: Request for support for ${l.personName} — ${l.serviceName}` : `Subject: Your request for support — ${l.serviceName}`,
  salutation: (l) => `Dear ${l.recipient.name},`,
  intro: (l) =>
    isReferrer(l)
      ? `We received your request for support for ${l.personName} from our service “${l.serviceName}” on ${formatEnglishDate(l.referralReceivedOn)}. Thank you for referring them to us.`
      : `We received your request for support from our service “${l.serviceName}” on ${formatEnglishDate(l.referralReceivedOn)}. Thank you for getting in touch with us.`,
  decision: (l) => {
    const decided = formatEnglishDate(l.decidedOn);
    switch (l.outcome) {
      case 'refuse':
        return isReferrer(l)
          ? `Our team has considered this request carefully. We are sorry to tell you that on ${decided} the team decided it could not accept it: we will not be able to support ${l.personName} through this service.`
          : `Our team has considered your request carefully. We are sorry to tell you that on ${decided} the team decided it could not accept it: we will not be able to support you through this service.`;
      case 'orient':
        return isReferrer(l)
          ? `Our team has considered this request carefully. On ${decided}, the team felt that another kind of support would better suit ${l.personName}’s situation, so the request is being directed to another professional or service.`
          : `Our team has considered your request carefully. On ${decided}, the team felt that another kind of support would better suit your situation, so your request is being directed to another professional or service.`;
    }
  },
  reasonsHeading: 'Reasons for this decision',
  orientationHeading: 'Suggested next step',
  target: (to) => {
    switch (to) {
      case 'doctor':
        return 'GP (médecin traitant)';
      case 'psychologist':
        return 'Psychologist';
      case 'cmp':
        return 'Public mental health centre (CMP, centre médico-psychologique)';
      case 'emergency':
        return 'Emergency services';
      case 'other':
        return 'Other service';
    }
  },
  orientationAdvice: (l, to, hasDetail) => {
    const p = l.personName;
    const referrer = isReferrer(l);
    switch (to) {
      case 'doctor':
        return referrer
          ? `We suggest that ${p} see their GP (médecin traitant), who can advise them and, if needed, refer them to the right professional.`
          : 'We suggest that you talk to your GP (médecin traitant), who can advise you and, if needed, refer you to the right professional.';
      case 'psychologist':
        return referrer
          ? `We suggest that ${p} see a psychologist, who can offer them time to talk and support.`
          : 'We suggest that you contact a psychologist, who can offer you time to talk and support. Some sessions can be reimbursed by the Assurance maladie (the “Mon soutien psy” scheme).';
      case 'cmp':
        return referrer
          ? `We suggest that ${p} contact the CMP (public mental health centre) for their area, where a mental health team can see them.`
          : 'We suggest that you contact the CMP (public mental health centre) for your area. Its team (psychiatrist, psychologist, nurses) can see you, and consultations are covered by the Assurance maladie.';
      case 'emergency':
        return referrer
          ? `${p}’s situation seems to us to need help quickly. Please call 15 (SAMU) or 112 without delay, or go with them to the emergency department of the nearest hospital.`
          : 'Your situation seems to us to need help quickly. Please call 15 (SAMU) or 112 without delay, or go to the emergency department of the nearest hospital.';
      case 'other':
        if (!hasDetail) return 'We remain available to help you find the right contact and their details.';
        return referrer ? `We suggest that ${p} contact the service described below.` : 'We suggest that you contact the service described below.';
    }
  },
  noOrientationGiven: () => 'We remain available to help you find the right contact.',
  emergencyTitle: 'In an emergency',
  emergencyLead: (l) =>
    isReferrer(l)
      ? `If ${l.personName}’s situation becomes urgent, call at any time:`
      : 'If you are in danger or are thinking about suicide, you can call at any time:',
  emergencyNumbers: [
    ['15', 'SAMU (medical emergencies)'],
    ['112', 'European emergency number'],
    ['3114', 'national suicide prevention line (France), 24/7, free of charge'],
  ],
  phone: 'Tel.',
  email: 'Email',
  review: (l) => {
    const ways: string[] = [];
    if (l.organization.phone) ways.push(`by phone on ${l.organization.phone}`);
    if (l.organization.email) ways.push(`by email at ${l.organization.email}`);
    if (l.organization.address) ways.push('by post');
    const contact = ways.length > 0 ? `: ${joinAlternatives(ways, 'or')}` : '';
    const who = isReferrer(l) ? `If you or ${l.personName} disagree` : 'If you disagree';
    const help = isReferrer(l) ? '' : ' You may ask someone you trust to help you with this.';
    return `${who} with this decision, you can ask the team to review it, or simply contact us to talk about it${contact}.${help} Please quote the reference ${l.reference}.`;
  },
  closing: 'Yours sincerely,',
  page: (index, count) => `Page ${index} / ${count}`,
};

// ---------------------------------------------------------------------------------------------
// Layout

function drawLetterhead(pdf: PdfDocumentBuilder, l: DecisionLetter, w: Wording): void {
  const contacts: string[] = [];
  if (l.organization.phone) contacts.push(`${w.phone}${l.locale === 'fr' ? nb : ''}: ${l.organization.phone}`);
  if (l.organization.email) contacts.push(`${w.email}${l.locale === 'fr' ? nb : ''}: ${l.organization.email}`);
  pdf.letterhead({ name: l.organization.name, addressLines: toParagraphs(l.organization.address ?? '').flat(), contacts });
}

function drawAddressBlock(pdf: PdfDocumentBuilder, l: DecisionLetter, w: Wording): void {
  const s = pdf.styles;
  // Recipient where a window envelope shows it, unless a long letterhead already reaches lower.
  pdf.y = Math.min(pdf.y - 24, pdf.pageHeight - ADDRESS_TOP_FROM_PAGE_TOP);
  pdf.paragraph(l.recipient.name, s.bodyBold, ADDRESS_X);
  for (const line of toParagraphs(l.recipient.address ?? '').flat()) pdf.paragraph(line, s.body, ADDRESS_X);
  pdf.space(20);
  // Reference on the left and date on the right share one line, as on most French letters.
  pdf.ensure(s.body.lineHeight);
  const top = pdf.y;
  pdf.drawAt(w.referenceLine(l.reference), s.small, pdf.left, top - baselineOffset(s.body) + baselineOffset(s.small));
  pdf.paragraph(w.letterDate(l.decidedOn), s.body, ADDRESS_X);
  pdf.space(10);
  pdf.paragraph(w.subject(l), s.bodyBold);
  pdf.space(SECTION_GAP);
}

function drawBody(pdf: PdfDocumentBuilder, l: DecisionLetter, w: Wording): void {
  const s = pdf.styles;
  pdf.paragraph(w.salutation(l), s.body);
  pdf.space(PARAGRAPH_GAP);
  pdf.paragraph(w.intro(l), s.body);
  pdf.space(PARAGRAPH_GAP);
  pdf.paragraph(w.decision(l), s.body);

  if (toParagraphs(l.reasons).length > 0) {
    pdf.space(SECTION_GAP);
    pdf.heading(w.reasonsHeading);
    pdf.text(l.reasons, s.body);
  }

  const orientation = l.orientation;
  if (orientation || l.outcome === 'orient') {
    pdf.space(SECTION_GAP);
    pdf.heading(w.orientationHeading);
    if (!orientation) {
      pdf.paragraph(w.noOrientationGiven(l), s.body);
      return;
    }
    const detail = toParagraphs(orientation.detail ?? '');
    pdf.paragraph(w.target(orientation.to), s.bodyBold);
    pdf.space(2);
    pdf.paragraph(w.orientationAdvice(l, orientation.to, detail.length > 0), s.body);
    for (const lines of detail) {
      pdf.space(PARAGRAPH_GAP);
      // The team's details (name, address, phone) sit indented under the advice, like a card.
      for (const line of lines) pdf.paragraph(line, s.body, pdf.left + 14);
    }
  }
}

function drawEmergencyBox(pdf: PdfDocumentBuilder, l: DecisionLetter, w: Wording): void {
  const s = pdf.styles;
  pdf.space(SECTION_GAP);
  pdf.box({
    title: w.emergencyTitle,
    paragraphs: [w.emergencyLead(l)],
    table: {
      columns: [{ width: 44, style: s.boxNumber }, { style: s.boxText }],
      rows: w.emergencyNumbers.map(([number, label]) => ({ cells: [number, label] })),
    },
  });
}

function drawReviewAndSignature(pdf: PdfDocumentBuilder, l: DecisionLetter, w: Wording): void {
  const s = pdf.styles;
  const signatureX = pdf.left + pdf.contentWidth / 2;
  const review = pdf.wrap(w.review(l), s.body, pdf.contentWidth);
  const closing = pdf.wrap(w.closing, s.body, pdf.contentWidth);
  const signatureWidth = pdf.right - signatureX;
  const name = pdf.wrap(l.decidedBy.name, s.bodyBold, signatureWidth);
  const title = pdf.wrap(l.decidedBy.title ?? '', s.body, signatureWidth);
  // The last paragraph, the closing formula and the signature stay together: a signature never
  // stands alone on a page.
  const signatureHeight = (closing.length + title.length) * s.body.lineHeight + name.length * s.bodyBold.lineHeight + 22;
  pdf.space(SECTION_GAP);
  pdf.ensure(review.length * s.body.lineHeight + PARAGRAPH_GAP + signatureHeight);
  for (const line of review) pdf.line(line, s.body);
  pdf.space(PARAGRAPH_GAP);
  for (const line of closing) pdf.line(line, s.body);
  pdf.space(22);
  for (const line of name) pdf.line(line, s.bodyBold, signatureX);
  for (const line of title) pdf.line(line, s.body, signatureX);
}
