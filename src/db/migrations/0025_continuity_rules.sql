SELECT relais_enable_tenant_isolation(t) FROM unnest(ARRAY['journal_entry', 'journal_revision', 'escalation_settings', 'escalation', 'escalation_event', 'team_thread', 'team_message', 'team_message_read', 'transition_checklist', 'transition', 'transition_item', 'trajectory_settings', 'intensity_period', 'weekly_intensity', 'review_flag']::regclass[]) AS t;
--> statement-breakpoint
CREATE TRIGGER journal_revision_immutable BEFORE UPDATE OR DELETE ON journal_revision FOR EACH ROW EXECUTE FUNCTION relais_refuse_record_change();
--> statement-breakpoint
CREATE TRIGGER escalation_event_immutable BEFORE UPDATE OR DELETE ON escalation_event FOR EACH ROW EXECUTE FUNCTION relais_refuse_record_change();
--> statement-breakpoint
CREATE TRIGGER team_message_immutable BEFORE UPDATE OR DELETE ON team_message FOR EACH ROW EXECUTE FUNCTION relais_refuse_record_change();
--> statement-breakpoint
-- A journal entry is never deleted, and its words are never changed more than 24 hours after it was
-- written: later changes are amendments (journal_revision), which only extend its search text.
CREATE FUNCTION relais_journal_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'journal entries are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.episode_id IS DISTINCT FROM OLD.episode_id OR NEW.person_id IS DISTINCT FROM OLD.person_id OR NEW.author_id IS DISTINCT FROM OLD.author_id
     OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
    RAISE EXCEPTION 'a journal entry keeps its episode, person, author and date' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.text IS DISTINCT FROM OLD.text OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.confidentiality IS DISTINCT FROM OLD.confidentiality
      OR NEW.occurred_at IS DISTINCT FROM OLD.occurred_at)
     AND now() > OLD.created_at + interval '24 hours' THEN
    RAISE EXCEPTION 'a journal entry is not edited after 24 hours: add an amendment' USING ERRCODE = 'RL020';
  END IF;
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER journal_entry_guard BEFORE UPDATE OR DELETE ON journal_entry FOR EACH ROW EXECUTE FUNCTION relais_journal_entry_guard();
--> statement-breakpoint
-- Data: the default roles of existing structures get the continuity permissions.
UPDATE role SET permissions = permissions || ARRAY(SELECT p FROM unnest(ARRAY['journal:write', 'escalation:configure']) AS p WHERE NOT (p = ANY(permissions)))
 WHERE code = 'coordinator';
--> statement-breakpoint
UPDATE role SET permissions = permissions || ARRAY(SELECT p FROM unnest(ARRAY['journal:write']) AS p WHERE NOT (p = ANY(permissions)))
 WHERE code = 'practitioner';
--> statement-breakpoint
UPDATE role SET permissions = permissions || ARRAY(SELECT p FROM unnest(ARRAY['journal:write', 'escalation:receive']) AS p WHERE NOT (p = ANY(permissions)))
 WHERE code IN ('clinical_referent', 'supervisor');
