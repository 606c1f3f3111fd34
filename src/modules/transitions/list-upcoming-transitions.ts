import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { addDays, todayIn } from '../../lib/time.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { episode } from '../admissions/schema.js';
import { displayName } from '../people/person-display.js';
import { careTeamMember, person } from '../people/schema.js';
import { service } from '../services/schema.js';
import { staffMember } from '../staff/schema.js';
import { transition, transitionItem } from './schema.js';

const responsible = alias(staffMember, 'responsible');

export interface UpcomingTransition {
  id: string;
  episodeId: string;
  personId: string;
  /** The person as lists show them (alias or initials for a discreet person). */
  personLabel: string;
  serviceName: string;
  toPhase: string;
  toLabel: string;
  plannedOn: string;
  overdue: boolean;
  responsibleId: string;
  responsibleName: string;
  itemsDone: number;
  itemsTotal: number;
}

/**
 * Planned transitions due within `withinDays` of today (the structure's calendar), overdue ones
 * included, for the coordinator's home: only those of people whose care team the actor is on
 * (inner join on the actor's current membership), optionally only those one staff member is
 * responsible for. One statement; each person shown is audited.
 */
export async function listUpcomingTransitions(ctx: Ctx, options: { responsibleId?: string | undefined; withinDays: number }): Promise<UpcomingTransition[]> {
  await requireAccess(ctx, 'home.read');
  const today = todayIn(ctx.actor.timeZone);
  const until = addDays(today, Math.max(0, Math.floor(options.withinDays)));
  const rows = await ctx.tx
    .select({
      id: transition.id,
      episodeId: transition.episodeId,
      personId: transition.personId,
      firstName: person.firstName,
      lastName: person.lastName,
      discreet: person.discreet,
      alias: person.alias,
      serviceName: service.name,
      phases: service.phases,
      toPhase: transition.toPhase,
      plannedOn: transition.plannedOn,
      responsibleId: transition.responsibleId,
      responsibleFirst: responsible.firstName,
      responsibleLast: responsible.lastName,
      itemsDone: sql<number>`(SELECT count(*)::int FROM ${transitionItem} ti WHERE ti.organization_id = ${transition.organizationId} AND ti.transition_id = ${transition.id} AND ti.done_at IS NOT NULL)`,
      itemsTotal: sql<number>`(SELECT count(*)::int FROM ${transitionItem} ti WHERE ti.organization_id = ${transition.organizationId} AND ti.transition_id = ${transition.id})`,
    })
    .from(transition)
    // Need to know: the actor's current care teams only.
    .innerJoin(
      careTeamMember,
      and(
        eq(careTeamMember.organizationId, transition.organizationId),
        eq(careTeamMember.personId, transition.personId),
        eq(careTeamMember.staffMemberId, ctx.actor.staffMemberId),
        isNull(careTeamMember.removedAt),
      ),
    )
    .innerJoin(person, and(eq(person.organizationId, transition.organizationId), eq(person.id, transition.personId)))
    .innerJoin(episode, and(eq(episode.organizationId, transition.organizationId), eq(episode.id, transition.episodeId)))
    .innerJoin(service, and(eq(service.organizationId, episode.organizationId), eq(service.id, episode.serviceId)))
    .innerJoin(responsible, and(eq(responsible.organizationId, transition.organizationId), eq(responsible.id, transition.responsibleId)))
    .where(
      and(
        eq(transition.organizationId, ctx.organizationId),
        eq(transition.status, 'planned'),
        lte(transition.plannedOn, until),
        options.responsibleId ? eq(transition.responsibleId, options.responsibleId) : undefined,
      ),
    )
    .orderBy(asc(transition.plannedOn))
    .limit(200);
  // Each person shown is a read of their record, audited as such.
  for (const personId of new Set(rows.map((r) => r.personId))) ctx.audit({ action: 'transition.upcoming_read', personId, targetType: 'person', targetId: personId });
  return rows.map((r) => ({
    id: r.id,
    episodeId: r.episodeId,
    personId: r.personId,
    personLabel: displayName({ firstName: r.firstName, lastName: r.lastName, discreet: r.discreet, alias: r.alias }),
    serviceName: r.serviceName,
    toPhase: r.toPhase,
    toLabel: r.phases.find((p) => p.code === r.toPhase)?.label ?? r.toPhase,
    plannedOn: r.plannedOn,
    overdue: r.plannedOn < today,
    responsibleId: r.responsibleId,
    responsibleName: `${r.responsibleFirst} ${r.responsibleLast}`,
    itemsDone: r.itemsDone,
    itemsTotal: r.itemsTotal,
  }));
}
