import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { newId } from '../../db/columns.js';
import { DomainError } from '../../lib/domain-error.js';
import { optionalText } from '../../lib/text.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { phasesInUse } from '../admissions/manage-episode.js';
import { service, type Modality, type ServiceKind } from './schema.js';

export interface ServiceFields {
  name: string;
  kind: ServiceKind;
  description?: string | null | undefined;
  defaultDurationMinutes: number;
  maxDurationMinutes: number;
  modalities: Modality[];
  caseloadLimitPerPractitioner?: number | null | undefined;
  caseloadLimitPerService?: number | null | undefined;
  exclusive?: boolean | undefined;
  /** Criteria keep their id when given (decisions refer to them); new ones get one. */
  indicationCriteria?: { id?: string | undefined; label: string }[] | undefined;
  safetyCriteria?: { id?: string | undefined; label: string; orientation?: string | null | undefined }[] | undefined;
  phases?: { code: string; label: string }[] | undefined;
}

function durationsProblem(defaultMinutes: number, maxMinutes: number) {
  if (defaultMinutes <= maxMinutes) return null;
  return new DomainError('validation_failed', {}, [
    { field: 'body.defaultDurationMinutes', message: { fr: 'La durée par défaut dépasse la durée maximale.', en: 'The default duration exceeds the maximum duration.' } },
  ]);
}

function phasesProblem(phases: { code: string }[] | undefined) {
  if (!phases) return null;
  const seen = new Set<string>();
  for (const [i, p] of phases.entries()) {
    if (seen.has(p.code)) {
      return new DomainError('validation_failed', {}, [{ field: `body.phases.${i}.code`, message: { fr: 'Chaque phase doit avoir un code différent.', en: 'Each phase needs a distinct code.' } }]);
    }
    seen.add(p.code);
  }
  return null;
}

function columns(input: Partial<ServiceFields>) {
  return {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.kind !== undefined ? { kind: input.kind } : {}),
    ...(input.description !== undefined ? { description: optionalText(input.description) } : {}),
    ...(input.defaultDurationMinutes !== undefined ? { defaultDurationMinutes: input.defaultDurationMinutes } : {}),
    ...(input.maxDurationMinutes !== undefined ? { maxDurationMinutes: input.maxDurationMinutes } : {}),
    ...(input.modalities !== undefined ? { modalities: [...new Set(input.modalities)] } : {}),
    ...(input.caseloadLimitPerPractitioner !== undefined ? { caseloadLimitPerPractitioner: input.caseloadLimitPerPractitioner } : {}),
    ...(input.caseloadLimitPerService !== undefined ? { caseloadLimitPerService: input.caseloadLimitPerService } : {}),
    ...(input.exclusive !== undefined ? { exclusive: input.exclusive } : {}),
    ...(input.indicationCriteria !== undefined ? { indicationCriteria: input.indicationCriteria.map((c) => ({ id: c.id ?? newId(), label: c.label.trim() })) } : {}),
    ...(input.safetyCriteria !== undefined
      ? { safetyCriteria: input.safetyCriteria.map((c) => ({ id: c.id ?? newId(), label: c.label.trim(), orientation: c.orientation?.trim() || null })) }
      : {}),
    ...(input.phases !== undefined ? { phases: input.phases.map((p) => ({ code: p.code, label: p.label.trim() })) } : {}),
  };
}

const listColumns = {
  id: service.id,
  name: service.name,
  kind: service.kind,
  description: service.description,
  defaultDurationMinutes: service.defaultDurationMinutes,
  maxDurationMinutes: service.maxDurationMinutes,
  modalities: service.modalities,
  caseloadLimitPerPractitioner: service.caseloadLimitPerPractitioner,
  caseloadLimitPerService: service.caseloadLimitPerService,
  exclusive: service.exclusive,
  indicationCriteria: service.indicationCriteria,
  safetyCriteria: service.safetyCriteria,
  phases: service.phases,
  archivedAt: service.archivedAt,
};

/** The structure's services (archived ones only when asked), for every staff member. */
export async function listServices(ctx: Ctx, options: { includeArchived: boolean; serviceId?: string }) {
  await requireAccess(ctx, 'service.read');
  const rows = await ctx.tx
    .select(listColumns)
    .from(service)
    .where(
      and(
        eq(service.organizationId, ctx.organizationId),
        options.includeArchived ? undefined : isNull(service.archivedAt),
        options.serviceId ? eq(service.id, options.serviceId) : undefined,
      ),
    )
    .orderBy(asc(service.name));
  return rows.map((r) => ({ ...r, archivedAt: r.archivedAt?.toISOString() ?? null }));
}

/** One service (archived or not), for every staff member. */
export async function readService(ctx: Ctx, serviceId: string) {
  const [found] = await listServices(ctx, { includeArchived: true, serviceId });
  if (!found) throw new DomainError('not_found');
  return found;
}

export async function createService(ctx: Ctx, input: ServiceFields): Promise<{ id: string }> {
  await requireAccess(ctx, 'service.manage');
  const problem = durationsProblem(input.defaultDurationMinutes, input.maxDurationMinutes) ?? phasesProblem(input.phases);
  if (problem) throw problem;
  const id = newId();
  await ctx.tx.insert(service).values({ organizationId: ctx.organizationId, id, ...columns(input), name: input.name.trim(), kind: input.kind, defaultDurationMinutes: input.defaultDurationMinutes, maxDurationMinutes: input.maxDurationMinutes, modalities: [...new Set(input.modalities)], createdBy: ctx.actor.staffMemberId });
  ctx.audit({ action: 'service.created', targetType: 'service', targetId: id });
  return { id };
}

/** Changes a service's rules. Durations are checked against each other as they will stand after the change. */
export async function updateService(ctx: Ctx, serviceId: string, input: Partial<ServiceFields>): Promise<void> {
  await requireAccess(ctx, 'service.manage');
  const [current] = await ctx.tx
    .select({ defaultDurationMinutes: service.defaultDurationMinutes, maxDurationMinutes: service.maxDurationMinutes })
    .from(service)
    .where(and(eq(service.organizationId, ctx.organizationId), eq(service.id, serviceId)))
    .for('update');
  if (!current) throw new DomainError('not_found');
  const problem =
    durationsProblem(input.defaultDurationMinutes ?? current.defaultDurationMinutes, input.maxDurationMinutes ?? current.maxDurationMinutes) ?? phasesProblem(input.phases);
  if (problem) throw problem;
  if (input.phases) {
    // A phase someone is in now cannot disappear from the pathway (renaming its label is fine).
    const kept = new Set(input.phases.map((p) => p.code));
    const missing = (await phasesInUse(ctx, serviceId)).filter((code) => !kept.has(code));
    if (missing.length) throw new DomainError('phase_in_use', { phases: missing });
  }
  const changes = columns(input);
  if (!Object.keys(changes).length) return;
  await ctx.tx.update(service).set({ ...changes, updatedAt: sql`now()` }).where(and(eq(service.organizationId, ctx.organizationId), eq(service.id, serviceId)));
  ctx.audit({ action: 'service.updated', targetType: 'service', targetId: serviceId, details: { fields: Object.keys(changes) } });
}

/** Archives (or restores) a service: it stays in history and in past episodes, but takes no new admissions. */
export async function setServiceArchived(ctx: Ctx, serviceId: string, archived: boolean): Promise<void> {
  await requireAccess(ctx, 'service.manage');
  const changed = await ctx.tx
    .update(service)
    .set({ archivedAt: archived ? sql`now()` : null, updatedAt: sql`now()` })
    .where(and(eq(service.organizationId, ctx.organizationId), eq(service.id, serviceId)))
    .returning({ id: service.id });
  if (!changed.length) throw new DomainError('not_found');
  ctx.audit({ action: archived ? 'service.archived' : 'service.restored', targetType: 'service', targetId: serviceId });
}
