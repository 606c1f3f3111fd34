-- The chain becomes a chain of blocks (see audit_block in src/modules/audit/schema.ts): verifying
-- hashes each block's events in one pass instead of one hash call and one join per event.
-- The previous per-event chain held only unreleased test data: sealing starts over.
DELETE FROM audit_chain_head;
--> statement-breakpoint
UPDATE audit_seal_state SET horizon = '1'::xid8;
--> statement-breakpoint
DROP FUNCTION relais_seal_audit_chain(integer);
--> statement-breakpoint
DROP FUNCTION relais_audit_hash(bytea, uuid, bigint, xid8, timestamptz, uuid, text, text, uuid, text, text, inet, text, jsonb);
--> statement-breakpoint
SELECT relais_enable_tenant_isolation('audit_block');
--> statement-breakpoint
CREATE TRIGGER audit_block_append_only BEFORE UPDATE OR DELETE ON audit_block FOR EACH ROW EXECUTE FUNCTION relais_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_block_no_truncate BEFORE TRUNCATE ON audit_block FOR EACH STATEMENT EXECUTE FUNCTION relais_refuse_change();
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE ON audit_block FROM relais_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE ON audit_block FROM relais_system;
--> statement-breakpoint
-- One event's canonical bytes: every field in a fixed order, in PostgreSQL's binary form (independent
-- of DateStyle, TimeZone or locale), nullable fields with a presence byte, texts with their length,
-- so that no two different events encode alike. STABLE (as textsend is) and a single expression, so
-- the planner inlines it.
CREATE FUNCTION relais_audit_canonical(
  organization_id uuid, id bigint, txid xid8, occurred_at timestamptz, actor_id uuid, action text,
  outcome text, person_id uuid, target_type text, target_id text, ip inet, request_id text, details jsonb
) RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $fn$
  SELECT uuid_send(organization_id) || int8send(id) || xid8send(txid) || timestamptz_send(occurred_at)
    || coalesce('\x01'::bytea || uuid_send(actor_id), '\x00'::bytea)
    || int4send(octet_length(action)) || textsend(action)
    || int4send(octet_length(outcome)) || textsend(outcome)
    || coalesce('\x01'::bytea || uuid_send(person_id), '\x00'::bytea)
    || coalesce(int4send(octet_length(target_type)) || textsend(target_type), '\xffffffff'::bytea)
    || coalesce(int4send(octet_length(target_id)) || textsend(target_id), '\xffffffff'::bytea)
    || coalesce('\x01'::bytea || inet_send(ip), '\x00'::bytea)
    || coalesce(int4send(octet_length(request_id)) || textsend(request_id), '\xffffffff'::bytea)
    || jsonb_send(details)
$fn$;
--> statement-breakpoint
-- Seals, as one block per organization, every event whose transaction has ended (txid below the
-- oldest running transaction), at most about max_events per call (whole transactions only).
-- Runs as relais_system; the seal state row lock makes sealers take turns.
CREATE FUNCTION relais_seal_audit_chain(max_events integer DEFAULT 50000) RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
  old_horizon xid8;
  new_horizon xid8 := pg_snapshot_xmin(pg_current_snapshot());
  cut xid8;
  sealed integer;
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

  WITH events AS (
    SELECT e.organization_id, e.txid, e.id,
           relais_audit_canonical(e.organization_id, e.id, e.txid, e.occurred_at, e.actor_id, e.action, e.outcome,
             e.person_id, e.target_type, e.target_id, e.ip, e.request_id, e.details) AS bytes
      FROM audit_event e WHERE e.txid >= old_horizon AND e.txid < new_horizon
  ), blocks AS (
    SELECT organization_id, count(*)::int AS n, min(txid) AS first_txid, max(txid) AS last_txid,
           array_agg(id ORDER BY txid, id) AS ids,
           array_agg(sha256(bytes) ORDER BY txid, id) AS hashes,
           sha256(string_agg(bytes, ''::bytea ORDER BY txid, id)) AS digest
      FROM events GROUP BY organization_id
  ), linked AS (
    SELECT b.*, coalesce(h.seq, 0) + 1 AS seq, coalesce(h.hash, ''::bytea) AS prev
      FROM blocks b LEFT JOIN audit_chain_head h ON h.organization_id = b.organization_id
  ), inserted AS (
    INSERT INTO audit_block (organization_id, seq, first_txid, first_event_id, last_txid, last_event_id,
                             event_count, event_ids, event_hashes, prev_hash, hash)
    SELECT organization_id, seq, first_txid, ids[1], last_txid, ids[n], n, ids, hashes, prev,
           sha256(prev || int8send(seq) || int4send(n) || digest)
      FROM linked
    RETURNING organization_id, seq, hash, event_count
  ), heads AS (
    INSERT INTO audit_chain_head (organization_id, seq, hash)
    SELECT organization_id, seq, hash FROM inserted
    ON CONFLICT (organization_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
  )
  SELECT coalesce(sum(event_count), 0)::int INTO sealed FROM inserted;

  UPDATE audit_seal_state SET horizon = new_horizon WHERE singleton = 'x';
  RETURN sealed;
END
$fn$;
