import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/modules/audit/verify-audit-chain.js';
import { createTestDatabase, type TestDatabase } from '../src/test/database.js';
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

  it('gives the same rows, names and ids, for the same seed and anchor', async () => {
    await generateReferenceDataSet({ connectionString: second.url, seed: 'test-seed', scale, anchor });
    const people = 'SELECT id, first_name, last_name, birth_date::text FROM person ORDER BY id';
    const staff = 'SELECT id, first_name, last_name, email::text FROM staff_member ORDER BY id';
    const [a, b] = await Promise.all([first.admin.query(people), second.admin.query(people)]);
    expect(b.rows).toEqual(a.rows);
    const [sa, sb] = await Promise.all([first.admin.query(staff), second.admin.query(staff)]);
    expect(sb.rows).toEqual(sa.rows);
    // French names, accents included.
    expect(a.rows.some((r: { first_name: string; last_name: string }) => /[éèêëàâçïîôöüûÿæœ]/i.test(r.first_name + r.last_name))).toBe(true);
  });

  it('leaves an audit chain that verifies', async () => {
    const report = await verifyAuditChain(first.db);
    expect(report.firstProblem).toBeNull();
    expect(report).toMatchObject({ ok: true, organizations: 1, verified: summary.counts.auditEvents, pending: 0 });
  });
});
