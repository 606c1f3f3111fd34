import { sql } from 'drizzle-orm';
import type { DomainErrorCode } from '../../lib/domain-error.js';
import type { Translated } from '../../lib/i18n.js';
import { addDays, clock, clockMinutes, localMoment, weekStart, type LocalMoment } from '../../lib/time.js';
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

/**
 * Awaits Drizzle queries in order. They are lazy (they run when awaited), and one connection runs one
 * statement at a time: this keeps them in sequence rather than queued behind each other.
 */
async function oneAfterAnother<T extends readonly unknown[]>(queries: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results: unknown[] = [];
  for (const query of queries) results.push(await query);
  return results as { -readonly [K in keyof T]: Awaited<T[K]> };
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

  const [serviceRows, episodeRows, partnerRows, weeklyRows, absenceRows, busyRows, paceRows, settingsRows, travelRows, nameRows] = await oneAfterAnother([
    ctx.tx.execute<{ id: string; name: string; max_duration_minutes: number; default_duration_minutes: number; modalities: Modality[]; archived: boolean }>(
      sql`SELECT id, name, max_duration_minutes, default_duration_minutes, modalities, archived_at IS NOT NULL AS archived FROM service WHERE organization_id = ${org} AND id = ${request.serviceId}`,
    ),
    request.episodeId
      ? ctx.tx.execute<{ id: string; person_id: string; started_on: string; ended_on: string | null }>(
          sql`SELECT id, person_id, started_on::text, ended_on::text FROM episode WHERE organization_id = ${org} AND id = ${request.episodeId}`,
        )
      : Promise.resolve({ rows: [] }),
    request.partnerId
      ? ctx.tx.execute<{ id: string; name: string; onsite_weekdays: number[] }>(
          sql`SELECT id, name, onsite_weekdays FROM partner WHERE organization_id = ${org} AND id = ${request.partnerId} AND archived_at IS NULL`,
        )
      : Promise.resolve({ rows: [] }),
    request.staffIds.length
      ? ctx.tx.execute<{ staff_member_id: string; weekday: number; starts_at: string; ends_at: string; valid_from: string; valid_until: string | null }>(
          sql`SELECT staff_member_id, weekday, starts_at::text, ends_at::text, valid_from::text, valid_until::text FROM staff_availability
              WHERE organization_id = ${org} AND staff_member_id = ANY(${sql.param(request.staffIds)}::uuid[])`,
        )
      : Promise.resolve({ rows: [] }),
    request.staffIds.length
      ? ctx.tx.execute<{ staff_member_id: string; starts_at: string; ends_at: string; kind: string }>(
          sql`SELECT staff_member_id, starts_at, ends_at, kind FROM staff_absence
              WHERE organization_id = ${org} AND staff_member_id = ANY(${sql.param(request.staffIds)}::uuid[]) AND cancelled_at IS NULL
                AND starts_at < ${windowTo}::timestamptz AND ends_at > ${windowFrom}::timestamptz`,
        )
      : Promise.resolve({ rows: [] }),
    participantIds.length
      ? ctx.tx.execute<{ appointment_id: string; participant_id: string; s: string; e: string; modality: Modality; sector_id: string | null }>(
          sql`SELECT p.appointment_id, p.participant_id, lower(p.period) AS s, upper(p.period) AS e, a.modality, a.sector_id
              FROM appointment_participant p
              JOIN appointment a ON a.organization_id = p.organization_id AND a.id = p.appointment_id
              WHERE p.organization_id = ${org} AND p.blocking AND p.participant_id = ANY(${sql.param(participantIds)}::uuid[])
                AND p.period && tstzrange(${windowFrom}::timestamptz, ${windowTo}::timestamptz)`,
        )
      : Promise.resolve({ rows: [] }),
    request.personIds.length
      ? ctx.tx.execute<{ person_id: string; per_day: number | null; per_week: number | null; gap: number | null }>(
          sql`SELECT e.person_id, min(p.max_sessions_per_day) AS per_day, min(p.max_sessions_per_week) AS per_week, max(p.min_gap_minutes) AS gap
              FROM episode_pace p JOIN episode e ON e.organization_id = p.organization_id AND e.id = p.episode_id
              WHERE p.organization_id = ${org} AND e.person_id = ANY(${sql.param(request.personIds)}::uuid[]) AND e.ended_on IS NULL
              GROUP BY e.person_id`,
        )
      : Promise.resolve({ rows: [] }),
    ctx.tx.execute<{ default_travel_minutes: number }>(sql`SELECT default_travel_minutes FROM scheduling_settings WHERE organization_id = ${org}`),
    ctx.tx.execute<{ from_sector_id: string; to_sector_id: string; minutes: number }>(sql`SELECT from_sector_id, to_sector_id, minutes FROM sector_travel_time WHERE organization_id = ${org}`),
    ctx.tx.execute<{ id: string; name: string }>(
      sql`SELECT id, first_name || ' ' || last_name AS name FROM staff_member WHERE organization_id = ${org} AND id = ANY(${sql.param(request.staffIds)}::uuid[])
          UNION ALL SELECT id, name FROM resource WHERE organization_id = ${org} AND id = ANY(${sql.param(request.resourceIds)}::uuid[])`,
    ),
  ]);

  const s = serviceRows.rows[0];
  const e = episodeRows.rows[0];
  const p = partnerRows.rows[0];
  const weekly = new Map<string, WeeklyWindow[]>();
  for (const w of weeklyRows.rows) {
    const list = weekly.get(w.staff_member_id) ?? [];
    list.push({ weekday: w.weekday, start: clockMinutes(w.starts_at), end: clockMinutes(w.ends_at), validFrom: w.valid_from, validUntil: w.valid_until });
    weekly.set(w.staff_member_id, list);
  }
  const absences = new Map<string, { start: number; end: number; kind: string }[]>();
  for (const a of absenceRows.rows) {
    const list = absences.get(a.staff_member_id) ?? [];
    list.push({ start: new Date(a.starts_at).getTime(), end: new Date(a.ends_at).getTime(), kind: a.kind });
    absences.set(a.staff_member_id, list);
  }
  const busy = new Map<string, BusyPeriod[]>();
  for (const b of busyRows.rows) {
    if (excluded.has(b.appointment_id)) continue;
    const list = busy.get(b.participant_id) ?? [];
    const start = new Date(b.s);
    list.push({ appointmentId: b.appointment_id, participantId: b.participant_id, start: start.getTime(), end: new Date(b.e).getTime(), modality: b.modality, sectorId: b.sector_id, localDate: localMoment(start, timeZone).date });
    busy.set(b.participant_id, list);
  }
  for (const list of busy.values()) list.sort((x, y) => x.start - y.start);
  const pace = new Map<string, { maxPerDay: number | null; maxPerWeek: number | null; minGapMinutes: number | null }>();
  for (const r of paceRows.rows) pace.set(r.person_id, { maxPerDay: r.per_day, maxPerWeek: r.per_week, minGapMinutes: r.gap });
  const travel = new Map<string, number>();
  for (const t of travelRows.rows) travel.set(travelKey(t.from_sector_id, t.to_sector_id), t.minutes);
  return {
    timeZone,
    service: s ? { id: s.id, name: s.name, maxDurationMinutes: s.max_duration_minutes, defaultDurationMinutes: s.default_duration_minutes, modalities: s.modalities, archived: s.archived } : null,
    episode: e ? { id: e.id, personId: e.person_id, startedOn: e.started_on, endedOn: e.ended_on } : null,
    partner: p ? { id: p.id, name: p.name, onsiteWeekdays: p.onsite_weekdays } : null,
    weekly,
    absences,
    busy,
    pace,
    defaultTravelMinutes: settingsRows.rows[0]?.default_travel_minutes ?? 30,
    travel,
    names: new Map(nameRows.rows.map((r) => [r.id, r.name])),
    excludeAppointmentIds: excluded,
  };
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
