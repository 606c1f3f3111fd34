import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/context.js';
import { session } from './schema.js';

/** Ends the current session; its cookie is worthless from now on. */
export async function signOut(ctx: Ctx): Promise<void> {
  await ctx.tx
    .update(session)
    .set({ revokedAt: sql`now()`, revokedReason: 'sign_out' })
    .where(and(eq(session.organizationId, ctx.organizationId), eq(session.id, ctx.actor.sessionId), isNull(session.revokedAt)));
  ctx.audit({ action: 'auth.sign_out', targetType: 'session', targetId: ctx.actor.sessionId });
}
