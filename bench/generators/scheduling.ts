import type pg from 'pg';
import type { Modality } from '../../src/modules/services/schema.js';
import type { AbsenceKind, AppointmentKind, AppointmentStatus, Attendance, GroupFormat, ParticipantRole, RegistrationStatus } from '../../src/modules/scheduling/schema.js';
import { insertRows } from '../lib/bulk-insert.js';
import { CopyPipeline, type CopyColumn } from '../lib/copy-writer.js';
import type { Random } from '../lib/random.js';
import type { GeneratedAdmissions, GeneratedEpisode, GeneratedService } from './admissions.js';
import { frenchPublicHolidays, isoWeekday, parisOffsetMinutes, parisTimeMs } from './french-calendar.js';
import type { GeneratedOrganization } from './organizations.js';
import type { GeneratedPerson } from './people.js';
import {
  cancelReasons,
  cycleBreakWeeks,
  cycleSessions,
  groupSpecs,
  homeAddress,
  missedNotes,
  paceNotes,
  resourceSpecs,
  sectorNames,
  siteSpecs,
  trainingNotes,
  travelMinutes,
  type GroupSpec,
} from './scheduling-structure.js';
import type { GeneratedStaffMember } from './staff.js';
import type { GeneratorContext, GeneratorStep } from './step.js';
import { dayMs, historyDays } from './timeline.js';

// ─── Sizes ────────────────────────────────────────────────────────────────────────────────────

/**
 * Appointments the reference data set aims at (DESIGN.md: 1,000,000 at scale 1), past and planned.
 * At scale 1 the staff's agendas fill up first (about 7.5 sessions a working day in the busiest
 * months, as the structure's first months have few people to see): about 870,000 are written.
 */
export function appointmentTarget(scale: number): number {
  return Math.round(1_000_000 * scale);
}

/** How far ahead appointments are already booked on the anchor day. */
export const bookedAheadDays = 112;

// A day is cut in 15-minute units from 08:00 to 20:00, local time: every appointment starts and
// ends on a unit, within one day, so "free" is a lookup in a small array per participant.
const unitMinutes = 15;
const firstMinute = 8 * 60;
const units = 48;
const unitOf = (minutes: number) => (minutes - firstMinute) / unitMinutes;

// ─── Outputs ──────────────────────────────────────────────────────────────────────────────────

export interface SchedulingCounts {
  sites: number;
  resources: number;
  sectors: number;
  travelTimes: number;
  availabilityRows: number;
  absences: number;
  paces: number;
  series: number;
  appointments: number;
  participants: number;
  byKind: Record<AppointmentKind, number>;
  byStatus: Record<AppointmentStatus, number>;
  /** Whether the bulk load ran with triggers off (session_replication_role = replica), checked after. */
  triggersOff: boolean;
}

export interface GeneratedScheduling {
  counts: SchedulingCounts;
}

interface SchedulingInput {
  organization: GeneratedOrganization;
  staff: readonly GeneratedStaffMember[];
  people: readonly GeneratedPerson[];
  admissions: GeneratedAdmissions;
}

// ─── Rows ─────────────────────────────────────────────────────────────────────────────────────

interface AppointmentRow {
  id: string;
  kind: AppointmentKind;
  serviceId: string;
  episodeId: string | null;
  personId: string | null;
  title: string | null;
  groupFormat: GroupFormat | null;
  modality: Modality;
  siteId: string | null;
  partnerId: string | null;
  homeAddress: string | null;
  sectorId: string | null;
  videoLink: string | null;
  startsMs: number;
  endsMs: number;
  status: AppointmentStatus;
  capacity: number | null;
  seriesId: string | null;
  notes: string | null;
  cancelledBy: string | null;
  cancelledAtMs: number | null;
  cancelReason: string | null;
  cancelledByParty: 'person' | 'structure' | 'relative' | 'partner' | null;
  outcomeNote: string | null;
  statusChangedBy: string | null;
  statusChangedAtMs: number | null;
  version: number;
  createdBy: string;
  createdAtMs: number;
  updatedAtMs: number;
}

interface ParticipantRow {
  id: string;
  appointmentId: string;
  role: ParticipantRole;
  staffId: string | null;
  personId: string | null;
  relativeId: string | null;
  resourceId: string | null;
  period: string;
  blocking: boolean;
  registrationStatus: RegistrationStatus | null;
  waitlistPosition: number | null;
  attendance: Attendance | null;
  addedBy: string;
  addedAtMs: number;
}

interface SeriesRow {
  id: string;
  rule: string;
  firstStartLocal: string;
  durationMinutes: number;
  exceptionDates: string[];
  template: string;
  createdBy: string;
  createdAtMs: number;
}

interface AvailabilityRow {
  id: string;
  staffId: string;
  weekday: number;
  startsAt: string;
  endsAt: string;
  validFrom: string;
  validUntil: string | null;
  createdBy: string;
  createdAtMs: number;
}

interface AbsenceRow {
  id: string;
  staffId: string;
  kind: AbsenceKind;
  startsMs: number;
  endsMs: number;
  note: string | null;
  createdBy: string;
  createdAtMs: number;
}

interface PaceRow {
  episodeId: string;
  maxPerDay: number | null;
  maxPerWeek: number | null;
  minGapMinutes: number | null;
  note: string | null;
  updatedBy: string;
  updatedAtMs: number;
}

// ─── State ────────────────────────────────────────────────────────────────────────────────────

/** A weekly pattern: for each ISO weekday (index 1..7), working intervals in local minutes. */
interface Pattern {
  fromDay: number;
  /** Last day it holds (inclusive); Infinity while current. */
  untilDay: number;
  byWeekday: [number, number][][];
}

interface Pace {
  maxPerDay: number | null;
  maxPerWeek: number | null;
  gapUnits: number;
}

interface EpisodeState {
  episode: GeneratedEpisode;
  service: GeneratedService;
  personIndex: number;
  startDay: number;
  endDay: number;
  nextMeetingDay: number;
}

/** A staff member's follow-up of one person in one episode: how often they meet, when they last did. */
interface Engagement {
  personIndex: number;
  episode: EpisodeState;
  fromDay: number;
  toDay: number;
  intervalDays: number;
  lastDay: number;
}

interface StaffState {
  index: number;
  member: GeneratedStaffMember;
  discipline: string | null;
  site: number;
  hireDay: number;
  /** Takes individual sessions (practitioners, référents, coordinators, supervisors). */
  bookable: boolean;
  mayBook: boolean;
  patterns: Pattern[];
  engagements: Engagement[];
  /** Today's working intervals in units, and what was placed today (for travel between home visits). */
  today: [number, number][] | null;
  placed: { a: number; b: number; modality: Modality; sector: number }[];
  meetingsToday: number;
  /** Partner on-site day held by this staff member: weekday → partner index. */
  partnerDays: Map<number, number>;
}

interface PartnerState {
  id: string;
  name: string;
  createdDay: number;
  onsiteWeekdays: number[];
}

interface GroupCycle {
  spec: GroupSpec;
  seriesId: string;
  days: number[];
  registered: number[];
  waitlist: number[];
}

interface GroupState {
  spec: GroupSpec;
  facilitators: StaffState[];
  room: number;
  current: GroupCycle | null;
  nextStartDay: number;
}

// Sessions per person per staff member, by the staff member's discipline: how often they meet.
const rhythmDays: Record<string, readonly (readonly [number, number])[]> = {
  psychiatrist: [[14, 50], [28, 50]],
  physician: [[14, 40], [28, 60]],
  psychologist: [[7, 80], [14, 20]],
  nurse: [[3, 30], [7, 50], [14, 20]],
  educator: [[3, 25], [7, 55], [14, 20]],
  social_worker: [[7, 60], [14, 40]],
  peer_support_worker: [[3, 15], [7, 70], [14, 15]],
  psycho_emotional_practitioner: [[7, 70], [14, 30]],
  family_social_counsellor: [[7, 50], [14, 50]],
  personal_support_manager: [[3, 30], [7, 50], [14, 20]],
};
const defaultRhythm: readonly (readonly [number, number])[] = [[14, 60], [28, 40]];

const modalityWeights: Record<string, readonly (readonly [Modality, number])[]> = {
  psychiatrist: [['on_site', 80], ['video', 15], ['phone', 5]],
  physician: [['on_site', 80], ['video', 10], ['phone', 10]],
  psychologist: [['on_site', 72], ['video', 20], ['phone', 8]],
  nurse: [['on_site', 50], ['home', 35], ['phone', 15]],
  educator: [['on_site', 45], ['home', 35], ['video', 10], ['phone', 10]],
  social_worker: [['on_site', 55], ['home', 25], ['phone', 15], ['video', 5]],
  peer_support_worker: [['on_site', 45], ['home', 15], ['video', 20], ['phone', 20]],
  psycho_emotional_practitioner: [['on_site', 75], ['video', 15], ['phone', 10]],
  family_social_counsellor: [['on_site', 60], ['video', 20], ['phone', 20]],
  personal_support_manager: [['phone', 35], ['on_site', 30], ['home', 25], ['video', 10]],
};
const defaultModalities: readonly (readonly [Modality, number])[] = [['on_site', 70], ['video', 15], ['phone', 15]];

const iso = (ms: number) => new Date(ms).toISOString();
const dateOf = (ms: number) => iso(ms).slice(0, 10);
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const rruleDay = ['', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/**
 * The scheduling part of the reference data set: 3 sites, 12 rooms and 2 relaxation devices, 6
 * sectors with their travel times, every staff member's weekly availability (full and part time,
 * late Thursdays, a change of pattern for some) and absences (leave, training, sick leave), the
 * pace set on some episodes, and about a million appointments from the opening to sixteen weeks
 * after the anchor — individual sessions with the person's care team (on site, at home with travel
 * between sectors, by video or phone, at a partner on its on-site days), sessions with relatives,
 * groups in cycles of twelve with registrations, waiting lists and attendance, monthly practice
 * analysis for peer workers, synthesis meetings about a person and partners' on-site days.
 *
 * Days are simulated in order; within a day every participant (staff member, person, resource) has
 * an occupancy array of 15-minute units, so nothing is placed where its participant is already
 * taken: the rows satisfy appointment_participant_no_overlap by construction. Past appointments
 * are done, missed or cancelled (a cancelled one frees its slot, which is often booked again),
 * future ones planned or confirmed. How full the agendas are follows the target count: what the
 * first months cannot place (few people are supported yet) later months do.
 */
export const schedulingStep: GeneratorStep<SchedulingInput, GeneratedScheduling> = {
  name: 'scheduling',
  label: 'scheduling (appointments)',
  estimate: (scale) => Math.round(appointmentTarget(scale) * 3.2),
  run: async (ctx, input) => new SchedulingGenerator(ctx, input).generate(),
};

class SchedulingGenerator {
  private readonly random: Random;
  private readonly orgId: string;
  private readonly openedMs: number;
  private readonly anchorMs: number;
  private readonly anchorDay = historyDays;
  private readonly lastDay = historyDays + bookedAheadDays - 1;
  private readonly totalDays = historyDays + bookedAheadDays;
  private readonly holidays = new Set<number>();

  private readonly siteIds: string[] = [];
  private readonly resourceIds: string[] = [];
  private readonly sectorIds: string[] = [];
  private readonly staff: StaffState[];
  private readonly bookable: StaffState[];
  private readonly personIds: string[];
  private readonly personSector: Uint8Array;
  private readonly personAddress: (string | null)[];
  private readonly relativesOf = new Map<number, { id: string; sinceDay: number }[]>();
  private readonly episodes: EpisodeState[] = [];
  private readonly personPace = new Map<number, Pace>();
  private partners: PartnerState[] = [];
  private readonly groups: GroupState[] = [];
  private readonly serviceByKey: Map<string, GeneratedService>;

  // Occupancy of the day being simulated, and the person's counts for the pace.
  private readonly staffBusy: Uint8Array;
  private readonly personBusy: Uint8Array;
  private readonly resourceBusy: Uint8Array;
  private readonly personToday: Uint8Array;
  private readonly personThisWeek: Uint8Array;
  private readonly absent: Uint8Array;

  private readonly availabilityRows: AvailabilityRow[] = [];
  private readonly absenceRows: AbsenceRow[] = [];
  private readonly paceRows: PaceRow[] = [];

  private appointments: AppointmentRow[] = [];
  private participants: ParticipantRow[] = [];
  private series: SeriesRow[] = [];
  private readonly pipeline: CopyPipeline;
  /** Participants: a second connection when the triggers are off (no foreign key waits for the appointments), else the same pipeline. */
  private participantPipeline: CopyPipeline;
  private readonly target: number;
  private produced = 0;
  private participantCount = 0;
  private seriesCount = 0;
  private readonly byKind: Record<AppointmentKind, number> = { individual: 0, with_relatives: 0, group: 0, practice_analysis: 0, team_meeting: 0, partner_onsite_day: 0 };
  private readonly byStatus: Record<AppointmentStatus, number> = { planned: 0, confirmed: 0, done: 0, cancelled: 0, missed: 0 };

  // Today.
  private day = 0;
  private dayStart = 0;
  private offset = 60;
  private weekday = 1;

  constructor(
    private readonly ctx: GeneratorContext,
    private readonly input: SchedulingInput,
  ) {
    this.random = ctx.random;
    this.orgId = input.organization.id;
    this.openedMs = input.organization.openedAtMs;
    this.anchorMs = input.organization.endMs;
    this.target = appointmentTarget(ctx.scale);
    this.pipeline = new CopyPipeline(ctx.client);
    this.participantPipeline = this.pipeline;
    const firstYear = new Date(this.openedMs).getUTCFullYear();
    for (let y = firstYear; y <= firstYear + 3; y++) for (const h of frenchPublicHolidays(y)) this.holidays.add(Math.round((h - this.openedMs) / dayMs));

    this.serviceByKey = new Map(input.admissions.services.map((s) => [s.key, s]));
    this.personIds = input.people.map((p) => p.id);
    this.personSector = new Uint8Array(input.people.length);
    this.personAddress = new Array<string | null>(input.people.length).fill(null);
    const sectorRandom = this.random.derive('sectors');
    for (let i = 0; i < input.people.length; i++) this.personSector[i] = sectorRandom.weighted([[0, 24], [1, 16], [2, 18], [3, 18], [4, 12], [5, 12]] as const);

    this.staff = input.staff.map((member, index) => ({
      index,
      member,
      discipline: member.disciplineCode,
      site: this.random.weighted(siteSpecs.map((s, i) => [i, s.staffShare] as const)),
      hireDay: this.dayIndex(member.createdAtMs) + 1,
      bookable: member.profile === 'practitioner' || member.profile === 'clinical_referent' || member.profile === 'coordinator' || member.profile === 'supervisor',
      mayBook: member.permissions.includes('appointment:book'),
      patterns: [],
      engagements: [],
      today: null,
      placed: [],
      meetingsToday: 0,
      partnerDays: new Map(),
    }));
    this.bookable = this.staff.filter((s) => s.bookable);

    this.staffBusy = new Uint8Array(this.staff.length * units);
    this.personBusy = new Uint8Array(input.people.length * units);
    this.resourceBusy = new Uint8Array(resourceSpecs.length * units);
    this.personToday = new Uint8Array(input.people.length);
    this.personThisWeek = new Uint8Array(input.people.length);
    this.absent = new Uint8Array(this.staff.length * this.totalDays);
  }

  private dayIndex(ms: number): number {
    return Math.floor((ms - this.openedMs) / dayMs);
  }

  private dayStartOf(day: number): number {
    return this.openedMs + day * dayMs;
  }

  async generate(): Promise<GeneratedScheduling> {
    const { client } = this.ctx;
    const triggersOff = await this.turnTriggersOff(client);
    const second = triggersOff ? await this.ctx.connect() : null;
    try {
      if (second && (await this.turnTriggersOff(second))) this.participantPipeline = new CopyPipeline(second);
      await this.writeStructure();
      await this.loadPartnersAndRelatives();
      this.buildEpisodes();
      this.buildGroups();
      this.assignPartnerDays();
      this.buildPatterns();
      this.buildAbsences();
      this.buildPaces();
      await this.writeAvailability();
      this.ctx.progress.setTotal(Math.round(this.target * 3.2));
      await this.simulate();
      await this.flush(true);
    } finally {
      if (triggersOff) await client.query('SET session_replication_role = DEFAULT');
      await second?.end();
    }
    if (triggersOff) await this.checkWhatTriggersWouldHaveDone();
    const counts: SchedulingCounts = {
      sites: siteSpecs.length,
      resources: resourceSpecs.length,
      sectors: sectorNames.length,
      travelTimes: (sectorNames.length * (sectorNames.length - 1)) / 2,
      availabilityRows: this.availabilityRows.length,
      absences: this.absenceRows.length,
      paces: this.paceRows.length,
      series: this.seriesCount,
      appointments: this.produced,
      participants: this.participantCount,
      byKind: this.byKind,
      byStatus: this.byStatus,
      triggersOff,
    };
    this.ctx.log(
      `  ${counts.appointments} appointments (${Object.entries(this.byStatus).map(([k, v]) => `${k} ${v}`).join(', ')}; ${Object.entries(this.byKind).map(([k, v]) => `${k} ${v}`).join(', ')}), ` +
        `${counts.participants} participants, ${counts.series} series, ${counts.availabilityRows} availability rows, ${counts.absences} absences, ${counts.paces} paces` +
        (triggersOff ? '; bulk load with triggers off, then checked' : ''),
    );
    return { counts };
  }

  // ── Triggers ──

  /**
   * The participants' trigger reads the appointment for every row and the foreign keys are checked
   * row by row: for a million appointments the load runs with triggers off (replica mode, owner
   * only) and the rows carry what the triggers would have set. The exclusion constraint is an
   * index: it still refuses any overlap. Elsewhere (a server role that may not) triggers run.
   */
  private async turnTriggersOff(client: pg.Client): Promise<boolean> {
    try {
      await client.query('SET session_replication_role = replica');
      return true;
    } catch {
      return false;
    }
  }

  /** What replica mode skipped, checked in bulk: foreign keys, period and blocking as the trigger sets them, group places. */
  private async checkWhatTriggersWouldHaveDone(): Promise<void> {
    const { rows } = await this.ctx.client.query<{ problem: string; n: number }>(`
      SELECT 'participant without its appointment' AS problem, count(*)::int AS n FROM appointment_participant p
       WHERE NOT EXISTS (SELECT 1 FROM appointment a WHERE a.organization_id = p.organization_id AND a.id = p.appointment_id)
      UNION ALL
      SELECT 'unknown staff, person, relative or resource', count(*)::int FROM appointment_participant p
       WHERE (p.staff_member_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM staff_member s WHERE s.organization_id = p.organization_id AND s.id = p.staff_member_id))
          OR (p.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM person s WHERE s.organization_id = p.organization_id AND s.id = p.person_id))
          OR (p.relative_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM relative s WHERE s.organization_id = p.organization_id AND s.id = p.relative_id))
          OR (p.resource_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM resource s WHERE s.organization_id = p.organization_id AND s.id = p.resource_id))
      UNION ALL
      SELECT 'period or blocking not as the trigger sets them', count(*)::int FROM appointment_participant p
        JOIN appointment a ON a.organization_id = p.organization_id AND a.id = p.appointment_id
       WHERE p.period <> tstzrange(a.starts_at, a.ends_at, '[)')
          OR p.blocking <> (a.status <> 'cancelled' AND p.role <> 'relative' AND coalesce(p.registration_status, 'registered') = 'registered')
      UNION ALL
      SELECT 'appointment with unknown service, episode, person, site, partner, sector or series', count(*)::int FROM appointment a
       WHERE NOT EXISTS (SELECT 1 FROM service s WHERE s.organization_id = a.organization_id AND s.id = a.service_id)
          OR (a.episode_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM episode s WHERE s.organization_id = a.organization_id AND s.id = a.episode_id))
          OR (a.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM person s WHERE s.organization_id = a.organization_id AND s.id = a.person_id))
          OR (a.site_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM site s WHERE s.organization_id = a.organization_id AND s.id = a.site_id))
          OR (a.partner_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM partner s WHERE s.organization_id = a.organization_id AND s.id = a.partner_id))
          OR (a.sector_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sector s WHERE s.organization_id = a.organization_id AND s.id = a.sector_id))
          OR (a.series_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM appointment_series s WHERE s.organization_id = a.organization_id AND s.id = a.series_id))
      UNION ALL
      SELECT 'group over its capacity', count(*)::int FROM appointment a
       WHERE a.kind = 'group' AND a.capacity < (SELECT count(*) FROM appointment_participant p WHERE p.organization_id = a.organization_id
                                                  AND p.appointment_id = a.id AND p.role = 'person' AND p.registration_status = 'registered')`);
    const problems = rows.filter((r) => r.n > 0);
    if (problems.length) throw new Error(`the scheduling bulk load broke what the triggers keep: ${problems.map((p) => `${p.problem} (${p.n})`).join(', ')}`);
  }

  // ── The structure ──

  private async writeStructure(): Promise<void> {
    const { client } = this.ctx;
    const org = { name: 'organization_id', type: 'uuid', value: () => this.orgId } as const;
    const founder = this.staff.find((s) => s.member.profile === 'administrator') ?? this.staff[0]!;
    const setUpMs = Math.max(this.openedMs + 2 * dayMs, founder.member.createdAtMs + 3_600_000);
    const sites = siteSpecs.map((s, i) => ({ id: this.random.uuid(setUpMs + i * 60_000), name: s.name, address: s.address, at: setUpMs + i * 60_000 }));
    this.siteIds.push(...sites.map((s) => s.id));
    await insertRows(client, 'site', [
      org,
      { name: 'id', type: 'uuid', value: (s) => s.id },
      { name: 'name', type: 'text', value: (s) => s.name },
      { name: 'address', type: 'text', value: (s) => s.address },
      { name: 'created_at', type: 'timestamptz', value: (s) => iso(s.at) },
    ], sites);
    const resources = resourceSpecs.map((r, i) => ({ ...r, id: this.random.uuid(setUpMs + 3_600_000 + i * 60_000), siteId: this.siteIds[siteSpecs.findIndex((s) => s.key === r.site)]!, at: setUpMs + 3_600_000 + i * 60_000 }));
    this.resourceIds.push(...resources.map((r) => r.id));
    await insertRows(client, 'resource', [
      org,
      { name: 'id', type: 'uuid', value: (r) => r.id },
      { name: 'site_id', type: 'uuid', value: (r) => r.siteId },
      { name: 'kind', type: 'text', value: (r) => r.kind },
      { name: 'name', type: 'text', value: (r) => r.name },
      { name: 'description', type: 'text', value: (r) => r.description },
      { name: 'capacity', type: 'int', value: (r) => r.capacity },
      { name: 'created_at', type: 'timestamptz', value: (r) => iso(r.at) },
    ], resources);
    const sectors = sectorNames.map((name, i) => ({ id: this.random.uuid(setUpMs + 7_200_000 + i * 60_000), name, at: setUpMs + 7_200_000 + i * 60_000 }));
    this.sectorIds.push(...sectors.map((s) => s.id));
    await insertRows(client, 'sector', [
      org,
      { name: 'id', type: 'uuid', value: (s) => s.id },
      { name: 'name', type: 'text', value: (s) => s.name },
      { name: 'created_at', type: 'timestamptz', value: (s) => iso(s.at) },
    ], sectors);
    // Stored once per pair, lower id first (uuid order is the order of their text).
    const pairs: { from: string; to: string; minutes: number }[] = [];
    for (let a = 0; a < sectors.length; a++) {
      for (let b = a + 1; b < sectors.length; b++) {
        const [x, y] = sectors[a]!.id < sectors[b]!.id ? [sectors[a]!.id, sectors[b]!.id] : [sectors[b]!.id, sectors[a]!.id];
        pairs.push({ from: x, to: y, minutes: travelMinutes(a, b) });
      }
    }
    await insertRows(client, 'sector_travel_time', [
      org,
      { name: 'from_sector_id', type: 'uuid', value: (p) => p.from },
      { name: 'to_sector_id', type: 'uuid', value: (p) => p.to },
      { name: 'minutes', type: 'int', value: (p) => p.minutes },
    ], pairs);
    await client.query(
      'INSERT INTO scheduling_settings (organization_id, default_travel_minutes, slot_step_minutes, updated_by, updated_at) VALUES ($1, 30, 15, $2, $3)',
      [this.orgId, founder.member.id, iso(setUpMs)],
    );
  }

  private async loadPartnersAndRelatives(): Promise<void> {
    const { client } = this.ctx;
    const partners = await client.query<{ id: string; name: string; created_at: Date; onsite_weekdays: number[] }>(
      'SELECT id, name, created_at, onsite_weekdays FROM partner WHERE organization_id = $1 ORDER BY created_at, id',
      [this.orgId],
    );
    this.partners = partners.rows.map((p) => ({ id: p.id, name: p.name, createdDay: this.dayIndex(p.created_at.getTime()) + 1, onsiteWeekdays: p.onsite_weekdays.filter((d) => d <= 5) }));
    const index = new Map(this.personIds.map((id, i) => [id, i]));
    const relatives = await client.query<{ id: string; person_id: string; created_at: Date }>(
      'SELECT id, person_id, created_at FROM relative WHERE organization_id = $1 AND removed_at IS NULL ORDER BY id',
      [this.orgId],
    );
    for (const r of relatives.rows) {
      const p = index.get(r.person_id);
      if (p === undefined) continue;
      const list = this.relativesOf.get(p) ?? [];
      list.push({ id: r.id, sinceDay: this.dayIndex(r.created_at.getTime()) + 1 });
      this.relativesOf.set(p, list);
    }
  }

  // ── Who follows whom ──

  private buildEpisodes(): void {
    const { people, admissions } = this.input;
    const personIndex = new Map(this.personIds.map((id, i) => [id, i]));
    const serviceById = new Map(admissions.services.map((s) => [s.id, s]));
    const staffById = new Map(this.staff.map((s) => [s.member.id, s]));
    const episodesOf = new Map<number, EpisodeState[]>();
    for (const e of admissions.episodes) {
      const p = personIndex.get(e.personId)!;
      const startDay = Math.max(this.dayIndex(Date.parse(`${e.startedOn}T00:00:00Z`)), this.dayIndex(e.createdAtMs) + 1);
      const endDay = e.endedOn ? this.dayIndex(Date.parse(`${e.endedOn}T00:00:00Z`)) : this.lastDay;
      if (endDay < startDay) continue;
      const state: EpisodeState = { episode: e, service: serviceById.get(e.serviceId)!, personIndex: p, startDay, endDay, nextMeetingDay: startDay + this.random.int(45, 90) };
      this.episodes.push(state);
      const list = episodesOf.get(p) ?? [];
      list.push(state);
      episodesOf.set(p, list);
    }
    people.forEach((person, p) => {
      for (const m of person.careTeam) {
        const staff = staffById.get(m.staffMemberId);
        if (!staff?.bookable) continue;
        const from = this.dayIndex(m.addedAtMs) + 1;
        const to = m.removedAtMs === null ? this.lastDay : this.dayIndex(m.removedAtMs) - 1;
        for (const episode of episodesOf.get(p) ?? []) {
          const fromDay = Math.max(from, episode.startDay);
          const toDay = Math.min(to, episode.endDay);
          if (toDay < fromDay) continue;
          // Group and relatives' services meet mostly in their groups; transitions are close follow-ups.
          let intervalDays = this.random.weighted(rhythmDays[staff.discipline ?? ''] ?? defaultRhythm);
          if (episode.service.key === 'group') intervalDays = 28;
          else if (episode.service.key === 'transition' && staff.member.id === episode.episode.referentId) intervalDays = 3;
          else if (staff.member.profile === 'coordinator' && staff.member.id !== episode.episode.referentId) intervalDays = 14;
          else if (staff.member.profile === 'supervisor') intervalDays = 56;
          staff.engagements.push({ personIndex: p, episode, fromDay, toDay, intervalDays, lastDay: -1_000 });
        }
      }
    });
  }

  private buildGroups(): void {
    const used = new Set<StaffState>();
    for (const spec of groupSpecs) {
      if (!this.serviceByKey.has(spec.service)) continue;
      const facilitators: StaffState[] = [];
      for (const discipline of spec.facilitatorDisciplines) {
        const candidates = this.bookable.filter((s) => s.discipline === discipline && !facilitators.includes(s));
        const fresh = candidates.filter((s) => !used.has(s));
        const pick = (fresh.length ? fresh : candidates).sort((a, b) => a.hireDay - b.hireDay)[0];
        if (pick) {
          facilitators.push(pick);
          used.add(pick);
        }
      }
      if (facilitators.length === 0) continue;
      this.groups.push({ spec, facilitators, room: resourceSpecs.findIndex((r) => r.key === spec.room), current: null, nextStartDay: Math.max(spec.firstDay, ...facilitators.map((f) => f.hireDay)) });
    }
  }

  /** Each partner's on-site weekday is held by a peer worker (a Tuesday at the CCAS…), facilitators last. */
  private assignPartnerDays(): void {
    const facilitators = new Set(this.groups.flatMap((g) => g.facilitators));
    const peers = this.bookable.filter((s) => s.discipline === 'peer_support_worker').sort((a, b) => Number(facilitators.has(a)) - Number(facilitators.has(b)) || a.hireDay - b.hireDay);
    if (peers.length === 0) return;
    let next = 0;
    this.partners.forEach((partner, p) => {
      for (const weekday of partner.onsiteWeekdays) {
        for (let attempt = 0; attempt < peers.length; attempt++) {
          const holder = peers[(next + attempt) % peers.length]!;
          if (holder.partnerDays.has(weekday)) continue;
          holder.partnerDays.set(weekday, p);
          next = (next + attempt + 1) % peers.length;
          break;
        }
      }
    });
  }

  // ── Availability ──

  private buildPatterns(): void {
    const random = this.random.derive('patterns');
    const groupDays = new Map<StaffState, GroupSpec[]>();
    for (const g of this.groups) for (const f of g.facilitators) groupDays.set(f, [...(groupDays.get(f) ?? []), g.spec]);
    for (const s of this.staff) {
      const make = () => {
        const start = random.weighted([[510, 20], [540, 60], [570, 20]] as const);
        const lunch = random.chance(0.3) ? 720 : 750;
        const end = start + 480;
        const day = (): [number, number][] => [[start, lunch], [lunch + 60, end]];
        const byWeekday: [number, number][][] = Array.from({ length: 8 }, () => []);
        for (let w = 1; w <= 5; w++) byWeekday[w] = day();
        const time = s.bookable ? random.weighted([['full', 70], ['80', 22], ['50', 8]] as const) : 'full';
        if (time === '80') byWeekday[random.weighted([[3, 55], [5, 25], [1, 20]] as const)] = [];
        if (time === '50') {
          byWeekday[3] = [];
          byWeekday[5] = [];
          byWeekday[4] = [[start, lunch]];
        }
        if (time === 'full' && random.chance(0.25)) byWeekday[5] = [[start, lunch], [lunch + 60, end - 60]];
        if (time === 'full' && s.bookable && random.chance(0.08)) byWeekday[4] = [[start + 60, lunch], [lunch + 60, 19 * 60]];
        // Whoever holds a partner's on-site day or facilitates a group works that day, until the group ends.
        for (const weekday of s.partnerDays.keys()) if (byWeekday[weekday]!.length === 0) byWeekday[weekday] = day();
        for (const g of groupDays.get(s) ?? []) {
          const groupEnd = g.startMinutes + g.durationMinutes;
          if (groupEnd > end) byWeekday[g.weekday] = [[Math.max(firstMinute, groupEnd - 480), 13 * 60], [14 * 60, groupEnd]];
          else if (byWeekday[g.weekday]!.length === 0) byWeekday[g.weekday] = day();
        }
        return byWeekday;
      };
      const first: Pattern = { fromDay: s.hireDay, untilDay: Infinity, byWeekday: make() };
      s.patterns.push(first);
      // Some changed their hours once (part time after a birth, back to full time…).
      if (s.bookable && random.chance(0.12) && this.anchorDay - s.hireDay > 200) {
        const change = random.int(s.hireDay + 90, this.anchorDay - 30);
        first.untilDay = change - 1;
        s.patterns.push({ fromDay: change, untilDay: Infinity, byWeekday: make() });
      }
      for (const pattern of s.patterns) {
        const createdAtMs = Math.max(s.member.createdAtMs + 60_000, this.dayStartOf(pattern.fromDay) - random.int(1, 10) * dayMs);
        for (let w = 1; w <= 7; w++) {
          for (const [a, b] of pattern.byWeekday[w]!) {
            this.availabilityRows.push({
              id: random.uuid(createdAtMs),
              staffId: s.member.id,
              weekday: w,
              startsAt: hhmm(a),
              endsAt: hhmm(b),
              validFrom: dateOf(this.dayStartOf(pattern.fromDay)),
              validUntil: Number.isFinite(pattern.untilDay) ? dateOf(this.dayStartOf(pattern.untilDay)) : null,
              createdBy: s.member.id,
              createdAtMs,
            });
          }
        }
      }
    }
  }

  private buildAbsences(): void {
    const random = this.random.derive('absences');
    const firstYear = new Date(this.openedMs).getUTCFullYear();
    const lastYear = new Date(this.dayStartOf(this.lastDay)).getUTCFullYear();
    for (const s of this.staff) {
      const add = (kind: AbsenceKind, fromDay: number, days: number, note: string | null, bookedAheadDays: number) => {
        const toDay = fromDay + days - 1;
        if (fromDay < s.hireDay || toDay > this.lastDay) return;
        for (let d = fromDay; d <= toDay; d++) if (this.absent[s.index * this.totalDays + d]) return;
        const createdAtMs = Math.max(s.member.createdAtMs + 60_000, this.dayStartOf(fromDay) - bookedAheadDays * dayMs + random.int(8, 17) * 3_600_000);
        if (createdAtMs >= this.anchorMs) return;
        for (let d = fromDay; d <= toDay; d++) this.absent[s.index * this.totalDays + d] = 1;
        const startDayMs = this.dayStartOf(fromDay);
        const endDayMs = this.dayStartOf(toDay + 1);
        this.absenceRows.push({
          id: random.uuid(createdAtMs),
          staffId: s.member.id,
          kind,
          startsMs: parisTimeMs(startDayMs, 0),
          endsMs: parisTimeMs(endDayMs, 0),
          note,
          createdBy: s.member.id,
          createdAtMs,
        });
      };
      const mondayOf = (ms: number) => {
        const d = this.dayIndex(ms);
        return d - (isoWeekday(this.dayStartOf(d)) - 1);
      };
      for (let year = firstYear; year <= lastYear; year++) {
        // Summer leave (two or three weeks in July–August), a week at Christmas, a week in February or April.
        add('leave', mondayOf(Date.UTC(year, 6, random.int(6, 31))), random.chance(0.6) ? 21 : 14, null, random.int(45, 120));
        if (random.chance(0.55)) add('leave', mondayOf(Date.UTC(year, 11, 22)), 14, null, random.int(30, 90));
        if (random.chance(0.5)) add('leave', mondayOf(Date.UTC(year, random.chance(0.5) ? 1 : 3, random.int(8, 24))), 7, null, random.int(30, 90));
        for (let t = random.int(1, 2); t > 0; t--) add('training', this.dayIndex(Date.UTC(year, random.int(0, 11), random.int(1, 26))), random.int(1, 3), random.pick(trainingNotes), random.int(20, 60));
        if (random.chance(0.35)) add('sick_leave', this.dayIndex(Date.UTC(year, random.int(0, 11), random.int(1, 26))), random.int(2, 10), null, 0);
        if (random.chance(0.1)) add('other', this.dayIndex(Date.UTC(year, random.int(0, 11), random.int(1, 26))), 1, 'Déménagement.', random.int(7, 30));
      }
    }
    // Sick leave is only known once it started: none ahead of the anchor.
    for (let i = this.absenceRows.length - 1; i >= 0; i--) {
      const row = this.absenceRows[i]!;
      if (row.kind === 'sick_leave' && row.startsMs > this.anchorMs) {
        const s = this.staff.find((x) => x.member.id === row.staffId)!;
        for (let d = this.dayIndex(row.startsMs) + 1; d <= this.dayIndex(row.endsMs); d++) if (d < this.totalDays) this.absent[s.index * this.totalDays + d] = 0;
        this.absenceRows.splice(i, 1);
      }
    }
  }

  private buildPaces(): void {
    const random = this.random.derive('paces');
    for (const e of this.episodes) {
      if (!random.chance(0.12)) continue;
      const maxPerDay = random.weighted([[1, 70], [2, 20], [null, 10]] as const);
      const maxPerWeek = random.weighted([[2, 35], [3, 35], [4, 15], [null, 15]] as const);
      const minGapMinutes = random.weighted([[null, 50], [60, 25], [120, 15], [240, 10]] as const);
      const updatedAtMs = Math.min(this.anchorMs - 3_600_000, e.episode.createdAtMs + random.int(1, 20) * dayMs);
      const gapUnits = minGapMinutes === null ? 0 : minGapMinutes / unitMinutes;
      // The person's pace holds for all their sessions (a group, another service): the strictest of their episodes'.
      const known = this.personPace.get(e.personIndex);
      const least = (a: number | null | undefined, b: number | null) => (a == null ? b : b === null ? a : Math.min(a, b));
      this.personPace.set(e.personIndex, { maxPerDay: least(known?.maxPerDay, maxPerDay), maxPerWeek: least(known?.maxPerWeek, maxPerWeek), gapUnits: Math.max(known?.gapUnits ?? 0, gapUnits) });
      this.paceRows.push({ episodeId: e.episode.id, maxPerDay, maxPerWeek, minGapMinutes, note: random.pick(paceNotes), updatedBy: e.episode.referentId, updatedAtMs });
    }
  }

  private async writeAvailability(): Promise<void> {
    const { client } = this.ctx;
    const org = { name: 'organization_id', type: 'uuid', value: () => this.orgId } as const;
    await insertRows(client, 'staff_availability', [
      org,
      { name: 'id', type: 'uuid', value: (r: AvailabilityRow) => r.id },
      { name: 'staff_member_id', type: 'uuid', value: (r) => r.staffId },
      { name: 'weekday', type: 'smallint', value: (r) => r.weekday },
      { name: 'starts_at', type: 'time', value: (r) => r.startsAt },
      { name: 'ends_at', type: 'time', value: (r) => r.endsAt },
      { name: 'valid_from', type: 'date', value: (r) => r.validFrom },
      { name: 'valid_until', type: 'date', value: (r) => r.validUntil },
      { name: 'created_by', type: 'uuid', value: (r) => r.createdBy },
      { name: 'created_at', type: 'timestamptz', value: (r) => iso(r.createdAtMs) },
    ], this.availabilityRows);
    await insertRows(client, 'staff_absence', [
      org,
      { name: 'id', type: 'uuid', value: (r: AbsenceRow) => r.id },
      { name: 'staff_member_id', type: 'uuid', value: (r) => r.staffId },
      { name: 'kind', type: 'text', value: (r) => r.kind },
      { name: 'starts_at', type: 'timestamptz', value: (r) => iso(r.startsMs) },
      { name: 'ends_at', type: 'timestamptz', value: (r) => iso(r.endsMs) },
      { name: 'note', type: 'text', value: (r) => r.note },
      { name: 'created_by', type: 'uuid', value: (r) => r.createdBy },
      { name: 'created_at', type: 'timestamptz', value: (r) => iso(r.createdAtMs) },
    ], this.absenceRows);
    await insertRows(client, 'episode_pace', [
      org,
      { name: 'episode_id', type: 'uuid', value: (r: PaceRow) => r.episodeId },
      { name: 'max_sessions_per_day', type: 'smallint', value: (r) => r.maxPerDay },
      { name: 'max_sessions_per_week', type: 'smallint', value: (r) => r.maxPerWeek },
      { name: 'min_gap_minutes', type: 'int', value: (r) => r.minGapMinutes },
      { name: 'note', type: 'text', value: (r) => r.note },
      { name: 'updated_by', type: 'uuid', value: (r) => r.updatedBy },
      { name: 'updated_at', type: 'timestamptz', value: (r) => iso(r.updatedAtMs) },
    ], this.paceRows);
  }

  /** A staff member's working intervals on the current day, in units; null when not working. */
  private workingToday(s: StaffState): [number, number][] | null {
    if (this.day < s.hireDay || this.absent[s.index * this.totalDays + this.day]) return null;
    const pattern = s.patterns.find((p) => p.fromDay <= this.day && this.day <= p.untilDay);
    const intervals = pattern?.byWeekday[this.weekday];
    if (!intervals || intervals.length === 0) return null;
    return intervals.map(([a, b]) => [unitOf(a), unitOf(b)]);
  }

  // ── The days ──

  private async simulate(): Promise<void> {
    // Grid slots (45 minutes) each working staff member offers per day, for how full agendas should be.
    const capacity = new Float64Array(this.totalDays + 1);
    for (let d = 0; d < this.totalDays; d++) {
      this.setDay(d);
      if (this.weekday > 5 || this.holidays.has(d)) continue;
      let slots = 0;
      for (const s of this.bookable) {
        const today = this.workingToday(s);
        if (today) for (const [a, b] of today) slots += Math.floor((b - a) / 3);
      }
      capacity[d] = slots * this.aheadFactor(d);
    }
    for (let d = this.totalDays - 1; d >= 0; d--) capacity[d]! += capacity[d + 1]!;

    let week = -1;
    for (let d = 0; d < this.totalDays; d++) {
      this.setDay(d);
      const thisWeek = Math.floor((d + isoWeekday(this.dayStartOf(0)) - 1) / 7);
      if (thisWeek !== week) {
        week = thisWeek;
        this.personThisWeek.fill(0);
      }
      if (this.weekday > 5 || this.holidays.has(d)) continue;
      this.staffBusy.fill(0);
      this.personBusy.fill(0);
      this.resourceBusy.fill(0);
      this.personToday.fill(0);
      for (const s of this.staff) {
        s.today = this.workingToday(s);
        s.placed.length = 0;
        s.meetingsToday = 0;
      }
      const fill = Math.min(1, Math.max(0, (this.target - this.produced) / Math.max(1, capacity[d]!)));
      this.practiceAnalysis();
      this.groupSessions();
      this.partnerDays();
      this.teamMeetings();
      const order = this.random.shuffle([...this.bookable]);
      for (const s of order) if (s.today) this.fillDay(s, fill * this.aheadFactor(d));
      if (this.appointments.length >= 20_000) await this.flush(false);
    }
  }

  /** Future agendas thin out: the nearest weeks are two-thirds booked (room is left to book), sixteen weeks ahead hardly. */
  private aheadFactor(day: number): number {
    if (day < this.anchorDay) return 1;
    return 0.65 * Math.max(0.05, 1 - (day - this.anchorDay) / bookedAheadDays);
  }

  private setDay(d: number): void {
    this.day = d;
    this.dayStart = this.dayStartOf(d);
    this.offset = parisOffsetMinutes(this.dayStart);
    this.weekday = isoWeekday(this.dayStart);
  }

  private at(unit: number): number {
    return parisTimeMs(this.dayStart, firstMinute + unit * unitMinutes, this.offset);
  }

  // ── Free or taken ──

  private staffFree(s: StaffState, a: number, b: number): boolean {
    const base = s.index * units;
    for (let u = a; u < b; u++) if (this.staffBusy[base + u]) return false;
    return true;
  }

  private inHours(s: StaffState, a: number, b: number): boolean {
    return s.today !== null && s.today.some(([x, y]) => a >= x && b <= y);
  }

  private personFree(p: number, a: number, b: number, gap = 0): boolean {
    const base = p * units;
    for (let u = Math.max(0, a - gap); u < Math.min(units, b + gap); u++) if (this.personBusy[base + u]) return false;
    return true;
  }

  /** Sessions per day (two at most without a pace) and per week left to the person. */
  private paceAllows(p: number): boolean {
    const pace = this.personPace.get(p);
    if (this.personToday[p]! >= (pace?.maxPerDay ?? 2)) return false;
    return !pace?.maxPerWeek || this.personThisWeek[p]! < pace.maxPerWeek;
  }

  private resourceFree(r: number, a: number, b: number): boolean {
    const base = r * units;
    for (let u = a; u < b; u++) if (this.resourceBusy[base + u]) return false;
    return true;
  }

  /** Home visits leave the travel time between sectors; between a home visit and the site, the default 30 minutes. */
  private travelOk(s: StaffState, a: number, b: number, modality: Modality, sector: number): boolean {
    for (const p of s.placed) {
      let gap = 0;
      if (modality === 'home' && p.modality === 'home') gap = Math.ceil(travelMinutes(sector, p.sector) / unitMinutes);
      else if ((modality === 'home' && (p.modality === 'on_site' || p.modality === 'partner_site')) || (p.modality === 'home' && (modality === 'on_site' || modality === 'partner_site'))) gap = 2;
      if (!(b + gap <= p.a || p.b + gap <= a)) return false;
    }
    return true;
  }

  private take(busy: Uint8Array, index: number, a: number, b: number): void {
    busy.fill(1, index * units + a, index * units + b);
  }

  // ── Statuses and rows ──

  private booked(startsMs: number, notBeforeMs: number): number {
    const lead = this.random.weighted([[1, 10], [3, 15], [7, 30], [14, 25], [28, 15], [42, 5]] as const);
    let t = startsMs - lead * dayMs - this.random.int(0, 8) * 3_600_000;
    t = Math.max(t, notBeforeMs + 60_000);
    t = Math.min(t, this.anchorMs - this.random.int(10, 600) * 60_000, startsMs - 600_000);
    return t;
  }

  /** Past: done, missed or cancelled; future: planned or confirmed (a few already cancelled). */
  private outcome(row: AppointmentRow, actor: string, cancelShare: number, missedShare: number, parties: readonly (readonly ['person' | 'structure' | 'relative' | 'partner', number])[]): void {
    const future = row.startsMs >= this.anchorMs;
    const r = this.random.next();
    if (r < (future ? cancelShare / 3 : cancelShare)) {
      const party = this.random.weighted(parties);
      row.status = 'cancelled';
      row.cancelledByParty = party;
      row.cancelReason = this.random.pick(cancelReasons[party]);
      row.cancelledBy = actor;
      row.cancelledAtMs = Math.min(this.anchorMs - 60_000, row.createdAtMs + Math.floor((row.startsMs - row.createdAtMs) * (0.3 + 0.68 * this.random.next())));
      row.version = 2;
      row.updatedAtMs = row.cancelledAtMs;
    } else if (future) {
      const soon = row.startsMs - this.anchorMs < 7 * dayMs;
      if (this.random.chance(soon ? 0.5 : 0.1)) {
        row.status = 'confirmed';
        row.statusChangedBy = actor;
        row.statusChangedAtMs = Math.max(row.createdAtMs + 60_000, Math.min(this.anchorMs - 60_000, row.startsMs - this.random.int(1, 3) * dayMs));
        row.version = 2;
        row.updatedAtMs = row.statusChangedAtMs;
      }
    } else {
      const missed = this.random.chance(missedShare);
      row.status = missed ? 'missed' : 'done';
      row.statusChangedBy = actor;
      row.statusChangedAtMs = row.endsMs + this.random.int(5, 180) * 60_000;
      if (missed && this.random.chance(0.6)) row.outcomeNote = this.random.pick(missedNotes);
      row.version = 2;
      row.updatedAtMs = row.statusChangedAtMs;
    }
  }

  private appointment(fields: Pick<AppointmentRow, 'kind' | 'serviceId' | 'modality' | 'startsMs' | 'endsMs' | 'createdBy' | 'createdAtMs'> & Partial<AppointmentRow>): AppointmentRow {
    return {
      id: this.random.uuid(fields.createdAtMs),
      episodeId: null,
      personId: null,
      title: null,
      groupFormat: null,
      siteId: null,
      partnerId: null,
      homeAddress: null,
      sectorId: null,
      videoLink: null,
      status: 'planned',
      capacity: null,
      seriesId: null,
      notes: null,
      cancelledBy: null,
      cancelledAtMs: null,
      cancelReason: null,
      cancelledByParty: null,
      outcomeNote: null,
      statusChangedBy: null,
      statusChangedAtMs: null,
      version: 1,
      updatedAtMs: fields.createdAtMs,
      ...fields,
    };
  }

  private participant(row: AppointmentRow, role: ParticipantRole, id: string, extra: Partial<ParticipantRow> = {}): void {
    const registration = extra.registrationStatus ?? null;
    this.participants.push({
      id: this.random.uuid(row.createdAtMs),
      appointmentId: row.id,
      role,
      staffId: role === 'staff' ? id : null,
      personId: role === 'person' ? id : null,
      relativeId: role === 'relative' ? id : null,
      resourceId: role === 'resource' ? id : null,
      period: `[${iso(row.startsMs)},${iso(row.endsMs)})`,
      // As relais_participant_sync sets it.
      blocking: row.status !== 'cancelled' && role !== 'relative' && (registration ?? 'registered') === 'registered',
      registrationStatus: registration,
      waitlistPosition: extra.waitlistPosition ?? null,
      attendance: extra.attendance ?? null,
      addedBy: extra.addedBy ?? row.createdBy,
      addedAtMs: extra.addedAtMs ?? row.createdAtMs,
    });
    this.participantCount++;
  }

  private emit(row: AppointmentRow): void {
    this.appointments.push(row);
    this.produced++;
    this.byKind[row.kind]++;
    this.byStatus[row.status]++;
  }

  private seriesRow(rule: string, firstDay: number, startMinutes: number, durationMinutes: number, exceptions: number[], template: Record<string, unknown>, createdBy: string, createdAtMs: number): string {
    const id = this.random.uuid(createdAtMs);
    this.series.push({
      id,
      rule,
      firstStartLocal: `${dateOf(this.dayStartOf(firstDay))}T${hhmm(startMinutes)}`,
      durationMinutes,
      exceptionDates: exceptions.map((d) => dateOf(this.dayStartOf(d))),
      template: JSON.stringify(template),
      createdBy,
      createdAtMs,
    });
    this.seriesCount++;
    return id;
  }

  private template(fields: Record<string, unknown>): Record<string, unknown> {
    return { kind: 'individual', serviceId: null, episodeId: null, personId: null, title: null, groupFormat: null, modality: 'on_site', siteId: null, partnerId: null, homeAddress: null, sectorId: null, videoLink: null, capacity: null, staffIds: [], resourceIds: [], relativeIds: [], notes: null, ...fields };
  }

  // ── What is fixed in a day: practice analysis, groups, partners' days, synthesis meetings ──

  private practiceAnalysisSeries: string | null = null;

  /** Peer workers' practice analysis, the first Thursday of the month, 14:00–16:00, led by a supervisor. */
  private practiceAnalysis(): void {
    if (this.weekday !== 4 || new Date(this.dayStart).getUTCDate() > 7) return;
    const supervisor = this.staff.find((s) => s.member.profile === 'supervisor' && s.hireDay <= this.day);
    const peers = this.bookable.filter((s) => s.discipline === 'peer_support_worker' && s.hireDay <= this.day);
    const service = this.serviceByKey.get('peer');
    if (!supervisor || peers.length < 2 || !service || this.day < 60) return;
    const [a, b] = [unitOf(14 * 60), unitOf(16 * 60)];
    const room = resourceSpecs.findIndex((r) => r.key === 'garonne');
    const present = peers.filter((s) => this.inHours(s, a, b) && this.staffFree(s, a, b));
    if (present.length < 2 || !this.resourceFree(room, a, b)) return;
    const startsMs = this.at(a);
    const createdAtMs = this.booked(startsMs, supervisor.member.createdAtMs);
    if (!this.practiceAnalysisSeries) {
      this.practiceAnalysisSeries = this.seriesRow(
        'FREQ=MONTHLY;BYDAY=1TH',
        this.day,
        14 * 60,
        120,
        [],
        this.template({ kind: 'practice_analysis', serviceId: service.id, title: 'Analyse des pratiques — pairs-aidants', siteId: this.siteIds[0], staffIds: [supervisor.member.id, ...present.map((s) => s.member.id)], resourceIds: [this.resourceIds[room]] }),
        supervisor.member.id,
        createdAtMs,
      );
    }
    const row = this.appointment({ kind: 'practice_analysis', serviceId: service.id, title: 'Analyse des pratiques — pairs-aidants', modality: 'on_site', siteId: this.siteIds[0]!, startsMs, endsMs: this.at(b), seriesId: this.practiceAnalysisSeries, createdBy: supervisor.member.id, createdAtMs });
    this.outcome(row, supervisor.member.id, 0.02, 0, [['structure', 1]]);
    this.emit(row);
    const staff = this.inHours(supervisor, a, b) && this.staffFree(supervisor, a, b) ? [supervisor, ...present] : present;
    for (const s of staff) {
      this.participant(row, 'staff', s.member.id);
      if (row.status !== 'cancelled') this.take(this.staffBusy, s.index, a, b);
    }
    this.participant(row, 'resource', this.resourceIds[room]!);
    if (row.status !== 'cancelled') this.take(this.resourceBusy, room, a, b);
  }

  private groupSessions(): void {
    for (const g of this.groups) {
      if (this.weekday !== g.spec.weekday) continue;
      if (g.current && this.day > g.current.days[g.current.days.length - 1]!) g.current = null;
      if (!g.current && this.day >= g.nextStartDay) this.startCycle(g);
      const cycle = g.current;
      if (!cycle || !cycle.days.includes(this.day)) continue;
      this.groupSession(g, cycle);
    }
  }

  /** A new cycle: twelve sessions, the people of the group's service who are free for it, a waiting list when it is full. */
  private startCycle(g: GroupState): void {
    const { spec } = g;
    const days: number[] = [];
    const exceptions: number[] = [];
    for (let i = 0, d = this.day; i < cycleSessions; i++, d += 7 * spec.interval) (this.holidays.has(d) ? exceptions : days).push(d);
    const last = this.day + (cycleSessions - 1) * 7 * spec.interval;
    if (last > this.lastDay) return;
    const service = this.serviceByKey.get(spec.service)!;
    const taken = new Set(this.groups.flatMap((other) => (other.current ? [...other.current.registered, ...other.current.waitlist] : [])));
    const candidates = this.episodes.filter((e) => e.service.id === service.id && e.startDay <= this.day && e.endDay >= this.day + 28 && !taken.has(e.personIndex)).map((e) => e.personIndex);
    const unique = this.random.shuffle([...new Set(candidates)]);
    if (unique.length === 0) {
      g.nextStartDay = this.day + 7 * spec.interval;
      return;
    }
    const registered = unique.slice(0, spec.capacity);
    const waitlist = unique.slice(spec.capacity, spec.capacity + this.random.int(1, 4));
    const lead = g.facilitators[0]!;
    const createdAtMs = Math.min(this.anchorMs - 3_600_000, Math.max(lead.member.createdAtMs + 60_000, this.dayStart - this.random.int(14, 30) * dayMs));
    const room = this.resourceIds[g.room]!;
    const siteId = this.siteIds[siteSpecs.findIndex((s) => s.key === resourceSpecs[g.room]!.site)]!;
    const seriesId = this.seriesRow(
      `FREQ=WEEKLY;${spec.interval > 1 ? `INTERVAL=${spec.interval};` : ''}BYDAY=${rruleDay[spec.weekday]};COUNT=${cycleSessions}`,
      this.day,
      spec.startMinutes,
      spec.durationMinutes,
      exceptions,
      this.template({ kind: 'group', serviceId: service.id, title: spec.title, groupFormat: spec.format, siteId, capacity: spec.capacity, staffIds: g.facilitators.map((f) => f.member.id), resourceIds: [room] }),
      lead.member.id,
      createdAtMs,
    );
    g.current = { spec, seriesId, days, registered, waitlist };
    g.nextStartDay = last + (1 + cycleBreakWeeks) * 7 * spec.interval;
  }

  private groupSession(g: GroupState, cycle: GroupCycle): void {
    const { spec } = g;
    const a = unitOf(spec.startMinutes);
    const b = a + spec.durationMinutes / unitMinutes;
    const service = this.serviceByKey.get(spec.service)!;
    const facilitators = g.facilitators.filter((f) => this.inHours(f, a, b) && this.staffFree(f, a, b));
    const lead = g.facilitators[0]!;
    const startsMs = this.at(a);
    const createdAtMs = Math.min(this.anchorMs - 3_600_000, Math.max(lead.member.createdAtMs + 60_000, this.dayStartOf(cycle.days[0]!) - 14 * dayMs));
    const room = g.room;
    const row = this.appointment({
      kind: 'group',
      serviceId: service.id,
      title: spec.title,
      groupFormat: spec.format,
      modality: 'on_site',
      siteId: this.siteIds[siteSpecs.findIndex((s) => s.key === resourceSpecs[room]!.site)]!,
      capacity: spec.capacity,
      startsMs,
      endsMs: this.at(b),
      seriesId: cycle.seriesId,
      createdBy: lead.member.id,
      createdAtMs,
    });
    const roomFree = this.resourceFree(room, a, b);
    if (facilitators.length === 0 || !roomFree) {
      // Nobody to lead it (leave, training): the structure cancels the session.
      row.status = 'cancelled';
      row.cancelledByParty = 'structure';
      row.cancelReason = facilitators.length === 0 ? 'Animateurs absents : séance annulée, reprise la semaine suivante.' : 'Salle indisponible : séance annulée.';
      row.cancelledBy = lead.member.id;
      row.cancelledAtMs = Math.min(this.anchorMs - 60_000, startsMs - this.random.int(1, 5) * dayMs);
      row.cancelledAtMs = Math.max(row.cancelledAtMs, createdAtMs + 60_000);
      row.version = 2;
      row.updatedAtMs = row.cancelledAtMs;
    } else if (startsMs < this.anchorMs) {
      row.status = 'done';
      row.statusChangedBy = lead.member.id;
      row.statusChangedAtMs = row.endsMs + this.random.int(10, 120) * 60_000;
      row.version = 2;
      row.updatedAtMs = row.statusChangedAtMs;
    }
    this.emit(row);
    const blocking = row.status !== 'cancelled';
    for (const f of facilitators.length ? facilitators : [lead]) {
      this.participant(row, 'staff', f.member.id);
      if (blocking) this.take(this.staffBusy, f.index, a, b);
    }
    this.participant(row, 'resource', this.resourceIds[room]!);
    if (blocking) this.take(this.resourceBusy, room, a, b);
    // Someone leaves the cycle now and then: the first on the waiting list takes the place.
    const past = startsMs < this.anchorMs && blocking;
    for (const p of [...cycle.registered]) {
      if (this.random.chance(0.03)) {
        this.participant(row, 'person', this.personIds[p]!, { registrationStatus: 'cancelled' });
        cycle.registered.splice(cycle.registered.indexOf(p), 1);
        const next = cycle.waitlist.shift();
        if (next !== undefined) cycle.registered.push(next);
      }
    }
    for (const p of cycle.registered) {
      // Busy, or the session would break the pace agreed with them: not there this time.
      if (!this.personFree(p, a, b, this.personPace.get(p)?.gapUnits ?? 0) || !this.paceAllows(p)) continue;
      const attendance: Attendance | null = past ? this.random.weighted([['present', 80], ['absent', 12], ['excused', 8]] as const) : null;
      this.participant(row, 'person', this.personIds[p]!, { registrationStatus: 'registered', attendance });
      if (blocking) {
        this.take(this.personBusy, p, a, b);
        this.personToday[p]!++;
        this.personThisWeek[p]!++;
      }
    }
    cycle.waitlist.forEach((p, i) => this.participant(row, 'person', this.personIds[p]!, { registrationStatus: 'waitlisted', waitlistPosition: i + 1 }));
  }

  /** A partner's on-site day: the peer worker's drop-in there in the morning, sessions there in the afternoon (fillDay). */
  private partnerDays(): void {
    const service = this.serviceByKey.get('peer');
    if (!service) return;
    for (const s of this.bookable) {
      const p = s.partnerDays.get(this.weekday);
      if (p === undefined || !s.today) continue;
      const partner = this.partners[p]!;
      if (this.day < partner.createdDay + 7) continue;
      // The drop-in takes the holder's morning, from half an hour after they start (the way there).
      const [x, y] = s.today[0]!;
      const [a, b] = [x + 2, y];
      if (b - a < 8 || !this.staffFree(s, a, b)) continue;
      const startsMs = this.at(a);
      const row = this.appointment({ kind: 'partner_onsite_day', serviceId: service.id, title: `Permanence — ${partner.name}`, modality: 'partner_site', partnerId: partner.id, startsMs, endsMs: this.at(b), createdBy: s.member.id, createdAtMs: this.booked(startsMs, s.member.createdAtMs) });
      this.outcome(row, s.member.id, 0.03, 0, [['partner', 70], ['structure', 30]]);
      this.emit(row);
      this.participant(row, 'staff', s.member.id);
      if (row.status !== 'cancelled') {
        this.take(this.staffBusy, s.index, a, b);
        s.placed.push({ a, b, modality: 'partner_site', sector: 0 });
      }
    }
  }

  /** Synthesis meetings about a person, every three to four months: référent, coordinator and one or two colleagues of the team. */
  private teamMeetings(): void {
    const staffById = new Map<string, StaffState>();
    for (const s of this.staff) staffById.set(s.member.id, s);
    const people = this.input.people;
    for (const e of this.episodes) {
      if (e.nextMeetingDay > this.day || e.endDay < this.day || e.startDay > this.day) continue;
      const referent = staffById.get(e.episode.referentId);
      if (!referent?.today || referent.meetingsToday >= 2) continue;
      const team = [referent];
      const coordinator = staffById.get(e.episode.coordinatorId);
      if (coordinator && coordinator !== referent) {
        if (!coordinator.today || coordinator.meetingsToday >= 2) continue;
        team.push(coordinator);
      }
      const dayEnd = this.dayStart + dayMs;
      const others = people[e.personIndex]!.careTeam
        .map((m) => (m.addedAtMs < this.dayStart && (m.removedAtMs === null || m.removedAtMs > dayEnd) ? staffById.get(m.staffMemberId) : undefined))
        .filter((s): s is StaffState => !!s && s.bookable && !team.includes(s) && !!s.today && s.meetingsToday < 2);
      for (const s of this.random.shuffle(others).slice(0, this.random.int(0, 2))) team.push(s);
      const len = 4;
      const meetingRoom = resourceSpecs.findIndex((r) => r.use === 'meeting' && r.site === siteSpecs[referent.site]!.key);
      const video = this.random.chance(0.25);
      const withRoom = !video && this.random.chance(0.4) && meetingRoom >= 0;
      let placedAt = -1;
      for (const [x, y] of referent.today) {
        const offset = this.random.int(0, 3);
        for (let a = x + offset; a + len <= y && placedAt < 0; a += 2) {
          const b = a + len;
          if (!team.every((s) => this.inHours(s, a, b) && this.staffFree(s, a, b) && this.travelOk(s, a, b, video ? 'video' : 'on_site', 0))) continue;
          if (withRoom && !this.resourceFree(meetingRoom, a, b)) continue;
          placedAt = a;
        }
        if (placedAt >= 0) break;
      }
      if (placedAt < 0) continue; // tomorrow
      const [a, b] = [placedAt, placedAt + len];
      const startsMs = this.at(a);
      const booker = referent.mayBook ? referent : (coordinator ?? referent);
      const row = this.appointment({
        kind: 'team_meeting',
        serviceId: e.service.id,
        episodeId: e.episode.id,
        personId: this.personIds[e.personIndex]!,
        title: 'Réunion de synthèse',
        modality: video ? 'video' : 'on_site',
        siteId: video ? null : this.siteIds[referent.site]!,
        startsMs,
        endsMs: this.at(b),
        createdBy: booker.member.id,
        createdAtMs: this.booked(startsMs, Math.max(e.episode.createdAtMs, ...team.map((s) => s.member.createdAtMs))),
      });
      if (video) row.videoLink = `https://visio.tilleuls.example/s/${row.id.slice(-12)}`;
      this.outcome(row, booker.member.id, 0.05, 0, [['structure', 1]]);
      this.emit(row);
      const blocking = row.status !== 'cancelled';
      for (const s of team) {
        this.participant(row, 'staff', s.member.id);
        if (blocking) {
          this.take(this.staffBusy, s.index, a, b);
          s.placed.push({ a, b, modality: row.modality, sector: 0 });
          s.meetingsToday++;
        }
      }
      if (withRoom) {
        this.participant(row, 'resource', this.resourceIds[meetingRoom]!);
        if (blocking) this.take(this.resourceBusy, meetingRoom, a, b);
      }
      e.nextMeetingDay = this.day + this.random.int(90, 130);
    }
  }

  // ── Individual sessions ──

  /** Fills a staff member's day with the people they follow who are due, up to `fill` of their 45-minute slots. */
  private fillDay(s: StaffState, fill: number): void {
    const today = s.today!;
    // Sessions start on a 45-minute grid from the start of the working time; a short phone call
    // (30 minutes) fits any quarter hour left free between them.
    const starts: number[] = [];
    const quarters: number[] = [];
    for (const [x, y] of today) {
      for (let a = x; a + 2 <= y; a += 3) starts.push(a);
      for (let a = x; a + 2 <= y; a++) quarters.push(a);
    }
    let wanted = Math.floor(fill * starts.length + this.random.next());
    if (wanted === 0) return;
    // The people due first; when the agenda still has room, those seen less recently (a small
    // caseload is seen more often), never twice within two days.
    const due: { e: Engagement; priority: number }[] = [];
    for (const e of s.engagements) {
      if (e.fromDay > this.day || e.toDay < this.day) continue;
      const since = this.day - e.lastDay;
      if (since < 2) continue;
      due.push({ e, priority: since / e.intervalDays + this.random.next() * 0.3 });
    }
    if (due.length === 0) return;
    due.sort((x, y) => y.priority - x.priority);
    const partnerIndex = s.partnerDays.get(this.weekday);
    const atPartner = partnerIndex !== undefined && this.day >= this.partners[partnerIndex]!.createdDay + 7;
    for (let i = 0; i < due.length && wanted > 0; i++) {
      if (this.placeSession(s, due[i]!.e, starts, quarters, atPartner ? partnerIndex : undefined)) wanted--;
    }
  }

  private placeSession(s: StaffState, e: Engagement, grid: readonly number[], quarters: readonly number[], partnerIndex: number | undefined): boolean {
    const p = e.personIndex;
    if (!this.paceAllows(p)) return false;
    const pace = this.personPace.get(p);
    const service = e.episode.service;
    const allowed = service.spec.modalities;
    // What kind of session: with relatives now and then when the person has some; at the partner on its day.
    const relatives = (this.relativesOf.get(p) ?? []).filter((r) => r.sinceDay <= this.day);
    const withRelatives = relatives.length > 0 && this.random.chance(0.12);
    let modality: Modality;
    if (partnerIndex !== undefined) modality = allowed.includes('partner_site') ? 'partner_site' : 'phone';
    else {
      const weights = (modalityWeights[s.discipline ?? ''] ?? defaultModalities).filter(([m]) => allowed.includes(m));
      modality = weights.length ? this.random.weighted(weights) : allowed[0]!;
      if (withRelatives && (modality === 'home' || modality === 'phone')) modality = allowed.includes('on_site') ? 'on_site' : modality;
    }
    let minutes = service.key === 'group' ? 45 : service.spec.defaultMinutes;
    if (modality === 'phone' && this.random.chance(0.7)) minutes = 30;
    else if (withRelatives) minutes = Math.min(service.spec.maxMinutes, 60);
    else if ((modality === 'on_site' || modality === 'home') && this.random.chance(0.15)) minutes = service.spec.maxMinutes;
    minutes = Math.min(minutes, service.spec.maxMinutes);
    const len = minutes / unitMinutes;
    const sector = this.personSector[p]!;
    // A room only when it is needed: the family room for relatives, a relaxation device for some sessions.
    let wantedResource: number[] = [];
    if (withRelatives && modality === 'on_site') wantedResource = [resourceSpecs.findIndex((r) => r.use === 'family' && r.site === siteSpecs[s.site]!.key)];
    else if (modality === 'on_site' && (s.discipline === 'psycho_emotional_practitioner' || s.discipline === 'nurse') && siteSpecs[s.site]!.key === 'main' && this.random.chance(0.3)) {
      wantedResource = resourceSpecs.flatMap((r, i) => (r.use === 'relaxation' ? [i] : []));
    }
    const gap = pace?.gapUnits ?? 0;
    const starts = len <= 2 ? quarters : grid;
    const first = this.random.int(0, starts.length - 1);
    for (let k = 0; k < starts.length; k++) {
      const a = starts[(first + k) % starts.length]!;
      const b = a + len;
      if (!this.inHours(s, a, b) || !this.staffFree(s, a, b) || !this.personFree(p, a, b, gap)) continue;
      if (!this.travelOk(s, a, b, modality, sector)) continue;
      const resource = wantedResource.find((r) => r >= 0 && this.resourceFree(r, a, b));
      this.book(s, e, a, b, modality, sector, resource, withRelatives ? relatives : [], partnerIndex);
      return true;
    }
    return false;
  }

  private book(s: StaffState, e: Engagement, a: number, b: number, modality: Modality, sector: number, resource: number | undefined, relatives: readonly { id: string }[], partnerIndex: number | undefined): void {
    const p = e.personIndex;
    const episode = e.episode.episode;
    const startsMs = this.at(a);
    const booker = s.mayBook ? s.member.id : episode.coordinatorId;
    const row = this.appointment({
      kind: relatives.length ? 'with_relatives' : 'individual',
      serviceId: episode.serviceId,
      episodeId: episode.id,
      personId: this.personIds[p]!,
      modality,
      siteId: modality === 'on_site' ? this.siteIds[s.site]! : null,
      partnerId: modality === 'partner_site' && partnerIndex !== undefined ? this.partners[partnerIndex]!.id : null,
      startsMs,
      endsMs: this.at(b),
      createdBy: booker,
      createdAtMs: this.booked(startsMs, Math.max(episode.createdAtMs, s.member.createdAtMs)),
    });
    if (modality === 'home') {
      row.homeAddress = this.personAddress[p] ??= homeAddress(this.random, sector);
      row.sectorId = this.sectorIds[sector]!;
    } else if (modality === 'video') row.videoLink = `https://visio.tilleuls.example/s/${row.id.slice(-12)}`;
    const parties = modality === 'partner_site' ? ([['person', 60], ['structure', 20], ['partner', 20]] as const) : relatives.length ? ([['person', 55], ['structure', 25], ['relative', 20]] as const) : ([['person', 70], ['structure', 30]] as const);
    this.outcome(row, s.member.id, 0.1, 0.065, parties);
    this.emit(row);
    this.participant(row, 'staff', s.member.id);
    this.participant(row, 'person', row.personId!);
    if (resource !== undefined) this.participant(row, 'resource', this.resourceIds[resource]!);
    for (const r of relatives.slice(0, 2)) this.participant(row, 'relative', r.id);
    if (row.status === 'cancelled') {
      // Booked again soon, often in the freed slot's week.
      e.lastDay = this.day - Math.ceil(e.intervalDays / 2);
      return;
    }
    e.lastDay = this.day;
    this.take(this.staffBusy, s.index, a, b);
    this.take(this.personBusy, p, a, b);
    if (resource !== undefined) this.take(this.resourceBusy, resource, a, b);
    s.placed.push({ a, b, modality, sector });
    this.personToday[p]!++;
    this.personThisWeek[p]!++;
  }

  // ── Writing ──

  private async flush(final: boolean): Promise<void> {
    const series = this.series;
    const appointments = this.appointments;
    const participants = this.participants;
    this.series = [];
    this.appointments = [];
    this.participants = [];
    const advance = (n: number) => this.ctx.progress.advance(n);
    // Each participant's rows together: consecutive inserts land on the same pages of the exclusion constraint's index.
    participants.sort((x, y) => {
      const a = x.staffId ?? x.personId ?? x.relativeId ?? x.resourceId!;
      const b = y.staffId ?? y.personId ?? y.relativeId ?? y.resourceId!;
      return a < b ? -1 : a > b ? 1 : x.period < y.period ? -1 : 1;
    });
    // Parents before children, in one ordered pipeline.
    await this.pipeline.write('appointment_series', seriesColumns(this.orgId), series);
    await this.pipeline.write('appointment', appointmentColumns(this.orgId), appointments, advance);
    await this.participantPipeline.write('appointment_participant', participantColumns(this.orgId), participants, advance);
    if (final) await Promise.all([this.pipeline.close(), this.participantPipeline.close()]);
  }
}

const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

function seriesColumns(orgId: string): CopyColumn<SeriesRow>[] {
  return [
    { name: 'organization_id', value: () => orgId },
    { name: 'id', value: (r) => r.id },
    { name: 'rule', value: (r) => r.rule },
    { name: 'first_start_local', value: (r) => r.firstStartLocal },
    { name: 'time_zone', value: () => 'Europe/Paris' },
    { name: 'duration_minutes', value: (r) => r.durationMinutes },
    { name: 'exception_dates', value: (r) => `{${r.exceptionDates.join(',')}}` },
    { name: 'template', value: (r) => r.template },
    { name: 'created_by', value: (r) => r.createdBy },
    { name: 'created_at', value: (r) => iso(r.createdAtMs) },
  ];
}

function appointmentColumns(orgId: string): CopyColumn<AppointmentRow>[] {
  return [
    { name: 'organization_id', value: () => orgId },
    { name: 'id', value: (r) => r.id },
    { name: 'kind', value: (r) => r.kind },
    { name: 'service_id', value: (r) => r.serviceId },
    { name: 'episode_id', value: (r) => r.episodeId },
    { name: 'person_id', value: (r) => r.personId },
    { name: 'title', value: (r) => r.title },
    { name: 'group_format', value: (r) => r.groupFormat },
    { name: 'modality', value: (r) => r.modality },
    { name: 'site_id', value: (r) => r.siteId },
    { name: 'partner_id', value: (r) => r.partnerId },
    { name: 'home_address', value: (r) => r.homeAddress },
    { name: 'sector_id', value: (r) => r.sectorId },
    { name: 'video_link', value: (r) => r.videoLink },
    { name: 'starts_at', value: (r) => iso(r.startsMs) },
    { name: 'ends_at', value: (r) => iso(r.endsMs) },
    { name: 'status', value: (r) => r.status },
    { name: 'capacity', value: (r) => r.capacity },
    { name: 'series_id', value: (r) => r.seriesId },
    { name: 'occurrence_start', value: (r) => (r.seriesId ? iso(r.startsMs) : null) },
    { name: 'notes', value: (r) => r.notes },
    { name: 'cancelled_by', value: (r) => r.cancelledBy },
    { name: 'cancelled_at', value: (r) => isoOrNull(r.cancelledAtMs) },
    { name: 'cancel_reason', value: (r) => r.cancelReason },
    { name: 'cancelled_by_party', value: (r) => r.cancelledByParty },
    { name: 'outcome_note', value: (r) => r.outcomeNote },
    { name: 'status_changed_by', value: (r) => r.statusChangedBy },
    { name: 'status_changed_at', value: (r) => isoOrNull(r.statusChangedAtMs) },
    { name: 'version', value: (r) => r.version },
    { name: 'created_by', value: (r) => r.createdBy },
    { name: 'created_at', value: (r) => iso(r.createdAtMs) },
    { name: 'updated_at', value: (r) => iso(r.updatedAtMs) },
  ];
}

function participantColumns(orgId: string): CopyColumn<ParticipantRow>[] {
  return [
    { name: 'organization_id', value: () => orgId },
    { name: 'id', value: (r) => r.id },
    { name: 'appointment_id', value: (r) => r.appointmentId },
    { name: 'role', value: (r) => r.role },
    { name: 'staff_member_id', value: (r) => r.staffId },
    { name: 'person_id', value: (r) => r.personId },
    { name: 'relative_id', value: (r) => r.relativeId },
    { name: 'resource_id', value: (r) => r.resourceId },
    { name: 'period', value: (r) => r.period },
    { name: 'blocking', value: (r) => r.blocking },
    { name: 'registration_status', value: (r) => r.registrationStatus },
    { name: 'waitlist_position', value: (r) => r.waitlistPosition },
    { name: 'attendance', value: (r) => r.attendance },
    { name: 'added_by', value: (r) => r.addedBy },
    { name: 'added_at', value: (r) => iso(r.addedAtMs) },
  ];
}
