import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { pgError } from '../../db/errors.js';
import { DomainError } from '../../lib/domain-error.js';
import type { Ctx } from '../../server/context.js';
import { service } from '../services/schema.js';
import { episode, waitlistEntry, type CapacitySnapshot } from './schema.js';

/**
 * The service's admission rules, its row locked (FOR NO KEY UPDATE, as the capacity trigger does) so
 * that admissions to one service are counted one after the other.
 */
export async function lockServiceForAdmission(ctx: Ctx, serviceId: string) {
  const [rules] = await ctx.tx
    .select({
      id: service.id,
      name: service.name,
      archivedAt: service.archivedAt,
      serviceLimit: service.caseloadLimitPerService,
      referentLimit: service.caseloadLimitPerPractitioner,
      exclusive: service.exclusive,
      indicationCriteria: service.indicationCriteria,
      safetyCriteria: service.safetyCriteria,
      phases: service.phases,
    })
    .from(service)
    .where(and(eq(service.organizationId, ctx.organizationId), eq(service.id, serviceId)))
    .for('no key update');
  if (!rules) throw new DomainError('validation_failed', {}, [{ field: 'body.serviceId', message: { fr: 'Dispositif inconnu.', en: 'Unknown service.' } }]);
  return rules;
}
export type ServiceRules = Awaited<ReturnType<typeof lockServiceForAdmission>>;

/** Active caseloads and waitlist length as they stand now (the figures a decision records). */
export async function capacityFigures(ctx: Ctx, rules: ServiceRules, referentId: string | null): Promise<CapacitySnapshot> {
  const [counts] = await ctx.tx
    .select({
      serviceActive: sql<number>`count(*)::int`,
      referentActive: referentId ? sql<number>`count(*) FILTER (WHERE ${episode.referentId} = ${referentId})::int` : sql<number>`0`,
      waitlistLength: sql<number>`(SELECT count(*)::int FROM ${waitlistEntry} WHERE ${waitlistEntry.organizationId} = ${ctx.organizationId}
        AND ${waitlistEntry.serviceId} = ${rules.id} AND ${waitlistEntry.status} IN ('waiting','offered'))`,
    })
    .from(episode)
    .where(and(eq(episode.organizationId, ctx.organizationId), eq(episode.serviceId, rules.id), isNull(episode.endedOn)));
  return {
    serviceActive: counts?.serviceActive ?? 0,
    serviceLimit: rules.serviceLimit,
    referentActive: referentId ? (counts?.referentActive ?? 0) : null,
    referentLimit: referentId ? (rules.exclusive ? 1 : rules.referentLimit) : null,
    waitlistLength: counts?.waitlistLength ?? 0,
  };
}

export type CapacityBreach = 'exclusive' | 'service' | 'referent';

/** Which limit an admission on these figures would pass, if any; an exclusive service's one-at-a-time comes first. */
export function capacityBreach(rules: ServiceRules, figures: CapacitySnapshot): CapacityBreach | null {
  if (rules.exclusive && (figures.referentActive ?? 0) >= 1) return 'exclusive';
  if (figures.serviceLimit !== null && figures.serviceActive >= figures.serviceLimit) return 'service';
  if (rules.referentLimit !== null && figures.referentActive !== null && figures.referentActive >= rules.referentLimit) return 'referent';
  return null;
}

/** The capacity trigger's refusals (a race the use case's own check could not see), as domain errors. */
export function capacityErrorFromDatabase(error: unknown): DomainError | null {
  const code = pgError(error)?.code;
  if (code === 'RL001') return new DomainError('capacity_reached', { limit: 'service' });
  if (code === 'RL002') return new DomainError('capacity_reached', { limit: 'referent' });
  if (code === 'RL003') return new DomainError('capacity_exclusive');
  return null;
}

/** Active caseloads for several services at once (capacity board). */
export async function activeCaseloads(ctx: Ctx, serviceIds: string[]) {
  if (!serviceIds.length) return [];
  return ctx.tx
    .select({ serviceId: episode.serviceId, referentId: episode.referentId, active: sql<number>`count(*)::int` })
    .from(episode)
    .where(and(eq(episode.organizationId, ctx.organizationId), inArray(episode.serviceId, serviceIds), isNull(episode.endedOn)))
    .groupBy(episode.serviceId, episode.referentId);
}
