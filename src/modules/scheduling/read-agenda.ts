import { sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { displayName } from '../people/person-display.js';
import type { Modality } from '../services/schema.js';
import type { AppointmentKind, AppointmentStatus } from './schema.js';

export interface AgendaQuery {
  from: Date;
  to: Date;
  staffIds: string[];
  resourceIds: string[];
  personId: string | null;
  includeCancelled: boolean;
}

export interface AgendaEvent {
  id: string;
  kind: AppointmentKind;
  status: AppointmentStatus;
  startsAt: string;
  endsAt: string;
  /** What to show: the group's name, the person's label (to their care team) and the service. */
  title: string;
  serviceName: string;
  personLabel: string | null;
  modality: Modality;
  staffIds: string[];
  resourceIds: string[];
  seriesId: string | null;
  /** False: the reader is not on the person's care team; show only that the time is taken. */
  visible: boolean;
  version: number;
}

interface Row {
  id: string;
  kind: AppointmentKind;
  status: AppointmentStatus;
  starts_at: Date;
  ends_at: Date;
  title: string | null;
  service_name: string;
  person_id: string | null;
  modality: Modality;
  series_id: string | null;
  version: number;
  staff_ids: string[];
  resource_ids: string[];
  on_team: boolean;
  first_name: string | null;
  last_name: string | null;
  discreet: boolean | null;
  alias: string | null;
}

const maxDays = 42;

/**
 * The agenda of staff members, rooms and equipment, or one person, between two instants: every
 * colleague sees when someone is busy; who the appointment is with shows only to that person's
 * care team (audited, one event per person shown).
 */
export async function readAgenda(ctx: Ctx, query: AgendaQuery): Promise<{ events: AgendaEvent[]; absences: { staffId: string; startsAt: string; endsAt: string; kind: string }[] }> {
  if (query.personId) await requireAccess(ctx, 'appointment.read', { personId: query.personId });
  else await requireAccess(ctx, 'agenda.read');
  if (query.to <= query.from || query.to.getTime() - query.from.getTime() > maxDays * 86_400_000) {
    throw new DomainError('validation_failed', {}, [{ field: 'querystring.to', message: { fr: `La période doit être positive et durer au plus ${maxDays} jours.`, en: `The period must be positive and last at most ${maxDays} days.` } }]);
  }
  const org = ctx.organizationId;
  const me = ctx.actor.staffMemberId;
  const ids = [...query.staffIds, ...query.resourceIds, ...(query.personId ? [query.personId] : [])];
  const range = sql`tstzrange(${query.from.toISOString()}::timestamptz, ${query.to.toISOString()}::timestamptz)`;
  // Blocking rows by the exclusion constraint's index; cancelled ones (not blocking) by their own index.
  const { rows } = await ctx.tx.execute<Row & Record<string, unknown>>(sql`
    WITH hit AS (
      SELECT DISTINCT appointment_id FROM appointment_participant
       WHERE organization_id = ${org} AND participant_id = ANY(${sql.param(ids)}::uuid[]) AND period && ${range}
         AND (blocking OR ${query.includeCancelled})
      UNION
      SELECT id FROM appointment WHERE ${query.personId}::uuid IS NOT NULL AND organization_id = ${org} AND person_id = ${query.personId}::uuid
         AND starts_at < ${query.to.toISOString()}::timestamptz AND ends_at > ${query.from.toISOString()}::timestamptz
    )
    -- Who takes part, grouped once for all the appointments found (not a subquery per appointment).
    , parts AS (
      SELECT p.appointment_id,
             coalesce(array_agg(p.staff_member_id::text) FILTER (WHERE p.role = 'staff'), '{}') AS staff_ids,
             coalesce(array_agg(p.resource_id::text) FILTER (WHERE p.role = 'resource'), '{}') AS resource_ids
        FROM appointment_participant p
       WHERE p.organization_id = ${org} AND p.appointment_id IN (SELECT appointment_id FROM hit) AND p.role IN ('staff', 'resource')
       GROUP BY p.appointment_id
    )
    SELECT a.id, a.kind, a.status, a.starts_at, a.ends_at, a.title, s.name AS service_name, a.person_id, a.modality, a.series_id, a.version,
      coalesce(parts.staff_ids, '{}') AS staff_ids, coalesce(parts.resource_ids, '{}') AS resource_ids,
      (c.staff_member_id IS NOT NULL) AS on_team, pe.first_name, pe.last_name, pe.discreet, pe.alias
    FROM hit
    JOIN appointment a ON a.organization_id = ${org} AND a.id = hit.appointment_id
    JOIN service s ON s.organization_id = a.organization_id AND s.id = a.service_id
    LEFT JOIN parts ON parts.appointment_id = a.id
    LEFT JOIN care_team_member c ON c.organization_id = a.organization_id AND c.person_id = a.person_id AND c.staff_member_id = ${me} AND c.removed_at IS NULL
    LEFT JOIN person pe ON pe.organization_id = a.organization_id AND pe.id = a.person_id AND c.staff_member_id IS NOT NULL
    WHERE (a.status <> 'cancelled' OR ${query.includeCancelled})
    ORDER BY a.starts_at, a.id`);
  const { rows: absences } = query.staffIds.length
    ? await ctx.tx.execute<{ staff_member_id: string; starts_at: Date; ends_at: Date; kind: string }>(sql`
        SELECT staff_member_id, starts_at, ends_at, kind FROM staff_absence
         WHERE organization_id = ${org} AND staff_member_id = ANY(${sql.param(query.staffIds)}::uuid[]) AND cancelled_at IS NULL
           AND starts_at < ${query.to.toISOString()}::timestamptz AND ends_at > ${query.from.toISOString()}::timestamptz`)
    : { rows: [] };
  const shownPeople = new Set<string>();
  const events = rows.map((r): AgendaEvent => {
    const visible = r.person_id === null || r.on_team;
    const personLabel = r.person_id && r.on_team && r.first_name ? displayName({ firstName: r.first_name, lastName: r.last_name!, discreet: r.discreet!, alias: r.alias }) : null;
    if (personLabel) shownPeople.add(r.person_id!);
    return {
      id: r.id,
      kind: r.kind,
      status: r.status,
      startsAt: new Date(r.starts_at).toISOString(),
      endsAt: new Date(r.ends_at).toISOString(),
      title: r.title ?? (personLabel ? `${personLabel} — ${r.service_name}` : r.service_name),
      serviceName: visible ? r.service_name : '',
      personLabel,
      modality: r.modality,
      staffIds: r.staff_ids,
      resourceIds: r.resource_ids,
      seriesId: r.series_id,
      visible,
      version: r.version,
    };
  });
  const hidden = events.filter((e) => !e.visible);
  for (const e of hidden) {
    // Outside the care team: the time is taken, nothing more.
    e.title = '';
    e.seriesId = null;
  }
  for (const personId of shownPeople) ctx.audit({ action: 'agenda.read', personId, targetType: 'person', targetId: personId });
  if (query.personId && !shownPeople.has(query.personId)) ctx.audit({ action: 'agenda.read', personId: query.personId, targetType: 'person', targetId: query.personId });
  return {
    events,
    absences: absences.map((a) => ({ staffId: a.staff_member_id, startsAt: new Date(a.starts_at).toISOString(), endsAt: new Date(a.ends_at).toISOString(), kind: a.kind })),
  };
}
