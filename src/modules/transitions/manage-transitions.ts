import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { newId } from '../../db/columns.js';
import { isUniqueViolation } from '../../db/errors.js';
import { DomainError } from '../../lib/domain-error.js';
import { optionalText } from '../../lib/text.js';
import { todayIn } from '../../lib/time.js';
import { assertAccess, onCareTeamCondition, type Action } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { changeEpisodePhase } from '../admissions/manage-episode.js';
import { episode } from '../admissions/schema.js';
import { careTeamMember } from '../people/schema.js';
import { service, type PathwayPhase } from '../services/schema.js';
import { staffMember } from '../staff/schema.js';
import { checklistItemsFor } from './manage-checklists.js';
import { transition, transitionItem, type TransitionStatus } from './schema.js';

type Problem = { field: string; message: { fr: string; en: string } };

/**
 * The episode's facts a transition needs (person, service pathway, current phase, dates), read in
 * one statement with whether the actor is on the person's care team, then the access decision.
 */
async function episodeForTransition(ctx: Ctx, episodeId: string, action: Action) {
  const [row] = await ctx.tx
    .select({
      personId: episode.personId,
      serviceId: episode.serviceId,
      phaseCode: episode.phaseCode,
      startedOn: episode.startedOn,
      endedOn: episode.endedOn,
      phases: service.phases,
      onCareTeam: onCareTeamCondition(ctx, episode.personId),
    })
    .from(episode)
    .innerJoin(service, and(eq(service.organizationId, episode.organizationId), eq(service.id, episode.serviceId)))
    .where(and(eq(episode.organizationId, ctx.organizationId), eq(episode.id, episodeId)));
  if (!row) throw new DomainError('not_found');
  assertAccess(ctx, action, { personId: row.personId, onCareTeam: row.onCareTeam });
  return row;
}

const phaseLabel = (phases: PathwayPhase[], code: string | null) => (code ? (phases.find((p) => p.code === code)?.label ?? code) : null);

export interface PlanTransitionInput {
  toPhase: string;
  plannedOn: string;
  responsibleId: string;
  handoffNote?: string | null | undefined;
}

/**
 * Plans an episode's move into another phase of its service's pathway: when, who is responsible (a
 * member of the care team), the handoff note, and the checklist the structure wrote for that phase,
 * copied so that later edits of the checklist do not change a transition under way. One planned
 * transition per episode (unique index: of two racing plans, one wins).
 */
export async function planTransition(ctx: Ctx, episodeId: string, input: PlanTransitionInput): Promise<{ id: string }> {
  const e = await episodeForTransition(ctx, episodeId, 'transition.manage');
  if (e.endedOn) throw new DomainError('episode_ended');
  const problems: Problem[] = [];
  if (!e.phases.some((p) => p.code === input.toPhase)) problems.push({ field: 'body.toPhase', message: { fr: 'Cette phase n’existe pas dans le parcours de ce dispositif.', en: 'This phase is not in this service’s pathway.' } });
  else if (input.toPhase === e.phaseCode) problems.push({ field: 'body.toPhase', message: { fr: 'La personne est déjà dans cette phase.', en: 'The person is already in this phase.' } });
  if (input.plannedOn < e.startedOn) problems.push({ field: 'body.plannedOn', message: { fr: 'La date prévue précède le début de la prise en charge.', en: 'The planned date is before the start of the episode.' } });
  const [responsible] = await ctx.tx
    .select({ id: careTeamMember.staffMemberId })
    .from(careTeamMember)
    .innerJoin(staffMember, and(eq(staffMember.organizationId, careTeamMember.organizationId), eq(staffMember.id, careTeamMember.staffMemberId)))
    .where(
      and(
        eq(careTeamMember.organizationId, ctx.organizationId),
        eq(careTeamMember.personId, e.personId),
        eq(careTeamMember.staffMemberId, input.responsibleId),
        isNull(careTeamMember.removedAt),
        eq(staffMember.status, 'active'),
      ),
    );
  if (!responsible) problems.push({ field: 'body.responsibleId', message: { fr: 'La personne responsable doit faire partie de l’équipe qui accompagne la personne.', en: 'The person responsible must be on the care team.' } });
  if (problems.length) throw new DomainError('validation_failed', {}, problems);

  const items = await checklistItemsFor(ctx, e.serviceId, input.toPhase);
  const id = newId();
  try {
    await ctx.tx.insert(transition).values({
      organizationId: ctx.organizationId,
      id,
      episodeId,
      personId: e.personId,
      fromPhase: e.phaseCode,
      toPhase: input.toPhase,
      plannedOn: input.plannedOn,
      responsibleId: input.responsibleId,
      handoffNote: optionalText(input.handoffNote) ?? null,
      createdBy: ctx.actor.staffMemberId,
    });
  } catch (error) {
    if (isUniqueViolation(error, 'transition_one_planned_per_episode')) throw new DomainError('transition_already_planned');
    throw error;
  }
  if (items.length) {
    await ctx.tx.insert(transitionItem).values(items.map((item) => ({ organizationId: ctx.organizationId, transitionId: id, itemId: item.id, label: item.label })));
  }
  ctx.audit({ action: 'transition.planned', personId: e.personId, targetType: 'transition', targetId: id, details: { episodeId, from: e.phaseCode, to: input.toPhase, plannedOn: input.plannedOn, items: items.length } });
  return { id };
}

/** A transition locked for a change, after the access decision on its person's care team. */
async function transitionToManage(ctx: Ctx, transitionId: string) {
  const [row] = await ctx.tx
    .select({ t: transition, onCareTeam: onCareTeamCondition(ctx, transition.personId) })
    .from(transition)
    .where(and(eq(transition.organizationId, ctx.organizationId), eq(transition.id, transitionId)))
    .for('update', { of: transition });
  if (!row) throw new DomainError('not_found');
  assertAccess(ctx, 'transition.manage', { personId: row.t.personId, onCareTeam: row.onCareTeam });
  if (row.t.status !== 'planned') throw new DomainError('transition_closed');
  return row.t;
}

/** Ticks (or unticks) one item of a planned transition's checklist: who, when, and a note. */
export async function setTransitionItem(ctx: Ctx, transitionId: string, itemId: string, input: { done: boolean; note?: string | null | undefined }): Promise<void> {
  const t = await transitionToManage(ctx, transitionId);
  const note = optionalText(input.note);
  const updated = await ctx.tx
    .update(transitionItem)
    .set({
      doneAt: input.done ? sql`now()` : null,
      doneBy: input.done ? ctx.actor.staffMemberId : null,
      ...(note !== undefined ? { note } : {}),
    })
    .where(and(eq(transitionItem.organizationId, ctx.organizationId), eq(transitionItem.transitionId, transitionId), eq(transitionItem.itemId, itemId)))
    .returning({ itemId: transitionItem.itemId });
  if (!updated.length) throw new DomainError('not_found');
  ctx.audit({ action: input.done ? 'transition.item_done' : 'transition.item_undone', personId: t.personId, targetType: 'transition', targetId: transitionId, details: { itemId } });
}

/**
 * Completes a transition whose checklist is done: the episode moves into the new phase through the
 * admissions use case (effective today on the structure's calendar), in this same transaction.
 */
export async function completeTransition(ctx: Ctx, transitionId: string): Promise<void> {
  const now = new Date();
  const t = await transitionToManage(ctx, transitionId);
  const [open] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(transitionItem)
    .where(and(eq(transitionItem.organizationId, ctx.organizationId), eq(transitionItem.transitionId, transitionId), isNull(transitionItem.doneAt)));
  if ((open?.n ?? 0) > 0) throw new DomainError('transition_checklist_incomplete', { remaining: open!.n });
  await changeEpisodePhase(ctx, t.episodeId, { toPhase: t.toPhase, effectiveOn: todayIn(ctx.actor.timeZone, now), note: t.handoffNote });
  await ctx.tx
    .update(transition)
    .set({ status: 'completed', completedAt: now, completedBy: ctx.actor.staffMemberId })
    .where(and(eq(transition.organizationId, ctx.organizationId), eq(transition.id, transitionId)));
  ctx.audit({ action: 'transition.completed', personId: t.personId, targetType: 'transition', targetId: transitionId, details: { episodeId: t.episodeId, to: t.toPhase } });
}

/** Cancels a planned transition, with the reason; the episode stays in its phase. */
export async function cancelTransition(ctx: Ctx, transitionId: string, input: { reason: string }): Promise<void> {
  const t = await transitionToManage(ctx, transitionId);
  await ctx.tx
    .update(transition)
    .set({ status: 'cancelled', cancelledReason: input.reason.trim() })
    .where(and(eq(transition.organizationId, ctx.organizationId), eq(transition.id, transitionId)));
  ctx.audit({ action: 'transition.cancelled', personId: t.personId, targetType: 'transition', targetId: transitionId, details: { episodeId: t.episodeId } });
}

const responsible = alias(staffMember, 'responsible');
const creator = alias(staffMember, 'creator');
const ticker = alias(staffMember, 'ticker');
const name = (s: { firstName: string | null; lastName: string | null }) => (s.firstName ? `${s.firstName} ${s.lastName}` : null);

export interface TransitionView {
  id: string;
  episodeId: string;
  personId: string;
  fromPhase: string | null;
  fromLabel: string | null;
  toPhase: string;
  toLabel: string;
  plannedOn: string;
  responsibleId: string;
  responsibleName: string;
  handoffNote: string | null;
  status: TransitionStatus;
  createdByName: string;
  createdAt: string;
  completedAt: string | null;
  cancelledReason: string | null;
  items: { itemId: string; label: string; done: boolean; doneAt: string | null; doneByName: string | null; note: string | null }[];
}

/** Transitions of some episodes (newest plan first), with their checklists. No access decision: callers make it. */
export async function transitionsOf(ctx: Ctx, episodeIds: string[], phasesOf: (episodeId: string) => PathwayPhase[]): Promise<TransitionView[]> {
  if (!episodeIds.length) return [];
  const rows = await ctx.tx
    .select({ t: transition, responsible: { firstName: responsible.firstName, lastName: responsible.lastName }, creator: { firstName: creator.firstName, lastName: creator.lastName } })
    .from(transition)
    .innerJoin(responsible, and(eq(responsible.organizationId, transition.organizationId), eq(responsible.id, transition.responsibleId)))
    .innerJoin(creator, and(eq(creator.organizationId, transition.organizationId), eq(creator.id, transition.createdBy)))
    .where(and(eq(transition.organizationId, ctx.organizationId), inArray(transition.episodeId, episodeIds)))
    .orderBy(desc(transition.plannedOn), desc(transition.createdAt));
  const ids = rows.map((r) => r.t.id);
  const items = ids.length
    ? await ctx.tx
        .select({ i: transitionItem, ticker: { firstName: ticker.firstName, lastName: ticker.lastName } })
        .from(transitionItem)
        .leftJoin(ticker, and(eq(ticker.organizationId, transitionItem.organizationId), eq(ticker.id, transitionItem.doneBy)))
        .where(and(eq(transitionItem.organizationId, ctx.organizationId), inArray(transitionItem.transitionId, ids)))
        .orderBy(asc(transitionItem.itemId))
    : [];
  return rows.map(({ t, responsible: r, creator: c }) => {
    const phases = phasesOf(t.episodeId);
    return {
      id: t.id,
      episodeId: t.episodeId,
      personId: t.personId,
      fromPhase: t.fromPhase,
      fromLabel: phaseLabel(phases, t.fromPhase),
      toPhase: t.toPhase,
      toLabel: phaseLabel(phases, t.toPhase)!,
      plannedOn: t.plannedOn,
      responsibleId: t.responsibleId,
      responsibleName: name(r)!,
      handoffNote: t.handoffNote,
      status: t.status,
      createdByName: name(c)!,
      createdAt: t.createdAt.toISOString(),
      completedAt: t.completedAt?.toISOString() ?? null,
      cancelledReason: t.cancelledReason,
      items: items
        .filter((i) => i.i.transitionId === t.id)
        .map(({ i, ticker: k }) => ({ itemId: i.itemId, label: i.label, done: i.doneAt !== null, doneAt: i.doneAt?.toISOString() ?? null, doneByName: k ? name(k) : null, note: i.note })),
    };
  });
}

/** An episode's transitions, planned first then the history, for the care team; the read is audited. */
export async function listEpisodeTransitions(ctx: Ctx, episodeId: string) {
  const e = await episodeForTransition(ctx, episodeId, 'transition.read');
  const list = await transitionsOf(ctx, [episodeId], () => e.phases);
  ctx.audit({ action: 'transition.read', personId: e.personId, targetType: 'episode', targetId: episodeId });
  return {
    currentPhase: e.phaseCode,
    phases: e.phases,
    ended: e.endedOn !== null,
    transitions: [...list.filter((t) => t.status === 'planned'), ...list.filter((t) => t.status !== 'planned')],
  };
}
