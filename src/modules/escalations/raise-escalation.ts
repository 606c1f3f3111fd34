import { and, eq, sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { emergencyNumbers } from '../admissions/decide-admission.js';
import { readEntryForEscalation } from '../journal/read-journal-entry.js';
import { journalEntry } from '../journal/schema.js';
import { notifyStaff } from '../notifications/notify-staff.js';
import { activeStaffWithPermission } from '../staff/staff-queries.js';
import { publicView, selectEscalations, type EscalationView } from './escalation-view.js';
import { loadEscalationSettings } from './manage-escalation-settings.js';
import { escalation, escalationEvent, type EscalationSeverity } from './schema.js';

export interface RaiseEscalationInput {
  entryId: string;
  severity: EscalationSeverity;
  addresseeId: string;
  request: string;
}

/** What the person raising an emergency must see at once: who to call, and what the structure wrote to do. */
export interface EmergencyGuidance {
  numbers: { number: string; label: { fr: string; en: string } }[];
  safetyProcedure: string | null;
}

export function emergencyGuidance(safetyProcedure: string | null): EmergencyGuidance {
  return { numbers: emergencyNumbers.map((n) => ({ number: n.number, label: { ...n.label } })), safetyProcedure };
}

/**
 * Raises an escalation from a journal entry to a clinical referent (a staff member who receives
 * escalations), due to be acknowledged within the severity's delay. The addressee reads the entry
 * through the escalation (see escalation-view.ts), not through the record.
 */
export async function raiseEscalation(ctx: Ctx, input: RaiseEscalationInput): Promise<EscalationView & { emergency: EmergencyGuidance | null }> {
  // Whose entry it is, first, so that a refusal names the person and is audited.
  const [owner] = await ctx.tx
    .select({ personId: journalEntry.personId })
    .from(journalEntry)
    .where(and(eq(journalEntry.organizationId, ctx.organizationId), eq(journalEntry.id, input.entryId)));
  if (!owner) throw new DomainError('not_found');
  await requireAccess(ctx, 'escalation.raise', { personId: owner.personId });
  // The journal's own rule: one escalates only an entry one may read.
  const entry = await readEntryForEscalation(ctx, input.entryId);

  if (input.addresseeId === ctx.actor.staffMemberId) {
    throw new DomainError('validation_failed', {}, [{ field: 'body.addresseeId', message: { fr: 'Adressez le signalement à quelqu’un d’autre que vous.', en: 'Address the escalation to someone other than yourself.' } }]);
  }
  const receivers = await activeStaffWithPermission(ctx, 'escalation:receive');
  if (!receivers.includes(input.addresseeId)) {
    throw new DomainError('validation_failed', {}, [
      { field: 'body.addresseeId', message: { fr: 'Ce professionnel ne reçoit pas de signalements (ou son compte est désactivé).', en: 'This staff member does not receive escalations (or their account is deactivated).' } },
    ]);
  }

  const settings = await loadEscalationSettings(ctx.tx, ctx.organizationId);
  const delay = settings.acknowledgementMinutes[input.severity];
  const [created] = await ctx.tx
    .insert(escalation)
    .values({
      organizationId: ctx.organizationId,
      entryId: entry.id,
      episodeId: entry.episodeId,
      personId: entry.personId,
      severity: input.severity,
      request: input.request.trim(),
      addresseeId: input.addresseeId,
      assigneeId: input.addresseeId,
      raisedBy: ctx.actor.staffMemberId,
      raisedAt: sql`now()`,
      acknowledgeBy: sql`now() + make_interval(mins => ${delay})`,
    })
    .returning({ id: escalation.id });
  if (!created) throw new Error('escalation not inserted');
  await ctx.tx.insert(escalationEvent).values({
    organizationId: ctx.organizationId,
    escalationId: created.id,
    kind: 'raised',
    actorId: ctx.actor.staffMemberId,
    assigneeId: input.addresseeId,
    at: sql`now()`,
  });
  // Notifications show on any screen: the severity and a link, never the person.
  await notifyStaff(ctx, [input.addresseeId], 'escalation_raised', { escalationId: created.id, severity: input.severity });
  ctx.audit({ action: 'escalation.raised', personId: entry.personId, targetType: 'escalation', targetId: created.id, details: { severity: input.severity, entryId: entry.id, addresseeId: input.addresseeId } });

  const [view] = await selectEscalations(ctx, sql`e.id = ${created.id}`);
  if (!view) throw new Error('escalation not readable after insert');
  return { ...publicView(view), emergency: input.severity === 'emergency' ? emergencyGuidance(settings.safetyProcedure) : null };
}
