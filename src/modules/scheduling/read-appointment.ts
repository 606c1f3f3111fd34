import { sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { assertAccess, requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { displayName } from '../people/person-display.js';
import type { Modality } from '../services/schema.js';
import type { AppointmentKind, AppointmentStatus, Attendance, GroupFormat, RegistrationStatus } from './schema.js';

export interface AppointmentView {
  id: string;
  kind: AppointmentKind;
  status: AppointmentStatus;
  serviceId: string;
  serviceName: string;
  episodeId: string | null;
  personId: string | null;
  personLabel: string | null;
  title: string | null;
  groupFormat: GroupFormat | null;
  modality: Modality;
  siteId: string | null;
  siteName: string | null;
  partnerId: string | null;
  partnerName: string | null;
  homeAddress: string | null;
  sectorId: string | null;
  videoLink: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number | null;
  registeredCount: number;
  waitlistCount: number;
  seriesId: string | null;
  notes: string | null;
  version: number;
  cancelReason: string | null;
  cancelledByParty: string | null;
  outcomeNote: string | null;
  staff: { id: string; name: string }[];
  resources: { id: string; name: string; kind: string }[];
  relatives: { id: string; name: string }[];
  registrations: { personId: string; personLabel: string; status: RegistrationStatus; position: number | null; attendance: Attendance | null }[];
}

interface Row {
  id: string;
  kind: AppointmentKind;
  status: AppointmentStatus;
  service_id: string;
  service_name: string;
  episode_id: string | null;
  person_id: string | null;
  title: string | null;
  group_format: GroupFormat | null;
  modality: Modality;
  site_id: string | null;
  site_name: string | null;
  partner_id: string | null;
  partner_name: string | null;
  home_address: string | null;
  sector_id: string | null;
  video_link: string | null;
  starts_at: Date;
  ends_at: Date;
  capacity: number | null;
  series_id: string | null;
  notes: string | null;
  version: number;
  cancel_reason: string | null;
  cancelled_by_party: string | null;
  outcome_note: string | null;
  on_team: boolean;
  is_participant: boolean;
  person: { firstName: string; lastName: string; discreet: boolean; alias: string | null } | null;
  participants: { role: string; id: string; name: string; kind: string | null; status: RegistrationStatus | null; position: number | null; attendance: Attendance | null; visible: boolean; person: { firstName: string; lastName: string; discreet: boolean; alias: string | null } | null }[];
}

/**
 * One appointment with who and what it holds. A person's appointment is read by their care team
 * only; a group's registrations show the people whose care team the reader is on, and all of them
 * to the staff running the group (they take the attendance). Audited per person shown.
 */
export async function readAppointment(ctx: Ctx, appointmentId: string): Promise<AppointmentView> {
  const me = ctx.actor.staffMemberId;
  const org = ctx.organizationId;
  const { rows } = await ctx.tx.execute<Row & Record<string, unknown>>(sql`
    SELECT a.id, a.kind, a.status, a.service_id, s.name AS service_name, a.episode_id, a.person_id, a.title, a.group_format, a.modality,
      a.site_id, si.name AS site_name, a.partner_id, pa.name AS partner_name, a.home_address, a.sector_id, a.video_link,
      a.starts_at, a.ends_at, a.capacity, a.series_id, a.notes, a.version, a.cancel_reason, a.cancelled_by_party, a.outcome_note,
      (a.person_id IS NOT NULL AND EXISTS (SELECT 1 FROM care_team_member c WHERE c.organization_id = a.organization_id AND c.person_id = a.person_id
         AND c.staff_member_id = ${me} AND c.removed_at IS NULL)) AS on_team,
      EXISTS (SELECT 1 FROM appointment_participant x WHERE x.organization_id = a.organization_id AND x.appointment_id = a.id AND x.staff_member_id = ${me}) AS is_participant,
      (SELECT json_build_object('firstName', pe.first_name, 'lastName', pe.last_name, 'discreet', pe.discreet, 'alias', pe.alias)
         FROM person pe WHERE pe.organization_id = a.organization_id AND pe.id = a.person_id) AS person,
      coalesce((SELECT json_agg(json_build_object(
          'role', p.role, 'id', p.participant_id, 'kind', r.kind, 'status', p.registration_status, 'position', p.waitlist_position, 'attendance', p.attendance,
          'name', coalesce(sm.first_name || ' ' || sm.last_name, r.name, rel.first_name || ' ' || rel.last_name),
          'visible', p.role <> 'person' OR EXISTS (SELECT 1 FROM care_team_member c WHERE c.organization_id = p.organization_id AND c.person_id = p.person_id
             AND c.staff_member_id = ${me} AND c.removed_at IS NULL),
          'person', CASE WHEN p.role = 'person' THEN json_build_object('firstName', pp.first_name, 'lastName', pp.last_name, 'discreet', pp.discreet, 'alias', pp.alias) END)
          ORDER BY p.role, p.waitlist_position NULLS FIRST, p.added_at)
        FROM appointment_participant p
        LEFT JOIN staff_member sm ON sm.organization_id = p.organization_id AND sm.id = p.staff_member_id
        LEFT JOIN resource r ON r.organization_id = p.organization_id AND r.id = p.resource_id
        LEFT JOIN relative rel ON rel.organization_id = p.organization_id AND rel.id = p.relative_id
        LEFT JOIN person pp ON pp.organization_id = p.organization_id AND pp.id = p.person_id
        WHERE p.organization_id = a.organization_id AND p.appointment_id = a.id), '[]'::json) AS participants
    FROM appointment a
    JOIN service s ON s.organization_id = a.organization_id AND s.id = a.service_id
    LEFT JOIN site si ON si.organization_id = a.organization_id AND si.id = a.site_id
    LEFT JOIN partner pa ON pa.organization_id = a.organization_id AND pa.id = a.partner_id
    WHERE a.organization_id = ${org} AND a.id = ${appointmentId}`);
  const row = rows[0];
  if (!row) throw new DomainError('not_found');
  if (row.person_id) assertAccess(ctx, 'appointment.read', { personId: row.person_id, onCareTeam: row.on_team });
  else await requireAccess(ctx, 'agenda.read');
  const persons = row.participants.filter((p) => p.role === 'person');
  // The staff running a group see everyone registered in it; others, the people they follow.
  const shown = persons.filter((p) => p.visible || (row.kind === 'group' && row.is_participant) || p.id === row.person_id);
  if (row.person_id) ctx.audit({ action: 'appointment.read', personId: row.person_id, targetType: 'appointment', targetId: row.id });
  for (const p of shown) if (p.id !== row.person_id) ctx.audit({ action: 'appointment.read', personId: p.id, targetType: 'appointment', targetId: row.id });
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    serviceId: row.service_id,
    serviceName: row.service_name,
    episodeId: row.episode_id,
    personId: row.person_id,
    personLabel: row.person ? displayName(row.person) : null,
    title: row.title,
    groupFormat: row.group_format,
    modality: row.modality,
    siteId: row.site_id,
    siteName: row.site_name,
    partnerId: row.partner_id,
    partnerName: row.partner_name,
    homeAddress: row.home_address,
    sectorId: row.sector_id,
    videoLink: row.video_link,
    startsAt: new Date(row.starts_at).toISOString(),
    endsAt: new Date(row.ends_at).toISOString(),
    capacity: row.capacity,
    registeredCount: persons.filter((p) => row.kind === 'group' && p.status === 'registered').length,
    waitlistCount: persons.filter((p) => p.status === 'waitlisted').length,
    seriesId: row.series_id,
    notes: row.notes,
    version: row.version,
    cancelReason: row.cancel_reason,
    cancelledByParty: row.cancelled_by_party,
    outcomeNote: row.outcome_note,
    staff: row.participants.filter((p) => p.role === 'staff').map((p) => ({ id: p.id, name: p.name })),
    resources: row.participants.filter((p) => p.role === 'resource').map((p) => ({ id: p.id, name: p.name, kind: p.kind ?? 'room' })),
    relatives: row.participants.filter((p) => p.role === 'relative').map((p) => ({ id: p.id, name: p.name })),
    registrations:
      row.kind === 'group'
        ? shown.map((p) => ({ personId: p.id, personLabel: displayName(p.person!), status: p.status ?? 'registered', position: p.position, attendance: p.attendance }))
        : [],
  };
}
