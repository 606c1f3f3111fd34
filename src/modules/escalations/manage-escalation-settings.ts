import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/transaction.js';
import { DomainError } from '../../lib/domain-error.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { activeStaffAmong, staffNames } from '../staff/staff-queries.js';
import { escalationSettings, type AcknowledgementDelays } from './schema.js';

/** The delays the migration sets as column default, for a structure that never saved its settings. */
export const defaultAcknowledgementMinutes: AcknowledgementDelays = { information: 3 * 24 * 60, concern: 24 * 60, urgent: 120, emergency: 15 };

export interface EscalationSettingsView {
  acknowledgementMinutes: AcknowledgementDelays;
  /** Who an unacknowledged escalation climbs to, in order; deactivated members stay listed (and are skipped). */
  chain: { staffMemberId: string; name: string; active: boolean }[];
  safetyProcedure: string | null;
  updatedAt: string | null;
}

export interface EscalationSettingsInput {
  acknowledgementMinutes: AcknowledgementDelays;
  chain: string[];
  safetyProcedure?: string | null | undefined;
}

/** The stored settings, or the defaults (any transaction: the request's, or the climbing job's). */
export async function loadEscalationSettings(tx: Tx, organizationId: string) {
  const [row] = await tx.select().from(escalationSettings).where(eq(escalationSettings.organizationId, organizationId));
  return {
    acknowledgementMinutes: { ...defaultAcknowledgementMinutes, ...(row?.acknowledgementMinutes ?? {}) },
    chain: row?.chain ?? [],
    safetyProcedure: row?.safetyProcedure ?? null,
    updatedAt: row?.updatedAt ?? null,
  };
}

async function toView(ctx: Ctx, settings: Awaited<ReturnType<typeof loadEscalationSettings>>): Promise<EscalationSettingsView> {
  const [names, active] = await Promise.all([staffNames(ctx, settings.chain), activeStaffAmong(ctx, settings.chain)]);
  return {
    acknowledgementMinutes: settings.acknowledgementMinutes,
    chain: settings.chain.map((id) => ({ staffMemberId: id, name: names[id] ?? '', active: active.has(id) })),
    safetyProcedure: settings.safetyProcedure,
    updatedAt: settings.updatedAt?.toISOString() ?? null,
  };
}

/** Every staff member reads them: the chain and the safety procedure are shown when raising an escalation. */
export async function readEscalationSettings(ctx: Ctx): Promise<EscalationSettingsView> {
  await requireAccess(ctx, 'escalation.read_settings');
  return toView(ctx, await loadEscalationSettings(ctx.tx, ctx.organizationId));
}

/** Replaces the structure's escalation settings: delays per severity, the chain (active staff, each once), the safety procedure. */
export async function updateEscalationSettings(ctx: Ctx, input: EscalationSettingsInput): Promise<EscalationSettingsView> {
  await requireAccess(ctx, 'escalation.configure');
  const active = await activeStaffAmong(ctx, input.chain);
  const fieldErrors = input.chain.flatMap((id, i) =>
    active.has(id) ? [] : [{ field: `body.chain.${i}`, message: { fr: 'Professionnel inconnu ou désactivé dans cette structure.', en: 'Unknown or deactivated staff member in this organization.' } }],
  );
  if (fieldErrors.length) throw new DomainError('validation_failed', {}, fieldErrors);
  const next = {
    acknowledgementMinutes: input.acknowledgementMinutes,
    chain: input.chain,
    safetyProcedure: input.safetyProcedure?.trim() || null,
    updatedBy: ctx.actor.staffMemberId,
    updatedAt: sql`now()`,
  };
  const [saved] = await ctx.tx
    .insert(escalationSettings)
    .values({ organizationId: ctx.organizationId, ...next })
    .onConflictDoUpdate({ target: escalationSettings.organizationId, set: next })
    .returning({ updatedAt: escalationSettings.updatedAt });
  ctx.audit({
    action: 'escalation_settings.updated',
    targetType: 'organization',
    targetId: ctx.organizationId,
    details: { acknowledgementMinutes: input.acknowledgementMinutes, chain: input.chain, safetyProcedureSet: next.safetyProcedure !== null },
  });
  return toView(ctx, { acknowledgementMinutes: input.acknowledgementMinutes, chain: input.chain, safetyProcedure: next.safetyProcedure, updatedAt: saved?.updatedAt ?? new Date() });
}
