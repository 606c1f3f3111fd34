import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { DomainError } from '../../lib/domain-error.js';
import { optionalText } from '../../lib/text.js';
import { assertAccess, onCareTeamCondition, requireAccess, type Action } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { notifyStaff } from '../notifications/notify-staff.js';
import { person } from '../people/schema.js';
import { service } from '../services/schema.js';
import { activeStaffAmong, activeStaffWithPermission } from '../staff/staff-queries.js';
import { staffMember } from '../staff/schema.js';
import { capacityErrorFromDatabase } from './capacity.js';
import { admissionDecision, episode, episodePhaseChange, waitlistEntry, type EpisodeEndReason } from './schema.js';

const referent = alias(staffMember, 'referent');
const coordinator = alias(staffMember, 'coordinator');
const decider = alias(staffMember, 'decider');
const changer = alias(staffMember, 'changer');
const fullName = (s: { firstName: string | null; lastName: string | null }) => (s.firstName ? `${s.firstName} ${s.lastName}` : null);

/** A person's episodes (current first), with their phase history: for the care team only. */
export async function listPersonEpisodes(ctx: Ctx, personId: string) {
  await requireAccess(ctx, 'episode.read', { personId });
  const rows = await ctx.tx
    .select({
      episode,
      serviceName: service.name,
      phases: service.phases,
      referent: { firstName: referent.firstName, lastName: referent.lastName },
      coordinator: { firstName: coordinator.firstName, lastName: coordinator.lastName },
      decision: { outcome: admissionDecision.outcome, decidedAt: admissionDecision.decidedAt, capacity: admissionDecision.capacity },
      decider: { firstName: decider.firstName, lastName: decider.lastName },
    })
    .from(episode)
    .innerJoin(service, and(eq(service.organizationId, episode.organizationId), eq(service.id, episode.serviceId)))
    .innerJoin(referent, and(eq(referent.organizationId, episode.organizationId), eq(referent.id, episode.referentId)))
    .innerJoin(coordinator, and(eq(coordinator.organizationId, episode.organizationId), eq(coordinator.id, episode.coordinatorId)))
    .innerJoin(admissionDecision, and(eq(admissionDecision.organizationId, episode.organizationId), eq(admissionDecision.id, episode.admissionDecisionId)))
    .innerJoin(decider, and(eq(decider.organizationId, admissionDecision.organizationId), eq(decider.id, admissionDecision.decidedBy)))
    .where(and(eq(episode.organizationId, ctx.organizationId), eq(episode.personId, personId)))
    .orderBy(asc(episode.endedOn), desc(episode.startedOn));
  const ids = rows.map((r) => r.episode.id);
  const changes = ids.length
    ? await ctx.tx
        .select({ change: episodePhaseChange, changer: { firstName: changer.firstName, lastName: changer.lastName } })
        .from(episodePhaseChange)
        .innerJoin(changer, and(eq(changer.organizationId, episodePhaseChange.organizationId), eq(changer.id, episodePhaseChange.changedBy)))
        .where(and(eq(episodePhaseChange.organizationId, ctx.organizationId), inArray(episodePhaseChange.episodeId, ids)))
        .orderBy(asc(episodePhaseChange.changedAt))
    : [];
  ctx.audit({ action: 'episode.read', personId, targetType: 'person', targetId: personId, details: { episodes: ids.length } });
  return rows.map((r) => {
    const label = (code: string | null) => (code ? (r.phases.find((p) => p.code === code)?.label ?? code) : null);
    const e = r.episode;
    return {
      id: e.id,
      serviceId: e.serviceId,
      serviceName: r.serviceName,
      phases: r.phases,
      referentId: e.referentId,
      referentName: fullName(r.referent)!,
      coordinatorId: e.coordinatorId,
      coordinatorName: fullName(r.coordinator)!,
      phaseCode: e.phaseCode,
      phaseLabel: label(e.phaseCode),
      startedOn: e.startedOn,
      plannedEndOn: e.plannedEndOn,
      endedOn: e.endedOn,
      endReason: e.endReason,
      aftercareNote: e.aftercareNote,
      capacityOverrideReason: e.capacityOverrideReason,
      admission: { decidedAt: r.decision.decidedAt.toISOString(), decidedByName: fullName(r.decider)!, capacity: r.decision.capacity },
      phaseChanges: changes
        .filter((c) => c.change.episodeId === e.id)
        .map((c) => ({
          fromPhase: c.change.fromPhase,
          fromLabel: label(c.change.fromPhase),
          toPhase: c.change.toPhase,
          toLabel: label(c.change.toPhase),
          effectiveOn: c.change.effectiveOn,
          note: c.change.note,
          changedByName: fullName(c.changer)!,
          changedAt: c.change.changedAt.toISOString(),
        })),
    };
  });
}

/** The phase codes active episodes of a service are in (a service keeps those phases while they are). */
export async function phasesInUse(ctx: Ctx, serviceId: string): Promise<string[]> {
  const rows = await ctx.tx
    .selectDistinct({ phaseCode: episode.phaseCode })
    .from(episode)
    .where(and(eq(episode.organizationId, ctx.organizationId), eq(episode.serviceId, serviceId), isNull(episode.endedOn), isNotNull(episode.phaseCode)));
  return rows.map((r) => r.phaseCode!);
}

/** The episode, locked, after checking the actor may manage it (care team of its person). */
async function episodeToManage(ctx: Ctx, episodeId: string) {
  const [row] = await ctx.tx
    .select({ episode, phases: service.phases, serviceName: service.name, serviceLimit: service.caseloadLimitPerService, onCareTeam: onCareTeamCondition(ctx, episode.personId) })
    .from(episode)
    .innerJoin(service, and(eq(service.organizationId, episode.organizationId), eq(service.id, episode.serviceId)))
    .where(and(eq(episode.organizationId, ctx.organizationId), eq(episode.id, episodeId)))
    .for('update', { of: episode });
  if (!row) throw new DomainError('not_found');
  assertAccess(ctx, 'episode.manage', { personId: row.episode.personId, onCareTeam: row.onCareTeam });
  return row;
}

/** Moves an episode to another phase of its service's pathway; the change is kept with its date and author. */
export async function changeEpisodePhase(ctx: Ctx, episodeId: string, input: { toPhase: string; effectiveOn: string; note?: string | null | undefined }): Promise<void> {
  const { episode: e, phases } = await episodeToManage(ctx, episodeId);
  if (e.endedOn) throw new DomainError('episode_ended');
  if (!phases.some((p) => p.code === input.toPhase)) {
    throw new DomainError('validation_failed', {}, [{ field: 'body.toPhase', message: { fr: 'Cette phase n’existe pas dans ce dispositif.', en: 'This phase does not exist in this service.' } }]);
  }
  if (input.effectiveOn < e.startedOn) {
    throw new DomainError('validation_failed', {}, [{ field: 'body.effectiveOn', message: { fr: 'La date précède le début de la prise en charge.', en: 'The date is before the start of the episode.' } }]);
  }
  if (input.toPhase === e.phaseCode) {
    throw new DomainError('validation_failed', {}, [{ field: 'body.toPhase', message: { fr: 'La personne est déjà dans cette phase.', en: 'The person is already in this phase.' } }]);
  }
  await ctx.tx.insert(episodePhaseChange).values({ organizationId: ctx.organizationId, episodeId, fromPhase: e.phaseCode, toPhase: input.toPhase, effectiveOn: input.effectiveOn, note: optionalText(input.note), changedBy: ctx.actor.staffMemberId });
  await ctx.tx.update(episode).set({ phaseCode: input.toPhase }).where(and(eq(episode.organizationId, ctx.organizationId), eq(episode.id, episodeId)));
  ctx.audit({ action: 'episode.phase_changed', personId: e.personId, targetType: 'episode', targetId: episodeId, details: { from: e.phaseCode, to: input.toPhase } });
}

/** Changes the référent, the coordinator or the planned end. A new référent's caseload is checked (by the database too). */
export async function updateEpisode(ctx: Ctx, episodeId: string, input: { referentId?: string | undefined; coordinatorId?: string | undefined; plannedEndOn?: string | null | undefined }): Promise<void> {
  const { episode: e } = await episodeToManage(ctx, episodeId);
  if (e.endedOn) throw new DomainError('episode_ended');
  const ids = [input.referentId, input.coordinatorId].filter((x): x is string => !!x);
  const active = await activeStaffAmong(ctx, ids);
  const problems = [];
  if (input.referentId && !active.has(input.referentId)) problems.push({ field: 'body.referentId', message: { fr: 'Référent inconnu ou désactivé.', en: 'Unknown or deactivated référent.' } });
  if (input.coordinatorId && !active.has(input.coordinatorId)) problems.push({ field: 'body.coordinatorId', message: { fr: 'Coordonnateur inconnu ou désactivé.', en: 'Unknown or deactivated coordinator.' } });
  if (input.plannedEndOn && input.plannedEndOn < e.startedOn) problems.push({ field: 'body.plannedEndOn', message: { fr: 'La fin prévue précède le début.', en: 'The planned end is before the start.' } });
  if (problems.length) throw new DomainError('validation_failed', {}, problems);
  try {
    await ctx.tx
      .update(episode)
      .set({
        ...(input.referentId ? { referentId: input.referentId } : {}),
        ...(input.coordinatorId ? { coordinatorId: input.coordinatorId } : {}),
        ...(input.plannedEndOn !== undefined ? { plannedEndOn: input.plannedEndOn } : {}),
      })
      .where(and(eq(episode.organizationId, ctx.organizationId), eq(episode.id, episodeId)));
  } catch (error) {
    throw capacityErrorFromDatabase(error) ?? error;
  }
  ctx.audit({ action: 'episode.updated', personId: e.personId, targetType: 'episode', targetId: episodeId, details: { fields: Object.keys(input) } });
}

/**
 * Ends an episode with its reason and an aftercare or orientation note. The place it frees is
 * announced to those who decide admissions when people are waiting for the service.
 */
export async function endEpisode(ctx: Ctx, episodeId: string, input: { endedOn: string; endReason: EpisodeEndReason; aftercareNote: string }): Promise<void> {
  const { episode: e, serviceName } = await episodeToManage(ctx, episodeId);
  if (e.endedOn) throw new DomainError('episode_ended');
  if (input.endedOn < e.startedOn) {
    throw new DomainError('validation_failed', {}, [{ field: 'body.endedOn', message: { fr: 'La date de fin précède le début de la prise en charge.', en: 'The end date is before the start of the episode.' } }]);
  }
  await ctx.tx
    .update(episode)
    .set({ endedOn: input.endedOn, endReason: input.endReason, aftercareNote: input.aftercareNote.trim(), endedBy: ctx.actor.staffMemberId })
    .where(and(eq(episode.organizationId, ctx.organizationId), eq(episode.id, episodeId)));
  ctx.audit({ action: 'episode.ended', personId: e.personId, targetType: 'episode', targetId: episodeId, details: { endReason: input.endReason } });
  const waiting = await ctx.tx
    .select({ id: waitlistEntry.id })
    .from(waitlistEntry)
    .where(and(eq(waitlistEntry.organizationId, ctx.organizationId), eq(waitlistEntry.serviceId, e.serviceId), eq(waitlistEntry.status, 'waiting')));
  if (waiting.length) {
    const recipients = await activeStaffWithPermission(ctx, 'admission:decide');
    await notifyStaff(ctx, recipients, 'place_freed', { serviceId: e.serviceId, serviceName, waiting: waiting.length });
  }
}


/**
 * An episode's facts for the use cases that work on it (plans, contracts), after the access policy
 * decided `action` for its person's care team. Not found and not allowed are told apart only to
 * those who may know the episode exists.
 */
export async function episodeFacts(ctx: Ctx, episodeId: string, action: Action) {
  const [row] = await ctx.tx
    .select({
      id: episode.id,
      personId: episode.personId,
      personName: sql<string>`${person.firstName} || ' ' || ${person.lastName}`,
      personBirthDate: person.birthDate,
      serviceId: episode.serviceId,
      serviceName: service.name,
      referentId: episode.referentId,
      referentName: sql<string>`${referent.firstName} || ' ' || ${referent.lastName}`,
      coordinatorId: episode.coordinatorId,
      coordinatorName: sql<string>`${coordinator.firstName} || ' ' || ${coordinator.lastName}`,
      startedOn: episode.startedOn,
      plannedEndOn: episode.plannedEndOn,
      endedOn: episode.endedOn,
      onCareTeam: onCareTeamCondition(ctx, episode.personId),
    })
    .from(episode)
    .innerJoin(service, and(eq(service.organizationId, episode.organizationId), eq(service.id, episode.serviceId)))
    .innerJoin(referent, and(eq(referent.organizationId, episode.organizationId), eq(referent.id, episode.referentId)))
    .innerJoin(coordinator, and(eq(coordinator.organizationId, episode.organizationId), eq(coordinator.id, episode.coordinatorId)))
    .innerJoin(person, and(eq(person.organizationId, episode.organizationId), eq(person.id, episode.personId)))
    .where(and(eq(episode.organizationId, ctx.organizationId), eq(episode.id, episodeId)));
  if (!row) throw new DomainError('not_found');
  const { onCareTeam, ...facts } = row;
  assertAccess(ctx, action, { personId: facts.personId, onCareTeam });
  return facts;
}
export type EpisodeFacts = Awaited<ReturnType<typeof episodeFacts>>;

/** One episode's facts (service, référent, coordinator, dates, the person's name) for its care team. */
export async function readEpisode(ctx: Ctx, episodeId: string) {
  const facts = await episodeFacts(ctx, episodeId, 'episode.read');
  ctx.audit({ action: 'episode.read', personId: facts.personId, targetType: 'episode', targetId: episodeId });
  return facts;
}
