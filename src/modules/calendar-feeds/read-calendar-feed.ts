import { TZDate } from '@date-fns/tz';
import { sql } from 'drizzle-orm';
import ical, { ICalCalendarMethod, ICalEventClass, ICalEventStatus } from 'ical-generator';
import type { Db } from '../../db/connection.js';
import { asSystem, inTenant } from '../../db/transaction.js';
import { DomainError } from '../../lib/domain-error.js';
import type { Locale } from '../../lib/i18n.js';
import { hashToken } from '../../lib/tokens.js';
import type { RequestMeta } from '../../server/context.js';
import { recordAuditEvents, type AuditEntry } from '../audit/record-audit-event.js';
import { displayName } from '../people/person-display.js';
import type { Modality } from '../services/schema.js';
import type { AppointmentStatus } from '../scheduling/schema.js';
import { vtimezone } from './vtimezone.js';

const dayMs = 86_400_000;
/** What the feed shows: a month back (to look up a past session), six months ahead. */
export const feedWindow = { daysBack: 30, daysAhead: 180 };

const placeWords: Record<Locale, Record<'home' | 'video' | 'phone' | 'onSite', string>> = {
  fr: { home: 'Domicile', video: 'Visio', phone: 'Téléphone', onSite: 'Sur site' },
  en: { home: 'Home', video: 'Video', phone: 'Phone', onSite: 'On site' },
};

type FeedOwner = {
  organization_id: string;
  feed_id: string;
  staff_member_id: string;
  locale: Locale;
  time_zone: string;
  organization_name: string;
};

type FeedRow = {
  id: string;
  kind: string;
  status: AppointmentStatus;
  starts_at: string;
  ends_at: string;
  title: string | null;
  modality: Modality;
  video_link: string | null;
  version: number;
  updated_at: string;
  service_name: string;
  site_name: string | null;
  partner_name: string | null;
  person_id: string | null;
  first_name: string | null;
  last_name: string | null;
  discreet: boolean | null;
  alias: string | null;
  on_care_team: boolean;
};

// The token is the only credential: its hash finds the feed across organizations (the system role),
// and nothing distinguishes an unknown link from a revoked one or from a deactivated account.
async function findOwner(db: Db, token: string): Promise<FeedOwner> {
  const bare = token.endsWith('.ics') ? token.slice(0, -4) : token;
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(bare)) throw new DomainError('not_found');
  const owner = await asSystem(db, async (tx) => {
    const found = await tx.execute<FeedOwner>(sql`
      SELECT f.organization_id, f.id AS feed_id, f.staff_member_id, s.locale, o.time_zone, o.name AS organization_name
        FROM calendar_feed f
        JOIN staff_member s ON s.organization_id = f.organization_id AND s.id = f.staff_member_id AND s.status = 'active'
        JOIN organization o ON o.id = f.organization_id
       WHERE f.token_hash = ${hashToken(bare)} AND f.revoked_at IS NULL`);
    return found.rows[0];
  });
  if (!owner) throw new DomainError('not_found');
  return owner;
}

/**
 * A staff member's agenda as iCalendar, for the calendar app that holds their secret link: their
 * sessions that are not cancelled, at the structure's wall-clock time (TZID with its VTIMEZONE).
 * Titles name the group or the service; a person appears only to their care team, and a discreet
 * person by alias or initials. No notes, reasons or clinical content. Every read is audited.
 */
export async function readCalendarFeed(db: Db, token: string, meta: RequestMeta, now = new Date()): Promise<string> {
  const owner = await findOwner(db, token);
  const from = new Date(now.getTime() - feedWindow.daysBack * dayMs);
  const to = new Date(now.getTime() + feedWindow.daysAhead * dayMs);
  const rows = await inTenant(db, { organizationId: owner.organization_id, actorId: owner.staff_member_id }, async (tx) => {
    const result = await tx.execute<FeedRow>(sql`
      SELECT a.id, a.kind, a.status, a.starts_at, a.ends_at, a.title, a.modality, a.video_link, a.version, a.updated_at,
             srv.name AS service_name, st.name AS site_name, pa.name AS partner_name,
             p.id AS person_id, p.first_name, p.last_name, p.discreet, p.alias,
             p.id IS NOT NULL AND EXISTS (SELECT 1 FROM care_team_member ctm WHERE ctm.organization_id = a.organization_id
               AND ctm.person_id = p.id AND ctm.staff_member_id = ${owner.staff_member_id} AND ctm.removed_at IS NULL) AS on_care_team
        FROM appointment_participant me
        JOIN appointment a ON a.organization_id = me.organization_id AND a.id = me.appointment_id
        JOIN service srv ON srv.organization_id = a.organization_id AND srv.id = a.service_id
        LEFT JOIN site st ON st.organization_id = a.organization_id AND st.id = a.site_id
        LEFT JOIN partner pa ON pa.organization_id = a.organization_id AND pa.id = a.partner_id
        LEFT JOIN person p ON p.organization_id = a.organization_id AND p.id = a.person_id AND a.kind <> 'group'
       WHERE me.organization_id = ${owner.organization_id} AND me.participant_id = ${owner.staff_member_id} AND me.role = 'staff'
         -- A staff row blocks exactly while its appointment is not cancelled: this is the no-overlap
         -- constraint's own index (organization, participant, period), so the feed reads only its window.
         AND me.blocking AND me.period && tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz, '[)')
         AND a.status <> 'cancelled'
       ORDER BY a.starts_at`);
    const named = [...new Set(result.rows.filter((r) => r.on_care_team && r.person_id).map((r) => r.person_id!))];
    const entries: AuditEntry[] = [
      { action: 'calendar_feed.read', targetType: 'calendar_feed', targetId: owner.feed_id, details: { events: result.rows.length } },
      ...named.map((personId) => ({ action: 'calendar_feed.person_shown', personId, targetType: 'calendar_feed', targetId: owner.feed_id })),
    ];
    await recordAuditEvents(tx, { organizationId: owner.organization_id, actorId: owner.staff_member_id, ip: meta.ip, requestId: meta.requestId }, entries);
    await tx.execute(sql`UPDATE calendar_feed SET last_used_at = now() WHERE organization_id = ${owner.organization_id} AND id = ${owner.feed_id}`);
    return result.rows;
  });

  const words = placeWords[owner.locale];
  const zone = owner.time_zone;
  const calendar = ical({
    name: owner.organization_name,
    prodId: { company: 'Relais', product: 'Relais', language: owner.locale.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: zone, generator: (name) => vtimezone(name, new Date(from.getTime() - 366 * dayMs), new Date(to.getTime() + 366 * dayMs)) },
    ttl: 15 * 60,
  });
  for (const r of rows) {
    const person = r.on_care_team && r.first_name !== null ? displayName({ firstName: r.first_name, lastName: r.last_name ?? '', discreet: r.discreet ?? false, alias: r.alias }) : null;
    const session = r.kind === 'group' && r.title ? r.title : (r.title ?? r.service_name);
    const location =
      r.modality === 'home' ? words.home : r.modality === 'video' ? words.video : r.modality === 'phone' ? words.phone : r.modality === 'partner_site' ? (r.partner_name ?? words.onSite) : (r.site_name ?? words.onSite);
    calendar.createEvent({
      id: `${r.id}@relais`,
      sequence: r.version,
      start: new TZDate(new Date(r.starts_at).getTime(), zone),
      end: new TZDate(new Date(r.ends_at).getTime(), zone),
      timezone: zone,
      stamp: new Date(r.updated_at),
      summary: person ? `${session} — ${person}` : session,
      location,
      ...(r.modality === 'video' && r.video_link ? { url: r.video_link } : {}),
      status: r.status === 'planned' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
      class: ICalEventClass.PRIVATE,
    });
  }
  return calendar.toString();
}
