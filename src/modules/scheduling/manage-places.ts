import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { optionalText } from '../../lib/text.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { resource, schedulingSettings, sector, sectorTravelTime, site, type ResourceKind } from './schema.js';

// Sites, rooms and equipment, sectors and the structure's scheduling settings: configured by
// coordinators (scheduling:configure), read by every staff member.

export async function readSchedulingSettings(ctx: Ctx): Promise<{ defaultTravelMinutes: number; slotStepMinutes: number }> {
  await requireAccess(ctx, 'scheduling.read_settings');
  const [row] = await ctx.tx.select().from(schedulingSettings).where(eq(schedulingSettings.organizationId, ctx.organizationId));
  return { defaultTravelMinutes: row?.defaultTravelMinutes ?? 30, slotStepMinutes: row?.slotStepMinutes ?? 15 };
}

export async function updateSchedulingSettings(ctx: Ctx, input: { defaultTravelMinutes: number; slotStepMinutes: number }): Promise<void> {
  await requireAccess(ctx, 'scheduling.configure');
  const values = { ...input, updatedBy: ctx.actor.staffMemberId, updatedAt: new Date() };
  await ctx.tx
    .insert(schedulingSettings)
    .values({ organizationId: ctx.organizationId, ...values })
    .onConflictDoUpdate({ target: schedulingSettings.organizationId, set: values });
  ctx.audit({ action: 'scheduling.settings_updated', targetType: 'organization', targetId: ctx.organizationId, details: input });
}

export async function listSites(ctx: Ctx, includeArchived: boolean) {
  await requireAccess(ctx, 'scheduling.read_settings');
  const rows = await ctx.tx
    .select()
    .from(site)
    .where(and(eq(site.organizationId, ctx.organizationId), includeArchived ? undefined : isNull(site.archivedAt)))
    .orderBy(asc(site.name));
  return rows.map((r) => ({ id: r.id, name: r.name, address: r.address, archivedAt: r.archivedAt?.toISOString() ?? null }));
}

export async function createSite(ctx: Ctx, input: { name: string; address?: string | null | undefined }): Promise<{ id: string }> {
  await requireAccess(ctx, 'scheduling.configure');
  const [row] = await ctx.tx.insert(site).values({ organizationId: ctx.organizationId, name: input.name.trim(), address: optionalText(input.address) }).returning({ id: site.id });
  ctx.audit({ action: 'site.created', targetType: 'site', targetId: row!.id });
  return row!;
}

export async function updateSite(ctx: Ctx, siteId: string, input: { name?: string | undefined; address?: string | null | undefined; archived?: boolean | undefined }): Promise<void> {
  await requireAccess(ctx, 'scheduling.configure');
  const set: Partial<typeof site.$inferInsert> = {};
  if (input.name !== undefined) set.name = input.name.trim();
  if (input.address !== undefined) set.address = optionalText(input.address);
  if (input.archived !== undefined) set.archivedAt = input.archived ? new Date() : null;
  const updated = await ctx.tx.update(site).set(set).where(and(eq(site.organizationId, ctx.organizationId), eq(site.id, siteId))).returning({ id: site.id });
  if (updated.length === 0) throw new DomainError('not_found');
  ctx.audit({ action: 'site.updated', targetType: 'site', targetId: siteId, details: { fields: Object.keys(set) } });
}

export async function listResources(ctx: Ctx, includeArchived: boolean) {
  await requireAccess(ctx, 'scheduling.read_settings');
  const rows = await ctx.tx
    .select({ resource, siteName: site.name })
    .from(resource)
    .leftJoin(site, and(eq(site.organizationId, resource.organizationId), eq(site.id, resource.siteId)))
    .where(and(eq(resource.organizationId, ctx.organizationId), includeArchived ? undefined : isNull(resource.archivedAt)))
    .orderBy(asc(resource.kind), asc(resource.name));
  return rows.map(({ resource: r, siteName }) => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    description: r.description,
    capacity: r.capacity,
    siteId: r.siteId,
    siteName,
    archivedAt: r.archivedAt?.toISOString() ?? null,
  }));
}

interface ResourceFields {
  kind: ResourceKind;
  name: string;
  description?: string | null | undefined;
  capacity?: number | null | undefined;
  siteId?: string | null | undefined;
}

async function checkSite(ctx: Ctx, siteId: string | null | undefined): Promise<void> {
  if (!siteId) return;
  const found = await ctx.tx.select({ id: site.id }).from(site).where(and(eq(site.organizationId, ctx.organizationId), eq(site.id, siteId), isNull(site.archivedAt)));
  if (found.length === 0) throw new DomainError('validation_failed', {}, [{ field: 'body.siteId', message: { fr: 'Lieu inconnu ou archivé.', en: 'Unknown or archived site.' } }]);
}

export async function createResource(ctx: Ctx, input: ResourceFields): Promise<{ id: string }> {
  await requireAccess(ctx, 'scheduling.configure');
  await checkSite(ctx, input.siteId);
  const [row] = await ctx.tx
    .insert(resource)
    .values({ organizationId: ctx.organizationId, kind: input.kind, name: input.name.trim(), description: optionalText(input.description), capacity: input.capacity ?? null, siteId: input.siteId ?? null })
    .returning({ id: resource.id });
  ctx.audit({ action: 'resource.created', targetType: 'resource', targetId: row!.id, details: { kind: input.kind } });
  return row!;
}

export async function updateResource(ctx: Ctx, resourceId: string, input: Partial<ResourceFields> & { archived?: boolean | undefined }): Promise<void> {
  await requireAccess(ctx, 'scheduling.configure');
  await checkSite(ctx, input.siteId);
  const set: Partial<typeof resource.$inferInsert> = {};
  if (input.kind !== undefined) set.kind = input.kind;
  if (input.name !== undefined) set.name = input.name.trim();
  if (input.description !== undefined) set.description = optionalText(input.description);
  if (input.capacity !== undefined) set.capacity = input.capacity;
  if (input.siteId !== undefined) set.siteId = input.siteId;
  if (input.archived !== undefined) set.archivedAt = input.archived ? new Date() : null;
  const updated = await ctx.tx.update(resource).set(set).where(and(eq(resource.organizationId, ctx.organizationId), eq(resource.id, resourceId))).returning({ id: resource.id });
  if (updated.length === 0) throw new DomainError('not_found');
  ctx.audit({ action: 'resource.updated', targetType: 'resource', targetId: resourceId, details: { fields: Object.keys(set) } });
}

export async function listSectors(ctx: Ctx) {
  await requireAccess(ctx, 'scheduling.read_settings');
  const sectors = await ctx.tx
    .select({ id: sector.id, name: sector.name })
    .from(sector)
    .where(and(eq(sector.organizationId, ctx.organizationId), isNull(sector.archivedAt)))
    .orderBy(asc(sector.name));
  const travelTimes = await ctx.tx
    .select({ fromSectorId: sectorTravelTime.fromSectorId, toSectorId: sectorTravelTime.toSectorId, minutes: sectorTravelTime.minutes })
    .from(sectorTravelTime)
    .where(eq(sectorTravelTime.organizationId, ctx.organizationId));
  return { sectors, travelTimes };
}

export async function createSector(ctx: Ctx, input: { name: string }): Promise<{ id: string }> {
  await requireAccess(ctx, 'scheduling.configure');
  const [row] = await ctx.tx.insert(sector).values({ organizationId: ctx.organizationId, name: input.name.trim() }).returning({ id: sector.id });
  ctx.audit({ action: 'sector.created', targetType: 'sector', targetId: row!.id });
  return row!;
}

export async function updateSector(ctx: Ctx, sectorId: string, input: { name?: string | undefined; archived?: boolean | undefined }): Promise<void> {
  await requireAccess(ctx, 'scheduling.configure');
  const set: Partial<typeof sector.$inferInsert> = {};
  if (input.name !== undefined) set.name = input.name.trim();
  if (input.archived !== undefined) set.archivedAt = input.archived ? new Date() : null;
  const updated = await ctx.tx.update(sector).set(set).where(and(eq(sector.organizationId, ctx.organizationId), eq(sector.id, sectorId))).returning({ id: sector.id });
  if (updated.length === 0) throw new DomainError('not_found');
  ctx.audit({ action: 'sector.updated', targetType: 'sector', targetId: sectorId });
}

/** Replaces the travel-time matrix (each pair once, in either order). */
export async function setSectorTravelTimes(ctx: Ctx, travelTimes: { fromSectorId: string; toSectorId: string; minutes: number }[]): Promise<void> {
  await requireAccess(ctx, 'scheduling.configure');
  const pairs = new Map<string, { fromSectorId: string; toSectorId: string; minutes: number }>();
  const errors: { field: string; message: { fr: string; en: string } }[] = [];
  travelTimes.forEach((t, i) => {
    if (t.fromSectorId === t.toSectorId) {
      errors.push({ field: `body.travelTimes.${i}.toSectorId`, message: { fr: 'Un trajet relie deux secteurs différents.', en: 'A travel time links two different sectors.' } });
      return;
    }
    const [a, b] = t.fromSectorId < t.toSectorId ? [t.fromSectorId, t.toSectorId] : [t.toSectorId, t.fromSectorId];
    if (pairs.has(`${a}|${b}`)) errors.push({ field: `body.travelTimes.${i}`, message: { fr: 'Ces deux secteurs apparaissent deux fois.', en: 'These two sectors appear twice.' } });
    pairs.set(`${a}|${b}`, { fromSectorId: a, toSectorId: b, minutes: t.minutes });
  });
  const ids = [...new Set([...pairs.values()].flatMap((p) => [p.fromSectorId, p.toSectorId]))];
  if (ids.length) {
    const { rows } = await ctx.tx.execute<{ id: string }>(sql`SELECT id FROM sector WHERE organization_id = ${ctx.organizationId} AND id = ANY(${sql.param(ids)}::uuid[])`);
    const known = new Set(rows.map((r) => r.id));
    travelTimes.forEach((t, i) => {
      if (!known.has(t.fromSectorId)) errors.push({ field: `body.travelTimes.${i}.fromSectorId`, message: { fr: 'Secteur inconnu.', en: 'Unknown sector.' } });
      if (!known.has(t.toSectorId)) errors.push({ field: `body.travelTimes.${i}.toSectorId`, message: { fr: 'Secteur inconnu.', en: 'Unknown sector.' } });
    });
  }
  if (errors.length) throw new DomainError('validation_failed', {}, errors);
  await ctx.tx.delete(sectorTravelTime).where(eq(sectorTravelTime.organizationId, ctx.organizationId));
  if (pairs.size) await ctx.tx.insert(sectorTravelTime).values([...pairs.values()].map((p) => ({ organizationId: ctx.organizationId, ...p })));
  ctx.audit({ action: 'sector.travel_times_set', targetType: 'organization', targetId: ctx.organizationId, details: { pairs: pairs.size } });
}
