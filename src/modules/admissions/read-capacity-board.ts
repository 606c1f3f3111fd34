import { sql } from 'drizzle-orm';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';

/**
 * The capacity board: per service, the active caseload against its limit, free places, the waitlist
 * and planned ends; per référent, their caseload in each service against its limit; per referrer,
 * the referrals of the last twelve months and their outcomes. Counts only: no person is named.
 */
const collator = new Intl.Collator('fr');

export async function readCapacityBoard(ctx: Ctx, options: { today: string; horizonDays: number }) {
  await requireAccess(ctx, 'referral.triage');
  const org = ctx.organizationId;
  const horizon = sql`(${options.today}::date + ${options.horizonDays}::int)`;
  // Written as SQL: correlated counts per service in one statement (the ORM leaves the outer
  // table's columns unqualified in single-table queries, which a subquery would capture).
  const services = (
    await ctx.tx.execute<{
      id: string;
      name: string;
      serviceLimit: number | null;
      referentLimit: number | null;
      exclusive: boolean;
      active: number;
      overridden: number;
      plannedEnds: number;
      nextPlannedEnd: string | null;
      waiting: number;
      offered: number;
      newReferrals: number;
    }>(sql`
      SELECT s.id, s.name, s.caseload_limit_per_service AS "serviceLimit", s.caseload_limit_per_practitioner AS "referentLimit", s.exclusive,
             coalesce(e.active, 0) AS active, coalesce(e.overridden, 0) AS overridden, coalesce(e.planned_ends, 0) AS "plannedEnds",
             e.next_planned_end AS "nextPlannedEnd", coalesce(w.waiting, 0) AS waiting, coalesce(w.offered, 0) AS offered,
             coalesce(r.new_referrals, 0) AS "newReferrals"
        FROM service s
        LEFT JOIN (
          SELECT service_id, count(*)::int AS active, count(*) FILTER (WHERE capacity_override_by IS NOT NULL)::int AS overridden,
                 count(*) FILTER (WHERE planned_end_on <= ${horizon})::int AS planned_ends, min(planned_end_on)::text AS next_planned_end
            FROM episode WHERE organization_id = ${org} AND ended_on IS NULL GROUP BY service_id
        ) e ON e.service_id = s.id
        LEFT JOIN (
          SELECT service_id, count(*) FILTER (WHERE status = 'waiting')::int AS waiting, count(*) FILTER (WHERE status = 'offered')::int AS offered
            FROM waitlist_entry WHERE organization_id = ${org} AND status IN ('waiting', 'offered') GROUP BY service_id
        ) w ON w.service_id = s.id
        LEFT JOIN (
          SELECT service_id, count(*)::int AS new_referrals FROM referral WHERE organization_id = ${org} AND status = 'new' GROUP BY service_id
        ) r ON r.service_id = s.id
       WHERE s.organization_id = ${org} AND s.archived_at IS NULL
       ORDER BY s.name`)
  ).rows;

  // Active caseloads per (service, référent), aggregated before the names are joined; sorted in
  // French order here (a few hundred rows) rather than by the database's ICU collation.
  const referents = (
    await ctx.tx.execute<{ serviceId: string; staffMemberId: string; firstName: string; lastName: string; active: number }>(sql`
      SELECT a.service_id AS "serviceId", a.referent_id AS "staffMemberId", s.first_name AS "firstName", s.last_name AS "lastName", a.active
        FROM (SELECT service_id, referent_id, count(*)::int AS active FROM episode
               WHERE organization_id = ${org} AND ended_on IS NULL GROUP BY service_id, referent_id) a
        JOIN staff_member s ON s.organization_id = ${org} AND s.id = a.referent_id`)
  ).rows.sort((x, y) => collator.compare(x.lastName, y.lastName) || collator.compare(x.firstName, y.firstName));

  // Referrals of the last twelve months per referrer, aggregated before the partners' names are joined.
  const since = new Date(`${options.today}T00:00:00Z`);
  since.setUTCFullYear(since.getUTCFullYear() - 1);
  const referrers = (
    await ctx.tx.execute<{ source: string; partnerId: string | null; partnerName: string | null; total: number; open: number; admitted: number; waitlisted: number; refused: number; oriented: number; withdrawn: number }>(sql`
      SELECT a.source, a.partner_id AS "partnerId", p.name AS "partnerName", a.total, a.open, a.admitted, a.waitlisted, a.refused, a.oriented, a.withdrawn
        FROM (SELECT source, partner_id, count(*)::int AS total,
                     count(*) FILTER (WHERE status = 'new')::int AS open, count(*) FILTER (WHERE status = 'admitted')::int AS admitted,
                     count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted, count(*) FILTER (WHERE status = 'refused')::int AS refused,
                     count(*) FILTER (WHERE status = 'oriented')::int AS oriented, count(*) FILTER (WHERE status = 'withdrawn')::int AS withdrawn
                FROM referral WHERE organization_id = ${org} AND received_at >= ${since.toISOString()}::timestamptz
               GROUP BY source, partner_id) a
        LEFT JOIN partner p ON p.organization_id = ${org} AND p.id = a.partner_id
       ORDER BY a.total DESC`)
  ).rows;

  ctx.audit({ action: 'capacity_board.read' });
  return {
    horizonDays: options.horizonDays,
    services: services.map((s) => ({
      ...s,
      free: s.serviceLimit === null ? null : Math.max(0, s.serviceLimit - s.active),
      referents: referents
        .filter((r) => r.serviceId === s.id)
        .map((r) => ({ staffMemberId: r.staffMemberId, name: `${r.firstName} ${r.lastName}`, active: r.active, limit: s.exclusive ? 1 : s.referentLimit })),
    })),
    referrers,
  };
}
