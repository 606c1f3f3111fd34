import { and, desc, eq, sql } from 'drizzle-orm';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { auditEvent } from '../audit/schema.js';
import { staffMember } from '../staff/schema.js';

/** Who accessed this person's file, and when: what a person may ask to be shown (most recent first). */
export async function listPersonAccess(ctx: Ctx, personId: string, limit: number) {
  await requireAccess(ctx, 'person.access_log.read', { personId });
  const rows = await ctx.tx
    .select({
      occurredAt: auditEvent.occurredAt,
      action: auditEvent.action,
      outcome: auditEvent.outcome,
      actorId: auditEvent.actorId,
      actorName: sql<string | null>`${staffMember.firstName} || ' ' || ${staffMember.lastName}`,
    })
    .from(auditEvent)
    .leftJoin(staffMember, and(eq(staffMember.organizationId, auditEvent.organizationId), eq(staffMember.id, auditEvent.actorId)))
    .where(and(eq(auditEvent.organizationId, ctx.organizationId), eq(auditEvent.personId, personId)))
    .orderBy(desc(auditEvent.occurredAt), desc(auditEvent.id))
    .limit(limit);
  ctx.audit({ action: 'person.access_log.read', personId, targetType: 'person', targetId: personId });
  return rows.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString() }));
}
