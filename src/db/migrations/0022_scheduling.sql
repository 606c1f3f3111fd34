CREATE TABLE "calendar_feed" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"staff_member_id" uuid NOT NULL,
	"token_hash" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "calendar_feed_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "reminder" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"send_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"failure_code" text,
	"failure_detail" text,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "reminder_channel_valid" CHECK ("reminder"."channel" in ('email','sms')),
	CONSTRAINT "reminder_status_valid" CHECK ("reminder"."status" in ('pending','sending','sent','failed','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "reminder_consent" (
	"organization_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"email" boolean DEFAULT false NOT NULL,
	"sms" boolean DEFAULT false NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_consent_organization_id_person_id_pk" PRIMARY KEY("organization_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "reminder_settings" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"lead_hours" integer DEFAULT 24 NOT NULL,
	"email_reminders_enabled" boolean DEFAULT false NOT NULL,
	"smtp_host" text,
	"smtp_port" integer,
	"smtp_secure" boolean DEFAULT false NOT NULL,
	"smtp_user" text,
	"smtp_password_encrypted" text,
	"smtp_from" text,
	"sms_reminders_enabled" boolean DEFAULT false NOT NULL,
	"sms_provider_url" text,
	"sms_api_key_encrypted" text,
	"sms_sender" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_settings_lead_hours" CHECK ("reminder_settings"."lead_hours" BETWEEN 1 AND 168)
);
--> statement-breakpoint
CREATE TABLE "appointment" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"service_id" uuid NOT NULL,
	"episode_id" uuid,
	"person_id" uuid,
	"title" text,
	"group_format" text,
	"modality" text NOT NULL,
	"site_id" uuid,
	"partner_id" uuid,
	"home_address" text,
	"sector_id" uuid,
	"video_link" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"capacity" integer,
	"series_id" uuid,
	"occurrence_start" timestamp with time zone,
	"notes" text,
	"cancelled_by" uuid,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"cancelled_by_party" text,
	"outcome_note" text,
	"status_changed_by" uuid,
	"status_changed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "appointment_kind_valid" CHECK ("appointment"."kind" in ('individual','with_relatives','group','practice_analysis','team_meeting','partner_onsite_day')),
	CONSTRAINT "appointment_status_valid" CHECK ("appointment"."status" in ('planned','confirmed','done','cancelled','missed')),
	CONSTRAINT "appointment_modality_valid" CHECK ("appointment"."modality" in ('on_site','partner_site','home','video','phone')),
	CONSTRAINT "appointment_times" CHECK ("appointment"."starts_at" < "appointment"."ends_at" AND "appointment"."ends_at" <= "appointment"."starts_at" + interval '24 hours'),
	CONSTRAINT "appointment_cancel_complete" CHECK (("appointment"."status" = 'cancelled') = ("appointment"."cancelled_at" IS NOT NULL) AND ("appointment"."cancelled_at" IS NULL OR length(btrim(coalesce("appointment"."cancel_reason", ''))) > 0)),
	CONSTRAINT "appointment_group_fields" CHECK (("appointment"."kind" = 'group') = ("appointment"."capacity" IS NOT NULL) AND ("appointment"."kind" <> 'group' OR "appointment"."group_format" IS NOT NULL AND "appointment"."title" IS NOT NULL)),
	CONSTRAINT "appointment_person_kinds" CHECK ("appointment"."kind" not in ('individual','with_relatives') OR "appointment"."person_id" IS NOT NULL),
	CONSTRAINT "appointment_modality_fields" CHECK (("appointment"."modality" <> 'partner_site' OR "appointment"."partner_id" IS NOT NULL) AND ("appointment"."modality" <> 'home' OR "appointment"."home_address" IS NOT NULL)),
	CONSTRAINT "appointment_capacity_positive" CHECK ("appointment"."capacity" IS NULL OR "appointment"."capacity" BETWEEN 1 AND 500)
);
--> statement-breakpoint
CREATE TABLE "appointment_participant" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"role" text NOT NULL,
	"staff_member_id" uuid,
	"person_id" uuid,
	"relative_id" uuid,
	"resource_id" uuid,
	"participant_id" uuid GENERATED ALWAYS AS (coalesce(staff_member_id, person_id, relative_id, resource_id)) STORED,
	"period" "tstzrange" NOT NULL,
	"blocking" boolean DEFAULT true NOT NULL,
	"registration_status" text,
	"waitlist_position" integer,
	"attendance" text,
	"added_by" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_participant_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "appointment_participant_role_valid" CHECK ("appointment_participant"."role" in ('staff','person','relative','resource')),
	CONSTRAINT "appointment_participant_one_id" CHECK (num_nonnulls("appointment_participant"."staff_member_id", "appointment_participant"."person_id", "appointment_participant"."relative_id", "appointment_participant"."resource_id") = 1 AND ("appointment_participant"."role" <> 'staff' OR "appointment_participant"."staff_member_id" IS NOT NULL) AND ("appointment_participant"."role" <> 'person' OR "appointment_participant"."person_id" IS NOT NULL) AND ("appointment_participant"."role" <> 'relative' OR "appointment_participant"."relative_id" IS NOT NULL) AND ("appointment_participant"."role" <> 'resource' OR "appointment_participant"."resource_id" IS NOT NULL)),
	CONSTRAINT "appointment_participant_registration" CHECK (("appointment_participant"."registration_status" IS NULL OR "appointment_participant"."registration_status" in ('registered','waitlisted','cancelled')) AND (("appointment_participant"."registration_status" = 'waitlisted') = ("appointment_participant"."waitlist_position" IS NOT NULL))),
	CONSTRAINT "appointment_participant_attendance" CHECK ("appointment_participant"."attendance" IS NULL OR "appointment_participant"."attendance" in ('present','absent','excused'))
);
--> statement-breakpoint
CREATE TABLE "appointment_series" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"rule" text NOT NULL,
	"first_start_local" text NOT NULL,
	"time_zone" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"exception_dates" date[] DEFAULT '{}'::date[] NOT NULL,
	"template" jsonb NOT NULL,
	"ended_before_local" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_series_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "appointment_series_duration" CHECK ("appointment_series"."duration_minutes" BETWEEN 5 AND 1440)
);
--> statement-breakpoint
CREATE TABLE "episode_pace" (
	"organization_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"max_sessions_per_day" smallint,
	"max_sessions_per_week" smallint,
	"min_gap_minutes" integer,
	"note" text,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "episode_pace_organization_id_episode_id_pk" PRIMARY KEY("organization_id","episode_id"),
	CONSTRAINT "episode_pace_values" CHECK (("episode_pace"."max_sessions_per_day" IS NULL OR "episode_pace"."max_sessions_per_day" BETWEEN 1 AND 20) AND ("episode_pace"."max_sessions_per_week" IS NULL OR "episode_pace"."max_sessions_per_week" BETWEEN 1 AND 50) AND ("episode_pace"."min_gap_minutes" IS NULL OR "episode_pace"."min_gap_minutes" BETWEEN 0 AND 10080))
);
--> statement-breakpoint
CREATE TABLE "resource" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"site_id" uuid,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"capacity" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "resource_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "resource_kind_valid" CHECK ("resource"."kind" in ('room','equipment')),
	CONSTRAINT "resource_capacity_positive" CHECK ("resource"."capacity" IS NULL OR "resource"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "scheduling_settings" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"default_travel_minutes" integer DEFAULT 30 NOT NULL,
	"slot_step_minutes" integer DEFAULT 15 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scheduling_settings_values" CHECK ("scheduling_settings"."default_travel_minutes" BETWEEN 0 AND 240 AND "scheduling_settings"."slot_step_minutes" BETWEEN 5 AND 120)
);
--> statement-breakpoint
CREATE TABLE "sector" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "sector_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "sector_travel_time" (
	"organization_id" uuid NOT NULL,
	"from_sector_id" uuid NOT NULL,
	"to_sector_id" uuid NOT NULL,
	"minutes" integer NOT NULL,
	CONSTRAINT "sector_travel_time_organization_id_from_sector_id_to_sector_id_pk" PRIMARY KEY("organization_id","from_sector_id","to_sector_id"),
	CONSTRAINT "sector_travel_time_ordered" CHECK ("sector_travel_time"."from_sector_id" < "sector_travel_time"."to_sector_id"),
	CONSTRAINT "sector_travel_time_minutes" CHECK ("sector_travel_time"."minutes" BETWEEN 0 AND 480)
);
--> statement-breakpoint
CREATE TABLE "site" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "site_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "staff_absence" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"staff_member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "staff_absence_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "staff_absence_kind" CHECK ("staff_absence"."kind" in ('leave','training','sick_leave','other')),
	CONSTRAINT "staff_absence_times" CHECK ("staff_absence"."starts_at" < "staff_absence"."ends_at")
);
--> statement-breakpoint
CREATE TABLE "staff_availability" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"staff_member_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"starts_at" time NOT NULL,
	"ends_at" time NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_availability_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "staff_availability_weekday" CHECK ("staff_availability"."weekday" BETWEEN 1 AND 7),
	CONSTRAINT "staff_availability_times" CHECK ("staff_availability"."starts_at" < "staff_availability"."ends_at"),
	CONSTRAINT "staff_availability_dates" CHECK ("staff_availability"."valid_until" IS NULL OR "staff_availability"."valid_until" >= "staff_availability"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "calendar_feed" ADD CONSTRAINT "calendar_feed_organization_id_staff_member_id_staff_member_organization_id_id_fk" FOREIGN KEY ("organization_id","staff_member_id") REFERENCES "public"."staff_member"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder" ADD CONSTRAINT "reminder_organization_id_appointment_id_appointment_organization_id_id_fk" FOREIGN KEY ("organization_id","appointment_id") REFERENCES "public"."appointment"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder" ADD CONSTRAINT "reminder_organization_id_person_id_person_organization_id_id_fk" FOREIGN KEY ("organization_id","person_id") REFERENCES "public"."person"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_consent" ADD CONSTRAINT "reminder_consent_organization_id_person_id_person_organization_id_id_fk" FOREIGN KEY ("organization_id","person_id") REFERENCES "public"."person"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_organization_id_service_id_service_organization_id_id_fk" FOREIGN KEY ("organization_id","service_id") REFERENCES "public"."service"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_organization_id_episode_id_episode_organization_id_id_fk" FOREIGN KEY ("organization_id","episode_id") REFERENCES "public"."episode"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_organization_id_person_id_person_organization_id_id_fk" FOREIGN KEY ("organization_id","person_id") REFERENCES "public"."person"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_organization_id_site_id_site_organization_id_id_fk" FOREIGN KEY ("organization_id","site_id") REFERENCES "public"."site"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_organization_id_partner_id_partner_organization_id_id_fk" FOREIGN KEY ("organization_id","partner_id") REFERENCES "public"."partner"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_organization_id_sector_id_sector_organization_id_id_fk" FOREIGN KEY ("organization_id","sector_id") REFERENCES "public"."sector"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_organization_id_series_id_appointment_series_organization_id_id_fk" FOREIGN KEY ("organization_id","series_id") REFERENCES "public"."appointment_series"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_participant" ADD CONSTRAINT "appointment_participant_organization_id_appointment_id_appointment_organization_id_id_fk" FOREIGN KEY ("organization_id","appointment_id") REFERENCES "public"."appointment"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_participant" ADD CONSTRAINT "appointment_participant_organization_id_staff_member_id_staff_member_organization_id_id_fk" FOREIGN KEY ("organization_id","staff_member_id") REFERENCES "public"."staff_member"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_participant" ADD CONSTRAINT "appointment_participant_organization_id_person_id_person_organization_id_id_fk" FOREIGN KEY ("organization_id","person_id") REFERENCES "public"."person"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_participant" ADD CONSTRAINT "appointment_participant_organization_id_relative_id_relative_organization_id_id_fk" FOREIGN KEY ("organization_id","relative_id") REFERENCES "public"."relative"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_participant" ADD CONSTRAINT "appointment_participant_organization_id_resource_id_resource_organization_id_id_fk" FOREIGN KEY ("organization_id","resource_id") REFERENCES "public"."resource"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "episode_pace" ADD CONSTRAINT "episode_pace_organization_id_episode_id_episode_organization_id_id_fk" FOREIGN KEY ("organization_id","episode_id") REFERENCES "public"."episode"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource" ADD CONSTRAINT "resource_organization_id_site_id_site_organization_id_id_fk" FOREIGN KEY ("organization_id","site_id") REFERENCES "public"."site"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sector_travel_time" ADD CONSTRAINT "sector_travel_time_organization_id_from_sector_id_sector_organization_id_id_fk" FOREIGN KEY ("organization_id","from_sector_id") REFERENCES "public"."sector"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sector_travel_time" ADD CONSTRAINT "sector_travel_time_organization_id_to_sector_id_sector_organization_id_id_fk" FOREIGN KEY ("organization_id","to_sector_id") REFERENCES "public"."sector"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_absence" ADD CONSTRAINT "staff_absence_organization_id_staff_member_id_staff_member_organization_id_id_fk" FOREIGN KEY ("organization_id","staff_member_id") REFERENCES "public"."staff_member"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_availability" ADD CONSTRAINT "staff_availability_organization_id_staff_member_id_staff_member_organization_id_id_fk" FOREIGN KEY ("organization_id","staff_member_id") REFERENCES "public"."staff_member"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feed_token_unique" ON "calendar_feed" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feed_one_active" ON "calendar_feed" USING btree ("organization_id","staff_member_id") WHERE revoked_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "reminder_once_per_channel" ON "reminder" USING btree ("organization_id","appointment_id","person_id","channel");--> statement-breakpoint
CREATE INDEX "reminder_due_idx" ON "reminder" USING btree ("send_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "reminder_failed_idx" ON "reminder" USING btree ("organization_id","created_at") WHERE status = 'failed' AND acknowledged_at IS NULL;--> statement-breakpoint
CREATE INDEX "appointment_starts_idx" ON "appointment" USING btree ("organization_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointment_person_idx" ON "appointment" USING btree ("organization_id","person_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointment_episode_idx" ON "appointment" USING btree ("organization_id","episode_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_series_occurrence_unique" ON "appointment" USING btree ("organization_id","series_id","occurrence_start");--> statement-breakpoint
CREATE INDEX "appointment_participant_appointment_idx" ON "appointment_participant" USING btree ("organization_id","appointment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_participant_once" ON "appointment_participant" USING btree ("organization_id","appointment_id","participant_id");--> statement-breakpoint
CREATE INDEX "staff_absence_staff_idx" ON "staff_absence" USING btree ("organization_id","staff_member_id","starts_at");--> statement-breakpoint
CREATE INDEX "staff_availability_staff_idx" ON "staff_availability" USING btree ("organization_id","staff_member_id");