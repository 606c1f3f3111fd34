-- The digest of one audit event, after the previous link's hash: every field in a fixed order, in
-- PostgreSQL's binary form (independent of DateStyle, TimeZone or locale), each nullable field
-- with a presence byte and each text with its length, so no two different events encode alike.
-- A STABLE (textsend is) SQL function of scalars, so the planner inlines it: verification runs at hundreds of
-- thousands of events per second instead of the tens of thousands a function call per row allowed.
CREATE FUNCTION relais_audit_hash(
  prev bytea, organization_id uuid, id bigint, txid xid8, occurred_at timestamptz, actor_id uuid,
  action text, outcome text, person_id uuid, target_type text, target_id text, ip inet,
  request_id text, details jsonb
) RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $fn$
  SELECT sha256(
    prev || uuid_send(organization_id) || int8send(id) || xid8send(txid) || timestamptz_send(occurred_at)
    || coalesce('\x01'::bytea || uuid_send(actor_id), '\x00'::bytea)
    || int4send(octet_length(action)) || textsend(action)
    || int4send(octet_length(outcome)) || textsend(outcome)
    || coalesce('\x01'::bytea || uuid_send(person_id), '\x00'::bytea)
    || coalesce(int4send(octet_length(target_type)) || textsend(target_type), '\xffffffff'::bytea)
    || coalesce(int4send(octet_length(target_id)) || textsend(target_id), '\xffffffff'::bytea)
    || coalesce('\x01'::bytea || inet_send(ip), '\x00'::bytea)
    || coalesce(int4send(octet_length(request_id)) || textsend(request_id), '\xffffffff'::bytea)
    || jsonb_send(details))
$fn$;
--> statement-breakpoint
DROP FUNCTION relais_audit_digest(audit_event, bytea);
--> statement-breakpoint
DROP FUNCTION relais_seal_audit_chain();
--> statement-breakpoint
-- Same sealing rule as before (every event whose transaction has ended, in (txid, id) order per
-- organization), computed in one pass and written with one INSERT per organization, at most about
-- max_events per call (whole transactions only) so that a backlog is sealed in bounded steps.
CREATE FUNCTION relais_seal_audit_chain(max_events integer DEFAULT 50000) RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
  old_horizon xid8;
  new_horizon xid8 := pg_snapshot_xmin(pg_current_snapshot());
  cut xid8;
  current_org uuid := NULL;
  head_seq bigint;
  head_hash bytea;
  ev record;
  seqs bigint[] := '{}';
  ids bigint[] := '{}';
  prevs bytea[] := '{}';
  hashes bytea[] := '{}';
  next_hash bytea;
  n integer := 0;
  sealed integer := 0;
BEGIN
  SELECT horizon INTO old_horizon FROM audit_seal_state WHERE singleton = 'x' FOR UPDATE;
  IF new_horizon <= old_horizon THEN
    RETURN 0;
  END IF;
  SELECT e.txid INTO cut FROM audit_event e
   WHERE e.txid >= old_horizon AND e.txid < new_horizon ORDER BY e.txid OFFSET max_events LIMIT 1;
  IF cut IS NOT NULL THEN
    IF EXISTS (SELECT 1 FROM audit_event e WHERE e.txid >= old_horizon AND e.txid < cut) THEN
      new_horizon := cut;
    ELSE
      -- one transaction wrote more than max_events: seal it whole
      new_horizon := coalesce((SELECT min(e.txid) FROM audit_event e WHERE e.txid > cut AND e.txid < new_horizon), new_horizon);
    END IF;
  END IF;
  FOR ev IN
    SELECT e.organization_id, e.id, e.txid, e.occurred_at, e.actor_id, e.action, e.outcome, e.person_id,
           e.target_type, e.target_id, e.ip, e.request_id, e.details
      FROM audit_event e WHERE e.txid >= old_horizon AND e.txid < new_horizon
     ORDER BY e.organization_id, e.txid, e.id
  LOOP
    IF current_org IS DISTINCT FROM ev.organization_id THEN
      IF current_org IS NOT NULL THEN
        INSERT INTO audit_chain (organization_id, seq, event_id, prev_hash, hash)
          SELECT current_org, s, i, p, h FROM unnest(seqs, ids, prevs, hashes) AS u(s, i, p, h);
        INSERT INTO audit_chain_head (organization_id, seq, hash) VALUES (current_org, head_seq, head_hash)
          ON CONFLICT (organization_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash;
        seqs := '{}'; ids := '{}'; prevs := '{}'; hashes := '{}'; n := 0;
      END IF;
      current_org := ev.organization_id;
      SELECT h.seq, h.hash INTO head_seq, head_hash FROM audit_chain_head h WHERE h.organization_id = current_org;
      IF NOT FOUND THEN
        head_seq := 0;
        head_hash := '\x'::bytea;
      END IF;
    END IF;
    next_hash := relais_audit_hash(head_hash, ev.organization_id, ev.id, ev.txid, ev.occurred_at, ev.actor_id,
      ev.action, ev.outcome, ev.person_id, ev.target_type, ev.target_id, ev.ip, ev.request_id, ev.details);
    head_seq := head_seq + 1;
    n := n + 1;
    -- subscripted assignment grows the arrays in place (an || append would copy them each time)
    seqs[n] := head_seq;
    ids[n] := ev.id;
    prevs[n] := head_hash;
    hashes[n] := next_hash;
    head_hash := next_hash;
    sealed := sealed + 1;
  END LOOP;
  IF current_org IS NOT NULL THEN
    INSERT INTO audit_chain (organization_id, seq, event_id, prev_hash, hash)
      SELECT current_org, s, i, p, h FROM unnest(seqs, ids, prevs, hashes) AS u(s, i, p, h);
    INSERT INTO audit_chain_head (organization_id, seq, hash) VALUES (current_org, head_seq, head_hash)
      ON CONFLICT (organization_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash;
  END IF;
  UPDATE audit_seal_state SET horizon = new_horizon WHERE singleton = 'x';
  RETURN sealed;
END
$fn$;
