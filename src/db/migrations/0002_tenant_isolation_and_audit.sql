-- Tenant isolation: every tenant table has row level security, forced even for its owner.
-- relais_app sees only the rows of the organization named by app.org_id, set per transaction;
-- a missing setting matches nothing (nullif(...)::uuid is NULL, and NULL = x is never true).
CREATE FUNCTION relais_enable_tenant_isolation(target regclass, org_column text DEFAULT 'organization_id') RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s TO relais_app USING (%I = nullif(current_setting(''app.org_id'', true), '''')::uuid) WITH CHECK (%I = nullif(current_setting(''app.org_id'', true), '''')::uuid)',
    target, org_column, org_column);
  -- The owner (the role that runs migrations) is included so that the few SECURITY DEFINER
  -- functions below work when the owner is not a superuser.
  EXECUTE format('CREATE POLICY system_access ON %s TO relais_system, CURRENT_USER USING (true) WITH CHECK (true)', target);
END
$fn$;
--> statement-breakpoint
-- Installation tables: no organization; only the system role may touch them.
CREATE FUNCTION relais_enable_system_only(target regclass) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
  EXECUTE format('CREATE POLICY system_access ON %s TO relais_system, CURRENT_USER USING (true) WITH CHECK (true)', target);
  EXECUTE format('REVOKE ALL ON %s FROM relais_app', target);
END
$fn$;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO relais_app, relais_system;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO relais_app, relais_system;
--> statement-breakpoint
SELECT relais_enable_tenant_isolation('organization', 'id');
--> statement-breakpoint
SELECT relais_enable_tenant_isolation(t) FROM unnest(ARRAY[
  'role', 'discipline', 'staff_member', 'staff_role', 'staff_discipline', 'invitation', 'session',
  'person', 'care_team_member', 'audit_event', 'audit_chain', 'audit_chain_head'
]::regclass[]) AS t;
--> statement-breakpoint
SELECT relais_enable_system_only(t) FROM unnest(ARRAY['rate_limit_bucket', 'setup_token', 'audit_seal_state']::regclass[]) AS t;
--> statement-breakpoint
-- The audit trail is append-only for everyone, owner included: updates, deletes and truncation are refused.
CREATE FUNCTION relais_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only (% on %)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION relais_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION relais_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE ON audit_chain FOR EACH ROW EXECUTE FUNCTION relais_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain FOR EACH STATEMENT EXECUTE FUNCTION relais_refuse_change();
--> statement-breakpoint
REVOKE UPDATE, DELETE ON audit_event, audit_chain FROM relais_app, relais_system;
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE ON audit_chain, audit_chain_head FROM relais_app;
--> statement-breakpoint
-- The digest of one event: every field, in a fixed order, after the previous link's hash.
CREATE FUNCTION relais_audit_digest(e audit_event, prev bytea) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT sha256(prev || convert_to(concat_ws(chr(31),
    e.organization_id::text, e.id::text, e.txid::text,
    ((extract(epoch FROM e.occurred_at) * 1000000)::bigint)::text,
    coalesce(e.actor_id::text, ''), e.action, e.outcome, coalesce(e.person_id::text, ''),
    coalesce(e.target_type, ''), coalesce(e.target_id, ''), coalesce(host(e.ip), ''),
    coalesce(e.request_id, ''), e.details::text), 'UTF8'))
$fn$;
--> statement-breakpoint
INSERT INTO audit_seal_state (singleton, horizon) VALUES ('x', '1'::xid8);
--> statement-breakpoint
-- Links into each organization's chain every event whose transaction has ended (txid below the
-- oldest running transaction), in (txid, id) order. Runs as relais_system, one sealer at a time.
CREATE FUNCTION relais_seal_audit_chain() RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
  old_horizon xid8;
  new_horizon xid8 := pg_snapshot_xmin(pg_current_snapshot());
  current_org uuid := NULL;
  head_seq bigint;
  head_hash bytea;
  ev audit_event;
  next_hash bytea;
  sealed integer := 0;
BEGIN
  SELECT horizon INTO old_horizon FROM audit_seal_state WHERE singleton = 'x' FOR UPDATE;
  IF new_horizon <= old_horizon THEN
    RETURN 0;
  END IF;
  FOR ev IN
    SELECT * FROM audit_event WHERE txid >= old_horizon AND txid < new_horizon
    ORDER BY organization_id, txid, id
  LOOP
    IF current_org IS DISTINCT FROM ev.organization_id THEN
      IF current_org IS NOT NULL THEN
        INSERT INTO audit_chain_head (organization_id, seq, hash) VALUES (current_org, head_seq, head_hash)
          ON CONFLICT (organization_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash;
      END IF;
      current_org := ev.organization_id;
      SELECT h.seq, h.hash INTO head_seq, head_hash FROM audit_chain_head h WHERE h.organization_id = current_org;
      IF NOT FOUND THEN
        head_seq := 0;
        head_hash := '\x'::bytea;
      END IF;
    END IF;
    next_hash := relais_audit_digest(ev, head_hash);
    head_seq := head_seq + 1;
    INSERT INTO audit_chain (organization_id, seq, event_id, prev_hash, hash)
      VALUES (current_org, head_seq, ev.id, head_hash, next_hash);
    head_hash := next_hash;
    sealed := sealed + 1;
  END LOOP;
  IF current_org IS NOT NULL THEN
    INSERT INTO audit_chain_head (organization_id, seq, hash) VALUES (current_org, head_seq, head_hash)
      ON CONFLICT (organization_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash;
  END IF;
  UPDATE audit_seal_state SET horizon = new_horizon WHERE singleton = 'x';
  RETURN sealed;
END
$fn$;

--> statement-breakpoint
-- Resolves a session cookie (its SHA-256) in one round trip on every authenticated request: the
-- live session, its staff member, the organization's two-factor rule and the permissions of the
-- member's roles. Touches last_seen_at at most once a minute (idle expiry). Runs with the owner's
-- rights because no organization is known yet; it returns nothing for an expired, revoked or
-- unknown token, or a deactivated account.
CREATE FUNCTION relais_resolve_session(p_token_hash bytea, p_idle_seconds integer)
RETURNS TABLE (
  session_id uuid, organization_id uuid, staff_member_id uuid, stage text, csrf_token text,
  locale text, permissions text[], role_codes text[], require_two_factor boolean,
  totp_enabled boolean, first_name text, last_name text, email text, organization_name text
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
           o.require_two_factor, m.totp_enabled_at IS NOT NULL, m.first_name, m.last_name, m.email::text, o.name
      FROM staff_member m JOIN organization o ON o.id = m.organization_id
     WHERE m.organization_id = s.organization_id AND m.id = s.staff_member_id AND m.status = 'active';
END
$fn$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION relais_resolve_session(bytea, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION relais_resolve_session(bytea, integer) TO relais_app, relais_system;
