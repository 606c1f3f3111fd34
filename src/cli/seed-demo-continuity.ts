import { sql } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { addDays, todayIn } from '../lib/time.js';
import { raiseEscalation } from '../modules/escalations/raise-escalation.js';
import { acknowledgeEscalation } from '../modules/escalations/respond-to-escalation.js';
import { updateEscalationSettings } from '../modules/escalations/manage-escalation-settings.js';
import { createTeamThread, postTeamMessage } from '../modules/exchanges/manage-team-threads.js';
import { writeJournalEntry } from '../modules/journal/write-journal-entry.js';
import { listServices } from '../modules/services/manage-services.js';
import { measureEpisodeTrajectory } from '../modules/trajectory/measure-weekly-intensity.js';
import { setIntensityPlan } from '../modules/trajectory/manage-intensity.js';
import { setTransitionChecklists } from '../modules/transitions/manage-checklists.js';
import { planTransition, setTransitionItem } from '../modules/transitions/manage-transitions.js';
import { runAsActor, type Actor, type RequestMeta } from '../server/context.js';
import type { DemoEpisode } from './seed-demo-scheduling.js';

const meta: RequestMeta = { ip: null, requestId: 'demo-seed', userAgent: 'relais-demo' };

/**
 * The demo's continuity, through the use cases: the structure's escalation chain and safety
 * procedure, checklists for the return home and aftercare, journal entries (some restricted), a
 * concern sent to the clinical referent and one acknowledged, a team thread, a transition being
 * prepared, and intended intensities stepping down, measured week by week.
 */
export async function seedDemoContinuity(db: Db, coordinator: Actor, staff: { key: string; actor: Actor }[], episodes: readonly (DemoEpisode & { startedOn: string })[]): Promise<void> {
  const as = <T>(actor: Actor, work: Parameters<typeof runAsActor<T>>[3]) => runAsActor(db, actor, meta, work);
  const byKey = (key: string) => staff.find((s) => s.key === key)!.actor;
  const byId = (id: string) => staff.find((s) => s.actor.staffMemberId === id)?.actor ?? coordinator;
  const tz = coordinator.timeZone;
  const today = todayIn(tz);
  const daysAgo = (n: number, hour = 10) => new Date(Date.now() - n * 86_400_000 - ((new Date().getUTCHours() - hour + 24) % 24) * 3_600_000).toISOString();

  const referent = byKey('clinical_referent');
  await as(coordinator, (ctx) =>
    updateEscalationSettings(ctx, {
      acknowledgementMinutes: { information: 4320, concern: 1440, urgent: 120, emergency: 15 },
      chain: [referent.staffMemberId, byKey('supervisor').staffMemberId, coordinator.staffMemberId],
      safetyProcedure:
        'En cas de danger immédiat : rester avec la personne, appeler le 15 (ou le 112), puis prévenir la référente clinique (poste 214) et le cadre d’astreinte (06 00 00 00 00). Noter dans le journal ce qui a été observé et fait.',
    }),
  );
  const services = await as(coordinator, (ctx) => listServices(ctx, { includeArchived: false }));
  const personal = services.find((s) => s.name === 'Accompagnement personnalisé')!;
  await as(coordinator, (ctx) =>
    setTransitionChecklists(ctx, personal.id, [
      { toPhase: 'retour', items: [{ label: 'Visite du logement avec la personne' }, { label: 'Relais avec le médecin traitant' }, { label: 'Aides à domicile mises en place' }, { label: 'Rendez-vous de suivi fixé' }] },
      { toPhase: 'suivi', items: [{ label: 'Bilan de fin d’accompagnement partagé avec la personne' }, { label: 'Coordonnées de l’équipe remises' }] },
    ]),
  );

  const notes = [
    { kind: 'session_note' as const, text: 'Séance centrée sur le retour au travail : elle a évalué elle-même ses forces, et souhaite reprendre à mi-temps.' },
    { kind: 'observation' as const, text: 'Plus détendue qu’à la dernière séance, a pris le bus seule pour venir.' },
    { kind: 'unplanned_contact' as const, text: 'Appel spontané : inquiète pour le dossier de logement, rassurée après explication des étapes.' },
    { kind: 'practical_concern' as const, text: 'La facture d’électricité impayée risque d’entraîner une coupure : orienter vers le CCAS.' },
  ];
  const entries: string[] = [];
  for (const [i, e] of episodes.slice(0, 6).entries()) {
    const author = byId(e.referentId);
    for (const [j, n] of notes.entries()) {
      const { id } = await as(author, (ctx) => writeJournalEntry(ctx, e.episodeId, { kind: n.kind, text: n.text, occurredAt: daysAgo(3 + j * 4 + i), confidentiality: i === 1 && j === 0 ? 'restricted' : 'care_team' }));
      entries.push(id);
    }
  }
  // The person who missed her session: an emerging need, sent to the clinical referent.
  const worried = episodes[2];
  if (worried) {
    const author = byId(worried.referentId);
    const need = await as(author, (ctx) =>
      writeJournalEntry(ctx, worried.episodeId, { kind: 'emerging_need', text: 'Ne sort plus de chez elle depuis dix jours, dort très mal et dit « ne plus voir l’intérêt de continuer ».', occurredAt: daysAgo(1), confidentiality: 'restricted' }),
    );
    await as(author, (ctx) => raiseEscalation(ctx, { entryId: need.id, severity: 'concern', addresseeId: referent.staffMemberId, request: 'Pouvez-vous la voir cette semaine pour évaluer le risque et adapter le traitement ?' }));
    const thread = await as(author, (ctx) => createTeamThread(ctx, worried.personId, { subject: 'Organisation des prochaines semaines', message: 'Je propose de passer à deux contacts par semaine, dont un appel, le temps que la référente clinique la voie. Qui peut assurer le jeudi ?' }));
    await as(coordinator, (ctx) => postTeamMessage(ctx, thread.id, { body: 'Je peux l’appeler jeudi en fin de matinée. Je note un point d’étape vendredi.' }));
  }
  const second = episodes[0];
  if (second && entries[0]) {
    const author = byId(second.referentId);
    const sent = await as(author, (ctx) => raiseEscalation(ctx, { entryId: entries[3]!, severity: 'information', addresseeId: referent.staffMemberId, request: 'Pour information : situation financière fragile, orientation CCAS en cours.' }));
    await as(referent, (ctx) => acknowledgeEscalation(ctx, sent.id, { note: 'Vu, je l’aborde à la prochaine consultation.' }));
    // A return home being prepared: planned in five days, one item done.
    const transition = await as(author, (ctx) => planTransition(ctx, second.episodeId, { toPhase: 'retour', plannedOn: addDays(today, 5), responsibleId: author.staffMemberId, handoffNote: 'Souhaite rentrer chez elle avant les fêtes ; sa sœur passera chaque soir la première semaine.' }));
    const { rows } = await as(author, (ctx) => ctx.tx.execute<{ item_id: string }>(sql`SELECT item_id FROM transition_item WHERE transition_id = ${transition.id} ORDER BY label LIMIT 1`));
    if (rows[0]) await as(author, (ctx) => setTransitionItem(ctx, transition.id, rows[0]!.item_id, { done: true, note: 'Visite faite mardi avec l’éducateur.' }));
  }

  // Intended intensity, stepping down; measured week by week.
  for (const [i, e] of episodes.slice(0, 5).entries()) {
    const author = byId(e.referentId);
    const start = e.startedOn;
    await as(author, (ctx) =>
      setIntensityPlan(ctx, e.episodeId, [
        { startsOn: start, endsOn: addDays(start, 55), sessionsPerWeek: 2, minutesPerWeek: 120, maxDaysWithoutContact: 10, note: 'Premiers mois : deux rencontres par semaine' },
        { startsOn: addDays(start, 56), endsOn: addDays(start, 111), sessionsPerWeek: 1, minutesPerWeek: 60, maxDaysWithoutContact: i === 4 ? 5 : 14 },
        { startsOn: addDays(start, 112), endsOn: null, sessionsPerWeek: 0.5, minutesPerWeek: 30, maxDaysWithoutContact: i === 4 ? 5 : 21, note: 'Un rendez-vous tous les quinze jours, puis au besoin' },
      ]),
    );
    await as(author, (ctx) => measureEpisodeTrajectory(ctx, e.episodeId));
  }
}
