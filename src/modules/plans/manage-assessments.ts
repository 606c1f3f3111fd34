import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { newId } from '../../db/columns.js';
import { DomainError } from '../../lib/domain-error.js';
import type { Translated } from '../../lib/i18n.js';
import { optionalText } from '../../lib/text.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { episodeFacts } from '../admissions/manage-episode.js';
import { staffMember } from '../staff/schema.js';
import { defaultAssessmentTemplate } from './default-templates.js';
import { checkParticipants, refuseFutureDay } from './participants.js';
import { versionConflict } from './save-plan-version.js';
import { assessment, assessmentTemplate, type AnswerValue, type Participant, type TemplateSection } from './schema.js';

type FieldProblem = { field: string; message: Translated };
export interface TemplateSectionInput {
  id?: string | undefined;
  title: string;
  questions: { id?: string | undefined; label: string; type: TemplateSection['questions'][number]['type']; options?: string[] | undefined; scale?: { min: number; max: number; minLabel: string; maxLabel: string } | undefined }[];
}

/** Sections and questions as stored: ids kept or made, choices need options, scales go upwards. */
function normalizeSections(sections: TemplateSectionInput[]): TemplateSection[] {
  const problems: FieldProblem[] = [];
  const ids = new Set<string>();
  const unique = (given: string | undefined) => {
    const id = given && !ids.has(given) ? given : newId();
    ids.add(id);
    return id;
  };
  const result = sections.map((s, si) => ({
    id: unique(s.id),
    title: s.title.trim(),
    questions: s.questions.map((q, qi) => {
      const at = `body.sections.${si}.questions.${qi}`;
      if ((q.type === 'choice' || q.type === 'multi_choice') && (!q.options || q.options.filter((o) => o.trim()).length < 2)) {
        problems.push({ field: `${at}.options`, message: { fr: 'Proposez au moins deux choix.', en: 'Offer at least two choices.' } });
      }
      // Answers are kept as the choice's words: two identical choices could not be told apart.
      const wordings = (q.options ?? []).map((o) => o.trim().toLocaleLowerCase('fr'));
      if (new Set(wordings).size !== wordings.length) {
        problems.push({ field: `${at}.options`, message: { fr: 'Deux choix ont le même libellé.', en: 'Two choices have the same wording.' } });
      }
      if (q.type === 'scale' && (!q.scale || q.scale.min >= q.scale.max)) {
        problems.push({ field: `${at}.scale`, message: { fr: 'Une échelle va d’un minimum à un maximum plus grand.', en: 'A scale goes from a minimum to a greater maximum.' } });
      }
      return {
        id: unique(q.id),
        label: q.label.trim(),
        type: q.type,
        ...(q.type === 'choice' || q.type === 'multi_choice' ? { options: (q.options ?? []).map((o) => o.trim()).filter(Boolean) } : {}),
        ...(q.type === 'scale' && q.scale ? { scale: { ...q.scale, minLabel: q.scale.minLabel.trim(), maxLabel: q.scale.maxLabel.trim() } } : {}),
      };
    }),
  }));
  if (problems.length) throw new DomainError('validation_failed', {}, problems);
  return result;
}

/** The structure's assessment templates; the French default is there from the first look. */
export async function listAssessmentTemplates(ctx: Ctx, options: { includeArchived: boolean } = { includeArchived: false }) {
  await requireAccess(ctx, 'template.read');
  await ctx.tx.execute(sql`INSERT INTO ${assessmentTemplate} (organization_id, id, name, sections, is_default)
    VALUES (${ctx.organizationId}, ${newId()}, ${defaultAssessmentTemplate.name}, ${JSON.stringify(defaultAssessmentTemplate.sections)}::jsonb, true)
    ON CONFLICT (organization_id) WHERE is_default DO NOTHING`);
  const rows = await ctx.tx
    .select({ id: assessmentTemplate.id, name: assessmentTemplate.name, sections: assessmentTemplate.sections, isDefault: assessmentTemplate.isDefault, archivedAt: assessmentTemplate.archivedAt })
    .from(assessmentTemplate)
    .where(and(eq(assessmentTemplate.organizationId, ctx.organizationId), options.includeArchived ? undefined : isNull(assessmentTemplate.archivedAt)))
    .orderBy(desc(assessmentTemplate.isDefault), asc(assessmentTemplate.name));
  return rows.map((r) => ({ ...r, archivedAt: r.archivedAt?.toISOString() ?? null }));
}

export async function createAssessmentTemplate(ctx: Ctx, input: { name: string; sections: TemplateSectionInput[] }): Promise<{ id: string }> {
  await requireAccess(ctx, 'template.manage');
  const id = newId();
  await ctx.tx.insert(assessmentTemplate).values({ organizationId: ctx.organizationId, id, name: input.name.trim(), sections: normalizeSections(input.sections), createdBy: ctx.actor.staffMemberId });
  ctx.audit({ action: 'assessment_template.created', targetType: 'assessment_template', targetId: id });
  return { id };
}

/** Changes a template; assessments already made keep the questions they were made on. */
export async function updateAssessmentTemplate(ctx: Ctx, templateId: string, input: { name?: string | undefined; sections?: TemplateSectionInput[] | undefined; archived?: boolean | undefined }): Promise<void> {
  await requireAccess(ctx, 'template.manage');
  const changed = await ctx.tx
    .update(assessmentTemplate)
    .set({
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.sections !== undefined ? { sections: normalizeSections(input.sections) } : {}),
      ...(input.archived !== undefined ? { archivedAt: input.archived ? new Date() : null } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(assessmentTemplate.organizationId, ctx.organizationId), eq(assessmentTemplate.id, templateId)))
    .returning({ id: assessmentTemplate.id });
  if (!changed.length) throw new DomainError('not_found');
  ctx.audit({ action: 'assessment_template.updated', targetType: 'assessment_template', targetId: templateId });
}

/** Answers checked against the questions: a choice among the options, a scale within its bounds. */
function checkAnswers(sections: TemplateSection[], answers: Record<string, AnswerValue>): Record<string, AnswerValue> {
  const questions = new Map(sections.flatMap((s) => s.questions).map((q) => [q.id, q]));
  const problems: FieldProblem[] = [];
  const kept: Record<string, AnswerValue> = {};
  for (const [id, value] of Object.entries(answers)) {
    const q = questions.get(id);
    const at = `body.answers.${id}`;
    if (!q) {
      problems.push({ field: at, message: { fr: 'Question inconnue dans ce modèle.', en: 'Unknown question in this template.' } });
      continue;
    }
    if (value === null || value === '') continue;
    const bad = (fr: string, en: string) => problems.push({ field: at, message: { fr, en } });
    if (q.type === 'text' && (typeof value !== 'string' || value.length > 4000)) bad('Texte attendu (4 000 caractères au plus).', 'Text expected (4,000 characters at most).');
    else if (q.type === 'choice' && (typeof value !== 'string' || !q.options?.includes(value))) bad('Choisissez une des réponses proposées.', 'Choose one of the answers offered.');
    else if (q.type === 'multi_choice' && (!Array.isArray(value) || value.some((v) => !q.options?.includes(v)))) bad('Choisissez parmi les réponses proposées.', 'Choose among the answers offered.');
    else if (q.type === 'scale' && (typeof value !== 'number' || !Number.isInteger(value) || value < q.scale!.min || value > q.scale!.max)) bad(`Note entière de ${q.scale!.min} à ${q.scale!.max}.`, `Whole number from ${q.scale!.min} to ${q.scale!.max}.`);
    else kept[id] = typeof value === 'string' ? value.trim() : value;
  }
  if (problems.length) throw new DomainError('validation_failed', {}, problems);
  return kept;
}

export interface AssessmentFields {
  answers: Record<string, AnswerValue>;
  expectations?: string | null | undefined;
  strengths?: string | null | undefined;
  obstacles?: string | null | undefined;
  participants: Participant[];
  assessedOn: string;
}

/** An assessment ("diagnostic") within an episode, on one of the structure's templates, kept as it was asked. */
export async function createAssessment(ctx: Ctx, episodeId: string, input: AssessmentFields & { templateId: string }): Promise<{ id: string; revision: number }> {
  const episode = await episodeFacts(ctx, episodeId, 'plan.write');
  const [template] = await ctx.tx
    .select({ name: assessmentTemplate.name, sections: assessmentTemplate.sections })
    .from(assessmentTemplate)
    .where(and(eq(assessmentTemplate.organizationId, ctx.organizationId), eq(assessmentTemplate.id, input.templateId), isNull(assessmentTemplate.archivedAt)));
  if (!template) throw new DomainError('validation_failed', {}, [{ field: 'body.templateId', message: { fr: 'Modèle inconnu ou archivé.', en: 'Unknown or archived template.' } }]);
  refuseFutureDay(ctx, input.assessedOn, 'body.assessedOn');
  const participants = await checkParticipants(ctx, episode.personId, input.participants);
  const id = newId();
  await ctx.tx.insert(assessment).values({
    organizationId: ctx.organizationId,
    id,
    episodeId,
    personId: episode.personId,
    templateId: input.templateId,
    templateName: template.name,
    sections: template.sections,
    answers: checkAnswers(template.sections, input.answers),
    expectations: optionalText(input.expectations) ?? null,
    strengths: optionalText(input.strengths) ?? null,
    obstacles: optionalText(input.obstacles) ?? null,
    participants,
    assessedOn: input.assessedOn,
    createdBy: ctx.actor.staffMemberId,
    updatedBy: ctx.actor.staffMemberId,
  });
  ctx.audit({ action: 'assessment.created', personId: episode.personId, targetType: 'assessment', targetId: id });
  return { id, revision: 1 };
}

const editor = alias(staffMember, 'editor');

/** Saves changes to an assessment made on `revision`; a save on an older revision is refused (412, naming who saved since). */
export async function updateAssessment(ctx: Ctx, assessmentId: string, input: Partial<AssessmentFields> & { revision: number }): Promise<{ revision: number }> {
  const [current] = await ctx.tx
    .select({ episodeId: assessment.episodeId, sections: assessment.sections, revision: assessment.revision, updatedAt: assessment.updatedAt, firstName: editor.firstName, lastName: editor.lastName })
    .from(assessment)
    .innerJoin(editor, and(eq(editor.organizationId, assessment.organizationId), eq(editor.id, assessment.updatedBy)))
    .where(and(eq(assessment.organizationId, ctx.organizationId), eq(assessment.id, assessmentId)));
  if (!current) throw new DomainError('not_found');
  const episode = await episodeFacts(ctx, current.episodeId, 'plan.write');
  const conflict = () => versionConflict(ctx, { name: `${current.firstName} ${current.lastName}`, at: current.updatedAt, number: current.revision });
  if (current.revision !== input.revision) throw conflict();
  if (input.assessedOn !== undefined) refuseFutureDay(ctx, input.assessedOn, 'body.assessedOn');
  const participants = input.participants !== undefined ? await checkParticipants(ctx, episode.personId, input.participants) : undefined;
  const updated = await ctx.tx
    .update(assessment)
    .set({
      ...(input.answers !== undefined ? { answers: checkAnswers(current.sections, input.answers) } : {}),
      ...(input.expectations !== undefined ? { expectations: optionalText(input.expectations) ?? null } : {}),
      ...(input.strengths !== undefined ? { strengths: optionalText(input.strengths) ?? null } : {}),
      ...(input.obstacles !== undefined ? { obstacles: optionalText(input.obstacles) ?? null } : {}),
      ...(participants !== undefined ? { participants } : {}),
      ...(input.assessedOn !== undefined ? { assessedOn: input.assessedOn } : {}),
      revision: input.revision + 1,
      updatedBy: ctx.actor.staffMemberId,
      updatedAt: new Date(),
    })
    // The revision in the WHERE makes the check and the write one atomic step: of two saves, one wins.
    .where(and(eq(assessment.organizationId, ctx.organizationId), eq(assessment.id, assessmentId), eq(assessment.revision, input.revision)))
    .returning({ revision: assessment.revision });
  if (!updated.length) {
    const [winner] = await ctx.tx
      .select({ revision: assessment.revision, updatedAt: assessment.updatedAt, firstName: editor.firstName, lastName: editor.lastName })
      .from(assessment)
      .innerJoin(editor, and(eq(editor.organizationId, assessment.organizationId), eq(editor.id, assessment.updatedBy)))
      .where(and(eq(assessment.organizationId, ctx.organizationId), eq(assessment.id, assessmentId)));
    throw versionConflict(ctx, { name: winner ? `${winner.firstName} ${winner.lastName}` : '?', at: winner?.updatedAt ?? new Date(), number: winner?.revision ?? input.revision + 1 });
  }
  ctx.audit({ action: 'assessment.updated', personId: episode.personId, targetType: 'assessment', targetId: assessmentId, details: { revision: input.revision + 1 } });
  return { revision: input.revision + 1 };
}

/** An episode's assessments, newest first, for the care team. */
export async function listEpisodeAssessments(ctx: Ctx, episodeId: string) {
  const episode = await episodeFacts(ctx, episodeId, 'plan.read');
  const rows = await ctx.tx
    .select({ a: assessment, firstName: editor.firstName, lastName: editor.lastName })
    .from(assessment)
    .innerJoin(editor, and(eq(editor.organizationId, assessment.organizationId), eq(editor.id, assessment.updatedBy)))
    .where(and(eq(assessment.organizationId, ctx.organizationId), eq(assessment.episodeId, episodeId)))
    .orderBy(desc(assessment.assessedOn), desc(assessment.createdAt));
  ctx.audit({ action: 'assessment.listed', personId: episode.personId, targetType: 'episode', targetId: episodeId });
  return rows.map(({ a, firstName, lastName }) => ({
    id: a.id,
    templateName: a.templateName,
    sections: a.sections,
    answers: a.answers,
    expectations: a.expectations,
    strengths: a.strengths,
    obstacles: a.obstacles,
    participants: a.participants,
    assessedOn: a.assessedOn,
    revision: a.revision,
    updatedByName: `${firstName} ${lastName}`,
    updatedAt: a.updatedAt.toISOString(),
  }));
}
