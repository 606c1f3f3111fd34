import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { DomainError } from '../../lib/domain-error.js';
import { optionalText } from '../../lib/text.js';
import type { Ctx } from '../../server/context.js';
import { episodeFacts } from '../admissions/manage-episode.js';
import { staffMember } from '../staff/schema.js';
import { goalAttainmentTScore } from './goal-attainment.js';
import { comparePlanContents } from './plan-content.js';
import { checkParticipants, refuseFutureDay } from './participants.js';
import { agreementComplete, agreementsOn, recordAgreement, type AgreementInput } from './record-agreement.js';
import { latestPlanVersion } from './save-plan-version.js';
import { plan, planEvaluation, planVersion, type GoalScore, type Participant } from './schema.js';

const author = alias(staffMember, 'author');
const fullName = (s: { firstName: string; lastName: string }) => `${s.firstName} ${s.lastName}`;

/** A plan version with its plan and episode, after the policy decided `action` for the person's care team. */
async function versionFor(ctx: Ctx, versionId: string, action: 'plan.read' | 'plan.write') {
  const query = ctx.tx
    .select({ version: planVersion, episodeId: plan.episodeId })
    .from(planVersion)
    .innerJoin(plan, and(eq(plan.organizationId, planVersion.organizationId), eq(plan.id, planVersion.planId)))
    .where(and(eq(planVersion.organizationId, ctx.organizationId), eq(planVersion.id, versionId)));
  // A change takes the version's row lock: two signatures or activations on it go one after the other.
  const [row] = action === 'plan.write' ? await query.for('update', { of: planVersion }) : await query;
  if (!row) throw new DomainError('not_found');
  const episode = await episodeFacts(ctx, row.episodeId, action);
  // An ended episode's plan is kept as it was: read, never changed.
  if (action === 'plan.write' && episode.endedOn) throw new DomainError('episode_ended');
  return { ...row, episode };
}

async function setStatus(ctx: Ctx, versionId: string, changes: Partial<typeof planVersion.$inferInsert>) {
  await ctx.tx.update(planVersion).set({ ...changes, statusChangedAt: new Date() }).where(and(eq(planVersion.organizationId, ctx.organizationId), eq(planVersion.id, versionId)));
}

/** Puts the latest draft to the person: from now on it is read and signed as it stands. */
export async function proposePlanVersion(ctx: Ctx, versionId: string): Promise<void> {
  const { version, episode } = await versionFor(ctx, versionId, 'plan.write');
  const latest = await latestPlanVersion(ctx, version.planId);
  if (latest?.id !== version.id) throw new DomainError('plan_version_not_current');
  if (version.status !== 'draft') throw new DomainError('plan_version_wrong_status');
  await setStatus(ctx, versionId, { status: 'proposed' });
  ctx.audit({ action: 'plan.version_proposed', personId: episode.personId, targetType: 'plan_version', targetId: versionId });
}

/**
 * The person (or their legal representative) and the référent agree to a proposed version, or a
 * refusal to sign is recorded. Once both sides have spoken the version is agreed.
 */
export async function recordPlanAgreement(ctx: Ctx, versionId: string, input: AgreementInput): Promise<{ status: string }> {
  const { version, episode } = await versionFor(ctx, versionId, 'plan.write');
  if (version.status !== 'proposed') throw new DomainError('plan_version_wrong_status');
  const parties = await recordAgreement(ctx, { type: 'plan_version', id: versionId, contentHash: version.contentHash }, episode, episode.personName, input);
  if (!agreementComplete(parties)) return { status: 'proposed' };
  await setStatus(ctx, versionId, { status: 'agreed', agreedOn: input.signedOn });
  ctx.audit({ action: 'plan.version_agreed', personId: episode.personId, targetType: 'plan_version', targetId: versionId });
  return { status: 'agreed' };
}

/** An agreed version comes into force; the one it replaces is superseded. */
export async function activatePlanVersion(ctx: Ctx, versionId: string, input: { activeFrom: string }): Promise<void> {
  const { version, episode } = await versionFor(ctx, versionId, 'plan.write');
  if (version.status !== 'agreed') throw new DomainError('plan_version_wrong_status');
  await ctx.tx
    .update(planVersion)
    .set({ status: 'superseded', statusChangedAt: new Date() })
    .where(and(eq(planVersion.organizationId, ctx.organizationId), eq(planVersion.planId, version.planId), eq(planVersion.status, 'active')));
  await setStatus(ctx, versionId, { status: 'active', activeFrom: input.activeFrom });
  ctx.audit({ action: 'plan.version_activated', personId: episode.personId, targetType: 'plan_version', targetId: versionId });
}

/**
 * A dated evaluation of the version in force: a level per goal on its own scale, the person's view,
 * who took part; the goal attainment T-score of the goals scored. Never edited.
 */
export async function recordPlanEvaluation(
  ctx: Ctx,
  versionId: string,
  input: { evaluatedOn: string; scores: { goalId: string; level: GoalScore['level']; comment?: string | null | undefined }[]; personView?: string | null | undefined; comments?: string | null | undefined; participants: Participant[] },
): Promise<{ id: string; tScore: number | null }> {
  const { version, episode } = await versionFor(ctx, versionId, 'plan.write');
  if (version.status !== 'active') throw new DomainError('plan_version_wrong_status');
  const goals = new Map(version.content.goals.map((g) => [g.id, g]));
  const seen = new Set<string>();
  const problems = [];
  for (const [i, s] of input.scores.entries()) {
    if (!goals.has(s.goalId)) problems.push({ field: `body.scores.${i}.goalId`, message: { fr: 'Cet objectif n’est pas dans la version en vigueur.', en: 'This goal is not in the version in force.' } });
    if (seen.has(s.goalId)) problems.push({ field: `body.scores.${i}.goalId`, message: { fr: 'Cet objectif est déjà évalué.', en: 'This goal is already scored.' } });
    seen.add(s.goalId);
  }
  if (input.evaluatedOn < (version.activeFrom ?? version.agreedOn ?? '0000-01-01')) {
    problems.push({ field: 'body.evaluatedOn', message: { fr: 'L’évaluation précède l’entrée en vigueur du projet.', en: 'The evaluation is before the plan came into force.' } });
  }
  if (problems.length) throw new DomainError('validation_failed', {}, problems);
  refuseFutureDay(ctx, input.evaluatedOn, 'body.evaluatedOn');
  const participants = await checkParticipants(ctx, episode.personId, input.participants);
  const scores: GoalScore[] = input.scores.map((s) => ({ goalId: s.goalId, level: s.level, comment: optionalText(s.comment) ?? null }));
  const tScore = goalAttainmentTScore(scores.map((s) => ({ level: s.level, weight: goals.get(s.goalId)!.weight })));
  const [row] = await ctx.tx
    .insert(planEvaluation)
    .values({
      organizationId: ctx.organizationId,
      planId: version.planId,
      versionId,
      evaluatedOn: input.evaluatedOn,
      scores,
      personView: optionalText(input.personView) ?? null,
      comments: optionalText(input.comments) ?? null,
      participants,
      tScore,
      createdBy: ctx.actor.staffMemberId,
    })
    .returning({ id: planEvaluation.id });
  ctx.audit({ action: 'plan.evaluated', personId: episode.personId, targetType: 'plan_evaluation', targetId: row!.id, details: { goals: scores.length } });
  return { id: row!.id, tScore };
}

/**
 * An episode's plan: its versions (history), the latest content, the version in force, agreements,
 * evaluations and the progress of each goal over time. For the care team; the read is audited.
 */
export async function readEpisodePlan(ctx: Ctx, episodeId: string) {
  const episode = await episodeFacts(ctx, episodeId, 'plan.read');
  const [found] = await ctx.tx.select({ id: plan.id }).from(plan).where(and(eq(plan.organizationId, ctx.organizationId), eq(plan.episodeId, episodeId)));
  ctx.audit({ action: 'plan.read', personId: episode.personId, targetType: 'episode', targetId: episodeId });
  if (!found) return { planId: null, versions: [], latest: null, active: null, evaluations: [], progress: [] };
  const versions = await ctx.tx
    .select({ id: planVersion.id, number: planVersion.number, status: planVersion.status, contentHash: planVersion.contentHash, changeNote: planVersion.changeNote, createdAt: planVersion.createdAt, agreedOn: planVersion.agreedOn, activeFrom: planVersion.activeFrom, firstName: author.firstName, lastName: author.lastName })
    .from(planVersion)
    .innerJoin(author, and(eq(author.organizationId, planVersion.organizationId), eq(author.id, planVersion.createdBy)))
    .where(and(eq(planVersion.organizationId, ctx.organizationId), eq(planVersion.planId, found.id)))
    .orderBy(desc(planVersion.number));
  const wanted = [versions[0]?.id, versions.find((v) => v.status === 'active')?.id].filter((x): x is string => !!x);
  const contents = wanted.length
    ? await ctx.tx.select({ id: planVersion.id, content: planVersion.content }).from(planVersion).where(and(eq(planVersion.organizationId, ctx.organizationId), inArray(planVersion.id, wanted)))
    : [];
  const contentOf = new Map(contents.map((c) => [c.id, c.content]));
  const agreements = await agreementsOn(ctx, 'plan_version', versions.map((v) => v.id));
  const evaluations = await ctx.tx
    .select({ e: planEvaluation, firstName: author.firstName, lastName: author.lastName, versionNumber: planVersion.number })
    .from(planEvaluation)
    .innerJoin(author, and(eq(author.organizationId, planEvaluation.organizationId), eq(author.id, planEvaluation.createdBy)))
    .innerJoin(planVersion, and(eq(planVersion.organizationId, planEvaluation.organizationId), eq(planVersion.id, planEvaluation.versionId)))
    .where(and(eq(planEvaluation.organizationId, ctx.organizationId), eq(planEvaluation.planId, found.id)))
    .orderBy(asc(planEvaluation.evaluatedOn), asc(planEvaluation.createdAt));
  const view = (v: (typeof versions)[number]) => ({
    id: v.id,
    number: v.number,
    status: v.status,
    contentHash: v.contentHash,
    changeNote: v.changeNote,
    createdByName: fullName(v),
    createdAt: v.createdAt.toISOString(),
    agreedOn: v.agreedOn,
    activeFrom: v.activeFrom,
    agreements: agreements.filter((a) => a.subjectId === v.id).map(({ subjectId: _subject, ...a }) => a),
  });
  const latest = versions[0]!;
  const active = versions.find((v) => v.status === 'active') ?? null;
  // Progress per goal: every evaluation's level for it, by goal id (goals keep their id across versions).
  const goalsNow = (contentOf.get(active?.id ?? latest.id) ?? contentOf.get(latest.id))!.goals;
  const progress = goalsNow.map((g) => ({
    goalId: g.id,
    personWording: g.personWording,
    points: evaluations.flatMap(({ e }) => e.scores.filter((s) => s.goalId === g.id).map((s) => ({ evaluatedOn: e.evaluatedOn, level: s.level }))),
  }));
  return {
    planId: found.id,
    versions: versions.map(view),
    latest: { ...view(latest), content: contentOf.get(latest.id)! },
    active: active ? { ...view(active), content: contentOf.get(active.id)! } : null,
    evaluations: evaluations.map(({ e, firstName, lastName, versionNumber }) => ({
      id: e.id,
      versionNumber,
      evaluatedOn: e.evaluatedOn,
      scores: e.scores,
      personView: e.personView,
      comments: e.comments,
      participants: e.participants,
      tScore: e.tScore,
      createdByName: `${firstName} ${lastName}`,
    })),
    progress,
  };
}

/** One version's content (history view), for the care team. */
export async function readPlanVersion(ctx: Ctx, versionId: string) {
  const { version, episode } = await versionFor(ctx, versionId, 'plan.read');
  ctx.audit({ action: 'plan.version_read', personId: episode.personId, targetType: 'plan_version', targetId: versionId });
  return { id: version.id, number: version.number, status: version.status, content: version.content, contentHash: version.contentHash, createdAt: version.createdAt.toISOString() };
}

/** What changed between two versions of the same plan, goal by goal. */
export async function comparePlanVersions(ctx: Ctx, fromId: string, toId: string) {
  const from = await versionFor(ctx, fromId, 'plan.read');
  const to = await versionFor(ctx, toId, 'plan.read');
  if (from.version.planId !== to.version.planId) {
    throw new DomainError('validation_failed', {}, [{ field: 'querystring.to', message: { fr: 'Les deux versions doivent appartenir au même projet.', en: 'Both versions must belong to the same plan.' } }]);
  }
  ctx.audit({ action: 'plan.versions_compared', personId: from.episode.personId, targetType: 'plan_version', targetId: toId, details: { from: fromId } });
  return { from: from.version.number, to: to.version.number, ...comparePlanContents(from.version.content, to.version.content) };
}

