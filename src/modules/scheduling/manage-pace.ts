import { and, eq } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { optionalText } from '../../lib/text.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { episode } from '../admissions/schema.js';
import { episodePace } from './schema.js';

export interface Pace {
  maxSessionsPerDay: number | null;
  maxSessionsPerWeek: number | null;
  minGapMinutes: number | null;
  note: string | null;
}

async function episodePerson(ctx: Ctx, episodeId: string): Promise<string> {
  const [row] = await ctx.tx.select({ personId: episode.personId }).from(episode).where(and(eq(episode.organizationId, ctx.organizationId), eq(episode.id, episodeId)));
  if (!row) throw new DomainError('not_found');
  return row.personId;
}

/** The pace agreed with the person for this episode (nulls: no limit). */
export async function readPace(ctx: Ctx, episodeId: string): Promise<Pace> {
  const personId = await episodePerson(ctx, episodeId);
  await requireAccess(ctx, 'pace.read', { personId });
  const [row] = await ctx.tx.select().from(episodePace).where(and(eq(episodePace.organizationId, ctx.organizationId), eq(episodePace.episodeId, episodeId)));
  ctx.audit({ action: 'pace.read', personId, targetType: 'episode', targetId: episodeId });
  return { maxSessionsPerDay: row?.maxSessionsPerDay ?? null, maxSessionsPerWeek: row?.maxSessionsPerWeek ?? null, minGapMinutes: row?.minGapMinutes ?? null, note: row?.note ?? null };
}

export async function setPace(ctx: Ctx, episodeId: string, input: Pace): Promise<void> {
  const personId = await episodePerson(ctx, episodeId);
  await requireAccess(ctx, 'pace.manage', { personId });
  if (input.maxSessionsPerDay !== null && input.maxSessionsPerWeek !== null && input.maxSessionsPerWeek < input.maxSessionsPerDay) {
    throw new DomainError('validation_failed', {}, [{ field: 'body.maxSessionsPerWeek', message: { fr: 'Le maximum par semaine ne peut pas être inférieur au maximum par jour.', en: 'The weekly maximum cannot be below the daily maximum.' } }]);
  }
  const values = { maxSessionsPerDay: input.maxSessionsPerDay, maxSessionsPerWeek: input.maxSessionsPerWeek, minGapMinutes: input.minGapMinutes, note: optionalText(input.note), updatedBy: ctx.actor.staffMemberId, updatedAt: new Date() };
  await ctx.tx
    .insert(episodePace)
    .values({ organizationId: ctx.organizationId, episodeId, ...values })
    .onConflictDoUpdate({ target: [episodePace.organizationId, episodePace.episodeId], set: values });
  ctx.audit({ action: 'pace.set', personId, targetType: 'episode', targetId: episodeId, details: { maxSessionsPerDay: input.maxSessionsPerDay, maxSessionsPerWeek: input.maxSessionsPerWeek, minGapMinutes: input.minGapMinutes } });
}
