import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { listPersonEpisodes } from '../admissions/manage-episode.js';
import { transitionsOf, type TransitionView } from './manage-transitions.js';

export type PathwayEventKind = 'admitted' | 'phase_changed' | 'transition_planned' | 'transition_cancelled' | 'ended';

export interface PathwayEvent {
  kind: PathwayEventKind;
  /** The calendar day the event is placed on (YYYY-MM-DD). */
  on: string;
  episodeId: string;
  serviceName: string;
  fromLabel: string | null;
  toLabel: string | null;
  note: string | null;
  byName: string | null;
  /** The transition behind the event, when there is one (a phase change made by completing it). */
  transition: Pick<TransitionView, 'id' | 'status' | 'responsibleName' | 'plannedOn' | 'cancelledReason' | 'items'> | null;
}

/**
 * A person's pathway as one timeline: admissions, phase changes (from the admissions use case),
 * transitions planned or cancelled, and ends, in date order. A completed transition is the phase
 * change it made, so it is shown once, on that change.
 */
export async function readPersonPathway(ctx: Ctx, personId: string): Promise<{ events: PathwayEvent[] }> {
  await requireAccess(ctx, 'transition.read', { personId });
  const episodes = await listPersonEpisodes(ctx, personId);
  const phasesById = new Map(episodes.map((e) => [e.id, e.phases]));
  const transitions = await transitionsOf(ctx, episodes.map((e) => e.id), (id) => phasesById.get(id) ?? []);
  const brief = (t: TransitionView) => ({ id: t.id, status: t.status, responsibleName: t.responsibleName, plannedOn: t.plannedOn, cancelledReason: t.cancelledReason, items: t.items });
  const events: PathwayEvent[] = [];
  const used = new Set<string>();
  for (const e of episodes) {
    events.push({ kind: 'admitted', on: e.startedOn, episodeId: e.id, serviceName: e.serviceName, fromLabel: null, toLabel: null, note: null, byName: e.admission.decidedByName, transition: null });
    for (const change of e.phaseChanges) {
      const made = transitions.find((t) => !used.has(t.id) && t.status === 'completed' && t.episodeId === e.id && t.fromPhase === change.fromPhase && t.toPhase === change.toPhase && t.completedAt !== null && Math.abs(Date.parse(t.completedAt) - Date.parse(change.changedAt)) < 300_000);
      if (made) used.add(made.id);
      events.push({ kind: 'phase_changed', on: change.effectiveOn, episodeId: e.id, serviceName: e.serviceName, fromLabel: change.fromLabel, toLabel: change.toLabel, note: change.note, byName: change.changedByName, transition: made ? brief(made) : null });
    }
    for (const t of transitions.filter((x) => x.episodeId === e.id && x.status !== 'completed')) {
      events.push({
        kind: t.status === 'planned' ? 'transition_planned' : 'transition_cancelled',
        on: t.plannedOn,
        episodeId: e.id,
        serviceName: e.serviceName,
        fromLabel: t.fromLabel,
        toLabel: t.toLabel,
        note: t.handoffNote,
        byName: t.createdByName,
        transition: brief(t),
      });
    }
    if (e.endedOn) events.push({ kind: 'ended', on: e.endedOn, episodeId: e.id, serviceName: e.serviceName, fromLabel: e.phaseLabel, toLabel: null, note: e.aftercareNote, byName: null, transition: null });
  }
  const order: Record<PathwayEventKind, number> = { admitted: 0, phase_changed: 1, transition_cancelled: 2, transition_planned: 3, ended: 4 };
  events.sort((a, b) => a.on.localeCompare(b.on) || order[a.kind] - order[b.kind]);
  ctx.audit({ action: 'transition.pathway_read', personId, targetType: 'person', targetId: personId, details: { events: events.length } });
  return { events };
}
