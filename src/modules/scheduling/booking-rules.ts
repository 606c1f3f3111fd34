import { sql } from 'drizzle-orm';
import type { DomainErrorCode } from '../../lib/domain-error.js';
import type { Translated } from '../../lib/i18n.js';
import { addDays, clock, localMoment, weekStart, type LocalMoment } from '../../lib/time.js';
import type { Ctx } from '../../server/context.js';
import type { Modality } from '../services/schema.js';
import type { AppointmentKind } from './schema.js';

/**
 * The booking rules, in one place: the booking use cases and the slot finder load the same facts
 * and ask the same pure function, so a slot the finder proposes is one the booking accepts.
 * Overlaps are also refused by the database (exclusion constraint); checking them here first is
 * what lets a refusal say who is busy and when.
 */

export interface Proposal {
  startsAt: Date;
  endsAt: Date;
  kind: AppointmentKind;
  modality: Modality;
  partnerId: string | null;
  sectorId: string | null;
  staffIds: string[];
  resourceIds: string[];
  /** The people whose time the appointment takes (the person of an individual session, a group's registered people). */
  personIds: string[];
}

export interface Violation {
  code: DomainErrorCode;
  message: Translated;
}

export interface BusyPeriod {
  appointmentId: string;
  participantId: string;
  start: number;
  end: number;
  modality: Modality;
  sectorId: string | null;
  /** Local calendar date of the start (pace counts per local day and week). */
  localDate: string;
}

interface WeeklyWindow {
  weekday: number;
  start: number;
  end: number;
  validFrom: string;
  validUntil: string | null;
}

export interface BookingFacts {
  timeZone: string;
  service: { id: string; name: string; maxDurationMinutes: number; defaultDurationMinutes: number; modalities: Modality[]; archived: boolean } | null;
  episode: { id: string; personId: string; startedOn: string; endedOn: string | null } | null;
  partner: { id: string; name: string; onsiteWeekdays: number[] } | null;
  /** Staff with at least one weekly window: the others work whenever they book (independent practitioners). */
  weekly: Map<string, WeeklyWindow[]>;
  absences: Map<string, { start: number; end: number; kind: string }[]>;
  /** Blocking appointments of every participant concerned, in the loaded window, by participant. */
  busy: Map<string, BusyPeriod[]>;
  /** The strictest pace among the person's current episodes. */
  pace: Map<string, { maxPerDay: number | null; maxPerWeek: number | null; minGapMinutes: number | null }>;
  defaultTravelMinutes: number;
  /** The slot finder's step between candidate start times. */
  slotStepMinutes: number;
  travel: Map<string, number>;
  names: Map<string, string>;
  /** Appointments being moved: their own rows never conflict with them. */
  excludeAppointmentIds: Set<string>;
}

export interface FactsRequest {
  serviceId: string;
  episodeId: string | null;
  partnerId: string | null;
  staffIds: string[];
  resourceIds: string[];
  personIds: string[];
  /** The window the proposals fall in. */
  from: Date;
  to: Date;
  excludeAppointmentIds: string[];
}

const travelKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
const dayMs = 86_400_000;

/** Loads every fact the rules need for proposals between `from` and `to`, in a handful of queries. */
export async function loadBookingFacts(ctx: Ctx, request: FactsRequest): Promise<BookingFacts> {
  const org = ctx.organizationId;
  const timeZone = ctx.actor.timeZone;
  // Pace counts the whole week around a proposal and the gap before and after it: widen the window.
  const fromDate = weekStart(localMoment(new Date(request.from.getTime() - dayMs * 8), timeZone).date);
  const toDate = addDays(weekStart(localMoment(new Date(request.to.getTime() + dayMs * 8), timeZone).date), 7);
  const windowFrom = `${fromDate}T00:00:00Z`;
  const windowTo = `${toDate}T00:00:00Z`;
  const excluded = new Set(request.excludeAppointmentIds);
  const participantIds = [...new Set([...request.staffIds, ...request.resourceIds, ...request.personIds])];

  const ids = (list: string[]) => sql`${sql.param(list)}::uuid[]`;
  // Every fact in one statement (one round trip, one plan): on a small machine round trips, not
  // rows, are what a booking or a slot search costs. Local dates of busy periods come from PostgreSQL.
  const { rows } = await ctx.tx.execute<{ facts: FactsRow }>(sql`SELECT json_build_object(
    'service', (SELECT json_build_object('id', id, 'name', name, 'max', max_duration_minutes, 'default', default_duration_minutes, 'modalities', modalities, 'archived', archived_at IS NOT NULL)
                  FROM service WHERE organization_id = ${org} AND id = ${request.serviceId}),
    'episode', (SELECT json_build_object('id', id, 'personId', person_id, 'startedOn', started_on, 'endedOn', ended_on)
                  FROM episode WHERE organization_id = ${org} AND id = ${request.episodeId}::uuid),
    'partner', (SELECT json_build_object('id', id, 'name', name, 'weekdays', onsite_weekdays)
                  FROM partner WHERE organization_id = ${org} AND id = ${request.partnerId}::uuid AND archived_at IS NULL),
    'weekly', (SELECT coalesce(json_agg(json_build_object('staffId', staff_member_id, 'weekday', weekday, 'start', extract(epoch FROM starts_at)::int / 60,
                  'end', extract(epoch FROM ends_at)::int / 60, 'validFrom', valid_from, 'validUntil', valid_until)), '[]')
                  FROM staff_availability WHERE organization_id = ${org} AND staff_member_id = ANY(${ids(request.staffIds)})),
    'absences', (SELECT coalesce(json_agg(json_build_object('staffId', staff_member_id, 'start', extract(epoch FROM starts_at) * 1000, 'end', extract(epoch FROM ends_at) * 1000, 'kind', kind)), '[]')
                  FROM staff_absence WHERE organization_id = ${org} AND staff_member_id = ANY(${ids(request.staffIds)}) AND cancelled_at IS NULL
                   AND starts_at < ${windowTo}::timestamptz AND ends_at > ${windowFrom}::timestamptz),
    'busy', (SELECT coalesce(json_agg(json_build_object('a', p.appointment_id, 'p', p.participant_id, 's', extract(epoch FROM lower(p.period)) * 1000,
                  'e', extract(epoch FROM upper(p.period)) * 1000, 'm', a.modality, 'sector', a.sector_id,
                  'd', (lower(p.period) AT TIME ZONE ${timeZone})::date) ORDER BY lower(p.period)), '[]')
                  FROM appointment_participant p
                  JOIN appointment a ON a.organization_id = p.organization_id AND a.id = p.appointment_id
                 WHERE p.organization_id = ${org} AND p.blocking AND p.participant_id = ANY(${ids(participantIds)})
                   AND p.period && tstzrange(${windowFrom}::timestamptz, ${windowTo}::timestamptz)),
    'pace', (SELECT coalesce(json_agg(x), '[]') FROM (
                  SELECT e.person_id AS "personId", min(p.max_sessions_per_day) AS "perDay", min(p.max_sessions_per_week) AS "perWeek", max(p.min_gap_minutes) AS gap
                    FROM episode_pace p JOIN episode e ON e.organization_id = p.organization_id AND e.id = p.episode_id
                   WHERE p.organization_id = ${org} AND e.person_id = ANY(${ids(request.personIds)}) AND e.ended_on IS NULL
                   GROUP BY e.person_id) x),
    'travelDefault', (SELECT default_travel_minutes FROM scheduling_settings WHERE organization_id = ${org}),
    'slotStep', (SELECT slot_step_minutes FROM scheduling_settings WHERE organization_id = ${org}),
    'travel', (SELECT coalesce(json_agg(json_build_array(from_sector_id, to_sector_id, minutes)), '[]') FROM sector_travel_time WHERE organization_id = ${org}),
    'names', (SELECT coalesce(json_agg(json_build_array(id, name)), '[]') FROM (
                  SELECT id, first_name || ' ' || last_name AS name FROM staff_member WHERE organization_id = ${org} AND id = ANY(${ids(request.staffIds)})
                  UNION ALL SELECT id, name FROM resource WHERE organization_id = ${org} AND id = ANY(${ids(request.resourceIds)})) n)
  ) AS facts`);
  const f = rows[0]!.facts;
  const weekly = new Map<string, WeeklyWindow[]>();
  for (const w of f.weekly) {
    const list = weekly.get(w.staffId) ?? [];
    list.push({ weekday: w.weekday, start: w.start, end: w.end, validFrom: w.validFrom, validUntil: w.validUntil });
    weekly.set(w.staffId, list);
  }
  const absences = new Map<string, { start: number; end: number; kind: string }[]>();
  for (const a of f.absences) {
    const list = absences.get(a.staffId) ?? [];
    list.push({ start: a.start, end: a.end, kind: a.kind });
    absences.set(a.staffId, list);
  }
  const busy = new Map<string, BusyPeriod[]>();
  for (const b of f.busy) {
    if (excluded.has(b.a)) continue;
    const list = busy.get(b.p) ?? [];
    list.push({ appointmentId: b.a, participantId: b.p, start: b.s, end: b.e, modality: b.m, sectorId: b.sector, localDate: b.d });
    busy.set(b.p, list);
  }
  const pace = new Map<string, { maxPerDay: number | null; maxPerWeek: number | null; minGapMinutes: number | null }>();
  for (const r of f.pace) pace.set(r.personId, { maxPerDay: r.perDay, maxPerWeek: r.perWeek, minGapMinutes: r.gap });
  const travel = new Map<string, number>();
  for (const [a, b, minutes] of f.travel) travel.set(travelKey(a, b), minutes);
  return {
    timeZone,
    service: f.service ? { id: f.service.id, name: f.service.name, maxDurationMinutes: f.service.max, defaultDurationMinutes: f.service.default, modalities: f.service.modalities, archived: f.service.archived } : null,
    episode: f.episode,
    partner: f.partner ? { id: f.partner.id, name: f.partner.name, onsiteWeekdays: f.partner.weekdays } : null,
    weekly,
    absences,
    busy,
    pace,
    defaultTravelMinutes: f.travelDefault ?? 30,
    slotStepMinutes: f.slotStep ?? 15,
    travel,
    names: new Map(f.names),
    excludeAppointmentIds: excluded,
  };
}

/** The facts as the single statement above returns them. */
interface FactsRow {
  service: { id: string; name: string; max: number; default: number; modalities: Modality[]; archived: boolean } | null;
  episode: { id: string; personId: string; startedOn: string; endedOn: string | null } | null;
  partner: { id: string; name: string; weekdays: number[] } | null;
  weekly: { staffId: string; weekday: number; start: number; end: number; validFrom: string; validUntil: string | null }[];
  absences: { staffId: string; start: number; end: number; kind: string }[];
  busy: { a: string; p: string; s: number; e: number; m: Modality; sector: string | null; d: string }[];
  pace: { personId: string; perDay: number | null; perWeek: number | null; gap: number | null }[];
  travelDefault: number | null;
  slotStep: number | null;
  travel: [string, string, number][];
  names: [string, string][];
}

const sessionKinds: AppointmentKind[] = ['individual', 'with_relatives', 'group'];
const frDays = ['', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
const enDays = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const frDate = (d: string) => d.split('-').reverse().join('/');
const absenceWords: Record<string, Translated> = {
  leave: { fr: 'en congé', en: 'on leave' },
  training: { fr: 'en formation', en: 'in training' },
  sick_leave: { fr: 'en arrêt', en: 'on sick leave' },
  other: { fr: 'absent·e', en: 'away' },
};

function windowsOn(facts: BookingFacts, staffId: string, local: LocalMoment): WeeklyWindow[] | null {
  const all = facts.weekly.get(staffId);
  if (!all || all.length === 0) return null;
  return all.filter((w) => w.weekday === local.weekday && w.validFrom <= local.date && (w.validUntil === null || w.validUntil >= local.date));
}

/** Every rule a proposal breaks, in the order a person would check them; empty when it can be booked. */
export function violationsFor(facts: BookingFacts, proposal: Proposal): Violation[] {
  const out: Violation[] = [];
  const tz = facts.timeZone;
  const start = proposal.startsAt.getTime();
  const end = proposal.endsAt.getTime();
  const minutes = Math.round((end - start) / 60_000);
  const localStart = localMoment(proposal.startsAt, tz);
  const localEnd = localMoment(new Date(end - 1), tz);
  const name = (id: string) => facts.names.get(id) ?? '—';
  const at = (t: number) => clock(localMoment(new Date(t), tz).minutes);

  const service = facts.service;
  if (service) {
    // The maximum is per session: team meetings and on-site days at a partner are not sessions.
    if (minutes > service.maxDurationMinutes && sessionKinds.includes(proposal.kind)) {
      out.push({
        code: 'duration_exceeds_service',
        message: { fr: `« ${service.name} » : ${service.maxDurationMinutes} minutes au plus par séance (demandé : ${minutes} minutes).`, en: `“${service.name}”: at most ${service.maxDurationMinutes} minutes per session (asked: ${minutes} minutes).` },
      });
    }
    if (!service.modalities.includes(proposal.modality)) {
      out.push({ code: 'modality_not_allowed', message: { fr: `« ${service.name} » ne se pratique pas selon cette modalité.`, en: `“${service.name}” is not offered in this modality.` } });
    }
  }

  if (facts.episode && (localStart.date < facts.episode.startedOn || (facts.episode.endedOn !== null && localStart.date > facts.episode.endedOn))) {
    out.push({
      code: 'episode_not_active',
      message: { fr: `La prise en charge ${facts.episode.endedOn ? `s’étend du ${frDate(facts.episode.startedOn)} au ${frDate(facts.episode.endedOn)}` : `commence le ${frDate(facts.episode.startedOn)}`}.`, en: `The episode ${facts.episode.endedOn ? `runs from ${facts.episode.startedOn} to ${facts.episode.endedOn}` : `starts on ${facts.episode.startedOn}`}.` },
    });
  }

  if ((proposal.modality === 'partner_site' || proposal.kind === 'partner_onsite_day') && facts.partner && !facts.partner.onsiteWeekdays.includes(localStart.weekday)) {
    const days = [...facts.partner.onsiteWeekdays].sort();
    out.push({
      code: 'partner_day_required',
      message: {
        fr: `${facts.partner.name} accueille ${days.length ? `le ${days.map((d) => frDays[d]).join(', le ')}` : 'aucun jour pour l’instant'} ; pas le ${frDays[localStart.weekday]}.`,
        en: `${facts.partner.name} hosts ${days.length ? `on ${days.map((d) => enDays[d]).join(', ')}` : 'on no day yet'}; not on ${enDays[localStart.weekday]}.`,
      },
    });
  }

  for (const staffId of proposal.staffIds) {
    const windows = windowsOn(facts, staffId, localStart);
    const endMinutes = localEnd.date === localStart.date ? localEnd.minutes + 1 : 1440 + localEnd.minutes + 1;
    if (windows !== null && !windows.some((w) => w.start <= localStart.minutes && endMinutes <= w.end)) {
      const hours = windows.map((w) => `${clock(w.start)}–${clock(w.end)}`).join(', ');
      out.push({
        code: 'staff_unavailable',
        message: {
          fr: hours ? `${name(staffId)} travaille le ${frDays[localStart.weekday]} de ${hours.replaceAll('–', ' à ')} : ${at(start)}–${at(end)} en dépasse.` : `${name(staffId)} ne travaille pas le ${frDays[localStart.weekday]}.`,
          en: hours ? `${name(staffId)} works on ${enDays[localStart.weekday]} ${hours}: ${at(start)}–${at(end)} falls outside.` : `${name(staffId)} does not work on ${enDays[localStart.weekday]}.`,
        },
      });
    }
    for (const absence of facts.absences.get(staffId) ?? []) {
      if (absence.start < end && start < absence.end) {
        const from = localMoment(new Date(absence.start), tz);
        const to = localMoment(new Date(absence.end - 1), tz);
        const words = absenceWords[absence.kind] ?? absenceWords.other!;
        out.push({
          code: 'staff_absent',
          message: {
            fr: `${name(staffId)} est ${words.fr} ${from.date === to.date ? `le ${frDate(from.date)}` : `du ${frDate(from.date)} au ${frDate(to.date)}`}.`,
            en: `${name(staffId)} is ${words.en} ${from.date === to.date ? `on ${from.date}` : `from ${from.date} to ${to.date}`}.`,
          },
        });
        break;
      }
    }
  }

  for (const id of [...proposal.staffIds, ...proposal.resourceIds]) {
    const clash = (facts.busy.get(id) ?? []).find((b) => b.start < end && start < b.end);
    if (clash) {
      out.push({
        code: 'slot_taken',
        message: { fr: `${name(id)} a déjà un rendez-vous de ${at(clash.start)} à ${at(clash.end)}.`, en: `${name(id)} already has an appointment from ${at(clash.start)} to ${at(clash.end)}.` },
      });
    }
  }
  for (const personId of proposal.personIds) {
    const mine = facts.busy.get(personId) ?? [];
    const clash = mine.find((b) => b.start < end && start < b.end);
    if (clash) {
      // The person's other appointments may be with people the booker does not know of: say when, not with whom.
      out.push({ code: 'slot_taken', message: { fr: `La personne a déjà un rendez-vous de ${at(clash.start)} à ${at(clash.end)}.`, en: `The person already has an appointment from ${at(clash.start)} to ${at(clash.end)}.` } });
      continue;
    }
    const pace = facts.pace.get(personId);
    if (!pace) continue;
    if (pace.maxPerDay !== null) {
      const sameDay = mine.filter((b) => b.localDate === localStart.date).length;
      if (sameDay + 1 > pace.maxPerDay) {
        out.push({ code: 'pace_daily_limit', message: { fr: `Rythme convenu : ${pace.maxPerDay} séance(s) par jour au plus ; le ${frDate(localStart.date)} en compte déjà ${sameDay}.`, en: `Agreed pace: at most ${pace.maxPerDay} session(s) a day; ${localStart.date} already has ${sameDay}.` } });
      }
    }
    if (pace.maxPerWeek !== null) {
      const monday = weekStart(localStart.date);
      const sunday = addDays(monday, 6);
      const sameWeek = mine.filter((b) => b.localDate >= monday && b.localDate <= sunday).length;
      if (sameWeek + 1 > pace.maxPerWeek) {
        out.push({ code: 'pace_weekly_limit', message: { fr: `Rythme convenu : ${pace.maxPerWeek} séance(s) par semaine au plus ; la semaine du ${frDate(monday)} en compte déjà ${sameWeek}.`, en: `Agreed pace: at most ${pace.maxPerWeek} session(s) a week; the week of ${monday} already has ${sameWeek}.` } });
      }
    }
    if (pace.minGapMinutes) {
      const gap = pace.minGapMinutes * 60_000;
      const near = mine.find((b) => b.start < end + gap && start - gap < b.end);
      if (near) {
        const hours = pace.minGapMinutes >= 60 && pace.minGapMinutes % 60 === 0 ? `${pace.minGapMinutes / 60} h` : `${pace.minGapMinutes} min`;
        out.push({ code: 'pace_min_gap', message: { fr: `Rythme convenu : ${hours} au moins entre deux séances ; une autre séance a lieu de ${at(near.start)} à ${at(near.end)}.`, en: `Agreed pace: at least ${hours} between two sessions; another one is from ${at(near.start)} to ${at(near.end)}.` } });
      }
    }
  }

  if (proposal.modality === 'home' && proposal.sectorId) {
    for (const staffId of proposal.staffIds) {
      for (const visit of facts.busy.get(staffId) ?? []) {
        if (visit.modality !== 'home' || !visit.sectorId || visit.sectorId === proposal.sectorId) continue;
        const needed = (facts.travel.get(travelKey(visit.sectorId, proposal.sectorId)) ?? facts.defaultTravelMinutes) * 60_000;
        const tooClose = (visit.end <= start && start - visit.end < needed) || (end <= visit.start && visit.start - end < needed);
        if (tooClose) {
          out.push({
            code: 'travel_time_insufficient',
            message: { fr: `${name(staffId)} a une visite à domicile dans un autre secteur de ${at(visit.start)} à ${at(visit.end)} : il faut ${needed / 60_000} minutes de trajet entre les deux.`, en: `${name(staffId)} has a home visit in another sector from ${at(visit.start)} to ${at(visit.end)}: ${needed / 60_000} minutes of travel are needed between them.` },
          });
          break;
        }
      }
    }
  }
  return out;
}
