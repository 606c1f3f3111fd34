SELECT relais_enable_tenant_isolation(t) FROM unnest(ARRAY['scheduling_settings', 'site', 'resource', 'sector', 'sector_travel_time', 'staff_availability', 'staff_absence', 'episode_pace', 'appointment_series', 'appointment', 'appointment_participant', 'reminder_settings', 'reminder_consent', 'reminder', 'calendar_feed']::regclass[]) AS t;
--> statement-breakpoint
-- A participant's period and whether it blocks the participant's time follow its appointment:
-- a cancelled appointment, a waitlisted or cancelled group registration and a relative block nothing.
CREATE FUNCTION relais_participant_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  a record;
BEGIN
  SELECT starts_at, ends_at, status INTO a FROM appointment WHERE organization_id = NEW.organization_id AND id = NEW.appointment_id;
  NEW.period := tstzrange(a.starts_at, a.ends_at, '[)');
  NEW.blocking := a.status <> 'cancelled' AND NEW.role <> 'relative' AND coalesce(NEW.registration_status, 'registered') = 'registered';
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER appointment_participant_sync BEFORE INSERT OR UPDATE ON appointment_participant FOR EACH ROW EXECUTE FUNCTION relais_participant_sync();
--> statement-breakpoint
CREATE FUNCTION relais_appointment_propagate() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW.starts_at IS DISTINCT FROM OLD.starts_at OR NEW.ends_at IS DISTINCT FROM OLD.ends_at OR NEW.status IS DISTINCT FROM OLD.status THEN
    -- The BEFORE trigger above recomputes period and blocking from the appointment's new values.
    UPDATE appointment_participant SET period = tstzrange(NEW.starts_at, NEW.ends_at, '[)')
     WHERE organization_id = NEW.organization_id AND appointment_id = NEW.id;
  END IF;
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER appointment_propagate AFTER UPDATE OF starts_at, ends_at, status ON appointment FOR EACH ROW EXECUTE FUNCTION relais_appointment_propagate();
--> statement-breakpoint
-- No double booking: a staff member, a person or a resource is never in two overlapping appointments
-- that are not cancelled. Half-open ranges: a session ending at 10:00 and one starting at 10:00 do not overlap.
ALTER TABLE appointment_participant ADD CONSTRAINT appointment_participant_no_overlap
  EXCLUDE USING gist (organization_id WITH =, participant_id WITH =, period WITH &&) WHERE (blocking);
--> statement-breakpoint
CREATE INDEX appointment_participant_agenda_idx ON appointment_participant USING gist (organization_id, participant_id, period) WHERE NOT blocking;
--> statement-breakpoint
-- A group never registers more people than its places: the appointment row is locked, so of two
-- registrations racing for the last place the second counts the first.
CREATE FUNCTION relais_check_group_capacity() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  places integer;
  taken integer;
BEGIN
  IF NEW.role <> 'person' OR coalesce(NEW.registration_status, '') <> 'registered' THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.registration_status = 'registered' THEN
    RETURN NEW;
  END IF;
  SELECT capacity INTO places FROM appointment
   WHERE organization_id = NEW.organization_id AND id = NEW.appointment_id AND kind = 'group'
     FOR NO KEY UPDATE;
  IF places IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT count(*) INTO taken FROM appointment_participant
   WHERE organization_id = NEW.organization_id AND appointment_id = NEW.appointment_id AND role = 'person'
     AND registration_status = 'registered' AND id <> NEW.id;
  IF taken >= places THEN
    RAISE EXCEPTION 'group is full (% of %)', taken, places USING ERRCODE = 'RL010';
  END IF;
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER appointment_participant_group_capacity BEFORE INSERT OR UPDATE OF registration_status ON appointment_participant FOR EACH ROW EXECUTE FUNCTION relais_check_group_capacity();
--> statement-breakpoint
-- Data: the default roles of existing structures get the scheduling permissions.
UPDATE role SET permissions = permissions || ARRAY(SELECT p FROM unnest(ARRAY['appointment:book', 'scheduling:configure']) AS p WHERE NOT (p = ANY(permissions)))
 WHERE code = 'coordinator';
--> statement-breakpoint
UPDATE role SET permissions = permissions || ARRAY(SELECT p FROM unnest(ARRAY['appointment:book']) AS p WHERE NOT (p = ANY(permissions)))
 WHERE code IN ('practitioner', 'clinical_referent');
