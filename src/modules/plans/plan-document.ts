import { MUTED, PARAGRAPH_GAP, PdfDocumentBuilder, SECTION_GAP, WARNING, WARNING_FILL, formatDate, toParagraphs } from '../../lib/pdf-document.js';
import type { TextStyle } from '../../lib/pdf-document.js';
import type { ActionActor, ActionStatus, AgreementParty, LifeDomain, PlanAction, PlanContent, PlanGoal, PlanStatus } from './schema.js';

export interface PlanDocument {
  locale: 'fr' | 'en';
  organization: { name: string; address?: string | null; phone?: string | null; email?: string | null };
  personName: string;
  personBirthDate: string | null; // YYYY-MM-DD
  serviceName: string;
  referentName: string;
  coordinatorName: string;
  episodeStartedOn: string;
  version: { number: number; status: PlanStatus; createdOn: string; createdByName: string; agreedOn: string | null; activeFrom: string | null; contentHash: string };
  content: PlanContent;
  /** Names for actions' "who" (staff member, discipline, partner, relative ids → names). */
  names: { staff: Record<string, string>; disciplines: Record<string, string>; partners: Record<string, string>; relatives: Record<string, string> };
  agreements: { party: AgreementParty; signerName: string; outcome: 'signed' | 'refused'; refusalNote: string | null; signedOn: string }[];
  /** Latest evaluation, if any. */
  lastEvaluation: { evaluatedOn: string; tScore: number | null; scores: { goalId: string; level: -2 | -1 | 0 | 1 | 2; comment: string | null }[]; personView: string | null } | null;
}

export interface ContractDocument {
  locale: 'fr' | 'en';
  organization: PlanDocument['organization'];
  title: string;
  body: string;
  number: number;
  personName: string;
  handedOverOn: string | null;
  signedOn: string | null;
  contentHash: string;
  agreements: PlanDocument['agreements'];
}

type Level = -2 | -1 | 0 | 1 | 2;
type Agreement = PlanDocument['agreements'][number];

/** Room the header line needs above the text. */
const MARGINS = { top: 64, bottom: 62, left: 64, right: 64 };
const LEVELS: readonly Level[] = [-2, -1, 0, 1, 2];
const PARTY_ORDER: readonly AgreementParty[] = ['person', 'legal_representative', 'referent'];

/**
 * The personalised support plan as the person takes it home: their goals in their own words first,
 * how progress will be judged, who does what, and who agreed to this exact version. A version not
 * (yet) in force is marked on every page. Same input, same bytes.
 */
export async function renderPlanPdf(doc: PlanDocument): Promise<Uint8Array> {
  const pdf = await PdfDocumentBuilder.create({ margins: MARGINS, italic: true });
  const input = cleanPlan(doc, pdf);
  const w = input.locale === 'en' ? planEnglish : planFrench;
  const fingerprint = fingerprintOf(input.version.contentHash);

  pdf.describe({ title: `${w.title} — ${input.personName} — ${w.version(input.version.number)}`, locale: input.locale, author: input.organization.name });
  pdf.letterhead(letterheadOf(input.organization, w));
  pdf.space(18);
  drawPlanIdentity(pdf, input, w);
  drawSummary(pdf, input, w);
  drawGoals(pdf, input, w);
  drawEvaluation(pdf, input, w);
  drawSignatures(pdf, w, { heading: w.agreementsHeading, lead: w.agreementsLead, dates: [], agreements: input.agreements, locale: input.locale, fingerprint });

  pdf.drawHeaders({ text: `${w.title} · ${input.personName} · ${w.version(input.version.number)}`, mark: w.headerMark(input.version.status) });
  pdf.drawFooters({ reference: `${w.version(input.version.number)} · ${w.fingerprintShort} ${fingerprint}`, pageLabel: w.page });
  return pdf.save();
}

/**
 * A contract of stay or DIPC version: its text as generated (line breaks kept, "Article N —"
 * lines as headings), then when it was handed over and signed, and by whom.
 */
export async function renderContractPdf(doc: ContractDocument): Promise<Uint8Array> {
  const pdf = await PdfDocumentBuilder.create({ margins: MARGINS });
  const w = doc.locale === 'en' ? planEnglish : planFrench;
  const input: ContractDocument = {
    ...doc,
    organization: cleanOrganization(doc.organization, pdf),
    title: pdf.inline(doc.title),
    body: pdf.block(doc.body),
    personName: pdf.inline(doc.personName),
    contentHash: pdf.inline(doc.contentHash),
    agreements: cleanAgreements(doc.agreements, pdf),
  };
  const s = pdf.styles;
  const fingerprint = fingerprintOf(input.contentHash);

  pdf.describe({ title: `${input.title} — ${input.personName} — ${w.version(input.number)}`, locale: input.locale, author: input.organization.name });
  pdf.letterhead(letterheadOf(input.organization, w));
  pdf.space(18);
  pdf.paragraph(input.title, s.title);
  pdf.space(2);
  pdf.paragraph(`${input.personName} · ${w.version(input.number)}`, s.bodyBold);
  pdf.space(SECTION_GAP + 4);

  toParagraphs(input.body).forEach((lines, index) => {
    if (index > 0) pdf.space(PARAGRAPH_GAP);
    for (const line of lines) {
      if (ARTICLE.test(line)) {
        pdf.space(PARAGRAPH_GAP);
        pdf.heading(line);
      } else {
        pdf.paragraph(line, s.body);
      }
    }
  });

  const dates: Array<[string, string]> = [
    [w.handedOverLabel, input.handedOverOn ? formatDate(input.handedOverOn, input.locale) : w.notHandedOver],
    [w.signedOnLabel, input.signedOn ? formatDate(input.signedOn, input.locale) : w.pending],
  ];
  drawSignatures(pdf, w, { heading: w.contractSignaturesHeading, lead: w.contractAgreementsLead, dates, agreements: input.agreements, locale: input.locale, fingerprint });

  pdf.drawHeaders({ text: `${input.title} · ${input.personName} · ${w.version(input.number)}` });
  pdf.drawFooters({ reference: `${input.title} · ${w.version(input.number)} · ${w.fingerprintShort} ${fingerprint}`, pageLabel: w.page });
  return pdf.save();
}

/** "Article 3 — …", "ARTICLE IV : …": the contract's own headings. */
const ARTICLE = /^article\s+([0-9]+|[IVXLC]+)\b/i;

// ---------------------------------------------------------------------------------------------
// Characters: every string goes through the builder's filter before it is drawn

function cleanOrganization(org: PlanDocument['organization'], pdf: PdfDocumentBuilder): PlanDocument['organization'] {
  return { name: pdf.inline(org.name), address: pdf.block(org.address), phone: pdf.inline(org.phone), email: pdf.inline(org.email) };
}

function cleanAgreements(agreements: PlanDocument['agreements'], pdf: PdfDocumentBuilder): PlanDocument['agreements'] {
  return agreements.map((a) => ({ ...a, signerName: pdf.inline(a.signerName), refusalNote: a.refusalNote === null ? null : pdf.inline(a.refusalNote) }));
}

function cleanRecord(record: Record<string, string>, pdf: PdfDocumentBuilder): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([id, name]) => [id, pdf.inline(name)]));
}

function cleanPlan(doc: PlanDocument, pdf: PdfDocumentBuilder): PlanDocument {
  const inline = (s: string): string => pdf.inline(s);
  const optional = (s: string | null): string | null => (s === null ? null : pdf.inline(s));
  const cleanAction = (a: PlanAction): PlanAction => ({ ...a, what: inline(a.what), frequency: optional(a.frequency) });
  const cleanGoal = (g: PlanGoal): PlanGoal => ({
    ...g,
    personWording: inline(g.personWording),
    professionalWording: optional(g.professionalWording),
    autonomyAim: inline(g.autonomyAim),
    scale: { '-2': inline(g.scale['-2']), '-1': inline(g.scale['-1']), '0': inline(g.scale['0']), '1': inline(g.scale['1']), '2': inline(g.scale['2']) },
    actions: g.actions.map(cleanAction),
  });
  return {
    ...doc,
    organization: cleanOrganization(doc.organization, pdf),
    personName: inline(doc.personName),
    serviceName: inline(doc.serviceName),
    referentName: inline(doc.referentName),
    coordinatorName: inline(doc.coordinatorName),
    version: { ...doc.version, createdByName: inline(doc.version.createdByName), contentHash: inline(doc.version.contentHash) },
    content: { summary: doc.content.summary === null ? null : pdf.block(doc.content.summary), goals: doc.content.goals.map(cleanGoal) },
    names: { staff: cleanRecord(doc.names.staff, pdf), disciplines: cleanRecord(doc.names.disciplines, pdf), partners: cleanRecord(doc.names.partners, pdf), relatives: cleanRecord(doc.names.relatives, pdf) },
    agreements: cleanAgreements(doc.agreements, pdf),
    lastEvaluation: doc.lastEvaluation
      ? {
          ...doc.lastEvaluation,
          scores: doc.lastEvaluation.scores.map((score) => ({ ...score, comment: score.comment === null ? null : pdf.block(score.comment) })),
          personView: doc.lastEvaluation.personView === null ? null : pdf.block(doc.lastEvaluation.personView),
        }
      : null,
  };
}

/** The first 16 hex digits of the content hash: enough to tell versions apart on paper. */
function fingerprintOf(contentHash: string): string {
  return contentHash.replace(/[^0-9a-f]/gi, '').slice(0, 16).toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Layout

function letterheadOf(org: PlanDocument['organization'], w: Wording): { name: string; addressLines: string[]; contacts: string[] } {
  const contacts: string[] = [];
  if (org.phone) contacts.push(`${w.phone}: ${org.phone}`);
  if (org.email) contacts.push(`${w.email}: ${org.email}`);
  return { name: org.name, addressLines: toParagraphs(org.address ?? '').flat(), contacts };
}

function drawPlanIdentity(pdf: PdfDocumentBuilder, d: PlanDocument, w: Wording): void {
  const s = pdf.styles;
  const date = (value: string): string => formatDate(value, d.locale);
  pdf.paragraph(w.title, s.title);
  pdf.space(2);
  pdf.paragraph(`${w.version(d.version.number)} — ${w.status(d.version, d.locale)}`, d.version.status === 'active' || d.version.status === 'agreed' ? s.bodyBold : { ...s.bodyBold, color: WARNING });
  pdf.paragraph(w.createdBy(date(d.version.createdOn), d.version.createdByName), s.small);
  pdf.space(SECTION_GAP);

  pdf.keyValue(w.personLabel, d.personName, { valueStyle: s.bodyBold });
  if (d.personBirthDate) pdf.keyValue(w.birthDateLabel, date(d.personBirthDate));
  pdf.keyValue(w.serviceLabel, d.serviceName);
  pdf.keyValue(w.referentLabel, d.referentName);
  pdf.keyValue(w.coordinatorLabel, d.coordinatorName);
  pdf.keyValue(w.startedOnLabel, date(d.episodeStartedOn));

  const warning = w.notInForce(d.version.status);
  if (warning) {
    pdf.space(SECTION_GAP);
    pdf.box({ paragraphs: [warning], textStyle: { ...s.boxText, font: s.bodyBold.font, color: WARNING }, fill: WARNING_FILL, border: WARNING });
  }
}

function drawSummary(pdf: PdfDocumentBuilder, d: PlanDocument, w: Wording): void {
  const summary = d.content.summary ?? '';
  if (toParagraphs(summary).length === 0) return;
  pdf.space(SECTION_GAP + 4);
  pdf.heading(w.summaryHeading);
  pdf.text(summary);
}

function drawGoals(pdf: PdfDocumentBuilder, d: PlanDocument, w: Wording): void {
  const s = pdf.styles;
  pdf.space(SECTION_GAP + 4);
  pdf.heading(w.goalsHeading(d.content.goals.length), { ...s.title, size: 13.5, lineHeight: 18 });
  if (d.content.goals.length === 0) {
    pdf.paragraph(w.noGoals, s.body);
    return;
  }
  d.content.goals.forEach((goal, index) => {
    if (index === 0) {
      pdf.space(4);
    } else {
      // A thin line between goals, kept on the page of the goal it introduces.
      pdf.space(SECTION_GAP);
      pdf.ensure(SECTION_GAP + goalOpeningHeight(pdf, goal, w));
      pdf.rule(MUTED, 0.4);
      pdf.space(SECTION_GAP);
    }
    drawGoal(pdf, d, goal, index, w);
  });
}

const quoteStyle = (pdf: PdfDocumentBuilder): TextStyle => ({ ...pdf.styles.bodyItalic, size: 12, lineHeight: 16 });

/** The goal's heading, the person's words and the first two lines under them. */
function goalOpeningHeight(pdf: PdfDocumentBuilder, goal: PlanGoal, w: Wording): number {
  const s = pdf.styles;
  return s.heading.lineHeight + 3 + pdf.heightOf(w.quoted(goal.personWording), quoteStyle(pdf)) + 2 * s.body.lineHeight;
}

function drawGoal(pdf: PdfDocumentBuilder, d: PlanDocument, goal: PlanGoal, index: number, w: Wording): void {
  const s = pdf.styles;
  const quote = quoteStyle(pdf);
  const date = (value: string): string => formatDate(value, d.locale);
  // The goal's number, and the person's words under it, never end a page without what follows.
  pdf.heading(w.goalHeading(index + 1, d.content.goals.length), s.heading, pdf.heightOf(w.quoted(goal.personWording), quote) + 2 * s.body.lineHeight);
  pdf.paragraph(w.quoted(goal.personWording), quote);
  pdf.space(4);
  if (goal.professionalWording) pdf.keyValue(w.professionalLabel, goal.professionalWording);
  pdf.keyValue(w.domainLabel, w.domain(goal.domain));
  pdf.keyValue(w.priorityLabel, w.priority(goal.priority));
  pdf.keyValue(w.targetLabel, goal.targetOn ? date(goal.targetOn) : w.noTarget);
  pdf.keyValue(w.proposedByLabel, w.proposedBy(goal.proposedBy));
  if (goal.autonomyAim !== '') {
    // What the person aims to do on their own is the point of the goal: it gets its own lines.
    pdf.space(4);
    const label: TextStyle = { ...s.smallBold, color: s.heading.color };
    pdf.ensure(label.lineHeight + Math.min(pdf.heightOf(goal.autonomyAim, s.bodyBold), 3 * s.bodyBold.lineHeight));
    pdf.paragraph(w.autonomyLabel, label);
    pdf.paragraph(goal.autonomyAim, s.bodyBold);
  }

  pdf.space(PARAGRAPH_GAP + 2);
  pdf.box({
    title: w.scaleTitle,
    titleStyle: s.subheading,
    paragraphs: [w.scaleLead],
    table: {
      columns: [
        { width: 24, style: s.boxNumber },
        { width: 132, style: { ...s.small, size: 9, lineHeight: 13.5 } },
        { style: s.boxText },
      ],
      rows: LEVELS.map((level) => ({
        cells: [w.level(level), w.levelMeaning(level), goal.scale[scaleKey(level)] || '—'],
        highlight: level === 0,
      })),
      rowGap: 4,
      columnGap: 6,
    },
  });

  pdf.space(PARAGRAPH_GAP + 2);
  pdf.heading(w.actionsHeading, s.subheading, s.body.lineHeight + s.small.lineHeight);
  if (goal.actions.length === 0) pdf.paragraph(w.noActions, s.body);
  goal.actions.forEach((action, actionIndex) => {
    if (actionIndex > 0) pdf.space(4);
    drawAction(pdf, d, action, w);
  });

  if (d.lastEvaluation) {
    const evaluation = d.lastEvaluation;
    const score = evaluation.scores.find((sc) => sc.goalId === goal.id);
    pdf.space(PARAGRAPH_GAP + 2);
    pdf.keyValue(
      w.lastEvaluationLabel(date(evaluation.evaluatedOn)),
      score ? `${w.level(score.level)} — ${w.levelMeaning(score.level).toLocaleLowerCase(d.locale)}` : w.notEvaluated,
      { valueStyle: s.bodyBold },
    );
    if (score?.comment) pdf.keyValue(w.commentLabel, score.comment.replace(/\s+/g, ' '));
  }
}

function drawAction(pdf: PdfDocumentBuilder, d: PlanDocument, action: PlanAction, w: Wording): void {
  const s = pdf.styles;
  const indent = 12;
  const main = `${w.who(action.who, d.names)}${w.colon} ${action.what}`;
  const details = [
    action.frequency ? `${w.frequencyLabel}${w.colon} ${action.frequency}` : null,
    w.period(action.startOn && formatDate(action.startOn, d.locale), action.endOn && formatDate(action.endOn, d.locale)),
    `${w.statusLabel}${w.colon} ${w.actionStatus(action.status)}`,
  ]
    .filter((part): part is string => part !== null && part !== '')
    .join('   ·   ');
  const width = pdf.contentWidth - indent;
  // An action of a few lines stays in one piece.
  const height = pdf.heightOf(main, s.body, width) + pdf.heightOf(details, s.small, width);
  if (height <= 6 * s.body.lineHeight) pdf.ensure(height);
  pdf.bullet(main, s.body, { indent });
  pdf.paragraph(details, s.small, pdf.left + indent);
}

function drawEvaluation(pdf: PdfDocumentBuilder, d: PlanDocument, w: Wording): void {
  const evaluation = d.lastEvaluation;
  if (!evaluation) return;
  pdf.space(SECTION_GAP + 6);
  pdf.heading(w.evaluationHeading(formatDate(evaluation.evaluatedOn, d.locale)));
  if (evaluation.personView && toParagraphs(evaluation.personView).length > 0) {
    pdf.paragraph(w.personViewLabel, pdf.styles.bodyBold);
    pdf.text(w.quoted(evaluation.personView), pdf.styles.bodyItalic);
    pdf.space(PARAGRAPH_GAP);
  }
  if (evaluation.tScore !== null) pdf.paragraph(w.tScore(evaluation.tScore), pdf.styles.body);
}

/**
 * Who agreed to this exact version, who refused and why, who has not signed yet, and the
 * fingerprint that ties the paper to the version. The section is kept in one piece when it fits
 * in half a page, so a fingerprint never stands alone on the last page.
 */
function drawSignatures(
  pdf: PdfDocumentBuilder,
  w: Wording,
  section: { heading: string; lead: string; dates: Array<[string, string]>; agreements: Agreement[]; locale: 'fr' | 'en'; fingerprint: string },
): void {
  const s = pdf.styles;
  const sorted = [...section.agreements].sort((a, b) => PARTY_ORDER.indexOf(a.party) - PARTY_ORDER.indexOf(b.party) || a.signedOn.localeCompare(b.signedOn));
  const rows: Array<{ label: string; value: string; style: TextStyle }> = sorted.map((a) => {
    const date = formatDate(a.signedOn, section.locale);
    return a.outcome === 'signed'
      ? { label: w.party(a.party), value: w.signed(a.signerName, date), style: s.body }
      : { label: w.party(a.party), value: w.refused(a.signerName, date, a.refusalNote), style: { ...s.body, color: WARNING } };
  });
  // The person and the referent always sign; a paper copy shows who has not yet.
  for (const party of ['person', 'referent'] as const) {
    if (!section.agreements.some((a) => a.party === party)) rows.push({ label: w.party(party), value: w.pending, style: s.body });
  }
  const rowGap = 3;
  const fingerprintHeight = PARAGRAPH_GAP + 4 + pdf.keyValueHeight(w.fingerprintLabel, section.fingerprint, { valueStyle: s.bodyBold }) + pdf.heightOf(w.fingerprintHelp, s.small);
  const height =
    s.heading.lineHeight + 3 +
    section.dates.reduce((sum, [label, value]) => sum + pdf.keyValueHeight(label, value), 0) +
    (section.dates.length > 0 ? PARAGRAPH_GAP : 0) +
    pdf.heightOf(section.lead, s.small) + PARAGRAPH_GAP +
    rows.reduce((sum, row) => sum + pdf.keyValueHeight(row.label, row.value, { valueStyle: row.style }) + rowGap, 0) +
    fingerprintHeight;

  pdf.space(SECTION_GAP + 6);
  if (height <= pdf.pageContentHeight / 2) pdf.ensure(height);
  pdf.heading(section.heading);
  for (const [label, value] of section.dates) pdf.keyValue(label, value);
  if (section.dates.length > 0) pdf.space(PARAGRAPH_GAP);
  pdf.paragraph(section.lead, s.small);
  pdf.space(PARAGRAPH_GAP);
  for (const row of rows) {
    pdf.keyValue(row.label, row.value, { valueStyle: row.style });
    pdf.space(rowGap);
  }
  pdf.space(PARAGRAPH_GAP + 4);
  pdf.ensure(fingerprintHeight - PARAGRAPH_GAP - 4);
  pdf.keyValue(w.fingerprintLabel, section.fingerprint, { valueStyle: s.bodyBold });
  pdf.paragraph(w.fingerprintHelp, s.small);
}

function scaleKey(level: Level): '-2' | '-1' | '0' | '1' | '2' {
  switch (level) {
    case -2:
      return '-2';
    case -1:
      return '-1';
    case 0:
      return '0';
    case 1:
      return '1';
    case 2:
      return '2';
  }
}

// ---------------------------------------------------------------------------------------------
// Words, French first

interface Wording {
  title: string;
  version(number: number): string;
  status(version: PlanDocument['version'], locale: 'fr' | 'en'): string;
  headerMark(status: PlanStatus): string | null;
  notInForce(status: PlanStatus): string | null;
  createdBy(date: string, name: string): string;
  personLabel: string;
  birthDateLabel: string;
  serviceLabel: string;
  referentLabel: string;
  coordinatorLabel: string;
  startedOnLabel: string;
  summaryHeading: string;
  goalsHeading(count: number): string;
  noGoals: string;
  goalHeading(index: number, count: number): string;
  quoted(text: string): string;
  professionalLabel: string;
  domainLabel: string;
  domain(domain: LifeDomain): string;
  priorityLabel: string;
  priority(priority: 1 | 2 | 3): string;
  targetLabel: string;
  noTarget: string;
  proposedByLabel: string;
  proposedBy(by: PlanGoal['proposedBy']): string;
  autonomyLabel: string;
  scaleTitle: string;
  scaleLead: string;
  level(level: Level): string;
  levelMeaning(level: Level): string;
  actionsHeading: string;
  noActions: string;
  who(actor: ActionActor, names: PlanDocument['names']): string;
  colon: string;
  frequencyLabel: string;
  period(from: string | null, to: string | null): string | null;
  statusLabel: string;
  actionStatus(status: ActionStatus): string;
  lastEvaluationLabel(date: string): string;
  notEvaluated: string;
  commentLabel: string;
  evaluationHeading(date: string): string;
  personViewLabel: string;
  tScore(value: number): string;
  agreementsHeading: string;
  agreementsLead: string;
  contractAgreementsLead: string;
  contractSignaturesHeading: string;
  handedOverLabel: string;
  signedOnLabel: string;
  notHandedOver: string;
  party(party: AgreementParty): string;
  signed(name: string, date: string): string;
  refused(name: string, date: string, note: string | null): string;
  pending: string;
  fingerprintLabel: string;
  fingerprintShort: string;
  fingerprintHelp: string;
  phone: string;
  email: string;
  page(index: number, count: number): string;
}

const nb = '\u00A0'; // French puts a no-break space before ":" and inside « ».

/** "+2", "-1", "0": the sign always shown, so the scale reads at a glance. */
function signed(level: Level): string {
  return level > 0 ? `+${level}` : String(level);
}

const planFrench: Wording = {
  title: 'Projet d’accompagnement personnalisé',
  version: (number) => `Version${nb}${number}`,
  status: (v, locale) => {
    const date = (value: string): string => formatDate(value, locale);
    switch (v.status) {
      case 'draft':
        return 'brouillon — non validé';
      case 'proposed':
        return 'proposé, en attente d’accord';
      case 'agreed':
        return `validé${v.agreedOn ? ` le ${date(v.agreedOn)}` : ''}${v.activeFrom ? `, en vigueur à partir du ${date(v.activeFrom)}` : ', pas encore en vigueur'}`;
      case 'active': {
        const since = v.activeFrom ?? v.agreedOn;
        return since ? `en vigueur depuis le ${date(since)}` : 'en vigueur';
      }
      case 'superseded':
        return 'remplacé par une version plus récente';
    }
  },
  headerMark: (status) => {
    switch (status) {
      case 'draft':
        return 'BROUILLON — NON VALIDÉ';
      case 'proposed':
        return 'PROPOSITION — NON VALIDÉE';
      case 'superseded':
        return 'VERSION REMPLACÉE — PLUS EN VIGUEUR';
      case 'agreed':
      case 'active':
        return null;
    }
  },
  notInForce: (status) => {
    switch (status) {
      case 'draft':
        return 'Ce document est un brouillon de travail. Il n’a pas encore été validé avec vous et n’engage personne.';
      case 'proposed':
        return 'Ce projet vous est proposé. Il ne s’applique qu’une fois que vous l’aurez accepté et signé.';
      case 'superseded':
        return 'Cette version a été remplacée par une version plus récente du projet : elle ne s’applique plus.';
      case 'agreed':
      case 'active':
        return null;
    }
  },
  createdBy: (date, name) => `Version établie le ${date} par ${name}`,
  personLabel: 'Personne accompagnée',
  birthDateLabel: 'Date de naissance',
  serviceLabel: 'Service',
  referentLabel: 'Référent(e)',
  coordinatorLabel: 'Coordinateur ou coordinatrice',
  startedOnLabel: 'Début de l’accompagnement',
  summaryHeading: 'En quelques mots',
  goalsHeading: (count) => (count === 1 ? 'Mon objectif' : `Mes objectifs (${count})`),
  noGoals: 'Aucun objectif n’a encore été écrit.',
  goalHeading: (index, count) => `Objectif ${index} sur ${count}`,
  quoted: (text) => `«${nb}${text}${nb}»`,
  professionalLabel: 'Formulation de l’équipe',
  domainLabel: 'Domaine de vie',
  domain: (domain) => {
    switch (domain) {
      case 'daily_autonomy':
        return 'Autonomie dans la vie quotidienne';
      case 'health':
        return 'Santé';
      case 'social_life':
        return 'Vie sociale et loisirs';
      case 'housing':
        return 'Logement';
      case 'employment_training':
        return 'Emploi et formation';
      case 'schooling':
        return 'Scolarité';
      case 'family':
        return 'Vie familiale';
      case 'resources_rights':
        return 'Ressources et droits';
      case 'wellbeing':
        return 'Bien-être';
      case 'other':
        return 'Autre';
    }
  },
  priorityLabel: 'Priorité',
  priority: (priority) => {
    switch (priority) {
      case 1:
        return '1 — haute';
      case 2:
        return '2 — moyenne';
      case 3:
        return '3 — plus tard';
    }
  },
  targetLabel: 'Échéance',
  noTarget: 'pas de date fixée',
  proposedByLabel: 'Proposé par',
  proposedBy: (by) => {
    switch (by) {
      case 'person':
        return 'moi-même';
      case 'relative':
        return 'un proche';
      case 'professional':
        return 'l’équipe';
      case 'jointly':
        return 'moi et l’équipe, ensemble';
    }
  },
  autonomyLabel: 'Ce que je vise à faire par moi-même',
  scaleTitle: 'Comment saurons-nous où j’en suis ?',
  scaleLead: 'Cinq niveaux, décrits ensemble. Le niveau 0 (surligné) est le résultat attendu.',
  level: signed,
  levelMeaning: (level) => {
    switch (level) {
      case -2:
        return 'Bien moins que prévu';
      case -1:
        return 'Un peu moins que prévu';
      case 0:
        return 'Résultat attendu';
      case 1:
        return 'Un peu mieux que prévu';
      case 2:
        return 'Bien mieux que prévu';
    }
  },
  actionsHeading: 'Ce qui est prévu pour y arriver',
  noActions: 'Aucune action n’est encore prévue.',
  who: (actor, names) => {
    switch (actor.kind) {
      case 'person':
        return 'Moi-même';
      case 'staff':
        return (actor.staffMemberId && names.staff[actor.staffMemberId]) || 'Un membre de l’équipe';
      case 'discipline': {
        const name = actor.disciplineId && names.disciplines[actor.disciplineId];
        return name ? `${name} (équipe)` : 'Un professionnel de l’équipe';
      }
      case 'partner': {
        const name = actor.partnerId && names.partners[actor.partnerId];
        return name ? `${name} (partenaire)` : 'Un partenaire';
      }
      case 'relative': {
        const name = actor.relativeId && names.relatives[actor.relativeId];
        return name ? `${name} (proche)` : 'Un proche';
      }
    }
  },
  colon: `${nb}:`,
  frequencyLabel: 'Fréquence',
  period: (from, to) => {
    if (from && to) return `Du ${from} au ${to}`;
    if (from) return `À partir du ${from}`;
    if (to) return `Jusqu’au ${to}`;
    return null;
  },
  statusLabel: 'Où on en est',
  actionStatus: (status) => {
    switch (status) {
      case 'planned':
        return 'prévue';
      case 'in_progress':
        return 'en cours';
      case 'done':
        return 'réalisée';
      case 'stopped':
        return 'arrêtée';
    }
  },
  lastEvaluationLabel: (date) => `Dernière évaluation (${date})`,
  notEvaluated: 'pas évalué ce jour-là',
  commentLabel: 'Commentaire',
  evaluationHeading: (date) => `Dernière évaluation, le ${date}`,
  personViewLabel: 'Ce que j’en ai dit',
  tScore: (value) =>
    `Score global d’atteinte des objectifs${nb}: ${value.toFixed(1).replace('.', ',')} (50 correspond à des objectifs atteints comme prévu, davantage à mieux que prévu).`,
  agreementsHeading: 'Accords',
  agreementsLead: 'Chaque signature porte sur cette version exacte du projet, reconnaissable à son empreinte ci-dessous.',
  contractAgreementsLead: 'Chaque signature porte sur cette version exacte du document, reconnaissable à son empreinte ci-dessous.',
  contractSignaturesHeading: 'Remise et signatures',
  handedOverLabel: 'Remise à la personne',
  signedOnLabel: 'Signature',
  notHandedOver: 'pas encore remis',
  party: (party) => {
    switch (party) {
      case 'person':
        return 'La personne accompagnée';
      case 'legal_representative':
        return 'Son représentant légal';
      case 'referent':
        return 'Le ou la référent(e)';
    }
  },
  signed: (name, date) => `${name} — a signé le ${date}`,
  refused: (name, date, note) => `${name} — a refusé de signer le ${date}${note ? `. Motif${nb}: «${nb}${note}${nb}»` : ''}`,
  pending: 'pas encore signé',
  fingerprintLabel: 'Empreinte de la version',
  fingerprintShort: 'empreinte',
  fingerprintHelp: 'L’empreinte est calculée sur le contenu : deux documents qui la partagent disent exactement la même chose.',
  phone: `Tél.${nb}`,
  email: `Courriel${nb}`,
  page: (index, count) => `Page ${index} / ${count}`,
};

const planEnglish: Wording = {
  title: 'Personalised support plan',
  version: (number) => `Version${nb}${number}`,
  status: (v, locale) => {
    const date = (value: string): string => formatDate(value, locale);
    switch (v.status) {
      case 'draft':
        return 'draft — not agreed';
      case 'proposed':
        return 'proposed, awaiting agreement';
      case 'agreed':
        return `agreed${v.agreedOn ? ` on ${date(v.agreedOn)}` : ''}${v.activeFrom ? `, in force from ${date(v.activeFrom)}` : ', not yet in force'}`;
      case 'active': {
        const since = v.activeFrom ?? v.agreedOn;
        return since ? `in force since ${date(since)}` : 'in force';
      }
      case 'superseded':
        return 'replaced by a newer version';
    }
  },
  headerMark: (status) => {
    switch (status) {
      case 'draft':
        return 'DRAFT — NOT AGREED';
      case 'proposed':
        return 'PROPOSAL — NOT YET AGREED';
      case 'superseded':
        return 'SUPERSEDED — NO LONGER IN FORCE';
      case 'agreed':
      case 'active':
        return null;
    }
  },
  notInForce: (status) => {
    switch (status) {
      case 'draft':
        return 'This document is a working draft. It has not been agreed with you yet and commits no one.';
      case 'proposed':
        return 'This plan is proposed to you. It only applies once you have accepted and signed it.';
      case 'superseded':
        return 'This version has been replaced by a newer version of the plan: it no longer applies.';
      case 'agreed':
      case 'active':
        return null;
    }
  },
  createdBy: (date, name) => `Version written on ${date} by ${name}`,
  personLabel: 'Person supported',
  birthDateLabel: 'Date of birth',
  serviceLabel: 'Service',
  referentLabel: 'Key worker',
  coordinatorLabel: 'Coordinator',
  startedOnLabel: 'Support started on',
  summaryHeading: 'In a few words',
  goalsHeading: (count) => (count === 1 ? 'My goal' : `My goals (${count})`),
  noGoals: 'No goal has been written yet.',
  goalHeading: (index, count) => `Goal ${index} of ${count}`,
  quoted: (text) => `“${text}”`,
  professionalLabel: 'The team’s wording',
  domainLabel: 'Area of life',
  domain: (domain) => {
    switch (domain) {
      case 'daily_autonomy':
        return 'Daily living';
      case 'health':
        return 'Health';
      case 'social_life':
        return 'Social life and leisure';
      case 'housing':
        return 'Housing';
      case 'employment_training':
        return 'Work and training';
      case 'schooling':
        return 'School';
      case 'family':
        return 'Family life';
      case 'resources_rights':
        return 'Income and rights';
      case 'wellbeing':
        return 'Well-being';
      case 'other':
        return 'Other';
    }
  },
  priorityLabel: 'Priority',
  priority: (priority) => {
    switch (priority) {
      case 1:
        return '1 — high';
      case 2:
        return '2 — medium';
      case 3:
        return '3 — later';
    }
  },
  targetLabel: 'Target date',
  noTarget: 'no date set',
  proposedByLabel: 'Suggested by',
  proposedBy: (by) => {
    switch (by) {
      case 'person':
        return 'me';
      case 'relative':
        return 'a relative or friend';
      case 'professional':
        return 'the team';
      case 'jointly':
        return 'the team and me, together';
    }
  },
  autonomyLabel: 'What I aim to do on my own',
  scaleTitle: 'How will we know where I stand?',
  scaleLead: 'Five levels, described together. Level 0 (highlighted) is the expected result.',
  level: signed,
  levelMeaning: (level) => {
    switch (level) {
      case -2:
        return 'Much less than expected';
      case -1:
        return 'Somewhat less than expected';
      case 0:
        return 'Expected result';
      case 1:
        return 'Somewhat better than expected';
      case 2:
        return 'Much better than expected';
    }
  },
  actionsHeading: 'What is planned to get there',
  noActions: 'No action is planned yet.',
  who: (actor, names) => {
    switch (actor.kind) {
      case 'person':
        return 'Me';
      case 'staff':
        return (actor.staffMemberId && names.staff[actor.staffMemberId]) || 'A member of the team';
      case 'discipline': {
        const name = actor.disciplineId && names.disciplines[actor.disciplineId];
        return name ? `${name} (team)` : 'A professional from the team';
      }
      case 'partner': {
        const name = actor.partnerId && names.partners[actor.partnerId];
        return name ? `${name} (partner)` : 'A partner';
      }
      case 'relative': {
        const name = actor.relativeId && names.relatives[actor.relativeId];
        return name ? `${name} (relative or friend)` : 'A relative or friend';
      }
    }
  },
  colon: ':',
  frequencyLabel: 'How often',
  period: (from, to) => {
    if (from && to) return `From ${from} to ${to}`;
    if (from) return `From ${from}`;
    if (to) return `Until ${to}`;
    return null;
  },
  statusLabel: 'Status',
  actionStatus: (status) => {
    switch (status) {
      case 'planned':
        return 'planned';
      case 'in_progress':
        return 'in progress';
      case 'done':
        return 'done';
      case 'stopped':
        return 'stopped';
    }
  },
  lastEvaluationLabel: (date) => `Last review (${date})`,
  notEvaluated: 'not reviewed that day',
  commentLabel: 'Comment',
  evaluationHeading: (date) => `Last review, on ${date}`,
  personViewLabel: 'What I said about it',
  tScore: (value) => `Overall goal attainment score: ${value.toFixed(1)} (50 means goals met as expected, more means better than expected).`,
  agreementsHeading: 'Agreement',
  agreementsLead: 'Each signature applies to this exact version of the plan, identified by its fingerprint below.',
  contractAgreementsLead: 'Each signature applies to this exact version of the document, identified by its fingerprint below.',
  contractSignaturesHeading: 'Handover and signatures',
  handedOverLabel: 'Given to the person',
  signedOnLabel: 'Signed',
  notHandedOver: 'not given yet',
  party: (party) => {
    switch (party) {
      case 'person':
        return 'The person supported';
      case 'legal_representative':
        return 'Their legal representative';
      case 'referent':
        return 'The key worker';
    }
  },
  signed: (name, date) => `${name} — signed on ${date}`,
  refused: (name, date, note) => `${name} — declined to sign on ${date}${note ? `. Reason: “${note}”` : ''}`,
  pending: 'not signed yet',
  fingerprintLabel: 'Version fingerprint',
  fingerprintShort: 'fingerprint',
  fingerprintHelp: 'The fingerprint is computed from the content: two documents that share it say exactly the same thing.',
  phone: 'Tel.',
  email: 'Email',
  page: (index, count) => `Page ${index} / ${count}`,
};
