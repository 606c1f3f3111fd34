import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { isLocale, type Locale } from '../../lib/i18n.js';
import { hashToken } from '../../lib/tokens.js';
import type { SessionStage } from './schema.js';

export interface ResolvedSession {
  sessionId: string;
  organizationId: string;
  organizationName: string;
  organizationTimeZone: string;
  staffMemberId: string;
  stage: SessionStage;
  csrfToken: string;
  locale: Locale;
  permissions: string[];
  roleCodes: string[];
  requireTwoFactor: boolean;
  twoFactorEnabled: boolean;
  firstName: string;
  lastName: string;
  email: string;
}

type Row = {
  session_id: string;
  organization_id: string;
  organization_name: string;
  organization_time_zone: string;
  staff_member_id: string;
  stage: SessionStage;
  csrf_token: string;
  locale: string;
  permissions: string[];
  role_codes: string[];
  require_two_factor: boolean;
  totp_enabled: boolean;
  first_name: string;
  last_name: string;
  email: string;
};

/** The live session behind a cookie, or null (unknown, revoked, idle too long, past its absolute end, account deactivated). */
export async function resolveSession(db: Db, token: string, idleMinutes: number): Promise<ResolvedSession | null> {
  const result = await db.execute<Row>(sql`SELECT * FROM relais_resolve_session(${hashToken(token)}, ${idleMinutes * 60})`);
  const row = result.rows[0];
  if (!row) return null;
  return {
    sessionId: row.session_id,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    organizationTimeZone: row.organization_time_zone,
    staffMemberId: row.staff_member_id,
    stage: row.stage,
    csrfToken: row.csrf_token,
    locale: isLocale(row.locale) ? row.locale : 'fr',
    permissions: row.permissions,
    roleCodes: row.role_codes,
    requireTwoFactor: row.require_two_factor,
    twoFactorEnabled: row.totp_enabled,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
  };
}
