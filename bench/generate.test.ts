import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/modules/audit/verify-audit-chain.js';
import { goalAttainmentTScore, type AttainmentLevel } from '../src/modules/plans/goal-attainment.js';
import { listDeadlines } from '../src/modules/plans/list-deadlines.js';
import { readEpisodePlan } from '../src/modules/plans/manage-plan.js';
import { contentHash, normalizePlanContent } from '../src/modules/plans/plan-content.js';
import type { GoalScore, PlanContent } from '../src/modules/plans/schema.js';
import { runAsActor, type Actor } from '../src/server/context.js';
import { createTestDatabase, type TestDatabase } from '../src/test/database.js';
import { partnerCount } from './generators/admissions.js';
import { auditEventTarget } from './generators/audit.js';
import { personCount } from './generators/people.js';
import { appointmentTarget } from './generators/scheduling.js';
import { escalationTarget, journalEntryTarget } from './generators/continuity.js';
import { nextInChain } from '../src/modules/escalations/climb-overdue-escalations.js';
import { searchJournal } from '../src/modules/journal/search-journal.js';
import { readMyDay } from '../src/modules/home/read-my-day.js';
import { generateReferenceDataSet, type GenerationSummary } from './generators/reference-data-set.js';
import { staffCount } from './generators/staff.js';

const scale = 0.005;
const anchor = new Date('2026-06-01T00:00:00Z');

describe('the reference data set generator', () => {
  let first: TestDatabase;
  let second: TestDatabase;
  let summary: GenerationSummary;

  beforeAll(async () => {
    [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    summary = await generateReferenceDataSet({ connectionString: first.url, seed: 'test-seed', scale, anchor });
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
  });

  it('writes the expected counts at a tiny scale, every event sealed', async () => {
    const c = summary.counts;
    expect(c.organizations).toBe(1);
    expect(c.persons).toBe(personCount(scale));
    expect(c.staff).toBe(staffCount(scale));
    expect(c.auditEvents).toBeGreaterThan(auditEventTarget(scale) * 0.95);
    expect(c.auditEvents).toBeLessThanOrEqual(auditEventTarget(scale));
    expect(c.sealedAuditEvents).toBe(c.auditEvents);
    const { rows } = await first.admin.query<{ organization_id: string }>('SELECT DISTINCT organization_id FROM person UNION SELECT DISTINCT organization_id FROM audit_event');
    expect(rows.map((r) => r.organization_id)).toEqual([summary.organizationId]);
  });

  it('gives every person a care team of 2 to 6 colleagues who may read the record, joined after they were hired', async () => {
    const { rows } = await first.admin.query<{ without: number; smallest: number; largest: number; unable: number; outOfTime: number }>(`
      WITH team AS (
        SELECT p.id, count(c.id)::int AS size
          FROM person p LEFT JOIN care_team_member c ON c.organization_id = p.organization_id AND c.person_id = p.id AND c.removed_at IS NULL
         GROUP BY p.organization_id, p.id)
      SELECT (SELECT count(*) FROM team WHERE size = 0)::int AS without,
             (SELECT min(size) FROM team)::int AS smallest,
             (SELECT max(size) FROM team)::int AS largest,
             (SELECT count(*) FROM care_team_member c
               WHERE NOT EXISTS (SELECT 1 FROM staff_role sr JOIN role r ON r.organization_id = sr.organization_id AND r.id = sr.role_id
                                  WHERE sr.organization_id = c.organization_id AND sr.staff_member_id = c.staff_member_id
                                    AND 'person:read' = ANY (r.permissions)))::int AS unable,
             (SELECT count(*) FROM care_team_member c JOIN staff_member s ON s.organization_id = c.organization_id AND s.id = c.staff_member_id
               WHERE c.added_at < s.created_at OR c.removed_at <= c.added_at)::int AS "outOfTime"`);
    expect(rows[0]).toEqual({ without: 0, smallest: 2, largest: expect.any(Number) as number, unable: 0, outOfTime: 0 });
    expect(rows[0]!.largest).toBeLessThanOrEqual(6);
  });

  it('audits successful reads only by members of the person’s care team', async () => {
    const { rows } = await first.admin.query<{ strays: number; reads: number }>(`
      SELECT count(*) FILTER (WHERE NOT EXISTS (
               SELECT 1 FROM care_team_member c
                WHERE c.organization_id = e.organization_id AND c.person_id = e.person_id AND c.staff_member_id = e.actor_id
                  AND c.added_at <= e.occurred_at AND (c.removed_at IS NULL OR c.removed_at > e.occurred_at)))::int AS strays,
             count(*)::int AS reads
        FROM audit_event e WHERE e.action = 'person.read' AND e.outcome = 'success'`);
    expect(rows[0]!.reads).toBeGreaterThan(0);
    expect(rows[0]!.strays).toBe(0);
  });

  it('writes services, partners, referrals and their decisions, episodes and a waitlist', async () => {
    const c = summary.counts;
    expect(c.services).toBe(5);
    expect(c.partners).toBe(partnerCount(scale));
    expect(c.referrals).toBeGreaterThan(c.persons * 0.8);
    expect(c.admissionDecisions).toBeGreaterThan(c.persons * 0.8);
    expect(c.episodes).toBeGreaterThan(c.persons * 0.7);
    expect(c.activeEpisodes).toBeGreaterThan(0);
    expect(c.activeEpisodes).toBeLessThan(c.episodes);
    const { rows } = await first.admin.query<{ outcome: string; n: number }>('SELECT outcome, count(*)::int AS n FROM admission_decision GROUP BY outcome');
    const outcomes = Object.fromEntries(rows.map((r) => [r.outcome, r.n]));
    expect(outcomes.admit).toBeGreaterThan(c.admissionDecisions / 2);
    expect((outcomes.refuse ?? 0) + (outcomes.orient ?? 0)).toBeGreaterThan(0);
  });

  it('keeps every service and référent within their caseload limits, but for overrides', async () => {
    const { rows } = await first.admin.query<{ over: number; overridesWithoutReason: number; overriddenByNonSupervisor: number }>(`
      WITH active AS (SELECT * FROM episode WHERE ended_on IS NULL AND capacity_override_by IS NULL)
      SELECT (SELECT count(*) FROM (
                SELECT a.service_id, a.referent_id, count(*) AS n, s.exclusive, s.caseload_limit_per_practitioner AS lim
                  FROM active a JOIN service s ON s.organization_id = a.organization_id AND s.id = a.service_id
                 GROUP BY a.service_id, a.referent_id, s.exclusive, s.caseload_limit_per_practitioner) r
               WHERE n > CASE WHEN exclusive THEN 1 ELSE coalesce(lim, n) END)::int
           + (SELECT count(*) FROM (
                SELECT a.service_id, count(*) AS n, s.caseload_limit_per_service AS lim
                  FROM active a JOIN service s ON s.organization_id = a.organization_id AND s.id = a.service_id
                 GROUP BY a.service_id, s.caseload_limit_per_service) r
               WHERE n > coalesce(lim, n))::int AS over,
             (SELECT count(*) FROM episode e JOIN admission_decision d ON d.organization_id = e.organization_id AND d.id = e.admission_decision_id
               WHERE e.capacity_override_by IS NOT NULL AND (d.capacity_override_reason IS NULL OR d.decided_by <> e.capacity_override_by))::int AS "overridesWithoutReason",
             (SELECT count(*) FROM episode e
               WHERE e.capacity_override_by IS NOT NULL AND NOT EXISTS (
                 SELECT 1 FROM staff_role sr JOIN role r ON r.organization_id = sr.organization_id AND r.id = sr.role_id
                  WHERE sr.organization_id = e.organization_id AND sr.staff_member_id = e.capacity_override_by AND 'capacity:override' = ANY (r.permissions)))::int AS "overriddenByNonSupervisor"`);
    expect(rows[0]).toEqual({ over: 0, overridesWithoutReason: 0, overriddenByNonSupervisor: 0 });
  });

  it('names référent and coordinator from the person’s care team, with a phase history that starts at admission', async () => {
    const { rows } = await first.admin.query<{ offTeam: number; badFirst: number; badCurrent: number; endedBeforeStart: number; changesBeforeDecision: number }>(`
      SELECT (SELECT count(*) FROM episode e
               WHERE NOT EXISTS (SELECT 1 FROM care_team_member c WHERE c.organization_id = e.organization_id AND c.person_id = e.person_id
                                    AND c.staff_member_id = e.referent_id AND c.removed_at IS NULL)
                  OR NOT EXISTS (SELECT 1 FROM care_team_member c WHERE c.organization_id = e.organization_id AND c.person_id = e.person_id
                                    AND c.staff_member_id = e.coordinator_id AND c.removed_at IS NULL))::int AS "offTeam",
             (SELECT count(*) FROM episode e JOIN service s ON s.organization_id = e.organization_id AND s.id = e.service_id
               WHERE NOT EXISTS (SELECT 1 FROM episode_phase_change p WHERE p.organization_id = e.organization_id AND p.episode_id = e.id
                                    AND p.from_phase IS NULL AND p.to_phase = s.phases->0->>'code' AND p.effective_on = e.started_on))::int AS "badFirst",
             (SELECT count(*) FROM episode e
               WHERE e.phase_code IS DISTINCT FROM (SELECT p.to_phase FROM episode_phase_change p WHERE p.organization_id = e.organization_id
                                                       AND p.episode_id = e.id ORDER BY p.changed_at DESC LIMIT 1))::int AS "badCurrent",
             (SELECT count(*) FROM episode WHERE ended_on < started_on)::int AS "endedBeforeStart",
             (SELECT count(*) FROM episode_phase_change p JOIN episode e ON e.organization_id = p.organization_id AND e.id = p.episode_id
                JOIN admission_decision d ON d.organization_id = e.organization_id AND d.id = e.admission_decision_id
               WHERE p.changed_at < d.decided_at OR p.effective_on < e.started_on)::int AS "changesBeforeDecision"`);
    expect(rows[0]).toEqual({ offTeam: 0, badFirst: 0, badCurrent: 0, endedBeforeStart: 0, changesBeforeDecision: 0 });
  });

  it('keeps the waitlist consistent with its decisions, offers and referrals', async () => {
    const { rows } = await first.admin.query<{ badEntries: number; badCorrections: number; badOffers: number; badStatus: number }>(`
      SELECT (SELECT count(*) FROM waitlist_entry w JOIN admission_decision d ON d.organization_id = w.organization_id AND d.id = w.decision_id
               WHERE d.outcome <> 'waitlist' OR d.waitlist_priority <> w.priority OR d.person_id <> w.person_id)::int AS "badEntries",
             (SELECT count(*) FROM admission_decision d JOIN admission_decision s ON s.organization_id = d.organization_id AND s.id = d.supersedes_id
               WHERE d.outcome <> 'admit' OR s.outcome <> 'waitlist' OR s.referral_id <> d.referral_id
                  OR NOT EXISTS (SELECT 1 FROM waitlist_entry w WHERE w.organization_id = d.organization_id AND w.decision_id = s.id AND w.status = 'admitted'))::int AS "badCorrections",
             (SELECT count(*) FROM waitlist_entry w
               WHERE (w.status = 'offered') <> EXISTS (SELECT 1 FROM waitlist_offer o WHERE o.organization_id = w.organization_id AND o.entry_id = w.id AND o.response IS NULL))::int AS "badOffers",
             (SELECT count(*) FROM referral r
               WHERE r.status <> CASE (SELECT d.outcome FROM admission_decision d WHERE d.organization_id = r.organization_id AND d.referral_id = r.id
                                        ORDER BY d.decided_at DESC LIMIT 1)
                                   WHEN 'admit' THEN 'admitted' WHEN 'waitlist' THEN (CASE WHEN r.status = 'withdrawn' THEN 'withdrawn' ELSE 'waitlisted' END)
                                   WHEN 'refuse' THEN 'refused' WHEN 'orient' THEN 'oriented'
                                   ELSE (CASE WHEN r.status = 'withdrawn' THEN 'withdrawn' ELSE 'new' END) END)::int AS "badStatus"`);
    expect(rows[0]).toEqual({ badEntries: 0, badCorrections: 0, badOffers: 0, badStatus: 0 });
  });

  it('writes assessments, plans with their history, agreements, evaluations, contracts and changes of situation', async () => {
    const c = summary.counts;
    expect(c.assessments).toBeGreaterThan(c.episodes * 0.7);
    expect(c.plans).toBeGreaterThan(c.episodes * 0.6);
    expect(c.plans).toBeLessThanOrEqual(c.episodes);
    expect(c.planVersions).toBeGreaterThan(c.plans);
    expect(c.activePlans).toBeGreaterThan(c.plans / 2);
    expect(c.planAgreements).toBeGreaterThan(c.activePlans * 2);
    expect(c.planEvaluations).toBeGreaterThan(0);
    expect(c.contracts).toBeGreaterThan(c.episodes * 0.7);
    expect(c.signedContracts).toBeGreaterThan(c.contracts / 2);
    expect(c.signedContracts).toBeLessThan(c.contracts);
    expect(c.situationChanges).toBeGreaterThan(0);
    expect(c.legalRepresentatives).toBeGreaterThan(0);
    const { rows } = await first.admin.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM plan_version GROUP BY status');
    const statuses = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    for (const status of ['draft', 'proposed', 'active', 'superseded']) expect(statuses[status] ?? 0, status).toBeGreaterThan(0);
    const { rows: histories } = await first.admin.query<{ longest: number; shortest: number }>(
      'SELECT max(n)::int AS longest, min(n)::int AS shortest FROM (SELECT count(*) AS n FROM plan_version GROUP BY organization_id, plan_id) v',
    );
    expect(histories[0]).toEqual({ longest: expect.any(Number) as number, shortest: 1 });
    expect(histories[0]!.longest).toBeGreaterThanOrEqual(3);
    expect(histories[0]!.longest).toBeLessThanOrEqual(6);
  });

  it('keeps plans as the use cases and triggers do: one version in force, agreements bound to their version, evaluations of versions in force', async () => {
    const { rows } = await first.admin.query<Record<string, number>>(`
      SELECT (SELECT count(*) FROM (SELECT 1 FROM plan_version WHERE status = 'active' GROUP BY organization_id, plan_id HAVING count(*) > 1) x)::int AS "manyActive",
             (SELECT count(*) FROM agreement a JOIN plan_version v ON v.organization_id = a.organization_id AND v.id = a.subject_id
               WHERE a.subject_type = 'plan_version' AND a.content_hash <> v.content_hash)::int AS "planHashMismatch",
             (SELECT count(*) FROM agreement a JOIN contract_version v ON v.organization_id = a.organization_id AND v.id = a.subject_id
               WHERE a.subject_type = 'contract_version' AND a.content_hash <> v.content_hash)::int AS "contractHashMismatch",
             (SELECT count(*) FROM agreement a
               WHERE NOT EXISTS (SELECT 1 FROM plan_version v WHERE v.organization_id = a.organization_id AND v.id = a.subject_id)
                 AND NOT EXISTS (SELECT 1 FROM contract_version v WHERE v.organization_id = a.organization_id AND v.id = a.subject_id))::int AS "agreementOrphans",
             (SELECT count(*) FROM plan_evaluation x JOIN plan_version v ON v.organization_id = x.organization_id AND v.id = x.version_id
               WHERE v.status NOT IN ('active', 'superseded') OR v.active_from IS NULL OR x.evaluated_on < v.active_from OR x.plan_id <> v.plan_id
                  OR (v.status = 'superseded' AND x.created_at > v.status_changed_at))::int AS "evaluationsOffForce",
             -- Agreed, in force or superseded after agreement: both sides spoke, the référent last, on the day recorded as agreed.
             (SELECT count(*) FROM plan_version v
               WHERE v.agreed_on IS NOT NULL AND (
                     NOT EXISTS (SELECT 1 FROM agreement a WHERE a.organization_id = v.organization_id AND a.subject_id = v.id AND a.party IN ('person', 'legal_representative'))
                  OR v.agreed_on IS DISTINCT FROM (SELECT a.signed_on FROM agreement a WHERE a.organization_id = v.organization_id AND a.subject_id = v.id AND a.party = 'referent')
                  OR (v.active_from IS NOT NULL AND v.active_from < v.agreed_on)))::int AS "badAgreed",
             (SELECT count(*) FROM plan_version v WHERE (v.status IN ('agreed', 'active') OR v.active_from IS NOT NULL) AND v.agreed_on IS NULL)::int AS "activeWithoutAgreement",
             -- Only the latest version may be a draft, proposed or agreed; versions are numbered 1..n in the order they were saved.
             (SELECT count(*) FROM plan_version v
               WHERE v.status IN ('draft', 'proposed', 'agreed')
                 AND EXISTS (SELECT 1 FROM plan_version w WHERE w.organization_id = v.organization_id AND w.plan_id = v.plan_id AND w.number > v.number))::int AS "staleDrafts",
             (SELECT count(*) FROM (SELECT plan_id FROM plan_version GROUP BY organization_id, plan_id HAVING max(number) <> count(*)) x)::int AS "numberingGaps",
             (SELECT count(*) FROM plan_version v JOIN plan_version w ON w.organization_id = v.organization_id AND w.plan_id = v.plan_id AND w.number = v.number + 1
               WHERE w.created_at <= v.created_at)::int AS "outOfOrder",
             -- The référent signs from their own account; a legal representative is one of the person's.
             (SELECT count(*) FROM agreement a
               WHERE (a.party = 'referent' AND (a.staff_member_id IS NULL OR a.recorded_by <> a.staff_member_id))
                  OR (a.party = 'legal_representative' AND NOT EXISTS (SELECT 1 FROM relative r WHERE r.organization_id = a.organization_id AND r.id = a.relative_id
                                                                          AND r.person_id = a.person_id AND r.is_legal_representative AND r.created_at <= a.recorded_at)))::int AS "badSigners",
             -- Plan writers are on the person's care team and may update the record.
             (SELECT count(*) FROM plan_version v JOIN plan p ON p.organization_id = v.organization_id AND p.id = v.plan_id
               WHERE NOT EXISTS (SELECT 1 FROM care_team_member c WHERE c.organization_id = v.organization_id AND c.person_id = p.person_id AND c.staff_member_id = v.created_by
                                    AND c.added_at <= v.created_at AND (c.removed_at IS NULL OR c.removed_at > v.created_at))
                  OR NOT EXISTS (SELECT 1 FROM staff_role sr JOIN role r ON r.organization_id = sr.organization_id AND r.id = sr.role_id
                                  WHERE sr.organization_id = v.organization_id AND sr.staff_member_id = v.created_by AND 'person:update' = ANY (r.permissions)))::int AS "writersOffTeam",
             (SELECT count(*) FROM plan p JOIN episode e ON e.organization_id = p.organization_id AND e.id = p.episode_id
               WHERE p.person_id <> e.person_id
                  OR EXISTS (SELECT 1 FROM plan_version v WHERE v.organization_id = p.organization_id AND v.plan_id = p.id
                               AND (v.created_at::date < e.started_on OR (e.ended_on IS NOT NULL AND v.created_at::date > e.ended_on))))::int AS "plansOffEpisode",
             (SELECT count(*) FROM contract_version v JOIN episode e ON e.organization_id = v.organization_id AND e.id = v.episode_id
               WHERE v.signed_on < v.handed_over_on OR (v.signed_on IS NOT NULL AND v.handed_over_on IS NULL)
                  OR (v.signed_on IS NOT NULL AND NOT EXISTS (SELECT 1 FROM agreement a WHERE a.organization_id = v.organization_id AND a.subject_id = v.id AND a.party = 'referent' AND a.signed_on = v.signed_on)))::int AS "badContracts",
             (SELECT count(*) FROM situation_change s JOIN episode e ON e.organization_id = s.organization_id AND e.id = s.episode_id
               WHERE s.noted_on < e.started_on OR s.noted_on > coalesce(e.ended_on, s.noted_on))::int AS "changesOffEpisode"`);
    expect(rows[0]).toEqual({
      manyActive: 0,
      planHashMismatch: 0,
      contractHashMismatch: 0,
      agreementOrphans: 0,
      evaluationsOffForce: 0,
      badAgreed: 0,
      activeWithoutAgreement: 0,
      staleDrafts: 0,
      numberingGaps: 0,
      outOfOrder: 0,
      badSigners: 0,
      writersOffTeam: 0,
      plansOffEpisode: 0,
      badContracts: 0,
      changesOffEpisode: 0,
    });
  });

  it('hashes plan content and scores evaluations exactly as the application does', async () => {
    const everyId = async (sql: string) => new Set((await first.admin.query<{ id: string }>(sql)).rows.map((r) => r.id));
    const known = {
      staff: await everyId('SELECT id FROM staff_member'),
      disciplines: await everyId('SELECT id FROM discipline'),
      partners: await everyId('SELECT id FROM partner'),
      relatives: await everyId('SELECT id FROM relative'),
    };
    const versions = await first.admin.query<{ content: PlanContent; content_hash: string }>('SELECT content, content_hash FROM plan_version');
    expect(versions.rows.length).toBeGreaterThan(0);
    // The stored JSON comes back with its keys reordered (jsonb): normalized again with itself as the
    // previous version (ids kept), it must be the very content the application would have hashed.
    const mismatches = versions.rows.filter((v) => contentHash(normalizePlanContent(v.content, v.content, known)) !== v.content_hash);
    expect(mismatches.length).toBe(0);
    const evaluations = await first.admin.query<{ scores: GoalScore[]; t_score: string | null; content: PlanContent }>(
      'SELECT x.scores, x.t_score::text, v.content FROM plan_evaluation x JOIN plan_version v ON v.organization_id = x.organization_id AND v.id = x.version_id',
    );
    expect(evaluations.rows.length).toBeGreaterThan(0);
    for (const e of evaluations.rows) {
      const weight = new Map(e.content.goals.map((g) => [g.id, g.weight]));
      for (const s of e.scores) expect(weight.has(s.goalId)).toBe(true);
      const expected = goalAttainmentTScore(e.scores.map((s) => ({ level: s.level as AttainmentLevel, weight: weight.get(s.goalId)! })));
      expect(e.t_score === null ? null : Number(e.t_score)).toBe(expected);
    }
  });

  it('leaves deadlines due and overdue for the structure on the anchor day', async () => {
    const { rows } = await first.admin.query<{ unsigned: number }>(
      `SELECT count(*)::int AS unsigned FROM episode e WHERE e.ended_on IS NULL AND e.started_on < $1::date - 31
          AND NOT EXISTS (SELECT 1 FROM contract_version v WHERE v.organization_id = e.organization_id AND v.episode_id = e.id AND v.signed_on IS NOT NULL)`,
      [anchor.toISOString().slice(0, 10)],
    );
    expect(rows[0]!.unsigned).toBeGreaterThan(0);
  });

  it('writes about the intended number of appointments, past ones done, missed or cancelled and future ones planned or confirmed', async () => {
    const c = summary.counts;
    expect(c.appointments).toBeGreaterThan(appointmentTarget(scale) * 0.9);
    expect(c.appointments).toBeLessThanOrEqual(appointmentTarget(scale) * 1.02);
    expect(c.appointmentParticipants).toBeGreaterThan(c.appointments * 2);
    const { rows } = await first.admin.query<{ kind: string; status: string; future: boolean; n: number }>(
      'SELECT kind, status, starts_at >= $1 AS future, count(*)::int AS n FROM appointment GROUP BY 1, 2, 3',
      [anchor.toISOString()],
    );
    const count = (filter: (r: (typeof rows)[number]) => boolean) => rows.filter(filter).reduce((n, r) => n + r.n, 0);
    for (const status of ['done', 'missed', 'cancelled']) expect(count((r) => !r.future && r.status === status), status).toBeGreaterThan(0);
    for (const status of ['planned', 'confirmed']) expect(count((r) => r.future && r.status === status), status).toBeGreaterThan(0);
    expect(count((r) => !r.future && (r.status === 'planned' || r.status === 'confirmed'))).toBe(0);
    expect(count((r) => r.future && (r.status === 'done' || r.status === 'missed'))).toBe(0);
    for (const kind of ['individual', 'group', 'team_meeting']) expect(count((r) => r.kind === kind), kind).toBeGreaterThan(0);
    const { rows: structure } = await first.admin.query<Record<string, number>>(`
      SELECT (SELECT count(*) FROM site)::int AS sites,
             (SELECT count(*) FROM resource WHERE kind = 'room')::int AS rooms,
             (SELECT count(*) FROM resource WHERE kind = 'equipment')::int AS equipment,
             (SELECT count(*) FROM sector)::int AS sectors,
             (SELECT count(*) FROM sector_travel_time)::int AS "travelTimes",
             (SELECT count(*) FROM staff_member s WHERE NOT EXISTS (SELECT 1 FROM staff_availability a WHERE a.staff_member_id = s.id))::int AS "withoutAvailability",
             (SELECT count(DISTINCT kind) FROM staff_absence WHERE kind IN ('leave', 'training'))::int AS "absenceKinds",
             (SELECT count(*) FROM episode_pace)::int AS paces`);
    expect(structure[0]).toMatchObject({ sites: 3, rooms: 12, equipment: 2, sectors: 6, travelTimes: 15, withoutAvailability: 0, absenceKinds: 2 });
    expect(structure[0]!.paces).toBeGreaterThan(0);
  });

  it('never has a staff member, a person or a resource in two overlapping appointments, and sets period and blocking as the triggers do', async () => {
    const { rows } = await first.admin.query<Record<string, number>>(`
      SELECT (SELECT count(*) FROM (
                SELECT p.period && lag(p.period) OVER (PARTITION BY p.participant_id ORDER BY lower(p.period), upper(p.period)) AS overlaps
                  FROM appointment_participant p WHERE p.blocking) x WHERE x.overlaps)::int AS overlaps,
             (SELECT count(*) FROM appointment_participant p JOIN appointment a ON a.organization_id = p.organization_id AND a.id = p.appointment_id
               WHERE p.period <> tstzrange(a.starts_at, a.ends_at, '[)')
                  OR p.blocking <> (a.status <> 'cancelled' AND p.role <> 'relative' AND coalesce(p.registration_status, 'registered') = 'registered'))::int AS "notAsTriggers",
             (SELECT count(*) FROM appointment a WHERE NOT EXISTS (
                SELECT 1 FROM appointment_participant p WHERE p.organization_id = a.organization_id AND p.appointment_id = a.id AND p.role = 'staff'))::int AS "withoutStaff",
             (SELECT count(*) FROM appointment a WHERE a.kind IN ('individual', 'with_relatives') AND NOT EXISTS (
                SELECT 1 FROM appointment_participant p WHERE p.organization_id = a.organization_id AND p.appointment_id = a.id AND p.person_id = a.person_id))::int AS "withoutPerson"`);
    expect(rows[0]).toEqual({ overlaps: 0, notAsTriggers: 0, withoutStaff: 0, withoutPerson: 0 });
  });

  it('books staff within their weekly availability, never on leave, with the person’s care team, the pace and the travel time kept', async () => {
    const { rows } = await first.admin.query<Record<string, number>>(`
      WITH booked AS (
        SELECT p.staff_member_id, a.*, (a.starts_at AT TIME ZONE 'Europe/Paris') AS local_start, (a.ends_at AT TIME ZONE 'Europe/Paris') AS local_end
          FROM appointment_participant p JOIN appointment a ON a.organization_id = p.organization_id AND a.id = p.appointment_id
         WHERE p.role = 'staff' AND p.blocking)
      SELECT (SELECT count(*) FROM booked b WHERE NOT EXISTS (
                SELECT 1 FROM staff_availability w WHERE w.staff_member_id = b.staff_member_id AND w.weekday = extract(isodow FROM b.local_start)
                   AND w.starts_at <= b.local_start::time AND w.ends_at >= b.local_end::time
                   AND w.valid_from <= b.local_start::date AND (w.valid_until IS NULL OR w.valid_until >= b.local_start::date)))::int AS "outsideAvailability",
             (SELECT count(*) FROM booked b JOIN staff_absence x ON x.staff_member_id = b.staff_member_id AND x.cancelled_at IS NULL
               WHERE tstzrange(x.starts_at, x.ends_at) && tstzrange(b.starts_at, b.ends_at))::int AS "duringAbsence",
             (SELECT count(*) FROM booked b WHERE b.kind IN ('individual', 'with_relatives') AND NOT EXISTS (
                SELECT 1 FROM care_team_member c WHERE c.person_id = b.person_id AND c.staff_member_id = b.staff_member_id
                   AND c.added_at < b.starts_at AND (c.removed_at IS NULL OR c.removed_at > b.ends_at)))::int AS "offTeam",
             (SELECT count(*) FROM booked b JOIN partner x ON x.id = b.partner_id
               WHERE b.modality = 'partner_site' AND NOT (extract(isodow FROM b.local_start)::smallint = ANY (x.onsite_weekdays)))::int AS "partnerOffDay",
             (SELECT count(*) FROM booked b JOIN service s ON s.id = b.service_id
               WHERE b.kind IN ('individual', 'with_relatives') AND (b.ends_at - b.starts_at > make_interval(mins => s.max_duration_minutes) OR NOT (b.modality = ANY (s.modalities))))::int AS "offService",
             (SELECT count(*) FROM (
                SELECT b.sector_id, b.starts_at, lag(b.sector_id) OVER w AS previous_sector, lag(b.ends_at) OVER w AS previous_end
                  FROM booked b WHERE b.modality = 'home' WINDOW w AS (PARTITION BY b.staff_member_id, b.local_start::date ORDER BY b.starts_at)) h
               JOIN sector_travel_time t ON (t.from_sector_id, t.to_sector_id) IN ((h.sector_id, h.previous_sector), (h.previous_sector, h.sector_id))
               WHERE h.starts_at - h.previous_end < make_interval(mins => t.minutes))::int AS "tooLittleTravel"`);
    expect(rows[0]).toEqual({ outsideAvailability: 0, duringAbsence: 0, offTeam: 0, partnerOffDay: 0, offService: 0, tooLittleTravel: 0 });
    const { rows: pace } = await first.admin.query<{ overDay: number; overWeek: number; tooClose: number; checked: number }>(`
      WITH sessions AS (
        SELECT x.episode_id, x.max_sessions_per_day, x.max_sessions_per_week, x.min_gap_minutes, a.starts_at, a.ends_at, (a.starts_at AT TIME ZONE 'Europe/Paris') AS local_start
          FROM episode_pace x JOIN episode e ON e.id = x.episode_id
          JOIN appointment_participant p ON p.person_id = e.person_id AND p.blocking
          JOIN appointment a ON a.id = p.appointment_id AND a.starts_at::date BETWEEN e.started_on AND coalesce(e.ended_on, a.starts_at::date))
      SELECT (SELECT count(*) FROM (SELECT 1 FROM sessions GROUP BY episode_id, local_start::date, max_sessions_per_day HAVING count(*) > max_sessions_per_day) d)::int AS "overDay",
             (SELECT count(*) FROM (SELECT 1 FROM sessions GROUP BY episode_id, date_trunc('week', local_start), max_sessions_per_week HAVING count(*) > max_sessions_per_week) w)::int AS "overWeek",
             (SELECT count(*) FROM (SELECT starts_at - lag(ends_at) OVER (PARTITION BY episode_id ORDER BY starts_at) AS gap, min_gap_minutes FROM sessions) g
               WHERE g.gap < make_interval(mins => g.min_gap_minutes))::int AS "tooClose",
             (SELECT count(*) FROM sessions)::int AS checked`);
    expect(pace[0]!.checked).toBeGreaterThan(0);
    expect(pace[0]).toMatchObject({ overDay: 0, overWeek: 0, tooClose: 0 });
  });

  it('runs groups in series with registrations within their capacity, a waiting list in order and attendance for past sessions', async () => {
    const { rows } = await first.admin.query<Record<string, number>>(`
      WITH places AS (
        SELECT a.id, a.capacity, a.starts_at, a.series_id, a.status,
               count(*) FILTER (WHERE p.registration_status = 'registered') AS registered,
               count(*) FILTER (WHERE p.registration_status = 'waitlisted') AS waitlisted,
               coalesce(max(p.waitlist_position), 0) AS last_position,
               count(*) FILTER (WHERE p.attendance IS NOT NULL) AS attended
          FROM appointment a LEFT JOIN appointment_participant p ON p.appointment_id = a.id AND p.role = 'person'
         WHERE a.kind = 'group' GROUP BY a.organization_id, a.id)
      SELECT (SELECT count(*) FROM places)::int AS sessions,
             (SELECT count(*) FROM places WHERE registered > capacity)::int AS "overCapacity",
             (SELECT count(*) FROM places WHERE last_position <> waitlisted)::int AS "positionGaps",
             (SELECT count(*) FROM places WHERE series_id IS NULL)::int AS "outsideSeries",
             (SELECT count(*) FROM places WHERE attended > 0 AND (starts_at >= $1 OR status = 'cancelled'))::int AS "attendanceTooSoon",
             (SELECT count(*) FROM places WHERE status = 'done' AND attended = 0 AND registered > 0)::int AS "doneWithoutAttendance"`,
      [anchor.toISOString()],
    );
    expect(rows[0]!.sessions).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({ overCapacity: 0, positionGaps: 0, outsideSeries: 0, attendanceTooSoon: 0, doneWithoutAttendance: 0 });
  });


  it('writes journal entries over the episodes’ lifetimes, by their care team, mostly observations and session notes, about 10 % restricted and 3 % for their author', async () => {
    const c = summary.counts;
    expect(c.journalEntries).toBeGreaterThan(journalEntryTarget(scale) * 0.9);
    expect(c.journalEntries).toBeLessThan(journalEntryTarget(scale) * 1.1);
    const { rows } = await first.admin.query<{ kind: string; confidentiality: string; n: number }>('SELECT kind, confidentiality, count(*)::int AS n FROM journal_entry GROUP BY 1, 2');
    const share = (filter: (r: (typeof rows)[number]) => boolean) => rows.filter(filter).reduce((n, r) => n + r.n, 0) / c.journalEntries;
    expect(share((r) => r.kind === 'observation' || r.kind === 'session_note')).toBeGreaterThan(0.6);
    expect(share((r) => r.kind === 'unplanned_contact')).toBeGreaterThan(0.05);
    expect(share((r) => r.kind === 'crisis')).toBeGreaterThan(0);
    expect(share((r) => r.kind === 'crisis')).toBeLessThan(share((r) => r.kind === 'incident'));
    expect(share((r) => r.confidentiality === 'restricted')).toBeGreaterThan(0.07);
    expect(share((r) => r.confidentiality === 'restricted')).toBeLessThan(0.14);
    expect(share((r) => r.confidentiality === 'author_only')).toBeGreaterThan(0.015);
    expect(share((r) => r.confidentiality === 'author_only')).toBeLessThan(0.05);
    const { rows: checks } = await first.admin.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM journal_entry j JOIN episode e ON e.organization_id = j.organization_id AND e.id = j.episode_id
                WHERE j.person_id <> e.person_id OR j.occurred_at < e.started_on::timestamptz - interval '1 day'
                   OR j.occurred_at > coalesce(e.ended_on + 1, $1::date)::timestamptz + interval '1 day'
                   OR j.created_at < j.occurred_at OR j.created_at > $2::timestamptz)::int AS "offEpisode",
              (SELECT count(*) FROM journal_entry j WHERE NOT EXISTS (
                 SELECT 1 FROM care_team_member c WHERE c.organization_id = j.organization_id AND c.person_id = j.person_id AND c.staff_member_id = j.author_id
                    AND c.added_at <= j.occurred_at AND (c.removed_at IS NULL OR c.removed_at > j.occurred_at))
                 OR NOT EXISTS (SELECT 1 FROM staff_role sr JOIN role r ON r.organization_id = sr.organization_id AND r.id = sr.role_id
                                 WHERE sr.organization_id = j.organization_id AND sr.staff_member_id = j.author_id AND 'journal:write' = ANY (r.permissions)))::int AS "authorsOffTeam",
              (SELECT count(*) FROM journal_entry j JOIN appointment a ON a.organization_id = j.organization_id AND a.id = j.appointment_id
                WHERE a.status <> 'done' OR a.episode_id <> j.episode_id OR NOT EXISTS (
                  SELECT 1 FROM appointment_participant p WHERE p.organization_id = a.organization_id AND p.appointment_id = a.id AND p.staff_member_id = j.author_id))::int AS "badSessionLinks",
              (SELECT count(*) FROM journal_entry WHERE kind = 'session_note' AND appointment_id IS NOT NULL)::int AS "linkedNotes",
              (SELECT count(*) FROM journal_entry j WHERE j.search IS DISTINCT FROM to_tsvector('relais_french', j.search_text)
                  OR j.search_text <> j.text || coalesce((SELECT string_agg(E'\n' || r.text, '' ORDER BY r.number) FROM journal_revision r
                                                          WHERE r.organization_id = j.organization_id AND r.entry_id = j.id AND r.is_amendment), ''))::int AS "badSearchText",
              (SELECT count(*) FROM journal_entry j WHERE NOT EXISTS (
                 SELECT 1 FROM journal_revision r WHERE r.organization_id = j.organization_id AND r.entry_id = j.id AND r.number = 1 AND NOT r.is_amendment
                    AND r.text = j.text AND r.author_id = j.author_id AND r.created_at = j.created_at))::int AS "withoutFirstRevision",
              (SELECT count(*) FROM journal_revision r JOIN journal_entry j ON j.organization_id = r.organization_id AND j.id = r.entry_id
                 JOIN episode e ON e.organization_id = j.organization_id AND e.id = j.episode_id
                WHERE r.is_amendment AND (r.created_at <= j.created_at + interval '24 hours' OR r.author_id NOT IN (j.author_id, e.referent_id)))::int AS "badAmendments",
              (SELECT count(*) FROM journal_revision WHERE is_amendment)::int AS amendments`,
      [anchor.toISOString().slice(0, 10), anchor.toISOString()],
    );
    expect(checks[0]!.linkedNotes).toBeGreaterThan(0);
    expect(checks[0]!.amendments).toBeGreaterThan(0);
    expect(checks[0]).toMatchObject({ offEpisode: 0, authorsOffTeam: 0, badSessionLinks: 0, badSearchText: 0, withoutFirstRevision: 0, badAmendments: 0 });
    // A realistic vocabulary: no word of three letters or more is in 10 % of the entries (stop words are not indexed; "à"
    // is, as "a", once unaccented: search matches words of one or two letters whole).
    const { rows: words } = await first.admin.query<{ word: string; ndoc: number }>("SELECT word, ndoc FROM ts_stat('SELECT search FROM journal_entry') WHERE length(word) > 2 ORDER BY ndoc DESC LIMIT 1");
    expect(words[0]!.ndoc / c.journalEntries, words[0]!.word).toBeLessThan(0.1);
    const { rows: distinct } = await first.admin.query<{ n: number }>("SELECT count(*)::int AS n FROM ts_stat('SELECT search FROM journal_entry')");
    expect(distinct[0]!.n).toBeGreaterThan(1_000);
    // The indexes dropped for the load are back, as the migrations define them.
    const indexes = 'SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ($1, $2) ORDER BY indexname';
    const [built, fresh] = await Promise.all([first.admin.query(indexes, ['journal_entry', 'journal_revision']), second.admin.query(indexes, ['journal_entry', 'journal_revision'])]);
    expect(built.rows.length).toBeGreaterThan(2);
    expect(built.rows).toEqual(fresh.rows);
  });

  it('raises escalations from entries to those who receive them: most closed, some open and overdue at the end of the chain, their events in order', async () => {
    const c = summary.counts;
    expect(c.escalations).toBeGreaterThan(escalationTarget(scale) * 0.5);
    expect(c.escalations).toBeLessThanOrEqual(escalationTarget(scale));
    const { rows } = await first.admin.query<{ id: string; status: string; assignee_id: string; raised_by: string; chain_level: number; acknowledge_by: Date; held: string[]; chain: string[]; climbed: number }>(
      `SELECT x.id, x.status, x.assignee_id, x.raised_by, x.chain_level, x.acknowledge_by, s.chain,
              (SELECT array_agg(v.assignee_id) FROM escalation_event v WHERE v.escalation_id = x.id AND v.assignee_id IS NOT NULL) AS held,
              (SELECT count(*) FROM escalation_event v WHERE v.escalation_id = x.id AND v.kind = 'climbed')::int AS climbed
         FROM escalation x JOIN escalation_settings s ON s.organization_id = x.organization_id`,
    );
    const closed = rows.filter((r) => r.status === 'closed').length;
    expect(closed).toBeGreaterThan(rows.length / 2);
    const overdue = rows.filter((r) => r.status === 'open' && r.acknowledge_by < anchor);
    expect(overdue.length).toBeGreaterThan(0);
    // Nothing left for the climber: each overdue one is at the end of the chain.
    const { rows: receivers } = await first.admin.query<{ id: string }>(
      `SELECT s.id FROM staff_member s WHERE s.status = 'active' AND EXISTS (SELECT 1 FROM staff_role sr JOIN role r ON r.organization_id = sr.organization_id AND r.id = sr.role_id
         WHERE sr.staff_member_id = s.id AND 'escalation:receive' = ANY (r.permissions))`,
    );
    const active = new Set(receivers.map((r) => r.id));
    for (const e of overdue) expect(nextInChain(e.chain, e.assignee_id, new Set([e.raised_by, ...e.held]), active)).toBeNull();
    for (const e of rows) expect(e.climbed).toBe(e.chain_level);
    const { rows: checks } = await first.admin.query<Record<string, number>>(`
      SELECT (SELECT count(*) FROM escalation x JOIN journal_entry j ON j.organization_id = x.organization_id AND j.id = x.entry_id
               WHERE x.raised_by <> j.author_id OR x.raised_at < j.created_at OR x.raised_at > $1::timestamptz
                  OR NOT EXISTS (SELECT 1 FROM staff_role sr JOIN role r ON r.organization_id = sr.organization_id AND r.id = sr.role_id
                                  WHERE sr.staff_member_id = x.addressee_id AND 'escalation:receive' = ANY (r.permissions)))::int AS "badRaise",
             (SELECT count(*) FROM escalation x WHERE (SELECT array_agg(v.kind ORDER BY v.at, v.kind = 'closed') FROM escalation_event v WHERE v.escalation_id = x.id)
                 <> ARRAY['raised'] || array_fill('climbed'::text, ARRAY[x.chain_level])
                    || CASE WHEN x.status = 'open' THEN '{}'::text[] ELSE ARRAY['acknowledged'] END
                    || ARRAY(SELECT 'follow_up'::text FROM escalation_event v WHERE v.escalation_id = x.id AND v.kind = 'follow_up')
                    || CASE WHEN x.status = 'closed' THEN ARRAY['closed'] ELSE '{}'::text[] END)::int AS "eventsOutOfOrder",
             (SELECT count(*) FROM escalation WHERE (status = 'closed') <> (closed_at IS NOT NULL AND follow_up IS NOT NULL))::int AS "badClosed"`,
      [anchor.toISOString()],
    );
    expect(checks[0]).toEqual({ badRaise: 0, eventsOutOfOrder: 0, badClosed: 0 });
  });

  it('writes transitions with their checklists, intended intensity stepping down, weekly figures and the flags their rules raise', async () => {
    const { rows } = await first.admin.query<Record<string, number>>(`
      SELECT (SELECT count(*) FROM transition WHERE status = 'completed')::int AS completed,
             (SELECT count(*) FROM transition WHERE status = 'planned')::int AS planned,
             (SELECT count(*) FROM transition t WHERE t.status = 'completed' AND EXISTS (
                SELECT 1 FROM transition_item i WHERE i.transition_id = t.id AND (i.done_at IS NULL OR i.done_at > t.completed_at OR i.done_at < t.created_at)))::int AS "completedUndone",
             (SELECT count(*) FROM transition t WHERE NOT EXISTS (SELECT 1 FROM transition_item i WHERE i.transition_id = t.id)
                 OR EXISTS (SELECT 1 FROM transition_item i WHERE i.transition_id = t.id AND NOT EXISTS (
                   SELECT 1 FROM transition_checklist c, jsonb_array_elements(c.items) AS item
                    WHERE c.to_phase = t.to_phase AND (item->>'id')::uuid = i.item_id AND item->>'label' = i.label)))::int AS "itemsOffChecklist",
             (SELECT count(*) FROM transition t JOIN episode e ON e.id = t.episode_id WHERE t.status = 'planned' AND e.ended_on IS NOT NULL)::int AS "plannedOnEnded",
             (SELECT count(*) FROM intensity_period)::int AS periods,
             (SELECT count(*) FROM intensity_period WHERE max_days_without_contact IS NOT NULL)::int AS "withMaxDays",
             (SELECT count(*) FROM intensity_period a JOIN intensity_period b ON b.episode_id = a.episode_id AND b.id <> a.id
               WHERE daterange(a.starts_on, a.ends_on, '[]') && daterange(b.starts_on, b.ends_on, '[]'))::int AS overlaps,
             (SELECT count(*) FROM intensity_period a JOIN intensity_period b ON b.episode_id = a.episode_id AND b.starts_on > a.starts_on
               WHERE b.sessions_per_week > a.sessions_per_week)::int AS "steppingUp",
             (SELECT count(*) FROM episode e WHERE e.ended_on IS NULL)::int AS current,
             (SELECT count(DISTINCT episode_id) FROM intensity_period)::int AS "withPeriods",
             (SELECT count(*) FROM weekly_intensity)::int AS weeks,
             (SELECT count(*) FROM weekly_intensity w WHERE w.planned_sessions IS DISTINCT FROM (
                SELECT ip.sessions_per_week FROM intensity_period ip WHERE ip.episode_id = w.episode_id AND ip.starts_on <= w.week_start + 6
                   AND (ip.ends_on IS NULL OR ip.ends_on >= w.week_start) ORDER BY ip.starts_on LIMIT 1))::int AS "badPlanned",
             -- A sustained excess flagged is one the weekly figures show: each week of it above plan by more than the margin.
             (SELECT count(*) FROM review_flag f, jsonb_array_elements(f.details->'weeks') AS w
               WHERE f.reason = 'sustained_excess' AND NOT EXISTS (
                 SELECT 1 FROM weekly_intensity x WHERE x.episode_id = f.episode_id AND x.week_start = (w->>'weekStart')::date
                    AND x.done_sessions + x.unplanned_contacts = (w->>'actual')::int
                    AND (x.done_sessions + x.unplanned_contacts) * 100 > x.planned_sessions * (100 + (f.details->>'marginPercent')::int)))::int AS "flagsOffFigures"`);
    const r = rows[0]!;
    expect(r.completed).toBeGreaterThan(0);
    expect(r.planned).toBeGreaterThan(0);
    expect(r).toMatchObject({ completedUndone: 0, itemsOffChecklist: 0, plannedOnEnded: 0, overlaps: 0, steppingUp: 0, badPlanned: 0, flagsOffFigures: 0 });
    expect(r.withPeriods).toBeGreaterThan(r.current! * 0.7);
    expect(r.withMaxDays).toBeGreaterThan(0);
    expect(r.weeks).toBeGreaterThan(r.withPeriods!);
  });

  it('gives the same rows, names and ids, for the same seed and anchor', async () => {
    await generateReferenceDataSet({ connectionString: second.url, seed: 'test-seed', scale, anchor });
    const people = 'SELECT id, first_name, last_name, birth_date::text FROM person ORDER BY id';
    const staff = 'SELECT id, first_name, last_name, email::text FROM staff_member ORDER BY id';
    const [a, b] = await Promise.all([first.admin.query(people), second.admin.query(people)]);
    expect(b.rows).toEqual(a.rows);
    const [sa, sb] = await Promise.all([first.admin.query(staff), second.admin.query(staff)]);
    expect(sb.rows).toEqual(sa.rows);
    const episodes = 'SELECT id, person_id, service_id, referent_id, started_on::text, ended_on::text, phase_code FROM episode ORDER BY id';
    const [ea, eb] = await Promise.all([first.admin.query(episodes), second.admin.query(episodes)]);
    expect(ea.rows.length).toBeGreaterThan(0);
    expect(eb.rows).toEqual(ea.rows);
    const decisions = 'SELECT id, referral_id, outcome, capacity::text, decided_at::text FROM admission_decision ORDER BY id';
    const [da, db] = await Promise.all([first.admin.query(decisions), second.admin.query(decisions)]);
    expect(db.rows).toEqual(da.rows);
    for (const query of [
      'SELECT id, plan_id, number, status, content_hash, agreed_on::text, active_from::text, created_at::text FROM plan_version ORDER BY id',
      'SELECT id, subject_id, party, outcome, signed_on::text FROM agreement ORDER BY id',
      'SELECT id, version_id, evaluated_on::text, t_score::text FROM plan_evaluation ORDER BY id',
      'SELECT id, episode_id, content_hash, handed_over_on::text, signed_on::text FROM contract_version ORDER BY id',
      'SELECT id, episode_id, answers::text FROM assessment ORDER BY id',
      'SELECT id, kind, status, person_id, starts_at::text, ends_at::text, series_id FROM appointment ORDER BY id',
      'SELECT id, appointment_id, participant_id, blocking, registration_status, attendance FROM appointment_participant ORDER BY id',
      'SELECT id, staff_member_id, weekday, starts_at::text, ends_at::text, valid_from::text FROM staff_availability ORDER BY id',
      'SELECT id, episode_id, author_id, kind, confidentiality, md5(search_text) AS words, occurred_at::text, revision FROM journal_entry ORDER BY id',
      'SELECT id, entry_id, severity, status, addressee_id, assignee_id, acknowledge_by::text FROM escalation ORDER BY id',
      'SELECT id, episode_id, status, to_phase, planned_on::text FROM transition ORDER BY id',
      'SELECT id, episode_id, starts_on::text, sessions_per_week::text FROM intensity_period ORDER BY id',
    ]) {
      const [pa, pb] = await Promise.all([first.admin.query(query), second.admin.query(query)]);
      expect(pa.rows.length, query).toBeGreaterThan(0);
      expect(pb.rows, query).toEqual(pa.rows);
    }
    // French names, accents included.
    expect(a.rows.some((r: { first_name: string; last_name: string }) => /[éèêëàâçïîôöüûÿæœ]/i.test(r.first_name + r.last_name))).toBe(true);
  });

  it('leaves an audit chain that verifies', async () => {
    const report = await verifyAuditChain(first.db);
    expect(report.firstProblem).toBeNull();
    expect(report).toMatchObject({ ok: true, organizations: 1, verified: summary.counts.auditEvents, pending: 0 });
  });

  // Last: these reads write audit events of their own.
  it('serves the generated plans and deadlines through the application’s own use cases', async () => {
    const actorOf = async (staffMemberId: string): Promise<Actor> => {
      const { rows } = await first.admin.query<{ permissions: string[]; codes: string[] }>(
        `SELECT array_agg(DISTINCT p) AS permissions, array_agg(DISTINCT r.code) AS codes
           FROM staff_role sr JOIN role r ON r.organization_id = sr.organization_id AND r.id = sr.role_id, unnest(r.permissions) AS p
          WHERE sr.staff_member_id = $1`,
        [staffMemberId],
      );
      return { staffMemberId, organizationId: summary.organizationId, sessionId: crypto.randomUUID(), permissions: rows[0]!.permissions, roleCodes: rows[0]!.codes, locale: 'fr', timeZone: 'Europe/Paris' };
    };
    const meta = { ip: null, requestId: 'bench-generate-test', userAgent: null };
    // The plan with the longest history, read by its référent.
    const { rows } = await first.admin.query<{ episode_id: string; referent_id: string; versions: number; evaluations: number; latest_hash: string }>(`
      SELECT p.episode_id, e.referent_id, (SELECT count(*) FROM plan_version v WHERE v.plan_id = p.id)::int AS versions,
             (SELECT count(*) FROM plan_evaluation x WHERE x.plan_id = p.id)::int AS evaluations,
             (SELECT v.content_hash FROM plan_version v WHERE v.plan_id = p.id ORDER BY v.number DESC LIMIT 1) AS latest_hash
        FROM plan p JOIN episode e ON e.organization_id = p.organization_id AND e.id = p.episode_id
       ORDER BY versions DESC, evaluations DESC, p.id LIMIT 1`);
    const chosen = rows[0]!;
    const read = await runAsActor(first.db, await actorOf(chosen.referent_id), meta, (ctx) => readEpisodePlan(ctx, chosen.episode_id));
    expect(read.versions).toHaveLength(chosen.versions);
    expect(read.evaluations).toHaveLength(chosen.evaluations);
    expect(read.latest?.contentHash).toBe(chosen.latest_hash);
    // The structure's deadlines on the anchor day, as a coordinator sees them.
    const coordinator = await first.admin.query<{ id: string }>(
      `SELECT sr.staff_member_id AS id FROM staff_role sr JOIN role r ON r.organization_id = sr.organization_id AND r.id = sr.role_id
        WHERE 'deadlines:oversee' = ANY (r.permissions) ORDER BY sr.staff_member_id LIMIT 1`,
    );
    const deadlines = await runAsActor(first.db, await actorOf(coordinator.rows[0]!.id), meta, (ctx) =>
      listDeadlines(ctx, { scope: 'structure', today: anchor.toISOString().slice(0, 10), withinDays: 30, limit: 200 }),
    );
    expect(deadlines.total).toBeGreaterThan(0);
    expect(deadlines.items.some((i) => i.status === 'overdue')).toBe(true);
    // The journal's search as the practitioner with the largest caseload, and the home page of whoever holds an overdue escalation.
    const { rows: busiest } = await first.admin.query<{ id: string }>(
      `SELECT c.staff_member_id AS id FROM care_team_member c
        WHERE c.removed_at IS NULL AND EXISTS (SELECT 1 FROM staff_role sr JOIN role r ON r.organization_id = sr.organization_id AND r.id = sr.role_id
                                                WHERE sr.staff_member_id = c.staff_member_id AND r.code = 'practitioner')
        GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    const found = await runAsActor(first.db, await actorOf(busiest[0]!.id), meta, (ctx) => searchJournal(ctx, { q: 'logement', limit: 20, offset: 0 }));
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.items.every((i) => i.excerpt.some((p) => p.mark))).toBe(true);
    const { rows: holder } = await first.admin.query<{ id: string; assignee_id: string }>(
      "SELECT id, assignee_id FROM escalation WHERE status = 'open' AND acknowledge_by < $1 ORDER BY id LIMIT 1",
      [anchor.toISOString()],
    );
    const day = await runAsActor(first.db, await actorOf(holder[0]!.assignee_id), meta, (ctx) => readMyDay(ctx, anchor));
    expect(day.escalations.find((e) => e.id === holder[0]!.id)).toMatchObject({ overdue: true, assignedToMe: true });
  });
});
