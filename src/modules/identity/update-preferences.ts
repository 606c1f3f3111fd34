import { and, eq } from 'drizzle-orm';
import type { Locale } from '../../lib/i18n.js';
import type { Ctx } from '../../server/context.js';
import { staffMember } from '../staff/schema.js';

/** The signed-in person's own preferences (interface language). */
export async function updatePreferences(ctx: Ctx, input: { locale: Locale }): Promise<void> {
  await ctx.tx
    .update(staffMember)
    .set({ locale: input.locale })
    .where(and(eq(staffMember.organizationId, ctx.organizationId), eq(staffMember.id, ctx.actor.staffMemberId)));
  ctx.audit({ action: 'account.preferences_updated', targetType: 'staff_member', targetId: ctx.actor.staffMemberId, details: { locale: input.locale } });
}
