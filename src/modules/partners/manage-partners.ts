import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { newId } from '../../db/columns.js';
import { DomainError } from '../../lib/domain-error.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { partner, type PartnerContact, type PartnerKind } from './schema.js';
import { optionalText } from '../../lib/text.js';

export interface PartnerFields {
  name: string;
  kind: PartnerKind;
  address?: string | null | undefined;
  contacts?: PartnerContact[] | undefined;
  agreementStart?: string | null | undefined;
  agreementEnd?: string | null | undefined;
  onsiteWeekdays?: number[] | undefined;
  preferentialRateReference?: string | null | undefined;
  notes?: string | null | undefined;
}

function columns(input: Partial<PartnerFields>) {
  return {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.kind !== undefined ? { kind: input.kind } : {}),
    ...(input.address !== undefined ? { address: optionalText(input.address) } : {}),
    ...(input.contacts !== undefined ? { contacts: input.contacts } : {}),
    ...(input.agreementStart !== undefined ? { agreementStart: input.agreementStart } : {}),
    ...(input.agreementEnd !== undefined ? { agreementEnd: input.agreementEnd } : {}),
    ...(input.onsiteWeekdays !== undefined ? { onsiteWeekdays: [...new Set(input.onsiteWeekdays)].sort() } : {}),
    ...(input.preferentialRateReference !== undefined ? { preferentialRateReference: optionalText(input.preferentialRateReference) } : {}),
    ...(input.notes !== undefined ? { notes: optionalText(input.notes) } : {}),
  };
}

function agreementProblem(start: string | null | undefined, end: string | null | undefined) {
  if (!start || !end || end >= start) return null;
  return new DomainError('validation_failed', {}, [{ field: 'body.agreementEnd', message: { fr: 'La fin de la convention précède son début.', en: 'The agreement ends before it starts.' } }]);
}

/** Partner structures, with whether their agreement is in force today (Europe/Paris calendar day given by the caller). */
export async function listPartners(ctx: Ctx, options: { includeArchived: boolean; today: string; partnerId?: string }) {
  await requireAccess(ctx, 'partner.read');
  const rows = await ctx.tx
    .select({
      id: partner.id,
      name: partner.name,
      kind: partner.kind,
      address: partner.address,
      contacts: partner.contacts,
      agreementStart: partner.agreementStart,
      agreementEnd: partner.agreementEnd,
      onsiteWeekdays: partner.onsiteWeekdays,
      preferentialRateReference: partner.preferentialRateReference,
      notes: partner.notes,
      archivedAt: partner.archivedAt,
    })
    .from(partner)
    .where(
      and(
        eq(partner.organizationId, ctx.organizationId),
        options.includeArchived ? undefined : isNull(partner.archivedAt),
        options.partnerId ? eq(partner.id, options.partnerId) : undefined,
      ),
    )
    .orderBy(asc(partner.name));
  return rows.map((r) => ({
    ...r,
    archivedAt: r.archivedAt?.toISOString() ?? null,
    agreementInForce: r.agreementStart !== null && r.agreementStart <= options.today && (r.agreementEnd === null || r.agreementEnd >= options.today),
  }));
}

/** One partner structure (archived or not). */
export async function readPartner(ctx: Ctx, partnerId: string, today: string) {
  const [found] = await listPartners(ctx, { includeArchived: true, today, partnerId });
  if (!found) throw new DomainError('not_found');
  return found;
}

export async function createPartner(ctx: Ctx, input: PartnerFields): Promise<{ id: string }> {
  await requireAccess(ctx, 'partner.manage');
  const problem = agreementProblem(input.agreementStart, input.agreementEnd);
  if (problem) throw problem;
  const id = newId();
  await ctx.tx.insert(partner).values({ organizationId: ctx.organizationId, id, ...columns(input), name: input.name.trim(), kind: input.kind, createdBy: ctx.actor.staffMemberId });
  ctx.audit({ action: 'partner.created', targetType: 'partner', targetId: id });
  return { id };
}

export async function updatePartner(ctx: Ctx, partnerId: string, input: Partial<PartnerFields>): Promise<void> {
  await requireAccess(ctx, 'partner.manage');
  const [current] = await ctx.tx
    .select({ agreementStart: partner.agreementStart, agreementEnd: partner.agreementEnd })
    .from(partner)
    .where(and(eq(partner.organizationId, ctx.organizationId), eq(partner.id, partnerId)))
    .for('update');
  if (!current) throw new DomainError('not_found');
  const problem = agreementProblem(input.agreementStart !== undefined ? input.agreementStart : current.agreementStart, input.agreementEnd !== undefined ? input.agreementEnd : current.agreementEnd);
  if (problem) throw problem;
  const changes = columns(input);
  if (!Object.keys(changes).length) return;
  await ctx.tx.update(partner).set(changes).where(and(eq(partner.organizationId, ctx.organizationId), eq(partner.id, partnerId)));
  ctx.audit({ action: 'partner.updated', targetType: 'partner', targetId: partnerId, details: { fields: Object.keys(changes) } });
}

export async function setPartnerArchived(ctx: Ctx, partnerId: string, archived: boolean): Promise<void> {
  await requireAccess(ctx, 'partner.manage');
  const changed = await ctx.tx
    .update(partner)
    .set({ archivedAt: archived ? sql`now()` : null })
    .where(and(eq(partner.organizationId, ctx.organizationId), eq(partner.id, partnerId)))
    .returning({ id: partner.id });
  if (!changed.length) throw new DomainError('not_found');
  ctx.audit({ action: archived ? 'partner.archived' : 'partner.restored', targetType: 'partner', targetId: partnerId });
}

/** Which of these ids are partner structures the organization works with now (not archived). */
export async function activePartnerIds(ctx: Ctx, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await ctx.tx
    .select({ id: partner.id })
    .from(partner)
    .where(and(eq(partner.organizationId, ctx.organizationId), inArray(partner.id, ids), isNull(partner.archivedAt)));
  return new Set(rows.map((r) => r.id));
}

/** Names of partner structures (archived ones too: a document names who acted). */
export async function partnerNames(ctx: Ctx, ids: string[]): Promise<Record<string, string>> {
  if (!ids.length) return {};
  const rows = await ctx.tx.select({ id: partner.id, name: partner.name }).from(partner).where(and(eq(partner.organizationId, ctx.organizationId), inArray(partner.id, ids)));
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}
