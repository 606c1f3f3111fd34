import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { DomainError } from '../lib/domain-error.js';
import { careTeamMember, person } from '../modules/people/schema.js';
import type { Ctx } from './context.js';

/**
 * The access policy: the one place that answers "may this actor do this to that". Roles are data
 * (a role row lists permissions); this file maps each action to the permission it needs and to
 * whether it also needs the actor on the person's care team. Administrators hold account
 * permissions only, so they manage staff and never read clinical content.
 */
export const permissions = [
  'organization:manage',
  'staff:manage',
  'person:create',
  'person:read',
  'person:update',
  'care_team:manage',
  'services:manage',
  'partners:manage',
  'referral:record',
  'referral:triage',
  'admission:decide',
  'capacity:override',
  'episode:manage',
  'deadlines:oversee',
  'appointment:book',
  'scheduling:configure',
  'journal:write',
  'escalation:receive',
  'escalation:configure',
] as const;
export type Permission = (typeof permissions)[number];

interface Rule {
  /** null: every active staff member of the organization. */
  permission: Permission | null;
  /** The actor must currently be on the care team of the person concerned. */
  careTeam: boolean;
}

export const accessRules = {
  'organization.read': { permission: null, careTeam: false },
  'organization.manage': { permission: 'organization:manage', careTeam: false },
  'staff.directory': { permission: null, careTeam: false },
  'staff.manage': { permission: 'staff:manage', careTeam: false },
  'person.create': { permission: 'person:create', careTeam: false },
  'person.list': { permission: 'person:read', careTeam: false },
  'person.read': { permission: 'person:read', careTeam: true },
  'person.update': { permission: 'person:update', careTeam: true },
  'person.duplicate_check': { permission: 'person:create', careTeam: false },
  'relative.read': { permission: 'person:read', careTeam: true },
  'relative.manage': { permission: 'person:update', careTeam: true },
  'person.access_log.read': { permission: 'person:read', careTeam: true },
  'service.read': { permission: null, careTeam: false },
  'service.manage': { permission: 'services:manage', careTeam: false },
  'partner.read': { permission: null, careTeam: false },
  'partner.manage': { permission: 'partners:manage', careTeam: false },
  'care_team.read': { permission: 'person:read', careTeam: true },
  'care_team.manage': { permission: 'care_team:manage', careTeam: true },
  'referral.record': { permission: 'referral:record', careTeam: false },
  // The inbox, a referral's content, the waitlist and the capacity board: the roles that triage.
  'referral.triage': { permission: 'referral:triage', careTeam: false },
  'admission.decide': { permission: 'admission:decide', careTeam: false },
  'admission.override_capacity': { permission: 'capacity:override', careTeam: false },
  'episode.read': { permission: 'person:read', careTeam: true },
  'episode.manage': { permission: 'episode:manage', careTeam: true },
  // The plan, its assessments, evaluations, agreements and contract: the care team.
  'plan.read': { permission: 'person:read', careTeam: true },
  'plan.write': { permission: 'person:update', careTeam: true },
  'template.read': { permission: null, careTeam: false },
  'template.manage': { permission: 'services:manage', careTeam: false },
  'deadlines.mine': { permission: 'person:read', careTeam: false },
  'deadlines.oversee': { permission: 'deadlines:oversee', careTeam: false },
  // Scheduling. A person's appointments: their care team. Agendas of staff, rooms and groups show
  // who is busy to every staff member, and a person's identity only to that person's care team.
  'appointment.read': { permission: 'person:read', careTeam: true },
  'appointment.book': { permission: 'appointment:book', careTeam: true },
  'appointment.book_without_person': { permission: 'appointment:book', careTeam: false },
  'agenda.read': { permission: 'person:read', careTeam: false },
  'scheduling.read_settings': { permission: null, careTeam: false },
  'scheduling.configure': { permission: 'scheduling:configure', careTeam: false },
  'availability.manage_own': { permission: 'appointment:book', careTeam: false },
  'pace.read': { permission: 'person:read', careTeam: true },
  'pace.manage': { permission: 'appointment:book', careTeam: true },
  'reminder.consent': { permission: 'person:update', careTeam: true },
  'reminder.consent_read': { permission: 'person:read', careTeam: true },
  'reminder.failures': { permission: 'appointment:book', careTeam: false },
  'reminder.acknowledge': { permission: 'appointment:book', careTeam: true },
  'calendar_feed.manage_own': { permission: null, careTeam: false },
  // Continuity. The journal: the care team reads (each entry's confidentiality level narrows it
  // further, in the journal's own queries) and writes; restricted entries also reach the clinical
  // referents (escalation:receive) on the care team.
  'journal.read': { permission: 'person:read', careTeam: true },
  'journal.write': { permission: 'journal:write', careTeam: true },
  'journal.search': { permission: 'person:read', careTeam: false },
  'escalation.raise': { permission: 'journal:write', careTeam: true },
  'escalation.read': { permission: 'person:read', careTeam: false },
  'escalation.configure': { permission: 'escalation:configure', careTeam: false },
  'escalation.read_settings': { permission: null, careTeam: false },
  'exchange.read': { permission: 'person:read', careTeam: true },
  'exchange.write': { permission: 'journal:write', careTeam: true },
  'transition.read': { permission: 'person:read', careTeam: true },
  'transition.manage': { permission: 'episode:manage', careTeam: true },
  'transition.configure': { permission: 'services:manage', careTeam: false },
  'trajectory.read': { permission: 'person:read', careTeam: true },
  'trajectory.manage': { permission: 'episode:manage', careTeam: true },
  'trajectory.configure': { permission: 'escalation:configure', careTeam: false },
  'home.read': { permission: 'person:read', careTeam: false },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof accessRules;

export interface PolicySubject {
  permissions: readonly string[];
}

/** The pure decision, given the facts (used by requireAccess and by the property tests). */
export function isGranted(actor: PolicySubject, action: Action, facts: { onCareTeam: boolean }): boolean {
  const rule: Rule = accessRules[action];
  if (rule.permission !== null && !actor.permissions.includes(rule.permission)) return false;
  if (rule.careTeam && !facts.onCareTeam) return false;
  return true;
}

/**
 * "Is the actor a current member of this person's care team?" as an SQL condition, so a use case can
 * fetch the fact with the record it reads (one round trip); `personId` may be the column of the row
 * being read. Every person-scoped check uses this.
 */
export function onCareTeamCondition(ctx: Ctx, personId: string | AnyPgColumn): SQL<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM ${careTeamMember}
    WHERE ${careTeamMember.organizationId} = ${ctx.organizationId} AND ${careTeamMember.personId} = ${personId}
      AND ${careTeamMember.staffMemberId} = ${ctx.actor.staffMemberId} AND ${careTeamMember.removedAt} IS NULL)`;
}

/**
 * Join condition on care_team_member that keeps a query of people to those whose care team the actor
 * is on (inner join: a list; left join: a fact per row). Every list query of person data uses it.
 */
export function actorCareTeamJoin(ctx: Ctx): SQL | undefined {
  return and(
    eq(careTeamMember.organizationId, person.organizationId),
    eq(careTeamMember.personId, person.id),
    eq(careTeamMember.staffMemberId, ctx.actor.staffMemberId),
    isNull(careTeamMember.removedAt),
  );
}

export async function isOnCareTeam(ctx: Ctx, personId: string): Promise<boolean> {
  const [row] = await ctx.tx.execute<{ on_team: boolean }>(sql`SELECT ${onCareTeamCondition(ctx, personId)} AS on_team`).then((r) => r.rows);
  return row?.on_team === true;
}

/**
 * The decision for facts the use case already fetched (the record exists; whether the actor is on
 * its care team). Throws exactly as requireAccess does, refusals carrying what to audit.
 */
export function assertAccess(ctx: Ctx, action: Action, facts: { personId: string; onCareTeam: boolean }): void {
  if (isGranted(ctx.actor, action, facts)) return;
  const rule: Rule = accessRules[action];
  const missingPermission = rule.permission !== null && !ctx.actor.permissions.includes(rule.permission);
  throw new DomainError(missingPermission ? 'forbidden' : 'not_care_team', {}, [], { action, personId: facts.personId });
}

/**
 * Throws unless the actor may do `action` (to `personId`'s record when the rule is person-scoped).
 * A refusal is audited by the request runner, with the person concerned.
 */
export async function requireAccess(ctx: Ctx, action: Action, resource: { personId?: string } = {}): Promise<void> {
  const rule: Rule = accessRules[action];
  const hint = { action, personId: resource.personId ?? null };
  if (rule.permission !== null && !ctx.actor.permissions.includes(rule.permission)) {
    throw new DomainError('forbidden', {}, [], hint);
  }
  if (!rule.careTeam) return;
  if (!resource.personId) throw new Error(`access rule ${action} needs a personId`);
  if (await isOnCareTeam(ctx, resource.personId)) return;
  const exists = await ctx.tx
    .select({ id: person.id })
    .from(person)
    .where(and(eq(person.organizationId, ctx.organizationId), eq(person.id, resource.personId)))
    .limit(1);
  if (exists.length === 0) throw new DomainError('not_found');
  throw new DomainError('not_care_team', {}, [], hint);
}
