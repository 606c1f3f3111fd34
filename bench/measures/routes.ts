import pg from 'pg';
import type { Database } from '../../src/db/connection.js';
import { benchPassword } from '../generators/staff.js';
import { runLoad, type LoadResult } from '../lib/load.js';
import { Random } from '../lib/random.js';
import { startSystemUnderTest } from '../lib/system-under-test.js';

export interface RouteOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** Staff members signed in (each a real session); requests rotate over their people. */
  sessions: number;
  /** 0: any free port. */
  baselinePort: number;
  relaisPort: number;
  log: (line: string) => void;
}

/** A route's figures against the baseline of the same run: throughput ratio, and latency as multiples of the baseline's. */
export interface VersusBaseline {
  requestsPerSecond: number;
  p50: number;
  p99: number;
}

export interface RouteMeasures {
  baseline: LoadResult;
  /** GET /api/v1/people/:id */
  readPerson: LoadResult;
  /** GET /api/v1/people/:id/summary, over the same (session, person) pairs. */
  summary: LoadResult;
  /** GET /api/v1/capacity-board, signed in as coordinators (referral:triage). */
  capacityBoard: LoadResult;
  /** GET /api/v1/episodes/:episodeId/plan (the plan with its history), over (session, episode) pairs of the same readers' people. */
  plan: LoadResult;
  /** GET /api/v1/deadlines?scope=structure, signed in as coordinators (deadlines:oversee). */
  deadlines: LoadResult;
  vsBaseline: { readPerson: VersusBaseline; summary: VersusBaseline; capacityBoard: VersusBaseline; plan: VersusBaseline; deadlines: VersusBaseline };
  distinctPeople: number;
  sessions: number;
  coordinatorSessions: number;
  /** Episodes with a plan the plan view rotates over, and what one answer holds on average. */
  planEpisodes: number;
  planVersionsPerEpisode: number;
  deadlineSessions: number;
  /** What one answer of the deadlines view held: items shown, and items due or overdue in all. */
  deadlineItems: { shown: number; total: number };
}

interface Reader {
  id: string;
  email: string;
  people: string[];
  /** Episodes of those people that have a plan. */
  planEpisodes: string[];
}

/** Staff who may read records (person:read) or triage referrals (referral:triage), largest caseloads first. */
async function staffWithPermission(client: pg.Client, organizationId: string, permission: string, limit: number) {
  const { rows } = await client.query<{ id: string; email: string }>(
    `SELECT s.id, s.email::text AS email
       FROM staff_member s
       LEFT JOIN care_team_member c ON c.organization_id = s.organization_id AND c.staff_member_id = s.id AND c.removed_at IS NULL
      WHERE s.organization_id = $1 AND s.status = 'active'
        AND EXISTS (SELECT 1 FROM staff_role sr JOIN role r ON r.organization_id = sr.organization_id AND r.id = sr.role_id
                     WHERE sr.organization_id = s.organization_id AND sr.staff_member_id = s.id AND $2 = ANY (r.permissions))
      GROUP BY s.organization_id, s.id, s.email
      HAVING $2 <> 'person:read' OR count(c.id) > 0
      ORDER BY count(c.id) DESC, s.id
      LIMIT $3`,
    [organizationId, permission, limit],
  );
  return rows;
}

/** The staff members with the largest caseloads among those who may read records, their people and those people's plans; and coordinators. */
async function pickStaff(
  client: pg.Client,
  sessions: number,
): Promise<{ organizationId: string; readers: Reader[]; coordinators: { id: string; email: string }[]; overseers: { id: string; email: string }[]; versionsPerPlan: number }> {
  const org = await client.query<{ id: string }>('SELECT o.id FROM organization o ORDER BY (SELECT count(*) FROM person p WHERE p.organization_id = o.id) DESC LIMIT 1');
  const organizationId = org.rows[0]?.id;
  if (!organizationId) throw new Error('the database holds no organization: generate the data set first');
  const readers: Reader[] = [];
  for (const s of await staffWithPermission(client, organizationId, 'person:read', sessions)) {
    const people = await client.query<{ person_id: string }>(
      'SELECT person_id FROM care_team_member WHERE organization_id = $1 AND staff_member_id = $2 AND removed_at IS NULL ORDER BY person_id',
      [organizationId, s.id],
    );
    const planned = await client.query<{ episode_id: string }>(
      `SELECT p.episode_id FROM plan p
        WHERE p.organization_id = $1
          AND EXISTS (SELECT 1 FROM care_team_member c WHERE c.organization_id = p.organization_id AND c.person_id = p.person_id
                         AND c.staff_member_id = $2 AND c.removed_at IS NULL)
        ORDER BY p.episode_id`,
      [organizationId, s.id],
    );
    readers.push({ id: s.id, email: s.email, people: people.rows.map((r) => r.person_id), planEpisodes: planned.rows.map((r) => r.episode_id) });
  }
  if (readers.length === 0) throw new Error('no staff member is on a care team: generate the data set first');
  const coordinators = await staffWithPermission(client, organizationId, 'referral:triage', sessions);
  if (coordinators.length === 0) throw new Error('no staff member may triage referrals: generate the data set first');
  const overseers = await staffWithPermission(client, organizationId, 'deadlines:oversee', sessions);
  if (overseers.length === 0) throw new Error('no staff member oversees the deadlines (deadlines:oversee): generate the data set first');
  const episodes = [...new Set(readers.flatMap((r) => r.planEpisodes))];
  const versions = await client.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM plan_version v JOIN plan p ON p.organization_id = v.organization_id AND p.id = v.plan_id WHERE p.organization_id = $1 AND p.episode_id = ANY($2::uuid[])',
    [organizationId, episodes],
  );
  return { organizationId, readers, coordinators, overseers, versionsPerPlan: episodes.length ? versions.rows[0]!.n / episodes.length : 0 };
}

/** Signs in through the public route, as a browser does, and returns the session cookie. */
export async function signIn(relaisUrl: string, email: string): Promise<string> {
  const response = await fetch(`${relaisUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: benchPassword }),
  });
  const body = (await response.json()) as { stage?: string };
  if (response.status !== 200 || body.stage !== 'active') throw new Error(`sign-in as ${email} failed: ${response.status} ${JSON.stringify(body)}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('relais_session='));
  if (!cookie) throw new Error('sign-in set no session cookie');
  return cookie.split(';')[0]!;
}

export function versus(route: LoadResult, baseline: LoadResult): VersusBaseline {
  const floor = (n: number) => Math.max(n, 0.01);
  return {
    requestsPerSecond: route.requestsPerSecond / floor(baseline.requestsPerSecond),
    p50: route.latencyMs.p50 / floor(baseline.latencyMs.p50),
    p99: route.latencyMs.p99 / floor(baseline.latencyMs.p99),
  };
}

type NextRequest = () => { path: string; headers: Record<string, string> };

/**
 * On one database, with the same connections and duration: (a) the baseline, (b) Relais's "read a
 * person", (c) "open a person's summary" over the same sequence of (session, person) pairs (the
 * readers are on those people's care teams), (d) the capacity board, signed in as coordinators,
 * (e) "open a plan with its history" over (session, episode) pairs of the same readers' people, and
 * (f) the structure's deadlines view, signed in as coordinators (deadlines:oversee).
 * Each Relais request resolves a real session, checks the policy and writes its audit events in the
 * same transaction.
 */
export async function measureRoutes(database: Database, options: RouteOptions): Promise<RouteMeasures> {
  const owner = new pg.Client({ connectionString: database.url });
  await owner.connect();
  let picked: Awaited<ReturnType<typeof pickStaff>>;
  try {
    picked = await pickStaff(owner, options.sessions);
  } finally {
    await owner.end();
  }
  const system = await startSystemUnderTest({
    databaseUrl: database.url,
    kind: database.kind,
    organizationId: picked.organizationId,
    baselinePort: options.baselinePort,
    relaisPort: options.relaisPort,
    poolSize: 20,
  });
  try {
    const cookies = new Map<string, string>();
    for (const s of [...picked.readers, ...picked.coordinators, ...picked.overseers]) if (!cookies.has(s.id)) cookies.set(s.id, await signIn(system.relaisUrl, s.email));
    // Every (session, person) pair, shuffled once with a fixed seed: the person routes see the same sequence.
    const pairs = new Random('bench-read-person').shuffle(picked.readers.flatMap((r) => r.people.map((personId) => ({ cookie: cookies.get(r.id)!, personId }))));
    const distinctPeople = new Set(pairs.map((p) => p.personId)).size;
    const coordinatorCookies = picked.coordinators.map((c) => cookies.get(c.id)!);
    // Every (session, episode with a plan) pair of the same readers, shuffled once with a fixed seed.
    const planPairs = new Random('bench-read-plan').shuffle(picked.readers.flatMap((r) => r.planEpisodes.map((episodeId) => ({ cookie: cookies.get(r.id)!, episodeId }))));
    if (planPairs.length === 0) throw new Error('none of the readers’ people has a plan: generate the data set again (npm run bench:generate -- --reset)');
    const planEpisodes = new Set(planPairs.map((p) => p.episodeId)).size;
    const overseerCookies = picked.overseers.map((c) => cookies.get(c.id)!);
    options.log(
      `  ${picked.readers.length} sessions signed in, ${distinctPeople} different people, ${planEpisodes} plans (${picked.versionsPerPlan.toFixed(1)} versions each on average); ` +
        `${coordinatorCookies.length} coordinator sessions (board), ${overseerCookies.length} overseeing the deadlines`,
    );

    const personSequence = (route: (personId: string) => string, withCookie: boolean): NextRequest => {
      let i = 0;
      return () => {
        const pair = pairs[i++ % pairs.length]!;
        const headers: Record<string, string> = withCookie ? { cookie: pair.cookie } : {};
        return { path: route(pair.personId), headers };
      };
    };
    const boardSequence = (): NextRequest => {
      let i = 0;
      return () => ({ path: '/api/v1/capacity-board', headers: { cookie: coordinatorCookies[i++ % coordinatorCookies.length]! } });
    };
    const planSequence = (): NextRequest => {
      let i = 0;
      return () => {
        const pair = planPairs[i++ % planPairs.length]!;
        return { path: `/api/v1/episodes/${pair.episodeId}/plan`, headers: { cookie: pair.cookie } };
      };
    };
    const deadlinesSequence = (): NextRequest => {
      let i = 0;
      return () => ({ path: '/api/v1/deadlines?scope=structure', headers: { cookie: overseerCookies[i++ % overseerCookies.length]! } });
    };
    const routes: { name: string; url: string; next: () => NextRequest }[] = [
      { name: 'baseline', url: system.baselineUrl, next: () => personSequence((id) => `/baseline/people/${id}`, false) },
      { name: 'GET /api/v1/people/:id', url: system.relaisUrl, next: () => personSequence((id) => `/api/v1/people/${id}`, true) },
      { name: 'GET /api/v1/people/:id/summary', url: system.relaisUrl, next: () => personSequence((id) => `/api/v1/people/${id}/summary`, true) },
      { name: 'GET /api/v1/capacity-board', url: system.relaisUrl, next: boardSequence },
      { name: 'GET /api/v1/episodes/:episodeId/plan', url: system.relaisUrl, next: planSequence },
      { name: 'GET /api/v1/deadlines?scope=structure', url: system.relaisUrl, next: deadlinesSequence },
    ];
    let deadlineItems = { shown: 0, total: 0 };
    for (const route of routes) {
      const first = route.next()();
      const check = await fetch(`${route.url}${first.path}`, { headers: first.headers });
      if (check.status !== 200) throw new Error(`${route.url}${first.path} answered ${check.status}: ${await check.text()}`);
      if (route.next === deadlinesSequence) {
        const body = (await check.json()) as { items: unknown[]; total: number };
        deadlineItems = { shown: body.items.length, total: body.total };
      } else {
        await check.arrayBuffer();
      }
    }

    const load = (url: string, next: NextRequest, durationSeconds: number) => runLoad({ url, connections: options.connections, durationSeconds, next });
    if (options.warmupSeconds > 0) {
      options.log(`  warming up (${options.warmupSeconds} s per route)`);
      for (const route of routes) await load(route.url, route.next(), options.warmupSeconds);
    }
    const results: LoadResult[] = [];
    for (const route of routes) {
      options.log(`  ${route.name}: ${options.connections} connections, ${options.durationSeconds} s`);
      results.push(await load(route.url, route.next(), options.durationSeconds));
    }
    const [baseline, readPerson, summary, capacityBoard, plan, deadlines] = results as [LoadResult, LoadResult, LoadResult, LoadResult, LoadResult, LoadResult];
    return {
      baseline,
      readPerson,
      summary,
      capacityBoard,
      plan,
      deadlines,
      vsBaseline: {
        readPerson: versus(readPerson, baseline),
        summary: versus(summary, baseline),
        capacityBoard: versus(capacityBoard, baseline),
        plan: versus(plan, baseline),
        deadlines: versus(deadlines, baseline),
      },
      distinctPeople,
      sessions: picked.readers.length,
      coordinatorSessions: coordinatorCookies.length,
      planEpisodes,
      planVersionsPerEpisode: picked.versionsPerPlan,
      deadlineSessions: overseerCookies.length,
      deadlineItems,
    };
  } finally {
    await system.stop();
  }
}
