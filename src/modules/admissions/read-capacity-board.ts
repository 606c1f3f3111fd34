import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { partner } from '../partners/schema.js';
import { referral } from '../referrals/schema.js';
import { staffMember } from '../staff/schema.js';
import { episode } from './schema.js';

/**
 * The capacity board: per service, the active caseload against its limit, free places, the waitlist
 * and planned ends; per référent, their caseload in each service against its limit; per referrer,
 * the referrals of the last twelve months and their outcomes. Counts only: no person is named.
 */
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

  const ids = services.map((s) => s.id);
  const referents = ids.length
    ? await ctx.tx
        .select({
          serviceId: episode.serviceId,
          staffMemberId: episode.referentId,
          firstName: staffMember.firstName,
          lastName: staffMember.lastName,
          active: sql<number>`count(*)::int`,
        })
        .from(episode)
        .innerJoin(staffMember, and(eq(staffMember.organizationId, episode.organizationId), eq(staffMember.id, episode.referentId)))
        .where(and(eq(episode.organizationId, org), inArray(episode.serviceId, ids), isNull(episode.endedOn)))
        .groupBy(episode.serviceId, episode.referentId, staffMember.firstName, staffMember.lastName)
        .orderBy(asc(staffMember.lastName), asc(staffMember.firstName))
    : [];

  const referrers = await ctx.tx
    .select({
      source: referral.source,
      partnerId: referral.partnerId,
      partnerName: partner.name,
      total: sql<number>`count(*)::int`,
      open: sql<number>`count(*) FILTER (WHERE ${referral.status} = 'new')::int`,
      admitted: sql<number>`count(*) FILTER (WHERE ${referral.status} = 'admitted')::int`,
      waitlisted: sql<number>`count(*) FILTER (WHERE ${referral.status} = 'waitlisted')::int`,
      refused: sql<number>`count(*) FILTER (WHERE ${referral.status} = 'refused')::int`,
      oriented: sql<number>`count(*) FILTER (WHERE ${referral.status} = 'oriented')::int`,
      withdrawn: sql<number>`count(*) FILTER (WHERE ${referral.status} = 'withdrawn')::int`,
    })
    .from(referral)
    .leftJoin(partner, and(eq(partner.organizationId, referral.organizationId), eq(partner.id, referral.partnerId)))
    .where(and(eq(referral.organizationId, org), sql`${referral.receivedAt} >= ${options.today}::date - interval '12 months'`))
    .groupBy(referral.source, referral.partnerId, partner.name)
    .orderBy(sql`count(*) DESC`);

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
    referrers: referrers.map((r) => ({ source: r.source, partnerId: r.partnerId, partnerName: r.partnerName, total: r.total, open: r.open, admitted: r.admitted, waitlisted: r.waitlisted, refused: r.refused, oriented: r.oriented, withdrawn: r.withdrawn })),
  };
}
