import { sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import type { Translated } from '../../lib/i18n.js';
import { addDays, localMoment, offsetMinutes, weekStart, zonedInstant } from '../../lib/time.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import type { Modality } from '../services/schema.js';
import { currentEpisode } from './book-appointment.js';
import { loadBookingFacts, violationsFor, type BookingFacts, type BusyPeriod, type Proposal, type Violation } from './booking-rules.js';

export interface SlotSearch {
  serviceId: string;
  personId?: string | null | undefined;
  episodeId?: string | null | undefined;
  durationMinutes?: number | undefined;
  modality: Modality;
  /** Who is needed: a named colleague, or any practitioner of a discipline. */
  staff: ({ staffId: string } | { disciplineId: string })[];
  resourceId?: string | null | undefined;
  partnerId?: string | null | undefined;
  sectorId?: string | null | undefined;
  from: string;
  to: string;
  order: 'earliest' | 'spread';
  limit: number;
}

export interface Slot {
  startsAt: string;
  endsAt: string;
  staffIds: string[];
  resourceId: string | null;
}

const maxHorizonDays = 92;
/** Hours searched for someone who has no weekly pattern (an independent practitioner): a working day. */
const defaultDay = { start: 8 * 60, end: 19 * 60 };

/** A date ("2026-03-24", the structure's day) or an instant, as an instant. */
function boundary(value: string, timeZone: string, endOfDay: boolean): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return zonedInstant(endOfDay ? addDays(value, 1) : value, 0, timeZone);
  return new Date(value);
}

/**
 * The next feasible slots for a session: every one is checked by the same rules as a booking
 * (violationsFor on facts loaded once), so each can be booked as proposed. When there are fewer than
 * asked, the reasons met most often say why ("référent en congé", "limite hebdomadaire atteinte").
 */
export async function findSlots(ctx: Ctx, search: SlotSearch, now = new Date()): Promise<{ slots: Slot[]; reasons: Violation[] }> {
  if (search.personId) await requireAccess(ctx, 'appointment.book', { personId: search.personId });
  else await requireAccess(ctx, 'appointment.book_without_person');
  const tz = ctx.actor.timeZone;
  const from = new Date(Math.max(boundary(search.from, tz, false).getTime(), now.getTime()));
  const to = boundary(search.to, tz, true);
  if (to <= from || to.getTime() - from.getTime() > maxHorizonDays * 86_400_000) {
    throw new DomainError('validation_failed', {}, [{ field: 'body.to', message: { fr: `L’horizon de recherche doit être dans le futur et durer au plus ${maxHorizonDays} jours.`, en: `The search horizon must be in the future and last at most ${maxHorizonDays} days.` } }]);
  }

  const candidates = await staffCandidates(ctx, search);
  const allStaff = [...new Set(candidates.flat())];
  const episodeId = search.episodeId ?? (search.personId ? await currentEpisode(ctx, search.personId, search.serviceId) : null);
  const personIds = search.personId ? [search.personId] : [];
  const facts = await loadBookingFacts(ctx, {
    serviceId: search.serviceId,
    episodeId,
    partnerId: search.partnerId ?? null,
    staffIds: allStaff,
    resourceIds: search.resourceId ? [search.resourceId] : [],
    personIds,
    from,
    to,
    excludeAppointmentIds: [],
  });
  if (!facts.service || facts.service.archived) throw new DomainError('validation_failed', {}, [{ field: 'body.serviceId', message: { fr: 'Dispositif inconnu ou archivé.', en: 'Unknown or archived service.' } }]);
  const duration = search.durationMinutes ?? facts.service.defaultDurationMinutes;
  const step = facts.slotStepMinutes;
  const base: Omit<Proposal, 'startsAt' | 'endsAt' | 'staffIds'> = {
    kind: search.personId ? 'individual' : 'team_meeting',
    modality: search.modality,
    partnerId: search.partnerId ?? null,
    sectorId: search.sectorId ?? null,
    resourceIds: search.resourceId ? [search.resourceId] : [],
    personIds,
  };

  // Most candidate times fail on something simple (outside hours, busy, on leave, pace): a quick
  // numeric check rejects those; every time it lets through is then asked of violationsFor, the
  // booking's own rules, so a proposed slot is always bookable. Reasons are counted by rule and
  // worded at the end from one example each.
  const quick = new QuickCheck(facts, base.personIds, search.modality === 'partner_site' ? facts.partner : null);
  const reasonCount = new Map<string, { count: number; example: Proposal }>();
  const reject = (code: string, example: Proposal) => {
    const seen = reasonCount.get(code);
    if (seen) seen.count += 1;
    else reasonCount.set(code, { count: 1, example });
  };
  const byDay = new Map<string, Slot[]>();
  const wanted = search.order === 'spread' ? Number.POSITIVE_INFINITY : search.limit;
  let found = 0;
  const firstDay = localMoment(from, tz).date;
  const lastDay = localMoment(new Date(to.getTime() - 1), tz).date;
  for (let day = firstDay; day <= lastDay && found < wanted; day = addDays(day, 1)) {
    const midnightUtc = Date.parse(`${day}T00:00:00Z`);
    const weekday = ((new Date(midnightUtc).getUTCDay() + 6) % 7) + 1;
    // Outside the days the clock changes (the zone's offset the same at both ends of the day), a local
    // time is the day's midnight plus the offset; on those two days a year, ask the zone each time.
    const offset = offsetMinutes(new Date(midnightUtc - 14 * 3_600_000), tz);
    const steady = offset === offsetMinutes(new Date(midnightUtc + 38 * 3_600_000), tz);
    const times = searchWindow(facts, allStaff, day, duration, step, weekday);
    for (const minutes of times) {
      if (found >= wanted) break;
      const startsAt = steady ? new Date(midnightUtc + (minutes - offset) * 60_000) : zonedInstant(day, minutes, tz);
      if (startsAt < from) continue;
      const endsAt = new Date(startsAt.getTime() + duration * 60_000);
      if (endsAt > to) break;
      const slot = { start: startsAt.getTime(), end: endsAt.getTime(), day, weekday, minutes, endMinutes: minutes + duration };
      const shared = quick.sharedReason(slot, base.resourceIds);
      const staffIds = shared ? null : quick.chooseStaff(slot, candidates);
      const proposal: Proposal = { ...base, startsAt, endsAt, staffIds: staffIds ?? candidates.map((c) => c[0]!) };
      if (shared || staffIds === null) {
        reject(shared ?? quick.staffReason(slot, proposal.staffIds) ?? 'slot_taken', proposal);
        continue;
      }
      const violations = violationsFor(facts, proposal);
      if (violations.length) {
        reject(violations[0]!.code, proposal);
        continue;
      }
      const list = byDay.get(day) ?? [];
      list.push({ startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), staffIds, resourceId: search.resourceId ?? null });
      byDay.set(day, list);
      found += 1;
    }
  }

  const slots = search.order === 'spread' ? spread(byDay, search.limit) : [...byDay.values()].flat().slice(0, search.limit);
  const ranked =
    slots.length >= search.limit
      ? []
      : [...reasonCount.entries()]
          .sort((a, b) => b[1].count - a[1].count)
          .slice(0, 5)
          .flatMap(([code, r]) => violationsFor(facts, r.example).filter((v) => v.code === code).slice(0, 1));
  if (slots.length === 0 && ranked.length === 0) {
    ranked.push({ code: 'staff_unavailable', message: noTimeAtAll });
  }
  return { slots, reasons: ranked };
}

const noTimeAtAll: Translated = { fr: 'Aucun horaire de travail des professionnels choisis ne tombe dans cette période.', en: 'No working hours of the chosen staff fall within this period.' };

/** The earliest slot of each day first, then the next ones, until the limit: slots spread over the horizon. */
function spread(byDay: Map<string, Slot[]>, limit: number): Slot[] {
  const days = [...byDay.keys()].sort();
  const chosen: Slot[] = [];
  for (let round = 0; chosen.length < limit; round++) {
    let added = false;
    for (const day of days) {
      const slot = byDay.get(day)![round];
      if (slot && chosen.length < limit) {
        chosen.push(slot);
        added = true;
      }
    }
    if (!added) break;
  }
  return chosen.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** Start times worth trying on a day: within someone's working hours, on the structure's step. */
function searchWindow(facts: BookingFacts, staffIds: string[], day: string, duration: number, step: number, weekday: number): number[] {
  const ranges: { start: number; end: number }[] = [];
  for (const id of staffIds) {
    const windows = facts.weekly.get(id);
    if (!windows || windows.length === 0) ranges.push(defaultDay);
    else for (const w of windows) if (w.weekday === weekday && w.validFrom <= day && (w.validUntil === null || w.validUntil >= day)) ranges.push({ start: w.start, end: w.end });
  }
  const times = new Set<number>();
  for (const r of ranges) {
    const first = Math.ceil(r.start / step) * step;
    for (let t = first; t + duration <= r.end; t += step) times.add(t);
  }
  return [...times].sort((a, b) => a - b);
}

/**
 * The staff who can answer each requirement (one statement for all): active, of the discipline, and
 * on the person's care team when there is a person.
 */
async function staffCandidates(ctx: Ctx, search: SlotSearch): Promise<string[][]> {
  const needs = search.staff.map((need, i) => ({ i, staffId: 'staffId' in need ? need.staffId : null, disciplineId: 'disciplineId' in need ? need.disciplineId : null }));
  const { rows } = await ctx.tx.execute<{ i: number; id: string }>(sql`
    SELECT n.i, s.id FROM json_to_recordset(${JSON.stringify(needs)}::json) AS n(i int, "staffId" uuid, "disciplineId" uuid)
    JOIN staff_member s ON s.organization_id = ${ctx.organizationId} AND s.status = 'active'
     AND (s.id = n."staffId" OR EXISTS (SELECT 1 FROM staff_discipline d WHERE d.organization_id = s.organization_id AND d.staff_member_id = s.id AND d.discipline_id = n."disciplineId"))
    WHERE (${search.personId ?? null}::uuid IS NULL OR EXISTS (SELECT 1 FROM care_team_member c WHERE c.organization_id = s.organization_id
           AND c.person_id = ${search.personId ?? null}::uuid AND c.staff_member_id = s.id AND c.removed_at IS NULL))
    ORDER BY n.i, s.last_name, s.first_name, s.id`);
  return search.staff.map((_, i) => {
    const ids = rows.filter((r) => r.i === i).map((r) => r.id);
    if (ids.length === 0) {
      throw new DomainError('validation_failed', {}, [
        {
          field: `body.staff.${i}`,
          message: search.personId
            ? { fr: 'Aucun professionnel correspondant dans l’équipe qui accompagne la personne.', en: 'No matching staff member on the person’s care team.' }
            : { fr: 'Aucun professionnel actif correspondant.', en: 'No matching active staff member.' },
        },
      ]);
    }
    return ids;
  });
}



interface Candidate {
  start: number;
  end: number;
  day: string;
  weekday: number;
  minutes: number;
  endMinutes: number;
}

/** Whether a participant's sorted, non-overlapping busy periods meet [start, end): binary search. */
function overlaps(periods: readonly BusyPeriod[] | undefined, start: number, end: number): boolean {
  if (!periods || periods.length === 0) return false;
  let lo = 0;
  let hi = periods.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (periods[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < periods.length && periods[lo]!.start < end;
}

/**
 * The slot finder's fast rejections, in numbers only (no messages, no time-zone formatting): a
 * subset of violationsFor's rules, never a substitute for it (what passes here is checked there).
 */
class QuickCheck {
  private readonly dayCounts = new Map<string, number>();
  private readonly weekCounts = new Map<string, number>();

  constructor(
    private readonly facts: BookingFacts,
    private readonly personIds: string[],
    private readonly partner: { onsiteWeekdays: number[] } | null,
  ) {
    for (const personId of personIds) {
      for (const b of facts.busy.get(personId) ?? []) {
        this.dayCounts.set(`${personId}|${b.localDate}`, (this.dayCounts.get(`${personId}|${b.localDate}`) ?? 0) + 1);
        const week = `${personId}|${weekStart(b.localDate)}`;
        this.weekCounts.set(week, (this.weekCounts.get(week) ?? 0) + 1);
      }
    }
  }

  /** What rejects the time whoever the staff: the partner's day, a resource or the person busy, the person's pace. */
  sharedReason(c: Candidate, resourceIds: string[]): string | null {
    if (this.partner && !this.partner.onsiteWeekdays.includes(c.weekday)) return 'partner_day_required';
    for (const id of resourceIds) if (overlaps(this.facts.busy.get(id), c.start, c.end)) return 'slot_taken';
    for (const personId of this.personIds) {
      const busy = this.facts.busy.get(personId);
      if (overlaps(busy, c.start, c.end)) return 'slot_taken';
      const pace = this.facts.pace.get(personId);
      if (!pace) continue;
      if (pace.maxPerDay !== null && (this.dayCounts.get(`${personId}|${c.day}`) ?? 0) + 1 > pace.maxPerDay) return 'pace_daily_limit';
      if (pace.maxPerWeek !== null && (this.weekCounts.get(`${personId}|${weekStart(c.day)}`) ?? 0) + 1 > pace.maxPerWeek) return 'pace_weekly_limit';
      if (pace.minGapMinutes && overlaps(busy, c.start - pace.minGapMinutes * 60_000, c.end + pace.minGapMinutes * 60_000)) return 'pace_min_gap';
    }
    return null;
  }

  /** What rejects the time for one staff member: outside their hours, on leave, busy. */
  staffReason(c: Candidate, staffIds: string[]): string | null {
    for (const id of staffIds) {
      const windows = this.facts.weekly.get(id);
      if (windows && windows.length > 0) {
        const fits = windows.some((w) => w.weekday === c.weekday && w.validFrom <= c.day && (w.validUntil === null || w.validUntil >= c.day) && w.start <= c.minutes && c.endMinutes <= w.end);
        if (!fits) return 'staff_unavailable';
      }
      if ((this.facts.absences.get(id) ?? []).some((a) => a.start < c.end && c.start < a.end)) return 'staff_absent';
      if (overlaps(this.facts.busy.get(id), c.start, c.end)) return 'slot_taken';
    }
    return null;
  }

  /** One staff member per requirement, each free then; null when a requirement has nobody. */
  chooseStaff(c: Candidate, candidates: string[][]): string[] | null {
    const chosen: string[] = [];
    for (const options of candidates) {
      const pick = options.find((id) => !chosen.includes(id) && this.staffReason(c, [id]) === null);
      if (!pick) return null;
      chosen.push(pick);
    }
    return chosen;
  }
}
