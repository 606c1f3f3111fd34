import { sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import type { Translated } from '../../lib/i18n.js';
import { addDays, localMoment, zonedInstant } from '../../lib/time.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import type { Modality } from '../services/schema.js';
import { currentEpisode } from './book-appointment.js';
import { loadBookingFacts, violationsFor, type BookingFacts, type Proposal, type Violation } from './booking-rules.js';

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
  const step = await slotStep(ctx);
  const base: Omit<Proposal, 'startsAt' | 'endsAt' | 'staffIds'> = {
    kind: search.personId ? 'individual' : 'team_meeting',
    modality: search.modality,
    partnerId: search.partnerId ?? null,
    sectorId: search.sectorId ?? null,
    resourceIds: search.resourceId ? [search.resourceId] : [],
    personIds,
  };

  const reasons = new Map<string, { violation: Violation; count: number }>();
  const note = (violations: Violation[]) => {
    for (const v of violations) {
      const key = `${v.code}|${v.message.fr}`;
      const seen = reasons.get(key);
      if (seen) seen.count += 1;
      else reasons.set(key, { violation: v, count: 1 });
    }
  };
  const byDay = new Map<string, Slot[]>();
  const wanted = search.order === 'spread' ? Number.POSITIVE_INFINITY : search.limit;
  let found = 0;
  const firstDay = localMoment(from, tz).date;
  const lastDay = localMoment(new Date(to.getTime() - 1), tz).date;
  for (let day = firstDay; day <= lastDay && found < wanted; day = addDays(day, 1)) {
    const times = searchWindow(facts, allStaff, day, duration, step, localMoment(zonedInstant(day, 12 * 60, tz), tz).weekday);
    for (const minutes of times) {
      if (found >= wanted) break;
      // At most one slot per day and time; spread takes the first of each day, then more.
      const startsAt = zonedInstant(day, minutes, tz);
      if (startsAt < from) continue;
      const endsAt = new Date(startsAt.getTime() + duration * 60_000);
      if (endsAt > to) break;
      const staffIds = chooseStaff(facts, candidates, { ...base, startsAt, endsAt });
      const proposal: Proposal = { ...base, startsAt, endsAt, staffIds: staffIds ?? candidates.map((c) => c[0]!).filter(Boolean) };
      const violations = violationsFor(facts, proposal);
      if (staffIds === null || violations.length) {
        note(violations);
        continue;
      }
      const list = byDay.get(day) ?? [];
      list.push({ startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), staffIds, resourceId: search.resourceId ?? null });
      byDay.set(day, list);
      found += 1;
    }
  }

  const slots = search.order === 'spread' ? spread(byDay, search.limit) : [...byDay.values()].flat().slice(0, search.limit);
  const ranked = slots.length >= search.limit ? [] : [...reasons.values()].sort((a, b) => b.count - a.count).slice(0, 5).map((r) => r.violation);
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
 * One staff member per requirement, each free and working then (rules on staff alone); a named
 * colleague has one candidate, a discipline several. Null when a requirement has nobody.
 */
function chooseStaff(facts: BookingFacts, candidates: string[][], base: Omit<Proposal, 'staffIds'>): string[] | null {
  const chosen: string[] = [];
  for (const options of candidates) {
    const pick = options.find((id) => !chosen.includes(id) && violationsFor(facts, { ...base, staffIds: [id], resourceIds: [], personIds: [] }).length === 0);
    if (!pick) return null;
    chosen.push(pick);
  }
  return chosen;
}

/** The staff who can answer each requirement: active, of the discipline, and on the person's care team when there is a person. */
async function staffCandidates(ctx: Ctx, search: SlotSearch): Promise<string[][]> {
  const out: string[][] = [];
  for (const [i, need] of search.staff.entries()) {
    const { rows } = await ctx.tx.execute<{ id: string }>(sql`
      SELECT s.id FROM staff_member s
      WHERE s.organization_id = ${ctx.organizationId} AND s.status = 'active'
        AND ${'staffId' in need ? sql`s.id = ${need.staffId}` : sql`EXISTS (SELECT 1 FROM staff_discipline d WHERE d.organization_id = s.organization_id AND d.staff_member_id = s.id AND d.discipline_id = ${need.disciplineId})`}
        AND (${search.personId ?? null}::uuid IS NULL OR EXISTS (SELECT 1 FROM care_team_member c WHERE c.organization_id = s.organization_id
             AND c.person_id = ${search.personId ?? null}::uuid AND c.staff_member_id = s.id AND c.removed_at IS NULL))
      ORDER BY s.last_name, s.first_name, s.id`);
    if (rows.length === 0) {
      throw new DomainError('validation_failed', {}, [
        {
          field: `body.staff.${i}`,
          message: search.personId
            ? { fr: 'Aucun professionnel correspondant dans l’équipe qui accompagne la personne.', en: 'No matching staff member on the person’s care team.' }
            : { fr: 'Aucun professionnel actif correspondant.', en: 'No matching active staff member.' },
        },
      ]);
    }
    out.push(rows.map((r) => r.id));
  }
  return out;
}

async function slotStep(ctx: Ctx): Promise<number> {
  const { rows } = await ctx.tx.execute<{ slot_step_minutes: number }>(sql`SELECT slot_step_minutes FROM scheduling_settings WHERE organization_id = ${ctx.organizationId}`);
  return rows[0]?.slot_step_minutes ?? 15;
}

