import { and, asc, eq, notInArray } from 'drizzle-orm';
import { newId } from '../../db/columns.js';
import { DomainError } from '../../lib/domain-error.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { readService } from '../services/manage-services.js';
import { transitionChecklist, type ChecklistItem } from './schema.js';

export interface ChecklistInput {
  toPhase: string;
  /** Items keep their id when given (transitions already planned refer to them); new ones get one. */
  items: { id?: string | undefined; label: string }[];
}

/** The checklists of a service's pathway, one per phase it leads into, in the pathway's order. */
export async function readTransitionChecklists(ctx: Ctx, serviceId: string) {
  // Every staff member may read them, as they read the service (readService checks it).
  const found = await readService(ctx, serviceId);
  const rows = await ctx.tx
    .select({ toPhase: transitionChecklist.toPhase, items: transitionChecklist.items, updatedAt: transitionChecklist.updatedAt })
    .from(transitionChecklist)
    .where(and(eq(transitionChecklist.organizationId, ctx.organizationId), eq(transitionChecklist.serviceId, serviceId)))
    .orderBy(asc(transitionChecklist.toPhase));
  const byPhase = new Map(rows.map((r) => [r.toPhase, r]));
  return {
    serviceId,
    checklists: found.phases.map((p) => ({ toPhase: p.code, phaseLabel: p.label, items: byPhase.get(p.code)?.items ?? [], updatedAt: byPhase.get(p.code)?.updatedAt.toISOString() ?? null })),
  };
}

/**
 * Replaces a service's checklists (the structure's choice, per phase of its pathway). A phase left
 * out keeps no checklist; transitions already planned keep the items they copied.
 */
export async function setTransitionChecklists(ctx: Ctx, serviceId: string, input: ChecklistInput[]): Promise<void> {
  await requireAccess(ctx, 'transition.configure');
  const found = await readService(ctx, serviceId);
  const phases = new Set(found.phases.map((p) => p.code));
  const problems: { field: string; message: { fr: string; en: string } }[] = [];
  const seenPhases = new Set<string>();
  input.forEach((c, i) => {
    if (!phases.has(c.toPhase)) problems.push({ field: `body.checklists.${i}.toPhase`, message: { fr: 'Cette phase n’existe pas dans le parcours de ce dispositif.', en: 'This phase is not in this service’s pathway.' } });
    else if (seenPhases.has(c.toPhase)) problems.push({ field: `body.checklists.${i}.toPhase`, message: { fr: 'Une seule liste par phase.', en: 'One checklist per phase.' } });
    seenPhases.add(c.toPhase);
    const ids = new Set<string>();
    c.items.forEach((item, j) => {
      if (item.id && ids.has(item.id)) problems.push({ field: `body.checklists.${i}.items.${j}.id`, message: { fr: 'Chaque point doit avoir un identifiant différent.', en: 'Each item needs a distinct id.' } });
      if (item.id) ids.add(item.id);
    });
  });
  if (problems.length) throw new DomainError('validation_failed', {}, problems);

  const kept = input.map((c) => c.toPhase);
  const scope = and(eq(transitionChecklist.organizationId, ctx.organizationId), eq(transitionChecklist.serviceId, serviceId));
  await ctx.tx.delete(transitionChecklist).where(kept.length ? and(scope, notInArray(transitionChecklist.toPhase, kept)) : scope);
  for (const c of input) {
    const items: ChecklistItem[] = c.items.map((item) => ({ id: item.id ?? newId(), label: item.label.trim() }));
    const values = { items, updatedBy: ctx.actor.staffMemberId, updatedAt: new Date() };
    await ctx.tx
      .insert(transitionChecklist)
      .values({ organizationId: ctx.organizationId, serviceId, toPhase: c.toPhase, ...values })
      .onConflictDoUpdate({ target: [transitionChecklist.organizationId, transitionChecklist.serviceId, transitionChecklist.toPhase], set: values });
  }
  ctx.audit({ action: 'transition.checklists_set', targetType: 'service', targetId: serviceId, details: { phases: kept, items: input.reduce((n, c) => n + c.items.length, 0) } });
}

/** The items of the checklist leading into a phase (empty when the structure wrote none). */
export async function checklistItemsFor(ctx: Ctx, serviceId: string, toPhase: string): Promise<ChecklistItem[]> {
  const [row] = await ctx.tx
    .select({ items: transitionChecklist.items })
    .from(transitionChecklist)
    .where(and(eq(transitionChecklist.organizationId, ctx.organizationId), eq(transitionChecklist.serviceId, serviceId), eq(transitionChecklist.toPhase, toPhase)));
  return row?.items ?? [];
}
