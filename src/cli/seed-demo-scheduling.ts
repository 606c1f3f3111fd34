import { sql } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { DomainError } from '../lib/domain-error.js';
import { addDays, todayIn, weekStart, zonedInstant } from '../lib/time.js';
import { listPartners } from '../modules/partners/manage-partners.js';
import { bookAppointment, type BookingInput } from '../modules/scheduling/book-appointment.js';
import { recordAppointmentStatus } from '../modules/scheduling/change-appointment.js';
import { addAbsence, setWeeklyAvailability } from '../modules/scheduling/manage-availability.js';
import { registerForGroup } from '../modules/scheduling/manage-group-registrations.js';
import { setPace } from '../modules/scheduling/manage-pace.js';
import { createResource, createSector, createSite, setSectorTravelTimes, updateSchedulingSettings } from '../modules/scheduling/manage-places.js';
import { listServices } from '../modules/services/manage-services.js';
import { runAsActor, type Actor, type RequestMeta } from '../server/context.js';

const meta: RequestMeta = { ip: null, requestId: 'demo-seed', userAgent: 'relais-demo' };

export interface DemoEpisode {
  episodeId: string;
  personId: string;
  referentId: string;
}

/**
 * The demo's schedule, through the use cases (so every rule holds): places, rooms, a relaxation
 * device, home-visit sectors, everyone's working hours and a few absences, a weekly support group
 * with registrations, and a fortnight of individual sessions around today, the past ones done (one
 * missed, with a note for the team).
 */
export async function seedDemoScheduling(db: Db, coordinator: Actor, staff: { key: string; actor: Actor }[], episodes: readonly DemoEpisode[]): Promise<void> {
  const as = <T>(actor: Actor, work: Parameters<typeof runAsActor<T>>[3]) => runAsActor(db, actor, meta, work);
  const byKey = (key: string) => staff.find((s) => s.key === key)!.actor;
  const byId = (id: string) => staff.find((s) => s.actor.staffMemberId === id)?.actor ?? coordinator;
  const tz = coordinator.timeZone;
  const monday = weekStart(todayIn(tz));
  const at = (weekOffset: number, weekday: number, time: string) => {
    const [h, m] = time.split(':').map(Number) as [number, number];
    return zonedInstant(addDays(monday, weekOffset * 7 + weekday - 1), h * 60 + m, tz).toISOString();
  };
  // A refusal here means the demo data break a rule: say which, plainly.
  const book = (actor: Actor, input: BookingInput) =>
    as(actor, (ctx) => bookAppointment(ctx, input)).catch((error: unknown) => {
      const violations = error instanceof DomainError ? (error.details.violations as { message: { fr: string } }[] | undefined) : undefined;
      throw violations ? new Error(`demo booking refused: ${violations.map((v) => v.message.fr).join(' ')}`) : error;
    });
  const plus = (iso: string, minutes: number) => new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();

  await as(coordinator, (ctx) => updateSchedulingSettings(ctx, { defaultTravelMinutes: 30, slotStepMinutes: 15 }));
  const site = await as(coordinator, (ctx) => createSite(ctx, { name: 'Clinique du Parc — bâtiment principal', address: '12 allée des Tilleuls, 35000 Rennes' }));
  const bigRoom = await as(coordinator, (ctx) => createResource(ctx, { kind: 'room', name: 'Salle Tilleul', capacity: 10, siteId: site.id, description: 'Salle de groupe, accessible en fauteuil' }));
  const smallRoom = await as(coordinator, (ctx) => createResource(ctx, { kind: 'room', name: 'Salle Érable', capacity: 4, siteId: site.id }));
  const psio = await as(coordinator, (ctx) => createResource(ctx, { kind: 'equipment', name: 'Fauteuil de relaxation PSIO', siteId: site.id, description: 'Séances de relaxation par lumière et son' }));
  const north = await as(coordinator, (ctx) => createSector(ctx, { name: 'Rennes Nord' }));
  const south = await as(coordinator, (ctx) => createSector(ctx, { name: 'Rennes Sud' }));
  const cesson = await as(coordinator, (ctx) => createSector(ctx, { name: 'Cesson-Sévigné' }));
  await as(coordinator, (ctx) =>
    setSectorTravelTimes(ctx, [
      { fromSectorId: north.id, toSectorId: south.id, minutes: 35 },
      { fromSectorId: north.id, toSectorId: cesson.id, minutes: 25 },
      { fromSectorId: south.id, toSectorId: cesson.id, minutes: 30 },
    ]),
  );

  // Working hours: the team Monday to Friday with a lunch break; the peer worker three days, one of
  // them at the CCAS; the psycho-emotional practitioner two days.
  const weekdays = [1, 2, 3, 4, 5];
  const full = weekdays.flatMap((weekday) => [
    { weekday, startsAt: '09:00', endsAt: '12:30' },
    { weekday, startsAt: '13:30', endsAt: '19:00' },
  ]);
  for (const { key, actor } of staff) {
    if (!actor.permissions.includes('appointment:book')) continue;
    const weekly =
      key === 'peer_support'
        ? [1, 2, 4].map((weekday) => ({ weekday, startsAt: '09:00', endsAt: '17:30' }))
        : key === 'psycho_emotional'
          ? [3, 5].map((weekday) => ({ weekday, startsAt: '09:00', endsAt: '18:00' }))
          : full;
    await as(actor, (ctx) => setWeeklyAvailability(ctx, actor.staffMemberId, weekly.map((w) => ({ ...w, validFrom: addDays(monday, -28) }))));
  }
  const psychiatrist = byKey('psychiatrist');
  await as(psychiatrist, (ctx) => addAbsence(ctx, psychiatrist.staffMemberId, { kind: 'training', startsAt: at(1, 4, '00:00'), endsAt: at(1, 5, '00:00'), note: 'Formation DU psychotraumatologie' }));
  const nurse = byKey('nurse');
  await as(nurse, (ctx) => addAbsence(ctx, nurse.staffMemberId, { kind: 'leave', startsAt: at(3, 1, '00:00'), endsAt: at(4, 1, '00:00'), note: 'Congés' }));

  const services = await as(coordinator, (ctx) => listServices(ctx, { includeArchived: false }));
  const personal = services.find((s) => s.name === 'Accompagnement personnalisé')!;

  // The person's pace: a few people asked for a gentle rhythm.
  for (const e of episodes.slice(0, 3)) {
    await as(byId(e.referentId), (ctx) => setPace(ctx, e.episodeId, { maxSessionsPerDay: 1, maxSessionsPerWeek: 2, minGapMinutes: 1440, note: 'Pas plus de deux rendez-vous par semaine : la fatigue revient vite.' }));
  }

  // A fortnight of weekly individual sessions around today, spread over the referents' week.
  const hours = ['09:30', '10:45', '14:00', '15:15', '16:30'];
  for (const [i, e] of episodes.entries()) {
    const referent = byId(e.referentId);
    const weekday = referent === byKey('peer_support') ? [1, 4][i % 2]! : referent === byKey('psycho_emotional') ? [3, 5][i % 2]! : (i % 5) + 1;
    const start = at(-2, weekday, hours[Math.floor(i / 5) % hours.length]!);
    const modality = i % 4 === 1 ? 'video' : i % 4 === 2 ? 'home' : 'on_site';
    const input: BookingInput = {
      kind: 'individual',
      serviceId: personal.id,
      episodeId: e.episodeId,
      personId: e.personId,
      modality,
      ...(modality === 'video' ? { videoLink: `https://visio.clinique-du-parc.example/salle-${i + 1}` } : {}),
      ...(modality === 'home' ? { homeAddress: `${3 + i} rue de Fougères, 35700 Rennes`, sectorId: [north.id, south.id, cesson.id][i % 3] } : {}),
      ...(modality === 'on_site' ? { siteId: site.id, resourceIds: i % 3 === 0 ? [smallRoom.id] : [] } : {}),
      startsAt: start,
      endsAt: plus(start, 60),
      staffIds: [referent.staffMemberId],
      recurrence: { rule: 'FREQ=WEEKLY', count: 4 },
    };
    const booked = await book(referent, input);
    // The two past sessions: done, or missed with a note for the team.
    const { rows } = await as(referent, (ctx) => ctx.tx.execute<{ id: string; starts_at: Date }>(sql`SELECT id, starts_at FROM appointment WHERE series_id = ${booked.seriesId} ORDER BY starts_at`));
    for (const [j, row] of rows.entries()) {
      if (new Date(row.starts_at) > new Date()) break;
      const missed = i === 2 && j === 1;
      await as(referent, (ctx) => recordAppointmentStatus(ctx, row.id, missed ? { status: 'missed', note: 'Absente sans prévenir ; sa voisine dit qu’elle n’ose plus sortir. À rappeler cette semaine.' } : { status: 'done' }));
    }
  }

  // The weekly support group, Tuesdays at 17:30 in the Salle Tilleul, with its registrations.
  const psychologist = byKey('psychologist');
  const group = await book(psychologist, {
      kind: 'group',
      serviceId: personal.id,
      title: 'Groupe de parole du mardi',
      groupFormat: 'support_group',
      capacity: 8,
      modality: 'on_site',
      siteId: site.id,
      resourceIds: [bigRoom.id],
      startsAt: at(0, 2, '17:30'),
      endsAt: at(0, 2, '19:00'),
      staffIds: [psychologist.staffMemberId],
      recurrence: { rule: 'FREQ=WEEKLY;BYDAY=TU', count: 8 },
  });
  const { rows: sessions } = await as(psychologist, (ctx) => ctx.tx.execute<{ id: string }>(sql`SELECT id FROM appointment WHERE series_id = ${group.seriesId} ORDER BY starts_at LIMIT 2`));
  for (const session of sessions) {
    for (const e of episodes.slice(3, 8)) await as(coordinator, (ctx) => registerForGroup(ctx, session.id, e.personId));
  }

  // Relaxation on the PSIO device, and the peer worker's on-site day at the CCAS.
  const relaxing = episodes.find((e) => e.referentId !== byKey('peer_support').staffMemberId && e.referentId !== byKey('psycho_emotional').staffMemberId);
  if (relaxing) {
    const referent = byId(relaxing.referentId);
    await book(referent, { kind: 'individual', serviceId: personal.id, episodeId: relaxing.episodeId, personId: relaxing.personId, modality: 'on_site', siteId: site.id, resourceIds: [psio.id], startsAt: at(1, 3, '17:45'), endsAt: at(1, 3, '18:30'), staffIds: [referent.staffMemberId], notes: 'Séance de relaxation au fauteuil PSIO' });
  }
  const peerService = services.find((s) => s.name === 'Pair-aidance individuelle')!;
  const ccas = (await as(coordinator, (ctx) => listPartners(ctx, { includeArchived: false, today: todayIn(tz) }))).find((p) => p.name === 'CCAS de Rennes');
  const peer = byKey('peer_support');
  if (ccas) await book(peer, { kind: 'partner_onsite_day', serviceId: peerService.id, modality: 'partner_site', partnerId: ccas.id, startsAt: at(1, 2, '09:30'), endsAt: at(1, 2, '16:30'), staffIds: [peer.staffMemberId], notes: 'Permanence au CCAS' });
}
