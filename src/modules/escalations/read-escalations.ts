import { and, asc, eq, sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { isOnCareTeam, requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { person } from '../people/schema.js';
import { staffNames } from '../staff/staff-queries.js';
import { publicView, selectEscalations, type EscalationView, type SelectedEscalation, type StaffRef } from './escalation-view.js';
import { loadEscalationSettings } from './manage-escalation-settings.js';
import { emergencyGuidance, type EmergencyGuidance } from './raise-escalation.js';
import { escalationEvent } from './schema.js';

type EventKind = (typeof escalationEvent.$inferSelect)['kind'];

export interface EscalationDetail extends EscalationView {
  events: { id: string; kind: EventKind; actor: StaffRef | null; assignee: StaffRef | null; note: string | null; at: string }[];
  emergency: EmergencyGuidance | null;
}

/** One audit event per escalation shown: who saw which person's escalation, and whether its entry was shown, and by which rule. */
function auditShown(ctx: Ctx, action: string, shown: SelectedEscalation[]): void {
  for (const e of shown) {
    ctx.audit({
      action,
      personId: e.personId,
      targetType: 'escalation',
      targetId: e.id,
      details: { entryId: e.entryId, entryShown: e.entry !== null, through: e.participant ? 'escalation' : e.entryByJournalRule ? 'journal' : 'none' },
    });
  }
}

/**
 * The open escalations a staff member must deal with: assigned to them (it climbed to them) or
 * addressed to them, not yet closed; emergencies first, then the oldest; overdue ones marked. The
 * coordinator's home lists these for the signed-in staff member.
 */
export async function listOpenEscalationsFor(ctx: Ctx, staffMemberId: string, options: { now?: Date; limit?: number } = {}): Promise<EscalationView[]> {
  await requireAccess(ctx, 'escalation.read');
  // One's own list only: another's would show escalations one is not a participant of.
  if (staffMemberId !== ctx.actor.staffMemberId) throw new DomainError('forbidden');
  const shown = await selectEscalations(ctx, sql`e.status <> 'closed' AND (e.assignee_id = ${staffMemberId} OR e.addressee_id = ${staffMemberId})`, {
    now: options.now,
    limit: options.limit ?? 200,
  });
  auditShown(ctx, 'escalation.listed', shown);
  return shown.map(publicView);
}

/** "Mes signalements": what I must deal with, and what I raised that is not closed yet. */
export async function listMyEscalations(ctx: Ctx): Promise<{ toHandle: EscalationView[]; raised: EscalationView[] }> {
  const toHandle = await listOpenEscalationsFor(ctx, ctx.actor.staffMemberId);
  const raised = await selectEscalations(ctx, sql`e.raised_by = ${ctx.actor.staffMemberId} AND (e.status <> 'closed' OR e.closed_at > now() - interval '30 days')`, { limit: 200 });
  auditShown(ctx, 'escalation.listed', raised);
  return { toHandle, raised: raised.map(publicView) };
}

/** A person's escalations, for their care team (content per the need-to-know rule of escalation-view.ts). */
export async function listPersonEscalations(ctx: Ctx, personId: string): Promise<EscalationView[]> {
  await requireAccess(ctx, 'escalation.read');
  if (!(await isOnCareTeam(ctx, personId))) {
    const [exists] = await ctx.tx
      .select({ id: person.id })
      .from(person)
      .where(and(eq(person.organizationId, ctx.organizationId), eq(person.id, personId)));
    if (!exists) throw new DomainError('not_found');
    throw new DomainError('not_care_team', {}, [], { action: 'escalation.read', personId });
  }
  const shown = await selectEscalations(ctx, sql`e.person_id = ${personId}`, { limit: 500 });
  auditShown(ctx, 'escalation.listed', shown);
  return shown.map(publicView);
}

/** One escalation with its history, for its participants and the person's care team. */
export async function readEscalation(ctx: Ctx, escalationId: string): Promise<EscalationDetail> {
  await requireAccess(ctx, 'escalation.read');
  const [found] = await selectEscalations(ctx, sql`e.id = ${escalationId}`);
  if (!found) throw new DomainError('not_found');
  if (!found.participant && !(await isOnCareTeam(ctx, found.personId))) {
    throw new DomainError('not_care_team', {}, [], { action: 'escalation.read', personId: found.personId });
  }
  const events = await ctx.tx
    .select()
    .from(escalationEvent)
    .where(and(eq(escalationEvent.organizationId, ctx.organizationId), eq(escalationEvent.escalationId, escalationId)))
    .orderBy(asc(escalationEvent.at), asc(escalationEvent.id));
  const names = await staffNames(ctx, [...new Set(events.flatMap((e) => [e.actorId, e.assigneeId]).filter((id): id is string => id !== null))]);
  const ref = (id: string | null): StaffRef | null => (id ? { id, name: names[id] ?? '' } : null);
  const settings = found.severity === 'emergency' ? await loadEscalationSettings(ctx.tx, ctx.organizationId) : null;
  auditShown(ctx, 'escalation.read', [found]);
  return {
    ...publicView(found),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      actor: ref(e.actorId),
      assignee: ref(e.assigneeId),
      // Notes say what was done about the entry: they follow the content's visibility.
      note: found.contentVisible ? e.note : null,
      at: e.at.toISOString(),
    })),
    emergency: settings ? emergencyGuidance(settings.safetyProcedure) : null,
  };
}

/** Who can receive an escalation, and whether each is already on the person's care team (shown when choosing). */
export async function listEscalationAddressees(ctx: Ctx, personId: string | undefined): Promise<{ id: string; name: string; onCareTeam: boolean }[]> {
  await requireAccess(ctx, 'escalation.read');
  const rows = await ctx.tx.execute<{ id: string; name: string; on_care_team: boolean }>(sql`
    SELECT DISTINCT s.id, s.first_name || ' ' || s.last_name AS name, s.last_name, s.first_name,
           ${personId ? sql`EXISTS (SELECT 1 FROM care_team_member c WHERE c.organization_id = s.organization_id AND c.person_id = ${personId}
             AND c.staff_member_id = s.id AND c.removed_at IS NULL)` : sql`false`} AS on_care_team
      FROM staff_member s
      JOIN staff_role sr ON sr.organization_id = s.organization_id AND sr.staff_member_id = s.id
      JOIN role r ON r.organization_id = sr.organization_id AND r.id = sr.role_id
     WHERE s.organization_id = ${ctx.organizationId} AND s.status = 'active' AND 'escalation:receive' = ANY(r.permissions)
       AND s.id <> ${ctx.actor.staffMemberId}
     ORDER BY s.last_name, s.first_name`);
  return rows.rows.map((r) => ({ id: r.id, name: r.name, onCareTeam: r.on_care_team }));
}
