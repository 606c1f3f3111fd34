import pg from 'pg';
import { silentProgress, type ProgressReporter } from '../lib/progress.js';
import { admissionsStep } from './admissions.js';
import { auditChainStep, auditStep } from './audit.js';
import { continuityStep } from './continuity.js';
import { organizationStep } from './organizations.js';
import { peopleStep } from './people.js';
import { plansStep } from './plans.js';
import { schedulingStep } from './scheduling.js';
import { staffStep } from './staff.js';
import { StepRunner, type StepTiming } from './step.js';
import { dayMs, historyDays } from './timeline.js';

export const defaultSeed = 'relais-reference';

export interface GenerateOptions {
  /** The database, as its owner (the role that ran the migrations). */
  connectionString: string;
  seed?: string;
  scale?: number;
  /** The data set's "now"; defaults to today, 00:00 UTC. Same seed and anchor: same rows, ids included. */
  anchor?: Date;
  progress?: ProgressReporter;
}

export interface DataSetCounts {
  organizations: number;
  staff: number;
  persons: number;
  currentCareTeamMembers: number;
  services: number;
  partners: number;
  referrals: number;
  admissionDecisions: number;
  episodes: number;
  activeEpisodes: number;
  openWaitlistEntries: number;
  legalRepresentatives: number;
  assessments: number;
  plans: number;
  planVersions: number;
  /** Plans with a version in force. */
  activePlans: number;
  planAgreements: number;
  planEvaluations: number;
  contracts: number;
  signedContracts: number;
  situationChanges: number;
  appointments: number;
  appointmentParticipants: number;
  journalEntries: number;
  journalRevisions: number;
  escalations: number;
  openEscalations: number;
  transitions: number;
  intensityPeriods: number;
  weeklyIntensities: number;
  reviewFlags: number;
  auditEvents: number;
  sealedAuditEvents: number;
}

export interface GenerationSummary {
  seed: string;
  scale: number;
  anchor: string;
  organizationId: string;
  counts: DataSetCounts;
  timings: StepTiming[];
  totalMs: number;
}

export class DataSetExistsError extends Error {
  constructor(readonly counts: DataSetCounts) {
    super(`the database already holds a data set (${counts.organizations} organization(s), ${counts.persons} persons): reset it first`);
    this.name = 'DataSetExistsError';
  }
}

export function todayUtc(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export async function countDataSet(client: pg.Client): Promise<DataSetCounts> {
  const { rows } = await client.query<DataSetCounts>(`
    SELECT (SELECT count(*) FROM organization)::int AS organizations,
           (SELECT count(*) FROM staff_member)::int AS staff,
           (SELECT count(*) FROM person)::int AS persons,
           (SELECT count(*) FROM care_team_member WHERE removed_at IS NULL)::int AS "currentCareTeamMembers",
           (SELECT count(*) FROM service)::int AS services,
           (SELECT count(*) FROM partner)::int AS partners,
           (SELECT count(*) FROM referral)::int AS referrals,
           (SELECT count(*) FROM admission_decision)::int AS "admissionDecisions",
           (SELECT count(*) FROM episode)::int AS episodes,
           (SELECT count(*) FROM episode WHERE ended_on IS NULL)::int AS "activeEpisodes",
           (SELECT count(*) FROM waitlist_entry WHERE status IN ('waiting', 'offered'))::int AS "openWaitlistEntries",
           (SELECT count(*) FROM relative WHERE is_legal_representative AND removed_at IS NULL)::int AS "legalRepresentatives",
           (SELECT count(*) FROM assessment)::int AS assessments,
           (SELECT count(*) FROM plan)::int AS plans,
           (SELECT count(*) FROM plan_version)::int AS "planVersions",
           (SELECT count(*) FROM plan_version WHERE status = 'active')::int AS "activePlans",
           (SELECT count(*) FROM agreement WHERE subject_type = 'plan_version')::int AS "planAgreements",
           (SELECT count(*) FROM plan_evaluation)::int AS "planEvaluations",
           (SELECT count(*) FROM contract_version)::int AS contracts,
           (SELECT count(*) FROM contract_version WHERE signed_on IS NOT NULL)::int AS "signedContracts",
           (SELECT count(*) FROM situation_change)::int AS "situationChanges",
           (SELECT count(*) FROM appointment)::int AS appointments,
           (SELECT count(*) FROM appointment_participant)::int AS "appointmentParticipants",
           (SELECT count(*) FROM journal_entry)::int AS "journalEntries",
           (SELECT count(*) FROM journal_revision)::int AS "journalRevisions",
           (SELECT count(*) FROM escalation)::int AS escalations,
           (SELECT count(*) FROM escalation WHERE status = 'open')::int AS "openEscalations",
           (SELECT count(*) FROM transition)::int AS transitions,
           (SELECT count(*) FROM intensity_period)::int AS "intensityPeriods",
           (SELECT count(*) FROM weekly_intensity)::int AS "weeklyIntensities",
           (SELECT count(*) FROM review_flag)::int AS "reviewFlags",
           (SELECT count(*) FROM audit_event)::int AS "auditEvents",
           -- sealed: below the sealer's horizon (whatever the shape of the chain the sealer builds)
           (SELECT count(*) FROM audit_event WHERE txid < (SELECT horizon FROM audit_seal_state WHERE singleton = 'x'))::int AS "sealedAuditEvents"`);
  return rows[0]!;
}

/** Opens the generator's connections as the owner. */
function connector(connectionString: string): () => Promise<pg.Client> {
  return async () => {
    const connection = new pg.Client({ connectionString, application_name: 'relais-bench-generate' });
    await connection.connect();
    // Test data: losing the last instants of it in a crash costs a re-run, not a patient's record.
    await connection.query("SET synchronous_commit = off; SET client_min_messages = 'warning'");
    return connection;
  };
}

/**
 * Writes the reference data set of DESIGN.md into an empty, migrated database, one step per
 * module. A later module adds its step here (appointments after people, journal entries after
 * appointments...), taking the earlier steps' outputs as input.
 */
export async function generateReferenceDataSet(options: GenerateOptions): Promise<GenerationSummary> {
  const seed = options.seed ?? defaultSeed;
  const scale = options.scale ?? 1;
  const anchor = options.anchor ?? todayUtc();
  const progress = options.progress ?? silentProgress;
  const started = performance.now();
  const connect = connector(options.connectionString);
  const client = await connect();
  try {
    const before = await countDataSet(client);
    if (before.organizations > 0) throw new DataSetExistsError(before);
    const runner = new StepRunner({ client, connect, seed, scale, anchor, progress });

    const organization = await runner.run(organizationStep, undefined);
    const staff = await runner.run(staffStep, { organization });
    const people = await runner.run(peopleStep, { organization, staff });
    const admissions = await runner.run(admissionsStep, { organization, staff, people });
    const plans = await runner.run(plansStep, { organization, staff, people, admissions });
    await runner.run(schedulingStep, { organization, staff, people, admissions });
    await runner.run(continuityStep, { organization });
    const audit = await runner.run(auditStep, { organization, staff, people, changes: [...admissions.events, ...plans.events] });
    await runner.run(auditChainStep, audit);

    // Fresh statistics, so the first queries on the data set get the plans they will have in use.
    await client.query('ANALYZE');
    const counts = await countDataSet(client);
    return { seed, scale, anchor: anchor.toISOString(), organizationId: organization.id, counts, timings: runner.timings, totalMs: Math.round(performance.now() - started) };
  } finally {
    progress.stop();
    await client.end();
  }
}

/** Steps that may be added to a data set generated before they existed (they read what they need from the database). */
export const addableSteps = { continuity: continuityStep } as const;
export type AddableStep = keyof typeof addableSteps;

/**
 * Adds one later step's data to a data set generated before the step existed, without generating
 * the rest again: the step reads the organization, staff, care teams, episodes and sessions from the
 * database. Its random stream depends on the seed and the step's name only, so with the same seed it
 * writes what a full generation would have written on the same earlier data.
 */
export async function addStepToDataSet(options: GenerateOptions & { step: AddableStep }): Promise<GenerationSummary> {
  const seed = options.seed ?? defaultSeed;
  const scale = options.scale ?? 1;
  const progress = options.progress ?? silentProgress;
  const started = performance.now();
  const connect = connector(options.connectionString);
  const client = await connect();
  try {
    const before = await countDataSet(client);
    if (before.persons === 0) throw new Error('the database holds no data set: generate one first');
    if (options.step === 'continuity' && before.journalEntries > 0) throw new Error(`the data set already has ${before.journalEntries} journal entries: generate everything again with --reset`);
    const { rows } = await client.query<{ id: string; created_at: Date }>('SELECT o.id, o.created_at FROM organization o ORDER BY (SELECT count(*) FROM person p WHERE p.organization_id = o.id) DESC LIMIT 1');
    const openedAtMs = rows[0]!.created_at.getTime();
    // The organization step opens the structure historyDays before the anchor.
    const organization = { id: rows[0]!.id, openedAtMs, endMs: openedAtMs + historyDays * dayMs };
    const runner = new StepRunner({ client, connect, seed, scale, anchor: new Date(organization.endMs), progress });
    await runner.run(addableSteps[options.step], { organization });
    await client.query('ANALYZE');
    const counts = await countDataSet(client);
    return { seed, scale, anchor: new Date(organization.endMs).toISOString(), organizationId: organization.id, counts, timings: runner.timings, totalMs: Math.round(performance.now() - started) };
  } finally {
    progress.stop();
    await client.end();
  }
}
