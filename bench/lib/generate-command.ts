import { parseArgs } from 'node:util';
import { benchPassword } from '../generators/staff.js';
import { addableSteps, addStepToDataSet, defaultSeed, generateReferenceDataSet, type AddableStep, type GenerationSummary } from '../generators/reference-data-set.js';
import { terminalProgress } from './progress.js';
import { defaultBenchDataDir, describeTarget, ensureServerDatabase, openTarget, resetTarget, type TargetOptions } from './target.js';

export interface GenerateCommand {
  target: TargetOptions;
  seed: string;
  scale: number;
  anchor: Date | undefined;
  reset: boolean;
  /** Only add this step's data to an existing data set. */
  add: AddableStep | null;
}

export const generateUsage = `Usage: npm run bench:generate -- [options]
  --scale <n>        share of the reference data set (1 = 10,000 persons, 300 staff, ~11,000 referrals, ~9,000 episodes with their plans and contracts, 1,000,000 audit events; 0.01 for a quick run) [1]
  --seed <text>      random seed: the same seed and anchor give the same data [${defaultSeed}]
  --anchor <date>    the data set's "now" (YYYY-MM-DD) [today]
  --data-dir <path>  embedded database directory, unless DATABASE_URL is set [${defaultBenchDataDir}]
  --reset            empty the target first (embedded: removes the data directory; server: only a database named *bench*)
  --add <step>       only add a later step's data to a data set generated before it existed (${Object.keys(addableSteps).join(', ')}), with the same --seed and --scale`;

export function parseGenerateArgs(argv: string[]): GenerateCommand {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string', default: '1' },
      seed: { type: 'string', default: defaultSeed },
      anchor: { type: 'string' },
      'data-dir': { type: 'string', default: defaultBenchDataDir },
      reset: { type: 'boolean', default: false },
      add: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(generateUsage);
    process.exit(0);
  }
  const scale = Number(values.scale);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) throw new Error(`--scale must be a number in (0, 10], not ${values.scale}`);
  let anchor: Date | undefined;
  if (values.anchor) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.anchor)) throw new Error('--anchor must be a date, YYYY-MM-DD');
    anchor = new Date(`${values.anchor}T00:00:00Z`);
  }
  const add = values.add ?? null;
  if (add !== null && !(add in addableSteps)) throw new Error(`--add takes one of ${Object.keys(addableSteps).join(', ')}, not ${add}`);
  if (add !== null && (values.reset || anchor)) throw new Error('--add adds to an existing data set: it takes neither --reset nor --anchor');
  return { target: { databaseUrl: process.env.DATABASE_URL, dataDir: values['data-dir'] }, seed: values.seed, scale, anchor, reset: values.reset, add: add as AddableStep | null };
}

/** Opens the target, generates, closes. Used by this command and by `npm run bench` when the data set is missing. */
export async function generateInto(command: GenerateCommand, log: (line: string) => void = console.log): Promise<GenerationSummary> {
  if (command.reset) await resetTarget(command.target);
  if (command.target.databaseUrl) await ensureServerDatabase(command.target.databaseUrl);
  log(
    command.add
      ? `Adding the ${command.add} step to the data set of ${describeTarget(command.target)} (scale ${command.scale}, seed "${command.seed}")`
      : `Generating the reference data set (scale ${command.scale}, seed "${command.seed}") into ${describeTarget(command.target)}`,
  );
  const database = await openTarget(command.target);
  try {
    if (command.add) return await addStepToDataSet({ connectionString: database.url, seed: command.seed, scale: command.scale, progress: terminalProgress(), step: command.add });
    return await generateReferenceDataSet({
      connectionString: database.url,
      seed: command.seed,
      scale: command.scale,
      ...(command.anchor ? { anchor: command.anchor } : {}),
      progress: terminalProgress(),
    });
  } finally {
    await database.close();
  }
}

export function printSummary(summary: GenerationSummary, log: (line: string) => void = console.log): void {
  const c = summary.counts;
  log('');
  log(`Done in ${(summary.totalMs / 1000).toFixed(1)} s — organization ${summary.organizationId}`);
  log(`  staff ${c.staff}, persons ${c.persons}, current care-team memberships ${c.currentCareTeamMembers}, audit events ${c.auditEvents} (${c.sealedAuditEvents} sealed)`);
  log(
    `  services ${c.services}, partners ${c.partners}, referrals ${c.referrals}, admission decisions ${c.admissionDecisions}, episodes ${c.episodes} (${c.activeEpisodes} active), waitlist ${c.openWaitlistEntries} open entries`,
  );
  log(
    `  assessments ${c.assessments}, plans ${c.plans} (${c.planVersions} versions, ${c.activePlans} in force), plan agreements ${c.planAgreements}, evaluations ${c.planEvaluations}, ` +
      `contracts ${c.contracts} (${c.signedContracts} signed), changes of situation ${c.situationChanges}, legal representatives ${c.legalRepresentatives}`,
  );
  log(`  appointments ${c.appointments} (${c.appointmentParticipants} participants)`);
  log(
    `  journal entries ${c.journalEntries} (${c.journalRevisions} revisions), escalations ${c.escalations} (${c.openEscalations} open), transitions ${c.transitions}, ` +
      `intensity periods ${c.intensityPeriods}, weekly figures ${c.weeklyIntensities}, review flags ${c.reviewFlags}`,
  );
  log(`  steps: ${summary.timings.map((t) => `${t.step} ${(t.ms / 1000).toFixed(1)} s`).join(', ')}`);
  log(`  every staff member signs in with the password "${benchPassword}"`);
}
