import type pg from 'pg';
import { addDays, weekStart } from '../../src/lib/time.js';
import { nextInChain } from '../../src/modules/escalations/climb-overdue-escalations.js';
import { defaultAcknowledgementMinutes } from '../../src/modules/escalations/manage-escalation-settings.js';
import type { EscalationSeverity, EscalationStatus } from '../../src/modules/escalations/schema.js';
import type { ConfidentialityLevel, JournalEntryKind } from '../../src/modules/journal/schema.js';
import { defaultThresholds, progressSince, sustainedExcess, unplannedRise, type EvaluationFacts, type WeekFigures } from '../../src/modules/trajectory/intensity.js';
import { lastCompletedWeek } from '../../src/modules/trajectory/measure-weekly-intensity.js';
import { insertRows } from '../lib/bulk-insert.js';
import { CopyPipeline, type CopyColumn } from '../lib/copy-writer.js';
import type { Random } from '../lib/random.js';
import { amendmentText, escalationFollowUp, escalationRequest, handoffNote, journalText } from './journal-vocabulary.js';
import type { GeneratedOrganization } from './organizations.js';
import type { GeneratorContext, GeneratorStep } from './step.js';
import { dayMs, weekdayFactor, workingTime } from './timeline.js';

// ─── Sizes ────────────────────────────────────────────────────────────────────────────────────

/** Journal entries of the reference data set (DESIGN.md: 2,000,000 at scale 1). */
export function journalEntryTarget(scale: number): number {
  return Math.round(2_000_000 * scale);
}

/** Escalations raised from entries: a few thousand at scale 1. */
export function escalationTarget(scale: number): number {
  return Math.max(12, Math.round(3_000 * scale));
}

const kindWeights: readonly (readonly [JournalEntryKind, number])[] = [
  ['observation', 36], ['session_note', 34], ['practical_concern', 8], ['emerging_need', 7], ['unplanned_contact', 11], ['incident', 3], ['crisis', 1],
];
// Of every entry of a kind, the share raised as an escalation (about escalationTarget at any scale).
const escalationShare: Partial<Record<JournalEntryKind, number>> = { crisis: 0.05, incident: 0.02, emerging_need: 0.0035, practical_concern: 0.002, observation: 0.0002 };
const escalationSeverities: Record<string, readonly (readonly [EscalationSeverity, number])[]> = {
  crisis: [['emergency', 35], ['urgent', 55], ['concern', 10]],
  incident: [['urgent', 35], ['concern', 50], ['information', 15]],
  other: [['concern', 50], ['information', 45], ['urgent', 5]],
};
const amendmentReasons = ['Précision apportée après relecture', 'Erreur de date corrigée', 'Complément d’information', 'Information reçue après coup', 'Demande de la personne'];
const closeWithoutFollowUp = ['Vu ensemble en réunion de synthèse.', 'Situation revue avec le référent, pas d’autre action.'];
const checklistLabels = [
  'Présentation de l’équipe et des lieux', 'Remise du livret d’accueil', 'Vérification des droits (complémentaire santé, CAF)', 'Rencontre avec le futur référent',
  'Bilan des objectifs avec la personne', 'Coordonnées des partenaires transmises', 'Visite du logement', 'Organisation des rendez-vous médicaux', 'Note de relais rédigée',
  'Accord de la personne pour le partage d’informations', 'Plan de crise actualisé', 'Point avec les proches', 'Traitements et ordonnances à jour',
  'Inscription aux activités du quartier', 'Évaluation de l’autonomie au quotidien', 'Clôture des démarches en cours',
];
const cancelReasons = ['La personne souhaite rester dans la phase actuelle pour le moment.', 'Hospitalisation : transition reportée.', 'Projet revu en réunion de synthèse.'];
const flagNotes = ['Revu avec la personne : rythme maintenu quelques semaines, puis réévaluation.', 'Intensité ajustée au plan : période de fragilité passagère.', 'Point fait en équipe ; un relais vers le CMP est proposé.'];

// ─── Outputs ──────────────────────────────────────────────────────────────────────────────────

export interface ContinuityCounts {
  journalEntries: number;
  byKind: Record<JournalEntryKind, number>;
  byConfidentiality: Record<ConfidentialityLevel, number>;
  amendments: number;
  revisions: number;
  escalations: number;
  escalationsByStatus: Record<EscalationStatus, number>;
  overdueOpenEscalations: number;
  escalationEvents: number;
  checklists: number;
  transitions: { planned: number; completed: number; cancelled: number };
  transitionItems: number;
  intensityPeriods: number;
  weeklyIntensities: number;
  reviewFlags: number;
  triggersOff: boolean;
}

export interface GeneratedContinuity {
  counts: ContinuityCounts;
}

/** What the step needs of the organization; everything else (staff, care teams, episodes, sessions, plans) it reads from the database. */
export interface ContinuityInput {
  organization: Pick<GeneratedOrganization, 'id' | 'openedAtMs' | 'endMs'>;
}

// ─── Rows ─────────────────────────────────────────────────────────────────────────────────────

interface EntryRow {
  id: string;
  episodeId: string;
  personId: string;
  kind: JournalEntryKind;
  text: string;
  occurredMs: number;
  authorId: string;
  goalId: string | null;
  appointmentId: string | null;
  confidentiality: ConfidentialityLevel;
  searchText: string;
  revision: number;
  createdMs: number;
  updatedMs: number;
}

interface RevisionRow {
  id: string;
  entryId: string;
  number: number;
  text: string;
  kind: JournalEntryKind;
  confidentiality: ConfidentialityLevel;
  isAmendment: boolean;
  reason: string | null;
  authorId: string;
  createdMs: number;
}

interface Staff {
  id: string;
  createdMs: number;
  active: boolean;
  writes: boolean;
  receives: boolean;
  configures: boolean;
}

interface Membership {
  staffId: string;
  fromMs: number;
  toMs: number;
}

interface Session {
  id: string;
  staffId: string;
  endsMs: number;
}

interface Episode {
  id: string;
  personId: string;
  serviceId: string;
  referentId: string;
  coordinatorId: string;
  phaseCode: string | null;
  startedOn: string;
  endedOn: string | null;
  createdMs: number;
  startMs: number;
  endMs: number;
  sessions: Session[];
  goals: { id: string; fromMs: number }[];
}

interface Candidate {
  entryId: string;
  episode: Episode;
  authorId: string;
  kind: JournalEntryKind;
  createdMs: number;
}

const iso = (ms: number) => new Date(ms).toISOString();
const dateOf = (ms: number) => iso(ms).slice(0, 10);
const msOfDate = (date: string) => Date.parse(`${date}T00:00:00Z`);

/**
 * Issue 6's part of the reference data set, over the episodes' lifetimes: 2,000,000 journal entries
 * (words from journal-vocabulary.ts; mostly observations and session notes — most of these linked to
 * a session done —, some unplanned contacts, few incidents and crises; about 10 % restricted and 3 %
 * for their author only; written by members of the person's care team at the time), each with its
 * first revision and a few amendments; a few thousand escalations raised from entries to clinical
 * referents, most closed, some acknowledged, some open within their delay and some open and overdue
 * at the end of the structure's chain (so the climber has nothing left to do), with their events;
 * checklists per service phase, transitions completed for the phase changes of the last year and
 * planned for some current episodes, with their items; the intended intensity by period, stepping
 * down, for most current episodes (some with a maximum of days without contact), the weekly figures
 * of the last 26 weeks as the weekly job computes them, and the review flags its rules raise.
 *
 * Entries and revisions are loaded with COPY, triggers off (replica mode: the foreign keys are
 * triggers) and the journal's secondary indexes dropped during the load and built again after
 * (a GIN index built once is far faster than 2,000,000 insertions into it); what the triggers
 * would have guaranteed is checked in bulk afterwards.
 */
export const continuityStep: GeneratorStep<ContinuityInput, GeneratedContinuity> = {
  name: 'continuity',
  label: 'continuity (journal, escalations, transitions, trajectory)',
  estimate: (scale) => journalEntryTarget(scale) * 2,
  run: async (ctx, input) => new ContinuityGenerator(ctx, input).generate(),
};

class ContinuityGenerator {
  private readonly random: Random;
  private readonly orgId: string;
  private readonly anchorMs: number;
  private readonly openedMs: number;
  private staff = new Map<string, Staff>();
  private teams = new Map<string, Membership[]>();
  private episodes: Episode[] = [];
  private receivers: Staff[] = [];
  private chain: string[] = [];
  private readonly candidates: Candidate[] = [];
  private readonly counts: ContinuityCounts = {
    journalEntries: 0,
    byKind: { observation: 0, session_note: 0, practical_concern: 0, emerging_need: 0, unplanned_contact: 0, incident: 0, crisis: 0 },
    byConfidentiality: { care_team: 0, restricted: 0, author_only: 0 },
    amendments: 0,
    revisions: 0,
    escalations: 0,
    escalationsByStatus: { open: 0, acknowledged: 0, closed: 0 },
    overdueOpenEscalations: 0,
    escalationEvents: 0,
    checklists: 0,
    transitions: { planned: 0, completed: 0, cancelled: 0 },
    transitionItems: 0,
    intensityPeriods: 0,
    weeklyIntensities: 0,
    reviewFlags: 0,
    triggersOff: false,
  };

  constructor(
    private readonly ctx: GeneratorContext,
    input: ContinuityInput,
  ) {
    this.random = ctx.random;
    this.orgId = input.organization.id;
    this.anchorMs = input.organization.endMs;
    this.openedMs = input.organization.openedAtMs;
  }

  async generate(): Promise<GeneratedContinuity> {
    const { client } = this.ctx;
    await this.load();
    const triggersOff = await turnTriggersOff(client);
    this.counts.triggersOff = triggersOff;
    const second = await this.ctx.connect();
    const indexes = await dropSecondaryIndexes(client, ['journal_entry', 'journal_revision']);
    try {
      if (triggersOff) await turnTriggersOff(second);
      await this.writeJournal(new CopyPipeline(client), new CopyPipeline(second));
    } finally {
      // Built again whatever happened, so a failed load never leaves the journal without its indexes.
      await rebuildIndexes(client, indexes);
      if (triggersOff) await client.query('SET session_replication_role = DEFAULT');
      await second.end();
    }
    await client.query('SET session_replication_role = replica').catch(() => undefined);
    try {
      await this.writeEscalations();
      await this.writeTransitions();
      await this.writeIntensity();
    } finally {
      await client.query('SET session_replication_role = DEFAULT');
    }
    await this.writeWeeksAndFlags();
    await this.checkWhatTriggersWouldHaveDone();
    await client.query('ANALYZE journal_entry, journal_revision, escalation, escalation_event, transition, transition_item, intensity_period, weekly_intensity, review_flag');
    const c = this.counts;
    this.ctx.log(
      `  ${c.journalEntries} journal entries (${Object.entries(c.byKind).map(([k, v]) => `${k} ${v}`).join(', ')}; ${Object.entries(c.byConfidentiality).map(([k, v]) => `${k} ${v}`).join(', ')}), ` +
        `${c.amendments} amendments; ${c.escalations} escalations (${Object.entries(c.escalationsByStatus).map(([k, v]) => `${k} ${v}`).join(', ')}; ${c.overdueOpenEscalations} open and overdue), ${c.escalationEvents} events; ` +
        `transitions ${c.transitions.completed} completed, ${c.transitions.planned} planned, ${c.transitions.cancelled} cancelled (${c.transitionItems} items); ` +
        `${c.intensityPeriods} intensity periods, ${c.weeklyIntensities} weekly figures, ${c.reviewFlags} review flags` +
        (triggersOff ? '; bulk load with triggers off, then checked' : ''),
    );
    return { counts: c };
  }

  // ── What the earlier steps wrote ──

  private async load(): Promise<void> {
    const { client } = this.ctx;
    const org = [this.orgId];
    const staff = await client.query<{ id: string; created_at: Date; status: string; permissions: string[] }>(
      `SELECT s.id, s.created_at, s.status,
              coalesce((SELECT array_agg(DISTINCT p) FROM staff_role sr JOIN role r ON r.organization_id = sr.organization_id AND r.id = sr.role_id, unnest(r.permissions) AS p
                         WHERE sr.organization_id = s.organization_id AND sr.staff_member_id = s.id), '{}') AS permissions
         FROM staff_member s WHERE s.organization_id = $1 ORDER BY s.created_at, s.id`,
      org,
    );
    for (const s of staff.rows) {
      this.staff.set(s.id, {
        id: s.id,
        createdMs: s.created_at.getTime(),
        active: s.status === 'active',
        writes: s.permissions.includes('journal:write'),
        receives: s.permissions.includes('escalation:receive'),
        configures: s.permissions.includes('escalation:configure'),
      });
    }
    this.receivers = [...this.staff.values()].filter((s) => s.receives && s.active);
    const teams = await client.query<{ person_id: string; staff_member_id: string; added_at: Date; removed_at: Date | null }>(
      'SELECT person_id, staff_member_id, added_at, removed_at FROM care_team_member WHERE organization_id = $1 ORDER BY person_id, added_at, id',
      org,
    );
    for (const m of teams.rows) {
      if (!this.staff.get(m.staff_member_id)?.writes) continue;
      const list = this.teams.get(m.person_id) ?? [];
      list.push({ staffId: m.staff_member_id, fromMs: m.added_at.getTime(), toMs: m.removed_at?.getTime() ?? Infinity });
      this.teams.set(m.person_id, list);
    }
    const episodes = await client.query<{ id: string; person_id: string; service_id: string; referent_id: string; coordinator_id: string; phase_code: string | null; started_on: string; ended_on: string | null; created_at: Date }>(
      `SELECT id, person_id, service_id, referent_id, coordinator_id, phase_code, started_on::text, ended_on::text, created_at
         FROM episode WHERE organization_id = $1 ORDER BY created_at, id`,
      org,
    );
    const byId = new Map<string, Episode>();
    for (const e of episodes.rows) {
      const createdMs = e.created_at.getTime();
      const startMs = Math.max(msOfDate(e.started_on), createdMs);
      const endMs = Math.min(e.ended_on ? msOfDate(e.ended_on) + dayMs : this.anchorMs, this.anchorMs);
      const episode: Episode = {
        id: e.id,
        personId: e.person_id,
        serviceId: e.service_id,
        referentId: e.referent_id,
        coordinatorId: e.coordinator_id,
        phaseCode: e.phase_code,
        startedOn: e.started_on,
        endedOn: e.ended_on,
        createdMs,
        startMs,
        endMs,
        sessions: [],
        goals: [],
      };
      this.episodes.push(episode);
      byId.set(e.id, episode);
    }
    // Sessions done, with the staff member who held each (one row per staff participant).
    const sessions = await client.query<{ episode_id: string; id: string; staff_member_id: string; ends_at: Date }>(
      `SELECT a.episode_id, a.id, p.staff_member_id, a.ends_at FROM appointment a
         JOIN appointment_participant p ON p.organization_id = a.organization_id AND p.appointment_id = a.id AND p.role = 'staff'
        WHERE a.organization_id = $1 AND a.status = 'done' AND a.episode_id IS NOT NULL AND a.kind IN ('individual', 'with_relatives')
        ORDER BY a.episode_id, a.starts_at, a.id`,
      org,
    );
    for (const s of sessions.rows) byId.get(s.episode_id)?.sessions.push({ id: s.id, staffId: s.staff_member_id, endsMs: s.ends_at.getTime() });
    const goals = await client.query<{ episode_id: string; goal_id: string; active_from: string }>(
      `SELECT p.episode_id, g->>'id' AS goal_id, v.active_from::text FROM plan p
         JOIN plan_version v ON v.organization_id = p.organization_id AND v.plan_id = p.id AND v.status = 'active'
        CROSS JOIN jsonb_array_elements(v.content->'goals') AS g
        WHERE p.organization_id = $1 AND v.active_from IS NOT NULL ORDER BY p.episode_id, g->>'id'`,
      org,
    );
    for (const g of goals.rows) byId.get(g.episode_id)?.goals.push({ id: g.goal_id, fromMs: msOfDate(g.active_from) });
  }

  // ── The journal ──

  private authorAt(episode: Episode, atMs: number): string | null {
    const team = (this.teams.get(episode.personId) ?? []).filter((m) => m.fromMs <= atMs && m.toMs > atMs && this.staff.get(m.staffId)!.createdMs <= atMs);
    if (team.length === 0) return null;
    // The référent writes most.
    const referent = team.find((m) => m.staffId === episode.referentId);
    if (referent && this.random.chance(0.35)) return referent.staffId;
    return this.random.pick(team).staffId;
  }

  private async writeJournal(entries: CopyPipeline, revisions: CopyPipeline): Promise<void> {
    const target = journalEntryTarget(this.ctx.scale);
    const random = this.random.derive('journal');
    // Entries in proportion to each episode's active days, some followed more closely than others.
    const weights = this.episodes.map((e) => Math.max(0, e.endMs - e.startMs) * Math.exp(0.45 * random.normal()));
    const total = weights.reduce((a, b) => a + b, 0);
    let entryBatch: EntryRow[] = [];
    let revisionBatch: RevisionRow[] = [];
    const flush = async () => {
      const e = entryBatch;
      const r = revisionBatch;
      entryBatch = [];
      revisionBatch = [];
      await entries.write('journal_entry', entryColumns(this.orgId), e, (n) => this.ctx.progress.advance(n));
      await revisions.write('journal_revision', revisionColumns(this.orgId), r, (n) => this.ctx.progress.advance(n));
    };
    for (let i = 0; i < this.episodes.length; i++) {
      const episode = this.episodes[i]!;
      const expected = (target * weights[i]!) / total;
      const n = Math.floor(expected) + (random.next() < expected - Math.floor(expected) ? 1 : 0);
      for (let k = 0; k < n; k++) {
        const entry = this.entry(random, episode);
        if (!entry) continue;
        entryBatch.push(entry.row);
        revisionBatch.push(...entry.revisions);
      }
      if (entryBatch.length >= 10_000) await flush();
    }
    await flush();
    await Promise.all([entries.close(), revisions.close()]);
  }

  private entry(random: Random, episode: Episode): { row: EntryRow; revisions: RevisionRow[] } | null {
    const kind = random.weighted(kindWeights);
    let occurredMs = 0;
    let authorId: string | null = null;
    let appointmentId: string | null = null;
    // A session note is most often written after a session done, by whoever held it.
    if (kind === 'session_note' && episode.sessions.length && random.chance(0.85)) {
      const session = random.pick(episode.sessions);
      if (this.staff.get(session.staffId)?.writes) {
        occurredMs = session.endsMs - random.int(0, 20) * 60_000;
        authorId = session.staffId;
        appointmentId = session.id;
      }
    }
    if (!authorId) {
      const days = Math.max(1, Math.floor((episode.endMs - episode.startMs) / dayMs));
      let day = 0;
      for (let attempt = 0; attempt < 6; attempt++) {
        day = random.int(0, days - 1);
        if (random.next() < weekdayFactor[new Date(episode.startMs + day * dayMs).getUTCDay()]!) break;
      }
      occurredMs = Math.max(episode.startMs, Math.min(workingTime(random, Math.floor(episode.startMs / dayMs) * dayMs + day * dayMs), episode.endMs - 60_000, this.anchorMs - 3_600_000));
      // Unplanned contacts and crises come at any hour; the others during the working day (above).
      if (kind === 'crisis' && random.chance(0.3)) occurredMs = Math.min(occurredMs + random.int(6, 12) * 3_600_000, this.anchorMs - 3_600_000);
      authorId = this.authorAt(episode, occurredMs);
      if (!authorId) return null;
    }
    // Written soon after, within the day for most.
    const delayMinutes = random.weighted([[random.int(2, 45), 55], [random.int(45, 240), 30], [random.int(240, 2_000), 15]] as const);
    const createdMs = Math.min(occurredMs + delayMinutes * 60_000, this.anchorMs - 60_000);
    const critical = kind === 'crisis' || kind === 'incident';
    const confidentiality = random.weighted<ConfidentialityLevel>(critical ? [['care_team', 70], ['restricted', 25], ['author_only', 5]] : [['care_team', 87], ['restricted', 10], ['author_only', 3]]);
    let goalId: string | null = null;
    if ((kind === 'observation' || kind === 'session_note' || kind === 'emerging_need') && episode.goals.length && random.chance(0.2)) {
      const goals = episode.goals.filter((g) => g.fromMs <= occurredMs);
      if (goals.length) goalId = random.pick(goals).id;
    }
    const text = journalText(random, kind);
    const id = random.uuid(createdMs);
    const row: EntryRow = { id, episodeId: episode.id, personId: episode.personId, kind, text, occurredMs, authorId, goalId, appointmentId, confidentiality, searchText: text, revision: 1, createdMs, updatedMs: createdMs };
    const revisions: RevisionRow[] = [{ id: random.uuid(createdMs), entryId: id, number: 1, text, kind, confidentiality, isAmendment: false, reason: null, authorId, createdMs }];
    // Amendments, days later (never edits after 24 hours): by the author, or the référent.
    if (random.chance(0.025)) {
      let at = createdMs;
      const howMany = random.chance(0.1) ? 2 : 1;
      for (let a = 0; a < howMany; a++) {
        at += random.int(1, 20) * dayMs + random.int(0, 8 * 60) * 60_000;
        if (at >= this.anchorMs) break;
        const by = random.chance(0.8) || !this.staff.get(episode.referentId)?.writes ? authorId : episode.referentId;
        const words = amendmentText(random);
        row.revision += 1;
        row.searchText += `\n${words}`;
        row.updatedMs = at;
        revisions.push({ id: random.uuid(at), entryId: id, number: row.revision, text: words, kind, confidentiality, isAmendment: true, reason: random.pick(amendmentReasons), authorId: by, createdMs: at });
        this.counts.amendments++;
      }
    }
    this.counts.journalEntries++;
    this.counts.revisions += revisions.length;
    this.counts.byKind[kind]++;
    this.counts.byConfidentiality[confidentiality]++;
    const share = escalationShare[kind] ?? 0;
    if (share && random.next() < share) this.candidates.push({ entryId: id, episode, authorId, kind, createdMs });
    return { row, revisions };
  }

  // ── Escalations ──

  private async writeEscalations(): Promise<void> {
    const random = this.random.derive('escalations');
    if (this.receivers.length === 0) return;
    // The structure's settings: the default delays, a chain of three who receive escalations, and its procedure.
    this.chain = [...this.receivers].sort((a, b) => a.createdMs - b.createdMs).slice(0, 3).map((s) => s.id);
    const admin = [...this.staff.values()].find((s) => s.configures) ?? [...this.staff.values()][0]!;
    await this.ctx.client.query(
      `INSERT INTO escalation_settings (organization_id, chain, safety_procedure, updated_by, updated_at) VALUES ($1, $2::uuid[], $3, $4, $5)
       ON CONFLICT (organization_id) DO NOTHING`,
      [
        this.orgId,
        this.chain,
        'Urgence vitale : appeler le 15 (ou le 112), rester avec la personne, prévenir le cadre d’astreinte au 06 12 34 56 78, puis consigner les faits dans le journal.',
        admin.id,
        iso(this.openedMs + 10 * dayMs),
      ],
    );
    const delays = defaultAcknowledgementMinutes;
    const active = new Set(this.receivers.map((r) => r.id));
    // The most recent escalations are still being dealt with; older ones are closed.
    const candidates = [...this.candidates].sort((a, b) => a.createdMs - b.createdMs);
    const wanted = escalationTarget(this.ctx.scale);
    const chosen = candidates.length > wanted ? random.shuffle([...candidates]).slice(0, wanted).sort((a, b) => a.createdMs - b.createdMs) : candidates;
    const recentFrom = Math.max(0, chosen.length - Math.max(6, Math.round(chosen.length * 0.04)));
    const escalations: Record<string, unknown>[] = [];
    const events: Record<string, unknown>[] = [];
    chosen.forEach((c, index) => {
      const severity = random.weighted(escalationSeverities[c.kind] ?? escalationSeverities.other!);
      const delayMs = delays[severity] * 60_000;
      const onTeam = new Set((this.teams.get(c.episode.personId) ?? []).map((m) => m.staffId));
      const possible = this.receivers.filter((r) => r.id !== c.authorId && r.createdMs < c.createdMs);
      if (possible.length === 0) return;
      const teamReceivers = possible.filter((r) => onTeam.has(r.id));
      const addressee = (teamReceivers.length && random.chance(0.7) ? random.pick(teamReceivers) : random.pick(possible)).id;
      const recent = index >= recentFrom;
      // What becomes of it: recent ones open (overdue at the end of the chain, or within their delay), acknowledged, or closed.
      const fate = recent ? random.weighted([['overdue', 35], ['acknowledged', 30], ['closed', 35]] as const) : random.chance(0.015) ? 'acknowledged' : 'closed';
      const raisedMs = Math.min(c.createdMs + random.int(2, 60) * 60_000, this.anchorMs - 10 * 60_000);
      // Acknowledged in time mostly; one in ten after climbing once.
      const late = fate !== 'overdue' && random.chance(0.1);
      const climbs: { at: number; to: string }[] = [];
      const held = new Set([addressee]);
      let assignee = addressee;
      const climbUntil = (limitMs: number) => {
        let at = raisedMs + delayMs;
        for (;;) {
          if (at > limitMs) break;
          const next = nextInChain(this.chain, assignee, new Set([c.authorId, ...held]), active);
          if (!next) break;
          climbs.push({ at, to: next });
          held.add(next);
          assignee = next;
          at += delayMs;
        }
        return at;
      };
      let status: EscalationStatus;
      let acknowledgeBy: number;
      let acknowledgedMs: number | null = null;
      let acknowledgedBy: string | null = null;
      let closedMs: number | null = null;
      let followUp: string | null = null;
      if (fate === 'overdue') {
        // Not acknowledged: it climbed the chain until the anchor. Either it is still within its
        // holder's delay, or it reached the end of the chain and waits there, overdue (the climber
        // has nothing left to do with it).
        acknowledgeBy = climbUntil(this.anchorMs);
        status = 'open';
        this.counts.escalationsByStatus.open++;
        if (acknowledgeBy < this.anchorMs) this.counts.overdueOpenEscalations++;
      } else {
        const ackLimit = late ? raisedMs + delayMs * 1.5 : raisedMs + delayMs * random.next() * 0.9;
        acknowledgedMs = Math.min(Math.max(raisedMs + 60_000, ackLimit), this.anchorMs - 60_000);
        acknowledgeBy = climbUntil(acknowledgedMs);
        acknowledgedBy = assignee;
        status = fate;
        if (fate === 'closed') {
          closedMs = Math.min(acknowledgedMs + random.int(1, 14 * 24) * 3_600_000, this.anchorMs - 60_000);
          followUp = random.chance(0.85) ? escalationFollowUp(random) : random.pick(closeWithoutFollowUp);
        }
        this.counts.escalationsByStatus[fate]++;
      }
      const id = random.uuid(raisedMs);
      escalations.push({
        id,
        entry_id: c.entryId,
        episode_id: c.episode.id,
        person_id: c.episode.personId,
        severity,
        request: escalationRequest(random),
        addressee_id: addressee,
        assignee_id: assignee,
        chain_level: climbs.length,
        status,
        acknowledge_by: iso(acknowledgeBy),
        raised_by: c.authorId,
        raised_at: iso(raisedMs),
        acknowledged_by: acknowledgedBy,
        acknowledged_at: acknowledgedMs === null ? null : iso(acknowledgedMs),
        follow_up: followUp,
        closed_at: closedMs === null ? null : iso(closedMs),
      });
      const event = (kind: string, at: number, actor: string | null, assigneeId: string | null, note: string | null) =>
        events.push({ id: random.uuid(at), escalation_id: id, kind, actor_id: actor, assignee_id: assigneeId, note, at: iso(at) });
      event('raised', raisedMs, c.authorId, addressee, null);
      for (const climb of climbs) event('climbed', climb.at, null, climb.to, null);
      if (acknowledgedMs !== null) {
        event('acknowledged', acknowledgedMs, acknowledgedBy, null, random.chance(0.3) ? 'Je m’en occupe.' : null);
        const followUpAt = acknowledgedMs + random.int(1, 48) * 3_600_000;
        if (random.chance(0.5) && followUpAt < (closedMs ?? this.anchorMs)) event('follow_up', followUpAt, acknowledgedBy, null, escalationFollowUp(random));
      }
      if (closedMs !== null) event('closed', closedMs, acknowledgedBy, null, followUp);
    });
    const text = (name: string) => ({ name, type: 'text', value: (r: Record<string, unknown>) => r[name] as string | null });
    const uuid = (name: string) => ({ name, type: 'uuid', value: (r: Record<string, unknown>) => r[name] as string | null });
    const at = (name: string) => ({ name, type: 'timestamptz', value: (r: Record<string, unknown>) => r[name] as string | null });
    const org = { name: 'organization_id', type: 'uuid', value: () => this.orgId };
    await insertRows(this.ctx.client, 'escalation', [
      org, uuid('id'), uuid('entry_id'), uuid('episode_id'), uuid('person_id'), text('severity'), text('request'), uuid('addressee_id'), uuid('assignee_id'),
      { name: 'chain_level', type: 'int', value: (r) => r.chain_level as number }, text('status'), at('acknowledge_by'), uuid('raised_by'), at('raised_at'),
      uuid('acknowledged_by'), at('acknowledged_at'), text('follow_up'), at('closed_at'),
    ], escalations);
    await insertRows(this.ctx.client, 'escalation_event', [org, uuid('id'), uuid('escalation_id'), text('kind'), uuid('actor_id'), uuid('assignee_id'), text('note'), at('at')], events);
    this.counts.escalations = escalations.length;
    this.counts.escalationEvents = events.length;
  }

  // ── Transitions ──

  private async writeTransitions(): Promise<void> {
    const { client } = this.ctx;
    const random = this.random.derive('transitions');
    const services = await client.query<{ id: string; phases: { code: string }[] }>('SELECT id, phases FROM service WHERE organization_id = $1 ORDER BY created_at, id', [this.orgId]);
    const manager = [...this.staff.values()].find((s) => s.configures) ?? [...this.staff.values()][0]!;
    const checklists = new Map<string, { id: string; label: string }[]>();
    const checklistRows: Record<string, unknown>[] = [];
    const setUpMs = this.openedMs + 20 * dayMs;
    for (const s of services.rows) {
      for (const phase of s.phases.slice(1)) {
        const items = random.shuffle([...checklistLabels]).slice(0, random.int(3, 6)).map((label) => ({ id: random.uuid(setUpMs), label }));
        checklists.set(`${s.id}/${phase.code}`, items);
        checklistRows.push({ id: random.uuid(setUpMs), service_id: s.id, to_phase: phase.code, items: JSON.stringify(items) });
      }
    }
    const org = { name: 'organization_id', type: 'uuid', value: () => this.orgId };
    await insertRows(client, 'transition_checklist', [
      org,
      { name: 'id', type: 'uuid', value: (r: Record<string, unknown>) => r.id as string },
      { name: 'service_id', type: 'uuid', value: (r) => r.service_id as string },
      { name: 'to_phase', type: 'text', value: (r) => r.to_phase as string },
      { name: 'items', type: 'jsonb', value: (r) => r.items as string, fromJson: (f) => `${f}::jsonb` },
      { name: 'updated_by', type: 'uuid', value: () => manager.id },
      { name: 'updated_at', type: 'timestamptz', value: () => iso(setUpMs) },
    ], checklistRows);
    this.counts.checklists = checklistRows.length;

    const transitions: Record<string, unknown>[] = [];
    const items: Record<string, unknown>[] = [];
    const byEpisode = new Map(this.episodes.map((e) => [e.id, e]));
    const addItems = (transitionId: string, list: { id: string; label: string }[], fromMs: number, toMs: number, doneShare: number, by: string) => {
      for (const item of list) {
        const done = random.next() < doneShare && toMs > fromMs;
        const doneMs = done ? fromMs + Math.floor(random.next() * (toMs - fromMs)) : null;
        items.push({ transition_id: transitionId, item_id: item.id, label: item.label, done_at: doneMs === null ? null : iso(doneMs), done_by: done ? by : null, note: done && random.chance(0.15) ? 'Fait avec la personne.' : null });
      }
    };
    // Completed: the phase changes of the last year went through a transition and its checklist.
    const changes = await client.query<{ episode_id: string; from_phase: string; to_phase: string; effective_on: string; changed_by: string; changed_at: Date }>(
      `SELECT episode_id, from_phase, to_phase, effective_on::text, changed_by, changed_at FROM episode_phase_change
        WHERE organization_id = $1 AND from_phase IS NOT NULL AND changed_at >= $2 ORDER BY changed_at, id`,
      [this.orgId, iso(this.anchorMs - 365 * dayMs)],
    );
    for (const ch of changes.rows) {
      const e = byEpisode.get(ch.episode_id);
      if (!e) continue;
      const completedMs = ch.changed_at.getTime();
      const createdMs = Math.max(e.createdMs + 60_000, completedMs - random.int(3, 28) * dayMs);
      if (createdMs >= completedMs) continue;
      const id = random.uuid(createdMs);
      transitions.push({ id, episode_id: e.id, person_id: e.personId, from_phase: ch.from_phase, to_phase: ch.to_phase, planned_on: ch.effective_on, responsible_id: e.referentId, handoff_note: random.chance(0.7) ? handoffNote(random) : null, status: 'completed', created_by: e.referentId, created_at: iso(createdMs), completed_at: iso(completedMs), completed_by: ch.changed_by, cancelled_reason: null });
      addItems(id, checklists.get(`${e.serviceId}/${ch.to_phase}`) ?? [], createdMs, completedMs, 1, e.referentId);
      this.counts.transitions.completed++;
    }
    // Planned (and a few cancelled) for current episodes that have a next phase.
    const phasesOf = new Map(services.rows.map((s) => [s.id, s.phases.map((p) => p.code)]));
    for (const e of this.episodes) {
      if (e.endedOn) continue;
      const phases = phasesOf.get(e.serviceId) ?? [];
      const next = phases[phases.indexOf(e.phaseCode ?? '') + 1];
      if (!next || phases.indexOf(e.phaseCode ?? '') < 0) continue;
      const draw = random.next();
      if (draw < 0.22) {
        const createdMs = Math.max(e.createdMs + 60_000, this.anchorMs - random.int(1, 25) * dayMs);
        if (createdMs >= this.anchorMs) continue;
        const id = random.uuid(createdMs);
        const plannedOn = dateOf(this.anchorMs + random.int(-6, 35) * dayMs);
        transitions.push({ id, episode_id: e.id, person_id: e.personId, from_phase: e.phaseCode, to_phase: next, planned_on: plannedOn, responsible_id: e.referentId, handoff_note: random.chance(0.5) ? handoffNote(random) : null, status: 'planned', created_by: e.coordinatorId, created_at: iso(createdMs), completed_at: null, completed_by: null, cancelled_reason: null });
        addItems(id, checklists.get(`${e.serviceId}/${next}`) ?? [], createdMs, this.anchorMs - 60_000, 0.45, e.referentId);
        this.counts.transitions.planned++;
      } else if (draw < 0.25) {
        const createdMs = Math.max(e.createdMs + 60_000, this.anchorMs - random.int(30, 120) * dayMs);
        if (createdMs >= this.anchorMs) continue;
        const id = random.uuid(createdMs);
        transitions.push({ id, episode_id: e.id, person_id: e.personId, from_phase: e.phaseCode, to_phase: next, planned_on: dateOf(createdMs + random.int(10, 40) * dayMs), responsible_id: e.referentId, handoff_note: null, status: 'cancelled', created_by: e.coordinatorId, created_at: iso(createdMs), completed_at: null, completed_by: null, cancelled_reason: random.pick(cancelReasons) });
        addItems(id, checklists.get(`${e.serviceId}/${next}`) ?? [], createdMs, Math.min(createdMs + 10 * dayMs, this.anchorMs - 60_000), 0.3, e.referentId);
        this.counts.transitions.cancelled++;
      }
    }
    const value = (name: string) => (r: Record<string, unknown>) => r[name] as string | null;
    await insertRows(client, 'transition', [
      org,
      ...(['id', 'episode_id', 'person_id', 'responsible_id', 'created_by', 'completed_by'] as const).map((n) => ({ name: n, type: 'uuid', value: value(n) })),
      ...(['from_phase', 'to_phase', 'handoff_note', 'status', 'cancelled_reason'] as const).map((n) => ({ name: n, type: 'text', value: value(n) })),
      { name: 'planned_on', type: 'date', value: value('planned_on') },
      { name: 'created_at', type: 'timestamptz', value: value('created_at') },
      { name: 'completed_at', type: 'timestamptz', value: value('completed_at') },
    ], transitions);
    await insertRows(client, 'transition_item', [
      org,
      { name: 'transition_id', type: 'uuid', value: value('transition_id') },
      { name: 'item_id', type: 'uuid', value: value('item_id') },
      { name: 'label', type: 'text', value: value('label') },
      { name: 'done_at', type: 'timestamptz', value: value('done_at') },
      { name: 'done_by', type: 'uuid', value: value('done_by') },
      { name: 'note', type: 'text', value: value('note') },
    ], items);
    this.counts.transitionItems = items.length;
  }

  // ── The intended intensity ──

  private async writeIntensity(): Promise<void> {
    const random = this.random.derive('intensity');
    const rows: Record<string, unknown>[] = [];
    const anchorDate = dateOf(this.anchorMs);
    for (const e of this.episodes) {
      if (e.endedOn || !random.chance(0.85)) continue;
      // Sessions a week as they were actually held, per period: the plan follows the practice, and steps down.
      const sessionsPerWeek = (fromMs: number, toMs: number) => {
        const held = new Set<string>();
        for (const s of e.sessions) if (s.endsMs >= fromMs && s.endsMs < toMs) held.add(s.id);
        return held.size / Math.max(1, (toMs - fromMs) / (7 * dayMs));
      };
      const createdMs = Math.min(e.createdMs + random.int(1, 10) * dayMs, this.anchorMs - 60_000);
      let startsOn = e.startedOn;
      let level = Infinity;
      const periods: { startsOn: string; endsOn: string | null; sessions: number; minutes: number }[] = [];
      while (startsOn <= anchorDate) {
        const weeks = random.int(8, 20);
        const endsOn = addDays(startsOn, weeks * 7 - 1);
        const current = endsOn >= anchorDate;
        const fromMs = msOfDate(startsOn);
        const actual = sessionsPerWeek(fromMs, current ? this.anchorMs : msOfDate(endsOn) + dayMs);
        // Close to what was held (within -10 %…+30 %), in half sessions, never above the period before.
        const wanted = Math.max(0.5, Math.round(actual * (0.9 + random.next() * 0.4) * 2) / 2);
        const sessions = Math.min(level, wanted, 3);
        level = sessions;
        const minutes = Math.round((sessions * random.pick([45, 50, 60])) / 5) * 5;
        periods.push({ startsOn, endsOn: current ? null : endsOn, sessions, minutes });
        if (current) break;
        startsOn = addDays(endsOn, 1);
      }
      const maxDays = random.chance(0.35) ? random.pick([14, 21, 30, 45]) : null;
      periods.forEach((p, i) => {
        rows.push({
          id: random.uuid(createdMs),
          episode_id: e.id,
          starts_on: p.startsOn,
          ends_on: p.endsOn,
          sessions_per_week: p.sessions,
          minutes_per_week: p.minutes,
          max_days_without_contact: i === periods.length - 1 ? maxDays : null,
          note: i === 0 ? 'Rythme de départ convenu avec la personne.' : i === periods.length - 1 ? 'Allègement progressif : la personne gagne en autonomie.' : null,
          created_by: e.referentId,
          created_at: iso(createdMs),
        });
      });
    }
    const value = (name: string) => (r: Record<string, unknown>) => r[name] as string | number | null;
    await insertRows(this.ctx.client, 'intensity_period', [
      { name: 'organization_id', type: 'uuid', value: () => this.orgId },
      { name: 'id', type: 'uuid', value: value('id') },
      { name: 'episode_id', type: 'uuid', value: value('episode_id') },
      { name: 'starts_on', type: 'date', value: value('starts_on') },
      { name: 'ends_on', type: 'date', value: value('ends_on') },
      { name: 'sessions_per_week', type: 'numeric', value: value('sessions_per_week') },
      { name: 'minutes_per_week', type: 'int', value: value('minutes_per_week') },
      { name: 'max_days_without_contact', type: 'int', value: value('max_days_without_contact') },
      { name: 'note', type: 'text', value: value('note') },
      { name: 'created_by', type: 'uuid', value: value('created_by') },
      { name: 'created_at', type: 'timestamptz', value: value('created_at') },
    ], rows);
    this.counts.intensityPeriods = rows.length;
  }

  /**
   * The weekly figures of the last 26 weeks of the episodes with an intended intensity, counted as
   * the weekly job counts them (sessions done, groups attended, unplanned contacts, weeks on the
   * structure's calendar), then the review flags its rules raise on them; some already acknowledged.
   */
  private async writeWeeksAndFlags(): Promise<void> {
    const { client } = this.ctx;
    const random = this.random.derive('flags');
    const lastMonday = lastCompletedWeek(new Date(this.anchorMs), 'Europe/Paris');
    const firstMonday = addDays(weekStart(dateOf(this.anchorMs)), -7 * 26);
    const inserted = await client.query(
      `WITH eps AS (
         SELECT e.id, e.person_id, e.service_id, e.started_on, e.ended_on FROM episode e
          WHERE e.organization_id = $1 AND EXISTS (SELECT 1 FROM intensity_period ip WHERE ip.organization_id = e.organization_id AND ip.episode_id = e.id)
       ), weeks AS (
         SELECT w::date AS week_start FROM generate_series($2::date, $3::date, interval '7 days') AS w
       ), sessions AS (
         SELECT a.episode_id, a.starts_at, a.ends_at FROM appointment a JOIN eps ON eps.id = a.episode_id
          WHERE a.organization_id = $1 AND a.status = 'done' AND a.kind IN ('individual', 'with_relatives')
            AND a.starts_at >= ($2::date)::timestamp AT TIME ZONE 'Europe/Paris' AND a.starts_at < ($3::date + 7)::timestamp AT TIME ZONE 'Europe/Paris'
         UNION ALL
         SELECT ep.id, a.starts_at, a.ends_at FROM eps ep
           JOIN appointment_participant ap ON ap.organization_id = $1 AND ap.person_id = ep.person_id AND ap.role = 'person'
           JOIN appointment a ON a.organization_id = ap.organization_id AND a.id = ap.appointment_id
          WHERE a.kind = 'group' AND a.status = 'done' AND a.service_id = ep.service_id
            AND coalesce(ap.registration_status, 'registered') = 'registered' AND coalesce(ap.attendance, 'present') = 'present'
            AND a.starts_at >= ($2::date)::timestamp AT TIME ZONE 'Europe/Paris' AND a.starts_at < ($3::date + 7)::timestamp AT TIME ZONE 'Europe/Paris'
       ), done AS (
         SELECT episode_id, date_trunc('week', starts_at AT TIME ZONE 'Europe/Paris')::date AS week_start,
                count(*)::int AS n, coalesce(sum(extract(epoch FROM ends_at - starts_at) / 60), 0)::int AS minutes
           FROM sessions GROUP BY 1, 2
       ), unplanned AS (
         SELECT j.episode_id, date_trunc('week', j.occurred_at AT TIME ZONE 'Europe/Paris')::date AS week_start, count(*)::int AS n
           FROM journal_entry j JOIN eps ON eps.id = j.episode_id
          WHERE j.organization_id = $1 AND j.kind = 'unplanned_contact'
            AND j.occurred_at >= ($2::date)::timestamp AT TIME ZONE 'Europe/Paris' AND j.occurred_at < ($3::date + 7)::timestamp AT TIME ZONE 'Europe/Paris'
          GROUP BY 1, 2
       )
       INSERT INTO weekly_intensity (organization_id, episode_id, week_start, planned_sessions, planned_minutes, done_sessions, done_minutes, unplanned_contacts, computed_at)
       SELECT $1, ep.id, w.week_start, pl.sessions_per_week, pl.minutes_per_week, coalesce(d.n, 0), coalesce(d.minutes, 0), coalesce(u.n, 0),
              least(((w.week_start + 7)::timestamp + interval '4 hours 30 minutes') AT TIME ZONE 'Europe/Paris', $4::timestamptz)
         FROM eps ep CROSS JOIN weeks w
         LEFT JOIN done d ON d.episode_id = ep.id AND d.week_start = w.week_start
         LEFT JOIN unplanned u ON u.episode_id = ep.id AND u.week_start = w.week_start
         LEFT JOIN LATERAL (SELECT ip.sessions_per_week, ip.minutes_per_week FROM intensity_period ip
                             WHERE ip.organization_id = $1 AND ip.episode_id = ep.id AND ip.starts_on <= w.week_start + 6 AND (ip.ends_on IS NULL OR ip.ends_on >= w.week_start)
                             ORDER BY ip.starts_on LIMIT 1) pl ON true
        WHERE w.week_start + 6 >= ep.started_on AND (ep.ended_on IS NULL OR w.week_start <= ep.ended_on)`,
      [this.orgId, firstMonday, lastMonday, iso(this.anchorMs - 60_000)],
    );
    this.counts.weeklyIntensities = inserted.rowCount ?? 0;

    const weeks = await client.query<{ episode_id: string; week_start: string; planned_sessions: string | null; planned_minutes: number | null; done_sessions: number; done_minutes: number; unplanned_contacts: number }>(
      `SELECT episode_id, week_start::text, planned_sessions::text, planned_minutes, done_sessions, done_minutes, unplanned_contacts
         FROM weekly_intensity WHERE organization_id = $1 AND week_start > $2::date ORDER BY episode_id, week_start`,
      [this.orgId, addDays(lastMonday, -7 * Math.max(defaultThresholds.excessWeeks, defaultThresholds.unplannedRiseWeeks))],
    );
    const figures = new Map<string, WeekFigures[]>();
    for (const w of weeks.rows) {
      const list = figures.get(w.episode_id) ?? [];
      list.push({ weekStart: w.week_start, plannedSessions: w.planned_sessions === null ? null : Number(w.planned_sessions), plannedMinutes: w.planned_minutes, doneSessions: w.done_sessions, doneMinutes: w.done_minutes, unplannedContacts: w.unplanned_contacts });
      figures.set(w.episode_id, list);
    }
    const evaluations = await client.query<{ episode_id: string; evaluated_on: string; t_score: string | null; scores: { goalId: string; level: number }[] }>(
      `SELECT p.episode_id, pe.evaluated_on::text, pe.t_score::text, pe.scores FROM plan p
         JOIN plan_evaluation pe ON pe.organization_id = p.organization_id AND pe.plan_id = p.id
        WHERE p.organization_id = $1 ORDER BY pe.evaluated_on, pe.created_at`,
      [this.orgId],
    );
    const evaluationsOf = new Map<string, EvaluationFacts[]>();
    for (const r of evaluations.rows) {
      const list = evaluationsOf.get(r.episode_id) ?? [];
      list.push({ evaluatedOn: r.evaluated_on, tScore: r.t_score === null ? null : Number(r.t_score), scores: r.scores.map((s) => ({ goalId: s.goalId, level: s.level })) });
      evaluationsOf.set(r.episode_id, list);
    }
    const byId = new Map(this.episodes.map((e) => [e.id, e]));
    const flags: Record<string, unknown>[] = [];
    // Raised on the Monday run after the window, as the weekly job does.
    const raisedMs = Math.min(Date.parse(`${addDays(lastMonday, 7)}T03:30:00Z`), this.anchorMs - 60_000);
    for (const [episodeId, list] of figures) {
      const e = byId.get(episodeId)!;
      const flag = (reason: string, details: Record<string, unknown>) => {
        const acknowledged = random.chance(0.3);
        const ackMs = Math.min(raisedMs + random.int(1, 72) * 3_600_000, this.anchorMs - 60_000);
        flags.push({ id: random.uuid(raisedMs), episode_id: episodeId, reason, details: JSON.stringify(details), raised_at: iso(raisedMs), acknowledged_by: acknowledged ? e.referentId : null, acknowledged_at: acknowledged ? iso(ackMs) : null, note: acknowledged ? random.pick(flagNotes) : null });
      };
      const excess = sustainedExcess(list, defaultThresholds);
      if (excess) {
        flag('sustained_excess', { from: excess.from, to: excess.to, marginPercent: defaultThresholds.excessMarginPercent, weeks: excess.weeks.map((w) => ({ weekStart: w.weekStart, planned: w.plannedSessions, actual: w.doneSessions + w.unplannedContacts })) });
      }
      const rise = unplannedRise(list, defaultThresholds.unplannedRiseWeeks);
      if (rise && !progressSince(evaluationsOf.get(episodeId) ?? [], rise.from)) flag('unplanned_rise_without_progress', { from: rise.from, to: rise.to, counts: rise.counts, slope: rise.slope });
    }
    const value = (name: string) => (r: Record<string, unknown>) => r[name] as string | null;
    await insertRows(client, 'review_flag', [
      { name: 'organization_id', type: 'uuid', value: () => this.orgId },
      { name: 'id', type: 'uuid', value: value('id') },
      { name: 'episode_id', type: 'uuid', value: value('episode_id') },
      { name: 'reason', type: 'text', value: value('reason') },
      { name: 'details', type: 'jsonb', value: value('details'), fromJson: (f) => `${f}::jsonb` },
      { name: 'raised_at', type: 'timestamptz', value: value('raised_at') },
      { name: 'acknowledged_by', type: 'uuid', value: value('acknowledged_by') },
      { name: 'acknowledged_at', type: 'timestamptz', value: value('acknowledged_at') },
      { name: 'note', type: 'text', value: value('note') },
    ], flags);
    this.counts.reviewFlags = flags.length;
  }

  // ── Checks ──

  /** What replica mode skipped (foreign keys), and what the use cases keep, checked in bulk. */
  private async checkWhatTriggersWouldHaveDone(): Promise<void> {
    const { rows } = await this.ctx.client.query<{ problem: string; n: number }>(
      `SELECT 'entry with unknown episode, person, author, appointment or another person''s episode' AS problem, count(*)::int AS n FROM journal_entry j
        WHERE j.organization_id = $1 AND (
              NOT EXISTS (SELECT 1 FROM episode e WHERE e.organization_id = j.organization_id AND e.id = j.episode_id AND e.person_id = j.person_id)
           OR NOT EXISTS (SELECT 1 FROM staff_member s WHERE s.organization_id = j.organization_id AND s.id = j.author_id)
           OR (j.appointment_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM appointment a WHERE a.organization_id = j.organization_id AND a.id = j.appointment_id)))
       UNION ALL
       SELECT 'entry whose revisions do not match it', count(*)::int FROM journal_entry j
        WHERE j.organization_id = $1 AND ROW(j.revision, j.text, j.search_text) IS DISTINCT FROM (
              SELECT ROW(max(r.number), min(r.text) FILTER (WHERE r.number = 1), string_agg(r.text, E'\\n' ORDER BY r.number)) FROM journal_revision r
               WHERE r.organization_id = j.organization_id AND r.entry_id = j.id)
       UNION ALL
       SELECT 'revision without its entry', count(*)::int FROM journal_revision r
        WHERE r.organization_id = $1 AND NOT EXISTS (SELECT 1 FROM journal_entry j WHERE j.organization_id = r.organization_id AND j.id = r.entry_id)
       UNION ALL
       SELECT 'escalation off its entry, or with an unknown addressee or assignee', count(*)::int FROM escalation x
        WHERE x.organization_id = $1 AND (
              NOT EXISTS (SELECT 1 FROM journal_entry j WHERE j.organization_id = x.organization_id AND j.id = x.entry_id AND j.episode_id = x.episode_id AND j.person_id = x.person_id)
           OR NOT EXISTS (SELECT 1 FROM staff_member s WHERE s.organization_id = x.organization_id AND s.id = x.addressee_id)
           OR NOT EXISTS (SELECT 1 FROM staff_member s WHERE s.organization_id = x.organization_id AND s.id = x.assignee_id))
       UNION ALL
       SELECT 'escalation event without its escalation', count(*)::int FROM escalation_event v
        WHERE v.organization_id = $1 AND NOT EXISTS (SELECT 1 FROM escalation x WHERE x.organization_id = v.organization_id AND x.id = v.escalation_id)
       UNION ALL
       SELECT 'transition, item, period or flag without its episode, transition or service', count(*)::int FROM (
         SELECT 1 FROM transition t WHERE t.organization_id = $1 AND NOT EXISTS (SELECT 1 FROM episode e WHERE e.organization_id = t.organization_id AND e.id = t.episode_id AND e.person_id = t.person_id)
         UNION ALL SELECT 1 FROM transition_item i WHERE i.organization_id = $1 AND NOT EXISTS (SELECT 1 FROM transition t WHERE t.organization_id = i.organization_id AND t.id = i.transition_id)
         UNION ALL SELECT 1 FROM intensity_period p WHERE p.organization_id = $1 AND NOT EXISTS (SELECT 1 FROM episode e WHERE e.organization_id = p.organization_id AND e.id = p.episode_id)
         UNION ALL SELECT 1 FROM review_flag f WHERE f.organization_id = $1 AND NOT EXISTS (SELECT 1 FROM episode e WHERE e.organization_id = f.organization_id AND e.id = f.episode_id)
         UNION ALL SELECT 1 FROM transition_checklist c WHERE c.organization_id = $1 AND NOT EXISTS (SELECT 1 FROM service s WHERE s.organization_id = c.organization_id AND s.id = c.service_id)) x`,
      [this.orgId],
    );
    const problems = rows.filter((r) => r.n > 0);
    if (problems.length) throw new Error(`the continuity bulk load broke what the triggers and use cases keep: ${problems.map((p) => `${p.problem} (${p.n})`).join(', ')}`);
  }
}

// ─── Loading ──────────────────────────────────────────────────────────────────────────────────

/** Replica mode (the owner only): foreign keys and triggers off for this session. */
async function turnTriggersOff(client: pg.Client): Promise<boolean> {
  try {
    await client.query('SET session_replication_role = replica');
    return true;
  } catch {
    return false;
  }
}

/** Drops the tables' indexes that back no constraint (the primary keys stay: foreign keys point at them), returning how to build them again. */
async function dropSecondaryIndexes(client: pg.Client, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i
      WHERE i.indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [tables],
  );
  for (const r of rows) await client.query(`DROP INDEX ${r.name}`);
  return rows.map((r) => r.definition);
}

async function rebuildIndexes(client: pg.Client, definitions: string[]): Promise<void> {
  await client.query("SET maintenance_work_mem = '512MB'");
  for (const definition of definitions) await client.query(definition.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS '));
  await client.query('RESET maintenance_work_mem');
}

function entryColumns(orgId: string): CopyColumn<EntryRow>[] {
  return [
    { name: 'organization_id', value: () => orgId },
    { name: 'id', value: (r) => r.id },
    { name: 'episode_id', value: (r) => r.episodeId },
    { name: 'person_id', value: (r) => r.personId },
    { name: 'kind', value: (r) => r.kind },
    { name: 'text', value: (r) => r.text },
    { name: 'occurred_at', value: (r) => iso(r.occurredMs) },
    { name: 'author_id', value: (r) => r.authorId },
    { name: 'goal_id', value: (r) => r.goalId },
    { name: 'appointment_id', value: (r) => r.appointmentId },
    { name: 'confidentiality', value: (r) => r.confidentiality },
    { name: 'search_text', value: (r) => r.searchText },
    { name: 'revision', value: (r) => r.revision },
    { name: 'created_at', value: (r) => iso(r.createdMs) },
    { name: 'updated_at', value: (r) => iso(r.updatedMs) },
  ];
}

function revisionColumns(orgId: string): CopyColumn<RevisionRow>[] {
  return [
    { name: 'organization_id', value: () => orgId },
    { name: 'id', value: (r) => r.id },
    { name: 'entry_id', value: (r) => r.entryId },
    { name: 'number', value: (r) => r.number },
    { name: 'text', value: (r) => r.text },
    { name: 'kind', value: (r) => r.kind },
    { name: 'confidentiality', value: (r) => r.confidentiality },
    { name: 'is_amendment', value: (r) => r.isAmendment },
    { name: 'reason', value: (r) => r.reason },
    { name: 'author_id', value: (r) => r.authorId },
    { name: 'created_at', value: (r) => iso(r.createdMs) },
  ];
}

