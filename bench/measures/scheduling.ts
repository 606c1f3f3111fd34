import pg from 'pg';
import type { Database } from '../../src/db/connection.js';
import { isoWeekday, parisTimeMs } from '../generators/french-calendar.js';
import { runLoad, type LoadResult } from '../lib/load.js';
import { Random } from '../lib/random.js';
import { startSystemUnderTest } from '../lib/system-under-test.js';
import { signIn, versus, type RouteOptions, type VersusBaseline } from './routes.js';

/** Latency of one client asking in turn (no queueing behind other connections): up to 100 requests or 15 seconds. */
export interface SingleClient {
  requests: number;
  p50: number;
  p99: number;
}

export interface BookingContention {
  clients: number;
  slots: number;
  requests: number;
  /** 201 answers: bookings made. */
  bookings: number;
  /** 409 answers (the slot was just taken) and rule refusals by code (staff or person busy, pace…). */
  conflicts: number;
  refusals: Record<string, number>;
  /** Any other answer (5xx, connection errors): must be 0. */
  errors: number;
  seconds: number;
  requestsPerSecond: number;
  bookingsPerSecond: number;
  /** Bookings each contested slot got, as the answers said and as the database holds them. */
  bookingsPerSlot: number[];
  heldPerSlot: number[];
  /** Overlapping non-cancelled appointments of the contested staff member, in the whole database: must be 0. */
  doubleBookings: number;
}

export interface SchedulingMeasures {
  /** GET /api/v1/agenda for a week and a team of 20, signed in as coordinators. */
  agenda: LoadResult;
  agendaSingle: SingleClient;
  agendaSessions: number;
  agendaEventsPerAnswer: number;
  /** POST /api/v1/slots/search over 4 weeks: 2 staff, 1 room, 1 person. */
  slots: LoadResult;
  slotsSingle: SingleClient;
  slotSearches: number;
  slotsPerAnswer: number;
  vsBaseline: { agenda: VersusBaseline; slots: VersusBaseline };
  booking: BookingContention;
}

export const schedulingBudgets = {
  // DESIGN.md: "a coordinator's week agenda for a team of 20: p99 < 40 ms"; "find the next 10
  // feasible slots for a session (2 staff, 1 room, 1 person, 4 weeks): < 15 ms".
  agendaP99Ms: 40,
  slotsMs: 15,
} as const;

interface Session {
  id: string;
  email: string;
  cookie: string;
  csrf: string;
}

const dayMs = 86_400_000;
/** Today's date in Paris (YYYY-MM-DD) and its 00:00 UTC. */
function parisToday(now = Date.now()): { date: string; dayStartMs: number } {
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now));
  return { date, dayStartMs: Date.parse(`${date}T00:00:00Z`) };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function session(relaisUrl: string, id: string, email: string): Promise<Session> {
  const cookie = await signIn(relaisUrl, email);
  const response = await fetch(`${relaisUrl}/api/v1/session`, { headers: { cookie } });
  const body = (await response.json()) as { csrfToken?: string };
  if (response.status !== 200 || !body.csrfToken) throw new Error(`GET /api/v1/session as ${email} answered ${response.status}`);
  return { id, email, cookie, csrf: body.csrfToken };
}

interface Pick {
  organizationId: string;
  /** Coordinators, each with the 20 colleagues they share most care teams with (themselves first). */
  agendaTeams: { id: string; email: string; team: string[] }[];
  /** Slot searches: the reader, a colleague of the person's team, the person, their episode and a room. */
  searches: { reader: { id: string; email: string }; body: Record<string, unknown> }[];
  /** The contested staff member and the people they follow (phone sessions allowed, no pace set). */
  contested: { id: string; email: string; people: { personId: string; episodeId: string; serviceId: string }[] } | null;
}

async function pick(client: pg.Client, sessions: number): Promise<Pick> {
  const org = await client.query<{ id: string }>('SELECT o.id FROM organization o ORDER BY (SELECT count(*) FROM appointment a WHERE a.organization_id = o.id) DESC LIMIT 1');
  const organizationId = org.rows[0]?.id;
  if (!organizationId) throw new Error('the database holds no organization: generate the data set first');
  const withPermission = `EXISTS (SELECT 1 FROM staff_role sr JOIN role r ON r.organization_id = sr.organization_id AND r.id = sr.role_id
                                   WHERE sr.organization_id = s.organization_id AND sr.staff_member_id = s.id AND $2 = ANY (r.permissions))`;
  const coordinators = await client.query<{ id: string; email: string }>(
    `SELECT s.id, s.email::text AS email FROM staff_member s
      WHERE s.organization_id = $1 AND s.status = 'active' AND ${withPermission}
        AND EXISTS (SELECT 1 FROM staff_role sr JOIN role r ON r.organization_id = sr.organization_id AND r.id = sr.role_id
                     WHERE sr.organization_id = s.organization_id AND sr.staff_member_id = s.id AND r.code = 'coordinator')
      ORDER BY s.id LIMIT $3`,
    [organizationId, 'person:read', sessions],
  );
  const agendaTeams: Pick['agendaTeams'] = [];
  for (const c of coordinators.rows) {
    const team = await client.query<{ id: string }>(
      `SELECT c2.staff_member_id AS id FROM care_team_member c1
         JOIN care_team_member c2 ON c2.organization_id = c1.organization_id AND c2.person_id = c1.person_id AND c2.removed_at IS NULL
        WHERE c1.organization_id = $1 AND c1.staff_member_id = $2 AND c1.removed_at IS NULL
        GROUP BY c2.staff_member_id ORDER BY (c2.staff_member_id = $2) DESC, count(*) DESC, c2.staff_member_id LIMIT 20`,
      [organizationId, c.id],
    );
    if (team.rows.length === 20) agendaTeams.push({ ...c, team: team.rows.map((r) => r.id) });
  }
  if (agendaTeams.length === 0) throw new Error('no coordinator shares care teams with 20 colleagues: generate the reference data set first');

  // Practitioners who may book, largest current caseloads first; their people in a current episode whose service allows on-site sessions.
  const readers = await client.query<{ id: string; email: string }>(
    `SELECT s.id, s.email::text AS email FROM staff_member s
       JOIN care_team_member c ON c.organization_id = s.organization_id AND c.staff_member_id = s.id AND c.removed_at IS NULL
      WHERE s.organization_id = $1 AND s.status = 'active' AND ${withPermission}
        AND EXISTS (SELECT 1 FROM staff_role sr JOIN role r ON r.organization_id = sr.organization_id AND r.id = sr.role_id
                     WHERE sr.organization_id = s.organization_id AND sr.staff_member_id = s.id AND r.code = 'practitioner')
      GROUP BY s.organization_id, s.id, s.email ORDER BY count(*) DESC, s.id LIMIT $3`,
    [organizationId, 'appointment:book', sessions],
  );
  const rooms = await client.query<{ id: string }>("SELECT id FROM resource WHERE organization_id = $1 AND kind = 'room' AND (capacity IS NULL OR capacity <= 6) ORDER BY name", [organizationId]);
  const searches: Pick['searches'] = [];
  const today = parisToday();
  const to = new Date(today.dayStartMs + 27 * dayMs).toISOString().slice(0, 10);
  for (const r of readers.rows) {
    const people = await client.query<{ person_id: string; episode_id: string; service_id: string; colleague: string }>(
      `SELECT e.person_id, e.id AS episode_id, e.service_id,
              (SELECT c2.staff_member_id FROM care_team_member c2
                WHERE c2.organization_id = e.organization_id AND c2.person_id = e.person_id AND c2.removed_at IS NULL AND c2.staff_member_id <> $2
                  AND EXISTS (SELECT 1 FROM staff_role sr JOIN role ro ON ro.organization_id = sr.organization_id AND ro.id = sr.role_id
                               WHERE sr.organization_id = c2.organization_id AND sr.staff_member_id = c2.staff_member_id AND ro.code = 'practitioner')
                ORDER BY c2.staff_member_id LIMIT 1) AS colleague
         FROM episode e JOIN service s ON s.organization_id = e.organization_id AND s.id = e.service_id
        WHERE e.organization_id = $1 AND e.ended_on IS NULL AND 'on_site' = ANY (s.modalities)
          AND EXISTS (SELECT 1 FROM care_team_member c WHERE c.organization_id = e.organization_id AND c.person_id = e.person_id AND c.staff_member_id = $2 AND c.removed_at IS NULL)
        ORDER BY e.id LIMIT 6`,
      [organizationId, r.id],
    );
    for (const p of people.rows) {
      if (!p.colleague || rooms.rows.length === 0) continue;
      searches.push({
        reader: r,
        body: {
          serviceId: p.service_id,
          personId: p.person_id,
          episodeId: p.episode_id,
          modality: 'on_site',
          staff: [{ staffId: r.id }, { staffId: p.colleague }],
          resourceId: rooms.rows[searches.length % rooms.rows.length]!.id,
          from: today.date,
          to,
          limit: 10,
        },
      });
    }
  }
  if (searches.length === 0) throw new Error('no practitioner follows a person in a current on-site episode with a colleague: generate the reference data set first');

  // The contested agenda: the first reader; the people they follow whose service allows phone sessions and who have no pace set.
  let contested: Pick['contested'] = null;
  for (const r of readers.rows) {
    const people = await client.query<{ personId: string; episodeId: string; serviceId: string }>(
      `SELECT DISTINCT ON (e.person_id) e.person_id AS "personId", e.id AS "episodeId", e.service_id AS "serviceId"
         FROM episode e JOIN service s ON s.organization_id = e.organization_id AND s.id = e.service_id
        WHERE e.organization_id = $1 AND e.ended_on IS NULL AND 'phone' = ANY (s.modalities)
          AND EXISTS (SELECT 1 FROM care_team_member c WHERE c.organization_id = e.organization_id AND c.person_id = e.person_id AND c.staff_member_id = $2 AND c.removed_at IS NULL)
          AND NOT EXISTS (SELECT 1 FROM episode_pace x JOIN episode e2 ON e2.organization_id = x.organization_id AND e2.id = x.episode_id
                           WHERE x.organization_id = e.organization_id AND e2.person_id = e.person_id)
        ORDER BY e.person_id, e.started_on DESC LIMIT 50`,
      [organizationId, r.id],
    );
    if (people.rows.length >= 10) {
      contested = { ...r, people: people.rows };
      break;
    }
  }
  return { organizationId, agendaTeams, searches, contested };
}

type NextRequest = () => { path: string; headers: Record<string, string>; method?: 'GET' | 'POST'; body?: string };

async function single(url: string, next: NextRequest, count: number, maxSeconds = 15): Promise<SingleClient> {
  const times: number[] = [];
  const until = performance.now() + maxSeconds * 1000;
  for (let i = 0; i < count && performance.now() < until; i++) {
    const r = next();
    const started = performance.now();
    const response = await fetch(`${url}${r.path}`, { method: r.method ?? 'GET', headers: r.headers, ...(r.body ? { body: r.body } : {}) });
    await response.arrayBuffer();
    if (response.status === 200) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { requests: times.length, p50: percentile(times, 50), p99: percentile(times, 99) };
}

/**
 * On the system under test of a fresh process: (i) a coordinator's week agenda for a team of 20,
 * (j) the slot finder over 4 weeks for 2 staff, 1 room and 1 person, both under the same load as
 * the other routes and by one client asking in turn, and (k) 50 clients racing to book the same
 * practitioner in the same slots, then the database asked how many bookings each slot holds.
 * Ratios are to the baseline measured in the same run (`baseline`).
 */
export async function measureScheduling(database: Database, options: RouteOptions & { baseline: LoadResult; clients?: number; contestedSlots?: number }): Promise<SchedulingMeasures> {
  const owner = new pg.Client({ connectionString: database.url });
  await owner.connect();
  try {
    const picked = await pick(owner, options.sessions);
    const system = await startSystemUnderTest({
      databaseUrl: database.url,
      kind: database.kind,
      organizationId: picked.organizationId,
      baselinePort: options.baselinePort,
      relaisPort: options.relaisPort,
      poolSize: 20,
    });
    try {
      const url = system.relaisUrl;
      const sessions = new Map<string, Session>();
      const sessionOf = async (s: { id: string; email: string }) => {
        let known = sessions.get(s.id);
        if (!known) {
          known = await session(url, s.id, s.email);
          sessions.set(s.id, known);
        }
        return known;
      };

      // (i) Agenda: every (coordinator, week) pair, four weeks around today, shuffled once.
      const today = parisToday();
      const monday = today.dayStartMs - (isoWeekday(today.dayStartMs) - 1) * dayMs;
      const weeks = [-2, -1, 0, 1].map((w) => {
        const start = monday + w * 7 * dayMs;
        return { from: new Date(parisTimeMs(start, 0)).toISOString(), to: new Date(parisTimeMs(start + 7 * dayMs, 0)).toISOString() };
      });
      const agendaRequests: { path: string; headers: Record<string, string> }[] = [];
      for (const t of picked.agendaTeams) {
        const s = await sessionOf(t);
        for (const w of weeks) agendaRequests.push({ path: `/api/v1/agenda?from=${encodeURIComponent(w.from)}&to=${encodeURIComponent(w.to)}&staffIds=${t.team.join(',')}`, headers: { cookie: s.cookie } });
      }
      new Random('bench-agenda').shuffle(agendaRequests);
      const agendaNext = (): NextRequest => {
        let i = 0;
        return () => agendaRequests[i++ % agendaRequests.length]!;
      };
      let events = 0;
      for (const r of agendaRequests) {
        const response = await fetch(`${url}${r.path}`, { headers: r.headers });
        if (response.status !== 200) throw new Error(`GET ${r.path} answered ${response.status}: ${await response.text()}`);
        events += ((await response.json()) as { events: unknown[] }).events.length;
      }

      // (j) Slot finder.
      const slotRequests: { path: string; headers: Record<string, string>; method: 'POST'; body: string }[] = [];
      for (const search of picked.searches) {
        const s = await sessionOf(search.reader);
        slotRequests.push({ path: '/api/v1/slots/search', method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, body: JSON.stringify(search.body) });
      }
      new Random('bench-slots').shuffle(slotRequests);
      const slotsNext = (): NextRequest => {
        let i = 0;
        return () => slotRequests[i++ % slotRequests.length]!;
      };
      let found = 0;
      for (const r of slotRequests) {
        const response = await fetch(`${url}${r.path}`, { method: 'POST', headers: r.headers, body: r.body });
        if (response.status !== 200) throw new Error(`POST ${r.path} ${r.body} answered ${response.status}: ${await response.text()}`);
        found += ((await response.json()) as { slots: unknown[] }).slots.length;
      }
      options.log(
        `  ${picked.agendaTeams.length} coordinator sessions × 4 weeks (team of 20, ${(events / agendaRequests.length).toFixed(0)} events per answer); ` +
          `${slotRequests.length} slot searches from ${new Set(picked.searches.map((s) => s.reader.id)).size} practitioners (${(found / slotRequests.length).toFixed(1)} slots per answer)`,
      );

      const load = (next: NextRequest, durationSeconds: number) => runLoad({ url, connections: options.connections, durationSeconds, next });
      if (options.warmupSeconds > 0) {
        options.log(`  warming up (${options.warmupSeconds} s per route)`);
        await load(agendaNext(), options.warmupSeconds);
        await load(slotsNext(), options.warmupSeconds);
      }
      options.log(`  GET /api/v1/agenda: ${options.connections} connections, ${options.durationSeconds} s`);
      const agenda = await load(agendaNext(), options.durationSeconds);
      const agendaSingle = await single(url, agendaNext(), 100);
      options.log(`  POST /api/v1/slots/search: ${options.connections} connections, ${options.durationSeconds} s`);
      const slots = await load(slotsNext(), options.durationSeconds);
      const slotsSingle = await single(url, slotsNext(), 100);

      // (k) Booking under contention.
      if (!picked.contested) throw new Error('no practitioner follows 10 people without a pace set: generate the reference data set first');
      const booking = await contend(url, owner, picked.organizationId, await sessionOf(picked.contested), picked.contested.people, options.clients ?? 50, options.contestedSlots ?? 10, options.log);
      return {
        agenda,
        agendaSingle,
        agendaSessions: picked.agendaTeams.length,
        agendaEventsPerAnswer: events / agendaRequests.length,
        slots,
        slotsSingle,
        slotSearches: slotRequests.length,
        slotsPerAnswer: found / slotRequests.length,
        vsBaseline: { agenda: versus(agenda, options.baseline), slots: versus(slots, options.baseline) },
        booking,
      };
    } finally {
      await system.stop();
    }
  } finally {
    await owner.end();
  }
}

/**
 * `clients` concurrent requests per slot, each booking a different person (of the contested
 * practitioner's caseload) with the same practitioner in the same slot: exactly one may win. The
 * slots are the practitioner's next free ones as the slot finder gives them. Afterwards the database
 * says how many appointments each slot holds, and whether the practitioner has any overlap at all;
 * the bookings made are then removed, so the data set stays as generated.
 */
async function contend(
  url: string,
  owner: pg.Client,
  organizationId: string,
  s: Session,
  people: { personId: string; episodeId: string; serviceId: string }[],
  clients: number,
  slotCount: number,
  log: (line: string) => void,
): Promise<BookingContention> {
  const headers = { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' };
  const today = parisToday();
  const first = people[0]!;
  const search = await fetch(`${url}/api/v1/slots/search`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ serviceId: first.serviceId, personId: first.personId, episodeId: first.episodeId, durationMinutes: 30, modality: 'phone', staff: [{ staffId: s.id }], from: today.date, to: new Date(today.dayStartMs + 27 * dayMs).toISOString().slice(0, 10), limit: slotCount, order: 'spread' }),
  });
  if (search.status !== 200) throw new Error(`the slot search for the contention answered ${search.status}: ${await search.text()}`);
  const slots = ((await search.json()) as { slots: { startsAt: string; endsAt: string }[] }).slots;
  if (slots.length === 0) throw new Error('the contested practitioner has no free slot in the next four weeks');
  log(`  booking under contention: ${clients} clients × ${slots.length} slots of one practitioner, ${Math.min(clients, people.length)} different people`);

  const refusals: Record<string, number> = {};
  let bookings = 0;
  let conflicts = 0;
  let errors = 0;
  const bookingsPerSlot: number[] = [];
  const made: string[] = [];
  const started = performance.now();
  for (const slot of slots) {
    const answers = await Promise.all(
      Array.from({ length: clients }, async (_, i) => {
        const p = people[i % people.length]!;
        const body = { kind: 'individual', serviceId: p.serviceId, episodeId: p.episodeId, personId: p.personId, modality: 'phone', startsAt: slot.startsAt, endsAt: slot.endsAt, staffIds: [s.id] };
        try {
          const response = await fetch(`${url}/api/v1/appointments`, { method: 'POST', headers, body: JSON.stringify(body) });
          const reply = (await response.json()) as { id?: string; code?: string };
          return { status: response.status, id: reply.id ?? null, code: reply.code ?? null };
        } catch {
          return { status: 0, id: null, code: null };
        }
      }),
    );
    let won = 0;
    for (const a of answers) {
      if (a.status === 201 && a.id) {
        won++;
        made.push(a.id);
      } else if (a.status === 409) conflicts++;
      else if (a.status >= 400 && a.status < 500) refusals[a.code ?? String(a.status)] = (refusals[a.code ?? String(a.status)] ?? 0) + 1;
      else errors++;
    }
    bookings += won;
    bookingsPerSlot.push(won);
  }
  const seconds = (performance.now() - started) / 1000;

  const held = await owner.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM appointment_participant p
              WHERE p.organization_id = $1 AND p.staff_member_id = $2 AND p.blocking AND p.period && tstzrange(s.starts_at, s.ends_at, '[)'))::int AS n
       FROM unnest($3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS s(starts_at, ends_at, i) ORDER BY i`,
    [organizationId, s.id, slots.map((x) => x.startsAt), slots.map((x) => x.endsAt)],
  );
  const overlaps = await owner.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT p.period, lag(p.period) OVER (ORDER BY lower(p.period)) AS previous
         FROM appointment_participant p WHERE p.organization_id = $1 AND p.staff_member_id = $2 AND p.blocking) x
      WHERE x.previous && x.period`,
    [organizationId, s.id],
  );
  // Leave the data set as it was generated (reminders the bookings scheduled go with them).
  await owner.query('BEGIN');
  try {
    await owner.query('DELETE FROM reminder WHERE organization_id = $1 AND appointment_id = ANY($2::uuid[])', [organizationId, made]);
    await owner.query('DELETE FROM appointment_participant WHERE organization_id = $1 AND appointment_id = ANY($2::uuid[])', [organizationId, made]);
    await owner.query('DELETE FROM appointment WHERE organization_id = $1 AND id = ANY($2::uuid[])', [organizationId, made]);
    await owner.query('COMMIT');
  } catch (error) {
    await owner.query('ROLLBACK');
    log(`  (could not remove the bookings made: ${(error as Error).message})`);
  }
  const requests = clients * slots.length;
  return {
    clients,
    slots: slots.length,
    requests,
    bookings,
    conflicts,
    refusals,
    errors,
    seconds,
    requestsPerSecond: requests / seconds,
    bookingsPerSecond: bookings / seconds,
    bookingsPerSlot,
    heldPerSlot: held.rows.map((r) => r.n),
    doubleBookings: overlaps.rows[0]!.n,
  };
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const ratio = (v: VersusBaseline) => `${v.requestsPerSecond < 0.1 ? v.requestsPerSecond.toPrecision(2) : v.requestsPerSecond.toFixed(2)}× req/s, ${v.p99.toFixed(1)}× p99`;

/** Rows for the bench's table: measure, result, p50, p99, vs baseline, budget, verdict. */
export function schedulingRows(m: SchedulingMeasures): string[][] {
  const b = m.booking;
  const heldOk = b.heldPerSlot.every((n) => n === 1) && b.bookingsPerSlot.every((n) => n === 1);
  return [
    [
      `GET /api/v1/agenda (week, team of 20; ${m.agendaSessions} coordinator sessions, ${int(m.agendaEventsPerAnswer)} events per answer)`,
      `${int(m.agenda.requestsPerSecond)} req/s`,
      ms(m.agenda.latencyMs.p50),
      ms(m.agenda.latencyMs.p99),
      ratio(m.vsBaseline.agenda),
      `p99 < ${schedulingBudgets.agendaP99Ms} ms`,
      m.agenda.latencyMs.p99 < schedulingBudgets.agendaP99Ms ? 'met' : 'MISSED',
    ],
    [`  the same, one client at a time (${m.agendaSingle.requests} requests)`, '', ms(m.agendaSingle.p50), ms(m.agendaSingle.p99), '', `p99 < ${schedulingBudgets.agendaP99Ms} ms`, m.agendaSingle.p99 < schedulingBudgets.agendaP99Ms ? 'met' : 'MISSED'],
    [
      `POST /api/v1/slots/search (4 weeks, 2 staff, 1 room, 1 person; ${m.slotSearches} searches, ${m.slotsPerAnswer.toFixed(1)} slots per answer)`,
      `${int(m.slots.requestsPerSecond)} req/s`,
      ms(m.slots.latencyMs.p50),
      ms(m.slots.latencyMs.p99),
      ratio(m.vsBaseline.slots),
      `< ${schedulingBudgets.slotsMs} ms`,
      m.slots.latencyMs.p99 < schedulingBudgets.slotsMs ? 'met' : 'MISSED',
    ],
    [`  the same, one client at a time (${m.slotsSingle.requests} requests)`, '', ms(m.slotsSingle.p50), ms(m.slotsSingle.p99), '', `< ${schedulingBudgets.slotsMs} ms`, m.slotsSingle.p99 < schedulingBudgets.slotsMs ? 'met' : 'MISSED'],
    [
      `POST /api/v1/appointments, ${b.clients} clients racing for each of ${b.slots} slots (${int(b.bookings)} booked, ${int(b.conflicts)} conflicts, ${int(Object.values(b.refusals).reduce((x, y) => x + y, 0))} refused by a rule)`,
      `${b.requestsPerSecond.toFixed(0)} req/s, ${b.bookingsPerSecond.toFixed(1)} bookings/s`,
      '',
      '',
      '',
      'zero double bookings',
      b.doubleBookings === 0 && heldOk && b.errors === 0 ? 'met' : 'MISSED',
    ],
  ];
}

export function schedulingProblems(m: SchedulingMeasures): string[] {
  const problems: string[] = [];
  for (const [name, r] of [['agenda', m.agenda], ['slot finder', m.slots]] as const) {
    if (r.non2xx || r.errors) problems.push(`  WARNING ${name}: ${r.non2xx} non-2xx answers, ${r.errors} connection errors out of ${r.requests}`);
  }
  const b = m.booking;
  if (b.errors) problems.push(`  WARNING booking under contention: ${b.errors} answers neither 201 nor 4xx`);
  if (!b.bookingsPerSlot.every((n) => n === 1)) problems.push(`  WARNING booking under contention: bookings per slot ${JSON.stringify(b.bookingsPerSlot)} (each slot should have exactly one)`);
  if (!b.heldPerSlot.every((n) => n === 1)) problems.push(`  WARNING booking under contention: the database holds ${JSON.stringify(b.heldPerSlot)} appointments per contested slot`);
  if (b.doubleBookings) problems.push(`  WARNING booking under contention: ${b.doubleBookings} overlapping appointments for the contested practitioner`);
  if (Object.keys(b.refusals).length) problems.push(`  note: refusals by rule during the race: ${JSON.stringify(b.refusals)}`);
  return problems;
}
