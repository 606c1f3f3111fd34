SELECT relais_enable_tenant_isolation(t) FROM unnest(ARRAY['referral', 'admission_decision', 'episode', 'episode_phase_change', 'waitlist_entry', 'waitlist_offer', 'notification']::regclass[]) AS t;
--> statement-breakpoint
-- Records that are never edited (decisions, phase changes): a correction is a new row.
CREATE FUNCTION relais_refuse_record_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION '% rows are never changed: record a new one (% refused)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER admission_decision_immutable BEFORE UPDATE OR DELETE ON admission_decision FOR EACH ROW EXECUTE FUNCTION relais_refuse_record_change();
--> statement-breakpoint
CREATE TRIGGER episode_phase_change_immutable BEFORE UPDATE OR DELETE ON episode_phase_change FOR EACH ROW EXECUTE FUNCTION relais_refuse_record_change();
--> statement-breakpoint
-- Capacity is the database's rule, not only the application's: an active episode may not take a
-- service beyond its caseload limit, nor its référent beyond theirs, unless a supervisor's override
-- is recorded on the episode; an exclusive service allows one active person per référent, always.
-- Locking the service row serialises admissions to one service, so of two admissions racing for the
-- last place the second counts the first (READ COMMITTED: each statement below sees what committed).
CREATE FUNCTION relais_check_episode_capacity() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  rules record;
  service_active integer;
  referent_active integer;
BEGIN
  IF NEW.ended_on IS NOT NULL THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.ended_on IS NULL AND OLD.referent_id = NEW.referent_id AND OLD.service_id = NEW.service_id THEN
    RETURN NEW;
  END IF;
  SELECT caseload_limit_per_service, caseload_limit_per_practitioner, exclusive INTO rules
    FROM service WHERE organization_id = NEW.organization_id AND id = NEW.service_id
     FOR NO KEY UPDATE;
  SELECT count(*) INTO service_active FROM episode
   WHERE organization_id = NEW.organization_id AND service_id = NEW.service_id AND ended_on IS NULL AND id <> NEW.id;
  SELECT count(*) INTO referent_active FROM episode
   WHERE organization_id = NEW.organization_id AND service_id = NEW.service_id AND referent_id = NEW.referent_id
     AND ended_on IS NULL AND id <> NEW.id;
  IF rules.exclusive AND referent_active >= 1 THEN
    RAISE EXCEPTION 'exclusive service: the référent already supports someone in it' USING ERRCODE = 'RL003';
  END IF;
  IF NEW.capacity_override_by IS NULL THEN
    IF rules.caseload_limit_per_service IS NOT NULL AND service_active >= rules.caseload_limit_per_service THEN
      RAISE EXCEPTION 'service caseload limit reached (% of %)', service_active, rules.caseload_limit_per_service USING ERRCODE = 'RL001';
    END IF;
    IF rules.caseload_limit_per_practitioner IS NOT NULL AND referent_active >= rules.caseload_limit_per_practitioner THEN
      RAISE EXCEPTION 'référent caseload limit reached (% of %)', referent_active, rules.caseload_limit_per_practitioner USING ERRCODE = 'RL002';
    END IF;
  END IF;
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER episode_capacity BEFORE INSERT OR UPDATE OF ended_on, referent_id, service_id ON episode FOR EACH ROW EXECUTE FUNCTION relais_check_episode_capacity();
--> statement-breakpoint
-- Data: the default roles of structures set up before referrals and admissions existed get their new permissions.
UPDATE role SET permissions = permissions || ARRAY(SELECT p FROM unnest(ARRAY['referral:record', 'referral:triage', 'admission:decide', 'episode:manage']) AS p WHERE NOT (p = ANY(permissions)))
 WHERE code = 'coordinator';
--> statement-breakpoint
UPDATE role SET permissions = permissions || ARRAY(SELECT p FROM unnest(ARRAY['referral:record', 'episode:manage']) AS p WHERE NOT (p = ANY(permissions)))
 WHERE code = 'practitioner';
--> statement-breakpoint
UPDATE role SET permissions = permissions || ARRAY(SELECT p FROM unnest(ARRAY['referral:record', 'referral:triage', 'admission:decide', 'capacity:override']) AS p WHERE NOT (p = ANY(permissions)))
 WHERE code = 'supervisor';
