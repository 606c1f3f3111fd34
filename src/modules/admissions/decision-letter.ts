import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { Color, PDFFont, PDFPage } from 'pdf-lib';

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
  const doc = await PDFDocument.create({ updateMetadata: false });
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  // Every string goes through this filter: user-typed text may hold characters WinAnsi cannot
  // encode (emoji, other scripts), and pdf-lib throws on them.
  const clean = makeSanitizer(new Set(regular.getCharacterSet()));
  const input = cleanLetter(letter, clean);
  const words = input.locale === 'en' ? english : french;
  const styles = makeStyles(regular, bold);

  doc.setTitle(clean(words.documentTitle(input.reference)), { showInWindowTitleBar: true });
  doc.setLanguage(input.locale === 'en' ? 'en-GB' : 'fr-FR');
  doc.setAuthor(input.organization.name);
  doc.setCreator('Relais');
  doc.setProducer('Relais (pdf-lib)');

  const flow = new PageFlow(doc);
  drawLetterhead(flow, input, words, styles);
  drawAddressBlock(flow, input, words, styles);
  drawBody(flow, input, words, styles);
  drawEmergencyBox(flow, input, words, styles);
  drawReviewAndSignature(flow, input, words, styles);
  drawFooters(flow.pages, input, words, styles);

  return doc.save();
}

// ---------------------------------------------------------------------------------------------
// Page geometry and styles

const PAGE_WIDTH = 595.28; // A4 in PostScript points
const PAGE_HEIGHT = 841.89;
const MARGIN = { top: 48, bottom: 62, left: 64, right: 64 };
const CONTENT_WIDTH = PAGE_WIDTH - MARGIN.left - MARGIN.right;
/** Left edge of the recipient block: about 11 cm, where a French window envelope shows it. */
const ADDRESS_X = 312;
const ADDRESS_TOP = PAGE_HEIGHT - 142;
const SIGNATURE_X = MARGIN.left + CONTENT_WIDTH / 2;

const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.3, 0.3, 0.3);
const ACCENT = rgb(0.11, 0.27, 0.46);
const BOX_FILL = rgb(0.94, 0.96, 0.99);

interface TextStyle {
  font: PDFFont;
  size: number;
  lineHeight: number;
  color: Color;
}

interface Styles {
  orgName: TextStyle;
  small: TextStyle;
  body: TextStyle;
  bodyBold: TextStyle;
  heading: TextStyle;
  boxText: TextStyle;
  boxNumber: TextStyle;
  footer: TextStyle;
}

function makeStyles(regular: PDFFont, bold: PDFFont): Styles {
  return {
    orgName: { font: bold, size: 15, lineHeight: 19, color: ACCENT },
    small: { font: regular, size: 9.5, lineHeight: 12.5, color: MUTED },
    body: { font: regular, size: 10.5, lineHeight: 14.2, color: INK },
    bodyBold: { font: bold, size: 10.5, lineHeight: 14.2, color: INK },
    heading: { font: bold, size: 11, lineHeight: 16, color: ACCENT },
    boxText: { font: regular, size: 10, lineHeight: 13.5, color: INK },
    boxNumber: { font: bold, size: 10.5, lineHeight: 13.5, color: INK },
    footer: { font: regular, size: 9, lineHeight: 12, color: MUTED },
  };
}

const PARAGRAPH_GAP = 6;
const SECTION_GAP = 11;

// ---------------------------------------------------------------------------------------------
// Text measuring and wrapping

const glyphWidths = new WeakMap<PDFFont, Map<string, number>>();

/**
 * Width of a line as drawText renders it. pdf-lib's widthOfTextAtSize applies kerning that
 * drawText does not, so summing single glyphs is the width actually printed.
 */
function measure(text: string, font: PDFFont, size: number): number {
  let widths = glyphWidths.get(font);
  if (!widths) {
    widths = new Map();
    glyphWidths.set(font, widths);
  }
  let total = 0;
  for (const ch of text) {
    let w = widths.get(ch);
    if (w === undefined) {
      w = font.widthOfTextAtSize(ch, 1000);
      widths.set(ch, w);
    }
    total += w;
  }
  return (total * size) / 1000;
}

/** Greedy word wrap on ordinary spaces (a no-break space holds its words together); a word wider than the line is cut. */
function wrapLine(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  const space = measure(' ', font, size);
  let current = '';
  let currentWidth = 0;
  for (const word of text.split(' ')) {
    if (word === '') continue;
    const wordWidth = measure(word, font, size);
    if (current !== '' && currentWidth + space + wordWidth <= maxWidth) {
      current += ` ${word}`;
      currentWidth += space + wordWidth;
      continue;
    }
    if (current !== '') lines.push(current);
    if (wordWidth <= maxWidth) {
      current = word;
      currentWidth = wordWidth;
      continue;
    }
    // A word longer than the line (a URL, a pasted string): cut it where it reaches the margin.
    current = '';
    currentWidth = 0;
    for (const ch of word) {
      const w = measure(ch, font, size);
      if (current !== '' && currentWidth + w > maxWidth) {
        lines.push(current);
        current = '';
        currentWidth = 0;
      }
      current += ch;
      currentWidth += w;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

/**
 * Splits text typed by the team into paragraphs (separated by blank lines), each a list of the
 * lines the author broke by hand.
 */
function toParagraphs(text: string): string[][] {
  return text
    .split(/\n[ \t]*\n/)
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.replace(/ {2,}/g, ' ').trim())
        .filter((line) => line !== ''),
    )
    .filter((lines) => lines.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Characters: keep what WinAnsi can print, degrade the rest without failing

/** Letters with no Unicode decomposition that people still write in names. */
const LATIN_FALLBACK: Record<string, string> = {
  ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ħ: 'h', Ħ: 'H', ı: 'i', ŧ: 't', Ŧ: 'T', ĸ: 'k', ŀ: 'l', Ŀ: 'L',
};

const PUNCTUATION_FALLBACK: Record<string, string> = {
  '\u2010': '-', '\u2011': '-', '\u2012': '–', '\u2015': '—', '\u2212': '-', '\u2043': '-',
  '\u2032': '’', '\u2033': '"', '\u201B': '’', '\u201F': '”', '\u2024': '.', '\u2044': '/',
  '\u2027': '·', '\u2219': '·', '\u2192': '->', '\u2190': '<-', '\u21D2': '=>', '\u2264': '<=', '\u2265': '>=',
  '\u2260': '!=', '\u2248': '~',
};

const SPACES = /[\t\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const DROPPED = /[\p{M}\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\uFE00-\uFE0F]/u;

function makeSanitizer(encodable: ReadonlySet<number>): (text: string) => string {
  const canEncode = (s: string): boolean => {
    for (const ch of s) if (!encodable.has(ch.codePointAt(0) ?? -1)) return false;
    return true;
  };
  return (text: string): string => {
    const normalized = text
      .normalize('NFC')
      .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
      .replace(SPACES, ' ')
      .replace(/\u00AD/g, ''); // a soft hyphen would print as a visible hyphen mid-word
    let out = '';
    for (const ch of normalized) {
      if (ch === '\n' || encodable.has(ch.codePointAt(0) ?? -1)) {
        out += ch;
        continue;
      }
      const substitute = PUNCTUATION_FALLBACK[ch] ?? LATIN_FALLBACK[ch];
      if (substitute !== undefined) {
        out += substitute;
        continue;
      }
      // A letter with a diacritic outside Latin-1 (ș, ă, ő…) keeps its base letter.
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
      if (base !== '' && base !== ch && canEncode(base)) {
        out += base;
        continue;
      }
      // Emoji, joiners, variation selectors and control characters vanish; any other character
      // (another script) is shown as "?" so the reader sees that something was there.
      if (!DROPPED.test(ch)) out += '?';
    }
    return out;
  };
}

function cleanInline(text: string | null | undefined, clean: (s: string) => string): string {
  return clean(text ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

function cleanBlock(text: string | null | undefined, clean: (s: string) => string): string {
  return clean(text ?? '').trim();
}

function cleanLetter(letter: DecisionLetter, clean: (s: string) => string): DecisionLetter {
  const inline = (s: string | null | undefined): string => cleanInline(s, clean);
  const block = (s: string | null | undefined): string => cleanBlock(s, clean);
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
// Dates

const FRENCH_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function parseDay(value: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const check = new Date(Date.UTC(year, month - 1, day));
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day) return { year, month, day };
  }
  throw new RangeError(`Invalid calendar date (expected YYYY-MM-DD): ${JSON.stringify(value)}`);
}

/** "23 novembre 2026", "1er mars 2026" (French writes the first day of a month as an ordinal). */
function formatFrenchDate(value: string): string {
  const { year, month, day } = parseDay(value);
  return `${day === 1 ? '1er' : String(day)}\u00A0${FRENCH_MONTHS[month - 1] ?? ''} ${year}`;
}

function formatEnglishDate(value: string): string {
  const { year, month, day } = parseDay(value);
  return `${day}\u00A0${ENGLISH_MONTHS[month - 1] ?? ''} ${year}`;
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

/** A cursor running down the pages: asks for room before each line and starts a page when there is none. */
class PageFlow {
  readonly pages: PDFPage[] = [];
  y = PAGE_HEIGHT - MARGIN.top;
  private current: PDFPage;

  constructor(private readonly doc: PDFDocument) {
    this.current = this.addPage();
  }

  get page(): PDFPage {
    return this.current;
  }

  private addPage(): PDFPage {
    const page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.pages.push(page);
    this.y = PAGE_HEIGHT - MARGIN.top;
    return page;
  }

  /** Starts a new page unless `height` points fit above the bottom margin. */
  ensure(height: number): void {
    if (this.y - height < MARGIN.bottom) this.current = this.addPage();
  }

  space(height: number): void {
    this.y -= height;
  }

  /** Draws one line whose box starts at the cursor, and moves the cursor below it. */
  line(text: string, style: TextStyle, x = MARGIN.left): void {
    this.ensure(style.lineHeight);
    drawAt(this.current, text, style, x, this.y);
    this.y -= style.lineHeight;
  }

  /**
   * Wraps and draws a paragraph. A page break never leaves a single line of it alone: a short
   * paragraph (up to three lines) moves whole, a longer one keeps two lines on each side.
   */
  paragraph(text: string, style: TextStyle, x = MARGIN.left, width = CONTENT_WIDTH - (x - MARGIN.left)): void {
    const lines = wrapLine(text, style.font, style.size, width);
    const count = lines.length;
    this.ensure((count <= 3 ? count : 2) * style.lineHeight);
    lines.forEach((line, index) => {
      if (count > 3 && index === count - 2) this.ensure(2 * style.lineHeight);
      this.line(line, style, x);
    });
  }
}

/** Distance from the top of a line box to the baseline of its text. */
function baselineOffset(style: TextStyle): number {
  return (style.lineHeight - style.size) / 2 + style.size * 0.8;
}

/** Draws a line of text whose line box has its top at `top`. */
function drawAt(page: PDFPage, text: string, style: TextStyle, x: number, top: number): void {
  if (text === '') return;
  page.drawText(text, { x, y: top - baselineOffset(style), size: style.size, font: style.font, color: style.color });
}

function drawLetterhead(flow: PageFlow, l: DecisionLetter, w: Wording, s: Styles): void {
  flow.paragraph(l.organization.name, s.orgName);
  flow.space(2);
  for (const line of toParagraphs(l.organization.address ?? '').flat()) flow.paragraph(line, s.small);
  const contacts: string[] = [];
  if (l.organization.phone) contacts.push(`${w.phone}${l.locale === 'fr' ? nb : ''}: ${l.organization.phone}`);
  if (l.organization.email) contacts.push(`${w.email}${l.locale === 'fr' ? nb : ''}: ${l.organization.email}`);
  if (contacts.length > 0) flow.paragraph(contacts.join('   ·   '), s.small);
  flow.space(8);
  flow.page.drawLine({
    start: { x: MARGIN.left, y: flow.y },
    end: { x: PAGE_WIDTH - MARGIN.right, y: flow.y },
    thickness: 0.75,
    color: ACCENT,
  });
}

function drawAddressBlock(flow: PageFlow, l: DecisionLetter, w: Wording, s: Styles): void {
  // Recipient where a window envelope shows it, unless a long letterhead already reaches lower.
  flow.y = Math.min(flow.y - 24, ADDRESS_TOP);
  flow.paragraph(l.recipient.name, s.bodyBold, ADDRESS_X);
  for (const line of toParagraphs(l.recipient.address ?? '').flat()) flow.paragraph(line, s.body, ADDRESS_X);
  flow.space(20);
  // Reference on the left and date on the right share one line, as on most French letters.
  flow.ensure(s.body.lineHeight);
  const top = flow.y;
  drawAt(flow.page, w.referenceLine(l.reference), s.small, MARGIN.left, top - baselineOffset(s.body) + baselineOffset(s.small));
  flow.paragraph(w.letterDate(l.decidedOn), s.body, ADDRESS_X);
  flow.space(10);
  flow.paragraph(w.subject(l), s.bodyBold);
  flow.space(SECTION_GAP);
}

function drawBody(flow: PageFlow, l: DecisionLetter, w: Wording, s: Styles): void {
  flow.paragraph(w.salutation(l), s.body);
  flow.space(PARAGRAPH_GAP);
  flow.paragraph(w.intro(l), s.body);
  flow.space(PARAGRAPH_GAP);
  flow.paragraph(w.decision(l), s.body);

  const reasons = toParagraphs(l.reasons);
  if (reasons.length > 0) {
    flow.space(SECTION_GAP);
    heading(flow, w.reasonsHeading, s);
    reasons.forEach((lines, index) => {
      if (index > 0) flow.space(PARAGRAPH_GAP);
      for (const line of lines) flow.paragraph(line, s.body);
    });
  }

  const orientation = l.orientation;
  if (orientation || l.outcome === 'orient') {
    flow.space(SECTION_GAP);
    heading(flow, w.orientationHeading, s);
    if (!orientation) {
      flow.paragraph(w.noOrientationGiven(l), s.body);
      return;
    }
    const detail = toParagraphs(orientation.detail ?? '');
    flow.paragraph(w.target(orientation.to), s.bodyBold);
    flow.space(2);
    flow.paragraph(w.orientationAdvice(l, orientation.to, detail.length > 0), s.body);
    for (const lines of detail) {
      flow.space(PARAGRAPH_GAP);
      // The team's details (name, address, phone) sit indented under the advice, like a card.
      for (const line of lines) flow.paragraph(line, s.body, MARGIN.left + 14);
    }
  }
}

/** A heading never ends a page alone: it asks for room for itself and two lines of text. */
function heading(flow: PageFlow, text: string, s: Styles): void {
  flow.ensure(s.heading.lineHeight + 2 * s.body.lineHeight);
  flow.paragraph(text, s.heading);
  flow.space(3);
}

function drawEmergencyBox(flow: PageFlow, l: DecisionLetter, w: Wording, s: Styles): void {
  const padding = 9;
  const numberColumn = 44;
  const innerWidth = CONTENT_WIDTH - 2 * padding;
  const leadLines = wrapLine(w.emergencyLead(l), s.boxText.font, s.boxText.size, innerWidth);
  const rows = w.emergencyNumbers.map(([number, label]) => ({
    number,
    lines: wrapLine(label, s.boxText.font, s.boxText.size, innerWidth - numberColumn),
  }));
  const rowGap = 3;
  const height =
    2 * padding +
    s.heading.lineHeight +
    leadLines.length * s.boxText.lineHeight +
    4 +
    rows.reduce((sum, row) => sum + row.lines.length * s.boxText.lineHeight + rowGap, 0) -
    rowGap;

  flow.space(SECTION_GAP);
  flow.ensure(height); // the box is never split across two pages
  const page = flow.page;
  const top = flow.y;
  page.drawRectangle({ x: MARGIN.left, y: top - height, width: CONTENT_WIDTH, height, color: BOX_FILL, borderColor: ACCENT, borderWidth: 1 });
  const x = MARGIN.left + padding;
  let y = top - padding;
  drawAt(page, w.emergencyTitle, s.heading, x, y);
  y -= s.heading.lineHeight;
  for (const line of leadLines) {
    drawAt(page, line, s.boxText, x, y);
    y -= s.boxText.lineHeight;
  }
  y -= 4;
  for (const row of rows) {
    drawAt(page, row.number, s.boxNumber, x, y - baselineOffset(s.boxText) + baselineOffset(s.boxNumber));
    for (const line of row.lines) {
      drawAt(page, line, s.boxText, x + numberColumn, y);
      y -= s.boxText.lineHeight;
    }
    y -= rowGap;
  }
  flow.y = top - height;
}

function drawReviewAndSignature(flow: PageFlow, l: DecisionLetter, w: Wording, s: Styles): void {
  const review = wrapLine(w.review(l), s.body.font, s.body.size, CONTENT_WIDTH);
  const closing = wrapLine(w.closing, s.body.font, s.body.size, CONTENT_WIDTH);
  const signatureWidth = PAGE_WIDTH - MARGIN.right - SIGNATURE_X;
  const name = wrapLine(l.decidedBy.name, s.bodyBold.font, s.bodyBold.size, signatureWidth);
  const title = wrapLine(l.decidedBy.title ?? '', s.body.font, s.body.size, signatureWidth);
  // The last paragraph, the closing formula and the signature stay together: a signature never
  // stands alone on a page.
  const signatureHeight = (closing.length + title.length) * s.body.lineHeight + name.length * s.bodyBold.lineHeight + 22;
  flow.space(SECTION_GAP);
  flow.ensure(review.length * s.body.lineHeight + PARAGRAPH_GAP + signatureHeight);
  for (const line of review) flow.line(line, s.body);
  flow.space(PARAGRAPH_GAP);
  for (const line of closing) flow.line(line, s.body);
  flow.space(22);
  for (const line of name) flow.line(line, s.bodyBold, SIGNATURE_X);
  for (const line of title) flow.line(line, s.body, SIGNATURE_X);
}

/** On a letter of several pages, every page says which letter it belongs to and where it stands. */
function drawFooters(pages: PDFPage[], l: DecisionLetter, w: Wording, s: Styles): void {
  if (pages.length < 2) return;
  const top = MARGIN.bottom - 30;
  pages.forEach((page, index) => {
    const label = w.page(index + 1, pages.length);
    drawAt(page, w.referenceFooter(l.reference), s.footer, MARGIN.left, top);
    drawAt(page, label, s.footer, PAGE_WIDTH - MARGIN.right - measure(label, s.footer.font, s.footer.size), top);
  });
}
