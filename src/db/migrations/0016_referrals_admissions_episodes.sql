CREATE TABLE "admission_decision" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"person_id" uuid,
	"service_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"reasons" text,
	"orientation_to" text,
	"orientation_detail" text,
	"criteria_answers" jsonb NOT NULL,
	"safety_concern" boolean NOT NULL,
	"capacity" jsonb NOT NULL,
	"capacity_override_reason" text,
	"waitlist_priority" smallint,
	"letter_recipient" text,
	"supersedes_id" uuid,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "admission_decision_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "admission_decision_outcome_valid" CHECK ("admission_decision"."outcome" in ('admit','waitlist','refuse','orient')),
	CONSTRAINT "admission_decision_reasons_required" CHECK ("admission_decision"."outcome" not in ('refuse','orient') OR length(btrim(coalesce("admission_decision"."reasons", ''))) > 0),
	CONSTRAINT "admission_decision_orientation" CHECK (("admission_decision"."outcome" = 'orient') = ("admission_decision"."orientation_to" IS NOT NULL) AND ("admission_decision"."orientation_to" IS NULL OR "admission_decision"."orientation_to" in ('doctor','psychologist','cmp','emergency','other'))),
	CONSTRAINT "admission_decision_safety_orients" CHECK (NOT "admission_decision"."safety_concern" OR "admission_decision"."outcome" = 'orient'),
	CONSTRAINT "admission_decision_person_required" CHECK ("admission_decision"."outcome" not in ('admit','waitlist') OR "admission_decision"."person_id" IS NOT NULL),
	CONSTRAINT "admission_decision_waitlist_priority" CHECK (("admission_decision"."outcome" = 'waitlist') = ("admission_decision"."waitlist_priority" IS NOT NULL) AND ("admission_decision"."waitlist_priority" IS NULL OR "admission_decision"."waitlist_priority" BETWEEN 1 AND 3)),
	CONSTRAINT "admission_decision_letter" CHECK ("admission_decision"."letter_recipient" IS NULL OR ("admission_decision"."letter_recipient" in ('person','referrer') AND "admission_decision"."outcome" in ('refuse','orient')))
);
--> statement-breakpoint
CREATE TABLE "episode" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"admission_decision_id" uuid NOT NULL,
	"referent_id" uuid NOT NULL,
	"coordinator_id" uuid NOT NULL,
	"phase_code" text,
	"started_on" date NOT NULL,
	"planned_end_on" date,
	"capacity_override_reason" text,
	"capacity_override_by" uuid,
	"ended_on" date,
	"end_reason" text,
	"aftercare_note" text,
	"ended_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "episode_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "episode_end_complete" CHECK (("episode"."ended_on" IS NULL) = ("episode"."end_reason" IS NULL) AND ("episode"."ended_on" IS NULL) = ("episode"."ended_by" IS NULL) AND ("episode"."ended_on" IS NULL OR length(btrim(coalesce("episode"."aftercare_note", ''))) > 0)),
	CONSTRAINT "episode_end_after_start" CHECK ("episode"."ended_on" IS NULL OR "episode"."ended_on" >= "episode"."started_on"),
	CONSTRAINT "episode_planned_end_after_start" CHECK ("episode"."planned_end_on" IS NULL OR "episode"."planned_end_on" >= "episode"."started_on"),
	CONSTRAINT "episode_end_reason_valid" CHECK ("episode"."end_reason" IS NULL OR "episode"."end_reason" in ('goals_reached','person_choice','orientation','moved','no_contact','deceased','other')),
	CONSTRAINT "episode_override_complete" CHECK (("episode"."capacity_override_reason" IS NULL) = ("episode"."capacity_override_by" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "episode_phase_change" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"from_phase" text,
	"to_phase" text NOT NULL,
	"effective_on" date NOT NULL,
	"note" text,
	"changed_by" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "episode_phase_change_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "waitlist_entry" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"priority" smallint NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"left_at" timestamp with time zone,
	"left_reason" text,
	CONSTRAINT "waitlist_entry_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "waitlist_entry_status_valid" CHECK ("waitlist_entry"."status" in ('waiting','offered','admitted','left')),
	CONSTRAINT "waitlist_entry_priority_valid" CHECK ("waitlist_entry"."priority" BETWEEN 1 AND 3)
);
--> statement-breakpoint
CREATE TABLE "waitlist_offer" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"offered_by" uuid NOT NULL,
	"offered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"response" text,
	"response_note" text,
	"responded_by" uuid,
	"responded_at" timestamp with time zone,
	CONSTRAINT "waitlist_offer_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "waitlist_offer_response_valid" CHECK (("waitlist_offer"."response" IS NULL OR "waitlist_offer"."response" in ('accepted','declined')) AND ("waitlist_offer"."response" IS NULL) = ("waitlist_offer"."responded_at" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "notification" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notification_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "referral" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"source" text NOT NULL,
	"channel" text NOT NULL,
	"partner_id" uuid,
	"referrer_name" text,
	"referrer_role" text,
	"referrer_email" text,
	"referrer_phone" text,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"birth_date" date,
	"email" text,
	"phone" text,
	"person_id" uuid,
	"service_id" uuid,
	"reason" text NOT NULL,
	"urgency" text DEFAULT 'routine' NOT NULL,
	"consent_to_share" boolean NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"withdrawal_note" text,
	"submission_id" uuid,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "referral_source_valid" CHECK ("referral"."source" in ('partner','clinician','relative','self')),
	CONSTRAINT "referral_channel_valid" CHECK ("referral"."channel" in ('staff','public_form')),
	CONSTRAINT "referral_urgency_valid" CHECK ("referral"."urgency" in ('routine','soon','urgent')),
	CONSTRAINT "referral_status_valid" CHECK ("referral"."status" in ('new','admitted','waitlisted','refused','oriented','withdrawn')),
	CONSTRAINT "referral_public_form_consent" CHECK ("referral"."channel" <> 'public_form' OR ("referral"."consent_to_share" AND "referral"."submission_id" IS NOT NULL)),
	CONSTRAINT "referral_staff_recorded_by" CHECK ("referral"."channel" <> 'staff' OR "referral"."recorded_by" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "admission_decision" ADD CONSTRAINT "admission_decision_organization_id_referral_id_referral_organization_id_id_fk" FOREIGN KEY ("organization_id","referral_id") REFERENCES "public"."referral"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admission_decision" ADD CONSTRAINT "admission_decision_organization_id_person_id_person_organization_id_id_fk" FOREIGN KEY ("organization_id","person_id") REFERENCES "public"."person"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admission_decision" ADD CONSTRAINT "admission_decision_organization_id_service_id_service_organization_id_id_fk" FOREIGN KEY ("organization_id","service_id") REFERENCES "public"."service"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admission_decision" ADD CONSTRAINT "admission_decision_organization_id_decided_by_staff_member_organization_id_id_fk" FOREIGN KEY ("organization_id","decided_by") REFERENCES "public"."staff_member"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admission_decision" ADD CONSTRAINT "admission_decision_organization_id_supersedes_id_admission_decision_organization_id_id_fk" FOREIGN KEY ("organization_id","supersedes_id") REFERENCES "public"."admission_decision"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "episode" ADD CONSTRAINT "episode_organization_id_person_id_person_organization_id_id_fk" FOREIGN KEY ("organization_id","person_id") REFERENCES "public"."person"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "episode" ADD CONSTRAINT "episode_organization_id_service_id_service_organization_id_id_fk" FOREIGN KEY ("organization_id","service_id") REFERENCES "public"."service"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "episode" ADD CONSTRAINT "episode_organization_id_admission_decision_id_admission_decision_organization_id_id_fk" FOREIGN KEY ("organization_id","admission_decision_id") REFERENCES "public"."admission_decision"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "episode" ADD CONSTRAINT "episode_organization_id_referent_id_staff_member_organization_id_id_fk" FOREIGN KEY ("organization_id","referent_id") REFERENCES "public"."staff_member"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "episode" ADD CONSTRAINT "episode_organization_id_coordinator_id_staff_member_organization_id_id_fk" FOREIGN KEY ("organization_id","coordinator_id") REFERENCES "public"."staff_member"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "episode_phase_change" ADD CONSTRAINT "episode_phase_change_organization_id_episode_id_episode_organization_id_id_fk" FOREIGN KEY ("organization_id","episode_id") REFERENCES "public"."episode"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entry" ADD CONSTRAINT "waitlist_entry_organization_id_person_id_person_organization_id_id_fk" FOREIGN KEY ("organization_id","person_id") REFERENCES "public"."person"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entry" ADD CONSTRAINT "waitlist_entry_organization_id_service_id_service_organization_id_id_fk" FOREIGN KEY ("organization_id","service_id") REFERENCES "public"."service"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entry" ADD CONSTRAINT "waitlist_entry_organization_id_decision_id_admission_decision_organization_id_id_fk" FOREIGN KEY ("organization_id","decision_id") REFERENCES "public"."admission_decision"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_offer" ADD CONSTRAINT "waitlist_offer_organization_id_entry_id_waitlist_entry_organization_id_id_fk" FOREIGN KEY ("organization_id","entry_id") REFERENCES "public"."waitlist_entry"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_organization_id_recipient_id_staff_member_organization_id_id_fk" FOREIGN KEY ("organization_id","recipient_id") REFERENCES "public"."staff_member"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_organization_id_partner_id_partner_organization_id_id_fk" FOREIGN KEY ("organization_id","partner_id") REFERENCES "public"."partner"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_organization_id_person_id_person_organization_id_id_fk" FOREIGN KEY ("organization_id","person_id") REFERENCES "public"."person"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_organization_id_service_id_service_organization_id_id_fk" FOREIGN KEY ("organization_id","service_id") REFERENCES "public"."service"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "admission_decision_first_per_referral" ON "admission_decision" USING btree ("organization_id","referral_id") WHERE supersedes_id IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "admission_decision_superseded_once" ON "admission_decision" USING btree ("organization_id","supersedes_id");--> statement-breakpoint
CREATE INDEX "admission_decision_person_idx" ON "admission_decision" USING btree ("organization_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "episode_admission_decision_unique" ON "episode" USING btree ("organization_id","admission_decision_id");--> statement-breakpoint
CREATE UNIQUE INDEX "episode_one_active_per_person_service" ON "episode" USING btree ("organization_id","person_id","service_id") WHERE ended_on IS NULL;--> statement-breakpoint
CREATE INDEX "episode_active_service_idx" ON "episode" USING btree ("organization_id","service_id","referent_id") WHERE ended_on IS NULL;--> statement-breakpoint
CREATE INDEX "episode_person_idx" ON "episode" USING btree ("organization_id","person_id");--> statement-breakpoint
CREATE INDEX "episode_phase_change_episode_idx" ON "episode_phase_change" USING btree ("organization_id","episode_id","changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_entry_one_open_per_person_service" ON "waitlist_entry" USING btree ("organization_id","person_id","service_id") WHERE status in ('waiting','offered');--> statement-breakpoint
CREATE INDEX "waitlist_entry_order_idx" ON "waitlist_entry" USING btree ("organization_id","service_id","priority","entered_at") WHERE status in ('waiting','offered');--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_offer_one_pending" ON "waitlist_offer" USING btree ("organization_id","entry_id") WHERE response IS NULL;--> statement-breakpoint
CREATE INDEX "notification_recipient_idx" ON "notification" USING btree ("organization_id","recipient_id","created_at");--> statement-breakpoint
CREATE INDEX "referral_inbox_idx" ON "referral" USING btree ("organization_id","status","received_at");--> statement-breakpoint
CREATE INDEX "referral_person_idx" ON "referral" USING btree ("organization_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_submission_unique" ON "referral" USING btree ("organization_id","submission_id");