import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/modules/audit/verify-audit-chain.js';
import { createTestDatabase, type TestDatabase } from '../src/test/database.js';
import { partnerCount } from './generators/admissions.js';
import { auditEventTarget } from './generators/audit.js';
import { personCount } from './generators/people.js';
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
    // French names, accents included.
    expect(a.rows.some((r: { first_name: string; last_name: string }) => /[éèêëàâçïîôöüûÿæœ]/i.test(r.first_name + r.last_name))).toBe(true);
  });

  it('leaves an audit chain that verifies', async () => {
    const report = await verifyAuditChain(first.db);
    expect(report.firstProblem).toBeNull();
    expect(report).toMatchObject({ ok: true, organizations: 1, verified: summary.counts.auditEvents, pending: 0 });
  });
});
