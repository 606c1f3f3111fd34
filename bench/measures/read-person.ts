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

export interface RouteMeasures {
  baseline: LoadResult;
  readPerson: LoadResult;
  distinctPeople: number;
  sessions: number;
}

interface Reader {
  id: string;
  email: string;
  people: string[];
}

/** The staff members with the largest caseloads among those who may read records, and their people. */
async function pickReaders(client: pg.Client, sessions: number): Promise<{ organizationId: string; readers: Reader[] }> {
  const org = await client.query<{ id: string }>('SELECT o.id FROM organization o ORDER BY (SELECT count(*) FROM person p WHERE p.organization_id = o.id) DESC LIMIT 1');
  const organizationId = org.rows[0]?.id;
  if (!organizationId) throw new Error('the database holds no organization: generate the data set first');
  const staff = await client.query<{ id: string; email: string }>(
    `SELECT s.id, s.email::text AS email
       FROM staff_member s
       JOIN care_team_member c ON c.organization_id = s.organization_id AND c.staff_member_id = s.id AND c.removed_at IS NULL
      WHERE s.organization_id = $1 AND s.status = 'active'
        AND EXISTS (SELECT 1 FROM staff_role sr JOIN role r ON r.organization_id = sr.organization_id AND r.id = sr.role_id
                     WHERE sr.organization_id = s.organization_id AND sr.staff_member_id = s.id AND 'person:read' = ANY (r.permissions))
      GROUP BY s.organization_id, s.id, s.email
      ORDER BY count(*) DESC, s.id
      LIMIT $2`,
    [organizationId, sessions],
  );
  const readers: Reader[] = [];
  for (const s of staff.rows) {
    const people = await client.query<{ person_id: string }>(
      'SELECT person_id FROM care_team_member WHERE organization_id = $1 AND staff_member_id = $2 AND removed_at IS NULL ORDER BY person_id',
      [organizationId, s.id],
    );
    readers.push({ id: s.id, email: s.email, people: people.rows.map((r) => r.person_id) });
  }
  if (readers.length === 0) throw new Error('no staff member is on a care team: generate the data set first');
  return { organizationId, readers };
}

/** Signs in through the public route, as a browser does, and returns the session cookie. */
async function signIn(relaisUrl: string, email: string): Promise<string> {
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

/**
 * (a) the baseline and (b) Relais's authenticated "read a person" route, on one database, with
 * the same connections, duration and sequence of people. Each Relais request resolves a real
 * session, checks the care team and writes an audit event in the same transaction.
 */
export async function measureReadPerson(database: Database, options: RouteOptions): Promise<RouteMeasures> {
  const owner = new pg.Client({ connectionString: database.url });
  await owner.connect();
  let picked: Awaited<ReturnType<typeof pickReaders>>;
  try {
    picked = await pickReaders(owner, options.sessions);
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
    for (const reader of picked.readers) cookies.set(reader.id, await signIn(system.relaisUrl, reader.email));
    // Every (session, person) pair, shuffled once with a fixed seed: both routes see the same sequence.
    const pairs = new Random('bench-read-person').shuffle(picked.readers.flatMap((r) => r.people.map((personId) => ({ cookie: cookies.get(r.id)!, personId }))));
    const distinctPeople = new Set(pairs.map((p) => p.personId)).size;
    options.log(`  ${picked.readers.length} sessions signed in, ${distinctPeople} different people`);

    type NextRequest = () => { path: string; headers: Record<string, string> };
    const sequence = (route: (personId: string) => string, withCookie: boolean): NextRequest => {
      let i = 0;
      return () => {
        const pair = pairs[i++ % pairs.length]!;
        const headers: Record<string, string> = withCookie ? { cookie: pair.cookie } : {};
        return { path: route(pair.personId), headers };
      };
    };
    const baselineRoute = (id: string) => `/baseline/people/${id}`;
    const relaisRoute = (id: string) => `/api/v1/people/${id}`;
    for (const [url, route, withCookie] of [[system.baselineUrl, baselineRoute, false], [system.relaisUrl, relaisRoute, true]] as const) {
      const first = sequence(route, withCookie)();
      const check = await fetch(`${url}${first.path}`, { headers: first.headers });
      if (check.status !== 200) throw new Error(`${url}${first.path} answered ${check.status}: ${await check.text()}`);
    }

    const load = (url: string, next: NextRequest, durationSeconds: number) =>
      runLoad({ url, connections: options.connections, durationSeconds, next });
    if (options.warmupSeconds > 0) {
      options.log(`  warming up (${options.warmupSeconds} s per route)`);
      await load(system.baselineUrl, sequence(baselineRoute, false), options.warmupSeconds);
      await load(system.relaisUrl, sequence(relaisRoute, true), options.warmupSeconds);
    }
    options.log(`  baseline: ${options.connections} connections, ${options.durationSeconds} s`);
    const baseline = await load(system.baselineUrl, sequence(baselineRoute, false), options.durationSeconds);
    options.log(`  GET /api/v1/people/:id: ${options.connections} connections, ${options.durationSeconds} s`);
    const readPerson = await load(system.relaisUrl, sequence(relaisRoute, true), options.durationSeconds);
    return { baseline, readPerson, distinctPeople, sessions: picked.readers.length };
  } finally {
    await system.stop();
  }
}
