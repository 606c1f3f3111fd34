-- French full-text search that ignores accents ("évalué" finds "evalue"): the french stemmer after unaccent.
CREATE TEXT SEARCH CONFIGURATION relais_french (COPY = french);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION relais_french ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
--> statement-breakpoint
CREATE TABLE "escalation" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"severity" text NOT NULL,
	"request" text NOT NULL,
	"addressee_id" uuid NOT NULL,
	"assignee_id" uuid NOT NULL,
	"chain_level" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"acknowledge_by" timestamp with time zone NOT NULL,
	"raised_by" uuid NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone,
	"follow_up" text,
	"closed_at" timestamp with time zone,
	CONSTRAINT "escalation_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "escalation_severity_valid" CHECK ("escalation"."severity" in ('information','concern','urgent','emergency')),
	CONSTRAINT "escalation_status_valid" CHECK ("escalation"."status" in ('open','acknowledged','closed')),
	CONSTRAINT "escalation_ack_complete" CHECK (("escalation"."status" = 'open') = ("escalation"."acknowledged_at" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "escalation_event" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"escalation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"assignee_id" uuid,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "escalation_event_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "escalation_event_kind_valid" CHECK ("escalation_event"."kind" in ('raised','climbed','acknowledged','follow_up','closed'))
);
--> statement-breakpoint
CREATE TABLE "escalation_settings" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"acknowledgement_minutes" jsonb DEFAULT '{"information": 4320, "concern": 1440, "urgent": 120, "emergency": 15}'::jsonb NOT NULL,
	"chain" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"safety_procedure" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_message" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"thread_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_message_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "team_message_read" (
	"organization_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"staff_member_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_message_read_organization_id_message_id_staff_member_id_pk" PRIMARY KEY("organization_id","message_id","staff_member_id")
);
--> statement-breakpoint
CREATE TABLE "team_thread" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_message_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_thread_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "journal_entry" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"author_id" uuid NOT NULL,
	"goal_id" uuid,
	"appointment_id" uuid,
	"confidentiality" text DEFAULT 'care_team' NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('relais_french', search_text)) STORED,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journal_entry_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "journal_entry_kind_valid" CHECK ("journal_entry"."kind" in ('observation','session_note','practical_concern','emerging_need','unplanned_contact','incident','crisis')),
	CONSTRAINT "journal_entry_confidentiality_valid" CHECK ("journal_entry"."confidentiality" in ('care_team','restricted','author_only')),
	CONSTRAINT "journal_entry_text_present" CHECK (length(btrim("journal_entry"."text")) > 0)
);
--> statement-breakpoint
CREATE TABLE "journal_revision" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"text" text NOT NULL,
	"kind" text NOT NULL,
	"confidentiality" text NOT NULL,
	"is_amendment" boolean NOT NULL,
	"reason" text,
	"author_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journal_revision_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "intensity_period" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"sessions_per_week" numeric(4, 1) NOT NULL,
	"minutes_per_week" integer NOT NULL,
	"max_days_without_contact" integer,
	"note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intensity_period_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "intensity_period_values" CHECK ("intensity_period"."sessions_per_week" >= 0 AND "intensity_period"."minutes_per_week" >= 0 AND ("intensity_period"."ends_on" IS NULL OR "intensity_period"."ends_on" >= "intensity_period"."starts_on") AND ("intensity_period"."max_days_without_contact" IS NULL OR "intensity_period"."max_days_without_contact" > 0))
);
--> statement-breakpoint
CREATE TABLE "review_flag" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"details" jsonb NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone,
	"note" text,
	CONSTRAINT "review_flag_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "review_flag_reason_valid" CHECK ("review_flag"."reason" in ('sustained_excess','unplanned_rise_without_progress'))
);
--> statement-breakpoint
CREATE TABLE "trajectory_settings" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"excess_margin_percent" integer DEFAULT 25 NOT NULL,
	"excess_weeks" integer DEFAULT 3 NOT NULL,
	"unplanned_rise_weeks" integer DEFAULT 4 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trajectory_settings_values" CHECK ("trajectory_settings"."excess_margin_percent" BETWEEN 0 AND 500 AND "trajectory_settings"."excess_weeks" BETWEEN 1 AND 52 AND "trajectory_settings"."unplanned_rise_weeks" BETWEEN 2 AND 52)
);
--> statement-breakpoint
CREATE TABLE "weekly_intensity" (
	"organization_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"planned_sessions" numeric(4, 1),
	"planned_minutes" integer,
	"done_sessions" integer NOT NULL,
	"done_minutes" integer NOT NULL,
	"unplanned_contacts" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "weekly_intensity_organization_id_episode_id_week_start_pk" PRIMARY KEY("organization_id","episode_id","week_start")
);
--> statement-breakpoint
CREATE TABLE "transition" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"from_phase" text,
	"to_phase" text NOT NULL,
	"planned_on" date NOT NULL,
	"responsible_id" uuid NOT NULL,
	"handoff_note" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by" uuid,
	"cancelled_reason" text,
	CONSTRAINT "transition_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "transition_status_valid" CHECK ("transition"."status" in ('planned','completed','cancelled')),
	CONSTRAINT "transition_completed" CHECK (("transition"."status" = 'completed') = ("transition"."completed_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "transition_checklist" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"to_phase" text NOT NULL,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transition_checklist_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "transition_item" (
	"organization_id" uuid NOT NULL,
	"transition_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"label" text NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"note" text,
	CONSTRAINT "transition_item_organization_id_transition_id_item_id_pk" PRIMARY KEY("organization_id","transition_id","item_id")
);
--> statement-breakpoint
ALTER TABLE "escalation" ADD CONSTRAINT "escalation_organization_id_entry_id_journal_entry_organization_id_id_fk" FOREIGN KEY ("organization_id","entry_id") REFERENCES "public"."journal_entry"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation" ADD CONSTRAINT "escalation_organization_id_episode_id_episode_organization_id_id_fk" FOREIGN KEY ("organization_id","episode_id") REFERENCES "public"."episode"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation" ADD CONSTRAINT "escalation_organization_id_person_id_person_organization_id_id_fk" FOREIGN KEY ("organization_id","person_id") REFERENCES "public"."person"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation" ADD CONSTRAINT "escalation_organization_id_addressee_id_staff_member_organization_id_id_fk" FOREIGN KEY ("organization_id","addressee_id") REFERENCES "public"."staff_member"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation" ADD CONSTRAINT "escalation_organization_id_assignee_id_staff_member_organization_id_id_fk" FOREIGN KEY ("organization_id","assignee_id") REFERENCES "public"."staff_member"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_event" ADD CONSTRAINT "escalation_event_organization_id_escalation_id_escalation_organization_id_id_fk" FOREIGN KEY ("organization_id","escalation_id") REFERENCES "public"."escalation"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_message" ADD CONSTRAINT "team_message_organization_id_thread_id_team_thread_organization_id_id_fk" FOREIGN KEY ("organization_id","thread_id") REFERENCES "public"."team_thread"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_message" ADD CONSTRAINT "team_message_organization_id_author_id_staff_member_organization_id_id_fk" FOREIGN KEY ("organization_id","author_id") REFERENCES "public"."staff_member"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_message_read" ADD CONSTRAINT "team_message_read_organization_id_message_id_team_message_organization_id_id_fk" FOREIGN KEY ("organization_id","message_id") REFERENCES "public"."team_message"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_thread" ADD CONSTRAINT "team_thread_organization_id_person_id_person_organization_id_id_fk" FOREIGN KEY ("organization_id","person_id") REFERENCES "public"."person"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entry" ADD CONSTRAINT "journal_entry_organization_id_episode_id_episode_organization_id_id_fk" FOREIGN KEY ("organization_id","episode_id") REFERENCES "public"."episode"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entry" ADD CONSTRAINT "journal_entry_organization_id_person_id_person_organization_id_id_fk" FOREIGN KEY ("organization_id","person_id") REFERENCES "public"."person"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entry" ADD CONSTRAINT "journal_entry_organization_id_author_id_staff_member_organization_id_id_fk" FOREIGN KEY ("organization_id","author_id") REFERENCES "public"."staff_member"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entry" ADD CONSTRAINT "journal_entry_organization_id_appointment_id_appointment_organization_id_id_fk" FOREIGN KEY ("organization_id","appointment_id") REFERENCES "public"."appointment"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_revision" ADD CONSTRAINT "journal_revision_organization_id_entry_id_journal_entry_organization_id_id_fk" FOREIGN KEY ("organization_id","entry_id") REFERENCES "public"."journal_entry"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intensity_period" ADD CONSTRAINT "intensity_period_organization_id_episode_id_episode_organization_id_id_fk" FOREIGN KEY ("organization_id","episode_id") REFERENCES "public"."episode"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_flag" ADD CONSTRAINT "review_flag_organization_id_episode_id_episode_organization_id_id_fk" FOREIGN KEY ("organization_id","episode_id") REFERENCES "public"."episode"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_intensity" ADD CONSTRAINT "weekly_intensity_organization_id_episode_id_episode_organization_id_id_fk" FOREIGN KEY ("organization_id","episode_id") REFERENCES "public"."episode"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition" ADD CONSTRAINT "transition_organization_id_episode_id_episode_organization_id_id_fk" FOREIGN KEY ("organization_id","episode_id") REFERENCES "public"."episode"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition" ADD CONSTRAINT "transition_organization_id_responsible_id_staff_member_organization_id_id_fk" FOREIGN KEY ("organization_id","responsible_id") REFERENCES "public"."staff_member"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_checklist" ADD CONSTRAINT "transition_checklist_organization_id_service_id_service_organization_id_id_fk" FOREIGN KEY ("organization_id","service_id") REFERENCES "public"."service"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_item" ADD CONSTRAINT "transition_item_organization_id_transition_id_transition_organization_id_id_fk" FOREIGN KEY ("organization_id","transition_id") REFERENCES "public"."transition"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "escalation_assignee_open_idx" ON "escalation" USING btree ("organization_id","assignee_id","severity") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "escalation_due_idx" ON "escalation" USING btree ("acknowledge_by") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "escalation_person_idx" ON "escalation" USING btree ("organization_id","person_id","raised_at");--> statement-breakpoint
CREATE INDEX "escalation_event_escalation_idx" ON "escalation_event" USING btree ("organization_id","escalation_id","at");--> statement-breakpoint
CREATE INDEX "team_message_thread_idx" ON "team_message" USING btree ("organization_id","thread_id","created_at");--> statement-breakpoint
CREATE INDEX "team_thread_person_idx" ON "team_thread" USING btree ("organization_id","person_id","last_message_at");--> statement-breakpoint
CREATE INDEX "journal_entry_episode_idx" ON "journal_entry" USING btree ("organization_id","episode_id","occurred_at");--> statement-breakpoint
CREATE INDEX "journal_entry_person_idx" ON "journal_entry" USING btree ("organization_id","person_id","occurred_at");--> statement-breakpoint
CREATE INDEX "journal_entry_search_idx" ON "journal_entry" USING gin ("search");--> statement-breakpoint
CREATE INDEX "journal_entry_unplanned_idx" ON "journal_entry" USING btree ("organization_id","episode_id","occurred_at") WHERE kind = 'unplanned_contact';--> statement-breakpoint
CREATE UNIQUE INDEX "journal_revision_number_unique" ON "journal_revision" USING btree ("organization_id","entry_id","number");--> statement-breakpoint
CREATE INDEX "intensity_period_episode_idx" ON "intensity_period" USING btree ("organization_id","episode_id","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "review_flag_one_open" ON "review_flag" USING btree ("organization_id","episode_id","reason") WHERE acknowledged_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "transition_one_planned_per_episode" ON "transition" USING btree ("organization_id","episode_id") WHERE status = 'planned';--> statement-breakpoint
CREATE INDEX "transition_planned_idx" ON "transition" USING btree ("organization_id","planned_on") WHERE status = 'planned';--> statement-breakpoint
CREATE UNIQUE INDEX "transition_checklist_phase_unique" ON "transition_checklist" USING btree ("organization_id","service_id","to_phase");