// npm run bench -- [--data-dir ./data-bench] [--scale 1] [--duration 10] [--connections 10] ...
// Measures, in one run and next to a baseline measured in the same run: Relais's "read a person",
// "open a person's summary", capacity board, "open a plan with its history" and the structure's
// deadlines view, a week's agenda for a team of 20, the slot finder, booking under contention, the coordinator's home, French full-text search over the journal, the audit chain verifier and `npm start` to first page, on the embedded database (the data
// directory of `npm run bench:generate`, generated first if missing) and, when DATABASE_URL is set,
// on that PostgreSQL server too.
import pg from 'pg';
import { parseArgs } from 'node:util';
import type { Database } from '../src/db/connection.js';
import { countDataSet, defaultSeed, generateReferenceDataSet, type DataSetCounts } from './generators/reference-data-set.js';
import { terminalProgress } from './lib/progress.js';
import { formatTarget, machine, writeReport, type BenchReport, type TargetReport } from './lib/report.js';
import { defaultBenchDataDir, describeTarget, ensureServerDatabase, openTarget, type TargetOptions } from './lib/target.js';
import { measureRoutes } from './measures/routes.js';
import { measureContinuity } from './measures/continuity.js';
import { measureScheduling } from './measures/scheduling.js';
import { measureStartup } from './measures/startup.js';
import { measureVerifier } from './measures/verify-chain.js';

const usage = `Usage: npm run bench -- [options]
  --data-dir <path>     embedded data directory (generated first if it holds no data set) [${defaultBenchDataDir}]
  --scale <n>           scale of the data set when it must be generated [1]
  --seed <text>         seed of the data set when it must be generated [${defaultSeed}]
  --connections <n>     concurrent HTTP connections, the same for every route [10]
  --duration <s>        seconds of load per route [10]
  --warmup <s>          seconds of unmeasured load per route first [3]
  --sessions <n>        staff members signed in; requests rotate over their people [8]
  --verify-runs <n>     runs of the audit chain verifier (median) [3]
  --startup-runs <n>    starts of the built server (median); 0 to skip [5]
  --port-base <port>    ports to listen on: baseline, Relais, started server, then the scheduling measures' baseline and Relais, then the continuity measures' (0: any free port) [0]
With DATABASE_URL set, the same measures (but the start time) also run on that server.`;

function options() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      'data-dir': { type: 'string', default: defaultBenchDataDir },
      scale: { type: 'string', default: '1' },
      seed: { type: 'string', default: defaultSeed },
      connections: { type: 'string', default: '10' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      sessions: { type: 'string', default: '8' },
      'verify-runs': { type: 'string', default: '3' },
      'startup-runs': { type: 'string', default: '5' },
      'port-base': { type: 'string', default: '0' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const number = (name: string, text: string, min: number) => {
    const n = Number(text);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}, not ${text}`);
    return n;
  };
  return {
    dataDir: values['data-dir'],
    scale: number('scale', values.scale, 0.0001),
    seed: values.seed,
    connections: Math.round(number('connections', values.connections, 1)),
    durationSeconds: number('duration', values.duration, 1),
    warmupSeconds: number('warmup', values.warmup, 0),
    sessions: Math.round(number('sessions', values.sessions, 1)),
    verifyRuns: Math.round(number('verify-runs', values['verify-runs'], 1)),
    startupRuns: Math.round(number('startup-runs', values['startup-runs'], 0)),
    portBase: Math.round(number('port-base', values['port-base'], 0)),
  };
}
type Options = ReturnType<typeof options>;

const log = (line: string) => console.log(line);

/** Opens the target; on an empty database, generates the reference data set first. */
async function openWithDataSet(target: TargetOptions, opts: Options): Promise<{ database: Database; counts: DataSetCounts }> {
  if (target.databaseUrl) await ensureServerDatabase(target.databaseUrl);
  const database = await openTarget(target);
  try {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    let counts = await countDataSet(client).finally(() => client.end());
    if (counts.persons > 0 && counts.services === 0) {
      throw new Error(
        `${describeTarget(target)} holds a data set generated before referrals and admissions existed: generate it again (npm run bench:generate -- --reset${target.databaseUrl ? '' : ` --data-dir ${opts.dataDir}`})`,
      );
    }
    if (counts.persons > 0 && counts.plans === 0) {
      throw new Error(
        `${describeTarget(target)} holds a data set generated before plans existed: generate it again (npm run bench:generate -- --reset${target.databaseUrl ? '' : ` --data-dir ${opts.dataDir}`})`,
      );
    }
    if (counts.persons > 0 && counts.appointments === 0) {
      throw new Error(
        `${describeTarget(target)} holds a data set generated before appointments existed: generate it again (npm run bench:generate -- --reset${target.databaseUrl ? '' : ` --data-dir ${opts.dataDir}`})`,
      );
    }
    if (counts.persons > 0 && counts.journalEntries === 0) {
      throw new Error(
        `${describeTarget(target)} holds a data set generated before the journal existed: add it (npm run bench:generate -- --add continuity${target.databaseUrl ? '' : ` --data-dir ${opts.dataDir}`}), or generate everything again with --reset`,
      );
    }
    if (counts.persons === 0) {
      log(`No data set in ${describeTarget(target)}: generating one (scale ${opts.scale}, seed "${opts.seed}")`);
      const summary = await generateReferenceDataSet({ connectionString: database.url, scale: opts.scale, seed: opts.seed, progress: terminalProgress() });
      log(`  generated in ${(summary.totalMs / 1000).toFixed(1)} s`);
      counts = summary.counts;
    }
    return { database, counts };
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function measureTarget(target: TargetOptions, opts: Options): Promise<TargetReport> {
  const name = describeTarget(target);
  log(`\n== ${name}`);
  const { database, counts } = await openWithDataSet(target, opts);
  let routes: TargetReport['routes'];
  let scheduling: TargetReport['scheduling'];
  let continuity: TargetReport['continuity'];
  let verifier: TargetReport['verifier'];
  try {
    log('(a–f) baseline, GET /api/v1/people/:id, GET /api/v1/people/:id/summary, GET /api/v1/capacity-board, GET /api/v1/episodes/:episodeId/plan, GET /api/v1/deadlines?scope=structure');
    routes = await measureRoutes(database, {
      connections: opts.connections,
      durationSeconds: opts.durationSeconds,
      warmupSeconds: opts.warmupSeconds,
      sessions: opts.sessions,
      baselinePort: opts.portBase,
      relaisPort: opts.portBase ? opts.portBase + 1 : 0,
      log,
    });
    log('(i–k) GET /api/v1/agenda (week, team of 20), POST /api/v1/slots/search (4 weeks, 2 staff, 1 room, 1 person), booking under contention');
    scheduling = await measureScheduling(database, {
      connections: opts.connections,
      durationSeconds: opts.durationSeconds,
      warmupSeconds: opts.warmupSeconds,
      sessions: opts.sessions,
      baselinePort: opts.portBase ? opts.portBase + 3 : 0,
      relaisPort: opts.portBase ? opts.portBase + 4 : 0,
      log,
      baseline: routes.baseline,
    });
    log('(l–m) GET /api/v1/home (coordinators and practitioners with full caseloads), GET /api/v1/journal/search (French full-text search)');
    continuity = await measureContinuity(database, {
      connections: opts.connections,
      durationSeconds: opts.durationSeconds,
      warmupSeconds: opts.warmupSeconds,
      sessions: opts.sessions,
      baselinePort: opts.portBase ? opts.portBase + 5 : 0,
      relaisPort: opts.portBase ? opts.portBase + 6 : 0,
      log,
      baseline: routes.baseline,
    });
    log('(g) verify the audit chain');
    verifier = await measureVerifier(database, opts.verifyRuns);
  } finally {
    await database.close();
  }
  let startup: TargetReport['startup'] = null;
  if (!target.databaseUrl && opts.startupRuns > 0) {
    log('(h) npm start to first served page');
    startup = await measureStartup(target.dataDir, opts.startupRuns, opts.portBase ? opts.portBase + 2 : 0, log);
  }
  return { target: name, kind: target.databaseUrl ? 'server' : 'embedded', dataSet: counts, routes, scheduling, continuity, verifier, startup };
}

async function main() {
  let opts: Options;
  try {
    opts = options();
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: machine(),
    settings: { connections: opts.connections, durationSeconds: opts.durationSeconds, warmupSeconds: opts.warmupSeconds, sessions: opts.sessions },
    targets: [],
  };
  report.targets.push(await measureTarget({ dataDir: opts.dataDir }, opts));
  if (process.env.DATABASE_URL) report.targets.push(await measureTarget({ dataDir: opts.dataDir, databaseUrl: process.env.DATABASE_URL }, opts));

  const m = report.machine;
  console.log(`\nRelais bench — ${report.date} — ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, Node ${m.node}\n`);
  for (const t of report.targets) console.log(`${formatTarget(t, report.settings)}\n`);
  console.log(`Results written to ${writeReport(report)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
