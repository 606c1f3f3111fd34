-- The session now also carries the organization's time zone, which the web app shows times in.
DROP FUNCTION relais_resolve_session(bytea, integer);
--> statement-breakpoint
CREATE FUNCTION relais_resolve_session(p_token_hash bytea, p_idle_seconds integer)
RETURNS TABLE (
  session_id uuid, organization_id uuid, staff_member_id uuid, stage text, csrf_token text,
  locale text, permissions text[], role_codes text[], require_two_factor boolean,
  totp_enabled boolean, first_name text, last_name text, email text, organization_name text,
  organization_time_zone text
)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  s session%ROWTYPE;
BEGIN
  SELECT * INTO s FROM session
   WHERE token_hash = p_token_hash AND revoked_at IS NULL AND expires_at > now()
     AND last_seen_at > now() - make_interval(secs => p_idle_seconds);
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF s.last_seen_at < now() - interval '60 seconds' THEN
    UPDATE session SET last_seen_at = now() WHERE session.organization_id = s.organization_id AND session.id = s.id;
  END IF;
  RETURN QUERY
    SELECT s.id, s.organization_id, m.id, s.stage, s.csrf_token, m.locale,
           coalesce((SELECT array_agg(DISTINCT p ORDER BY p) FROM staff_role sr
                       JOIN role r ON r.organization_id = sr.organization_id AND r.id = sr.role_id
                       CROSS JOIN LATERAL unnest(r.permissions) AS p
                      WHERE sr.organization_id = m.organization_id AND sr.staff_member_id = m.id), '{}'),
           coalesce((SELECT array_agg(r.code ORDER BY r.code) FROM staff_role sr
                       JOIN role r ON r.organization_id = sr.organization_id AND r.id = sr.role_id
                      WHERE sr.organization_id = m.organization_id AND sr.staff_member_id = m.id), '{}'),
           o.require_two_factor, m.totp_enabled_at IS NOT NULL, m.first_name, m.last_name, m.email::text, o.name, o.time_zone
      FROM staff_member m JOIN organization o ON o.id = m.organization_id
     WHERE m.organization_id = s.organization_id AND m.id = s.staff_member_id AND m.status = 'active';
END
$fn$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION relais_resolve_session(bytea, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_resolve_session(bytea, integer) TO relais_app, relais_system;
