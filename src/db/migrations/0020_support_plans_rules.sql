SELECT relais_enable_tenant_isolation(t) FROM unnest(ARRAY['assessment_template', 'assessment', 'plan', 'plan_version', 'plan_evaluation', 'document_template', 'contract_version', 'agreement', 'situation_change']::regclass[]) AS t;
--> statement-breakpoint
CREATE TRIGGER plan_evaluation_immutable BEFORE UPDATE OR DELETE ON plan_evaluation FOR EACH ROW EXECUTE FUNCTION relais_refuse_record_change();
--> statement-breakpoint
CREATE TRIGGER agreement_immutable BEFORE UPDATE OR DELETE ON agreement FOR EACH ROW EXECUTE FUNCTION relais_refuse_record_change();
--> statement-breakpoint
CREATE TRIGGER situation_change_immutable BEFORE UPDATE OR DELETE ON situation_change FOR EACH ROW EXECUTE FUNCTION relais_refuse_record_change();
--> statement-breakpoint
-- A plan version's content is never overwritten: only its status moves on (a superseded version
-- stays superseded; an active one can only be superseded), and its agreement and start dates are set once.
CREATE FUNCTION relais_plan_version_guard() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'plan versions are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.content IS DISTINCT FROM OLD.content OR NEW.content_hash IS DISTINCT FROM OLD.content_hash OR NEW.number IS DISTINCT FROM OLD.number
     OR NEW.plan_id IS DISTINCT FROM OLD.plan_id OR NEW.created_by IS DISTINCT FROM OLD.created_by OR NEW.created_at IS DISTINCT FROM OLD.created_at
     OR NEW.change_note IS DISTINCT FROM OLD.change_note THEN
    RAISE EXCEPTION 'a plan version''s content is never overwritten: save a new version' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status = 'superseded' AND NEW.status <> 'superseded' OR OLD.status = 'active' AND NEW.status NOT IN ('active', 'superseded') THEN
    RAISE EXCEPTION 'plan version status cannot go back from % to %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.agreed_on IS NOT NULL AND NEW.agreed_on IS DISTINCT FROM OLD.agreed_on OR OLD.active_from IS NOT NULL AND NEW.active_from IS DISTINCT FROM OLD.active_from THEN
    RAISE EXCEPTION 'a plan version''s agreement and start dates are set once' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER plan_version_guard BEFORE UPDATE OR DELETE ON plan_version FOR EACH ROW EXECUTE FUNCTION relais_plan_version_guard();
--> statement-breakpoint
-- A contract version's text is never overwritten; its hand-over and signature dates are set once.
CREATE FUNCTION relais_contract_version_guard() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'contract versions are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.body IS DISTINCT FROM OLD.body OR NEW.title IS DISTINCT FROM OLD.title OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
     OR NEW.number IS DISTINCT FROM OLD.number OR NEW.episode_id IS DISTINCT FROM OLD.episode_id OR NEW.kind IS DISTINCT FROM OLD.kind
     OR OLD.handed_over_on IS NOT NULL AND NEW.handed_over_on IS DISTINCT FROM OLD.handed_over_on
     OR OLD.signed_on IS NOT NULL AND NEW.signed_on IS DISTINCT FROM OLD.signed_on THEN
    RAISE EXCEPTION 'a contract version''s text is never overwritten and its dates are set once' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER contract_version_guard BEFORE UPDATE OR DELETE ON contract_version FOR EACH ROW EXECUTE FUNCTION relais_contract_version_guard();
--> statement-breakpoint
-- Data: the legal clock is off for the independent practices set up before it existed.
UPDATE organization SET legal_clock = false WHERE kind IN ('independent_practitioner', 'peer_support_practice');
--> statement-breakpoint
-- Data: coordinators and supervisors of existing structures oversee the structure's deadlines.
UPDATE role SET permissions = array_append(permissions, 'deadlines:oversee')
 WHERE code IN ('coordinator', 'supervisor') AND NOT ('deadlines:oversee' = ANY(permissions));
