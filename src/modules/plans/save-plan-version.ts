import { and, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { newId } from '../../db/columns.js';
import { isUniqueViolation } from '../../db/errors.js';
import { DomainError } from '../../lib/domain-error.js';
import { optionalText } from '../../lib/text.js';
import type { Ctx } from '../../server/context.js';
import { episodeFacts } from '../admissions/manage-episode.js';
import { knownDisciplineIds } from '../organizations/list-catalogue.js';
import { activePartnerIds } from '../partners/manage-partners.js';
import { currentRelativeIds } from '../people/manage-relatives.js';
import { activeStaffAmong } from '../staff/staff-queries.js';
import { staffMember } from '../staff/schema.js';
import { contentHash, normalizePlanContent, type PlanContentInput } from './plan-content.js';
import { plan, planVersion, type PlanContent } from './schema.js';

const author = alias(staffMember, 'author');

/**
 * A 412 that says who saved in the meantime and when (structure's clock), so the user knows whom to
 * ask and that nothing of theirs was lost: their content is still in their form.
 */
export function versionConflict(ctx: Ctx, by: { name: string; at: Date; number: number }): DomainError {
  const time = by.at.toLocaleTimeString('fr-FR', { timeZone: ctx.actor.timeZone, hour: '2-digit', minute: '2-digit' });
  const day = by.at.toLocaleDateString('fr-FR', { timeZone: ctx.actor.timeZone });
  const dayEn = by.at.toLocaleDateString('en-GB', { timeZone: ctx.actor.timeZone });
  return new DomainError('version_conflict', {
    detail: { fr: `Modifié par ${by.name} le ${day} à ${time} (version ${by.number}).`, en: `Modified by ${by.name} on ${dayEn} at ${time} (version ${by.number}).` },
    latestVersion: by.number,
    modifiedBy: by.name,
    modifiedAt: by.at.toISOString(),
  });
}

/** The latest version of a plan and who saved it. */
export async function latestPlanVersion(ctx: Ctx, planId: string) {
  const [latest] = await ctx.tx
    .select({ id: planVersion.id, number: planVersion.number, status: planVersion.status, content: planVersion.content, createdAt: planVersion.createdAt, firstName: author.firstName, lastName: author.lastName })
    .from(planVersion)
    .innerJoin(author, and(eq(author.organizationId, planVersion.organizationId), eq(author.id, planVersion.createdBy)))
    .where(and(eq(planVersion.organizationId, ctx.organizationId), eq(planVersion.planId, planId)))
    .orderBy(desc(planVersion.number))
    .limit(1);
  return latest ?? null;
}

/** The plan of an episode, created with its first save. */
async function planOf(ctx: Ctx, episodeId: string, personId: string): Promise<string> {
  await ctx.tx.insert(plan).values({ organizationId: ctx.organizationId, id: newId(), episodeId, personId, createdBy: ctx.actor.staffMemberId }).onConflictDoNothing();
  const [row] = await ctx.tx.select({ id: plan.id }).from(plan).where(and(eq(plan.organizationId, ctx.organizationId), eq(plan.episodeId, episodeId)));
  return row!.id;
}

/**
 * Saves the plan as a new version, never overwriting one. `basedOn` is the version the author
 * started from (null for the first): if someone saved another version since, the save is refused
 * with a 412 naming them, and of two saves racing on the same version exactly one wins (unique
 * plan/number). Earlier drafts and proposals become superseded; the version in force stays in force
 * until the new one is agreed and put into effect.
 */
export async function savePlanVersion(ctx: Ctx, episodeId: string, input: { basedOn: number | null; content: PlanContentInput; changeNote?: string | null | undefined }) {
  const episode = await episodeFacts(ctx, episodeId, 'plan.write');
  if (episode.endedOn) throw new DomainError('episode_ended');
  const planId = await planOf(ctx, episodeId, episode.personId);
  // Saves of one plan go one after the other: the second sees the first's version and gets a clear 412.
  await ctx.tx.select({ id: plan.id }).from(plan).where(and(eq(plan.organizationId, ctx.organizationId), eq(plan.id, planId))).for('update');
  const latest = await latestPlanVersion(ctx, planId);
  if ((latest?.number ?? null) !== input.basedOn) {
    if (!latest) throw new DomainError('validation_failed', {}, [{ field: 'body.basedOn', message: { fr: 'Ce projet n’a encore aucune version.', en: 'This plan has no version yet.' } }]);
    throw versionConflict(ctx, { name: `${latest.firstName} ${latest.lastName}`, at: latest.createdAt, number: latest.number });
  }
  const goals = input.content.goals;
  const actors = goals.flatMap((g) => g.actions ?? []).map((a) => a.who);
  const ids = (key: 'staffMemberId' | 'disciplineId' | 'partnerId') => [...new Set(actors.map((w) => w[key]).filter((x): x is string => !!x))];
  const relatives = await currentRelativeIds(ctx, episode.personId);
  const content: PlanContent = normalizePlanContent(input.content, latest?.content ?? null, {
    staff: await activeStaffAmong(ctx, ids('staffMemberId')),
    disciplines: await knownDisciplineIds(ctx, ids('disciplineId')),
    partners: await activePartnerIds(ctx, ids('partnerId')),
    relatives: relatives.all,
  });
  const number = (latest?.number ?? 0) + 1;
  const id = newId();
  try {
    await ctx.tx.insert(planVersion).values({
      organizationId: ctx.organizationId,
      id,
      planId,
      number,
      content,
      contentHash: contentHash(content),
      changeNote: optionalText(input.changeNote) ?? null,
      createdBy: ctx.actor.staffMemberId,
    });
  } catch (error) {
    // The plan's row lock makes this unreachable in practice; the unique index still guarantees one winner.
    if (isUniqueViolation(error, 'plan_version_number_unique')) throw new DomainError('version_conflict', { latestVersion: number });
    throw error;
  }
  await ctx.tx
    .update(planVersion)
    .set({ status: 'superseded', statusChangedAt: new Date() })
    .where(and(eq(planVersion.organizationId, ctx.organizationId), eq(planVersion.planId, planId), inArray(planVersion.status, ['draft', 'proposed', 'agreed']), inArray(planVersion.number, latest ? [latest.number] : [])));
  ctx.audit({ action: 'plan.version_saved', personId: episode.personId, targetType: 'plan_version', targetId: id, details: { number, goals: content.goals.length } });
  return { planId, versionId: id, number };
}
