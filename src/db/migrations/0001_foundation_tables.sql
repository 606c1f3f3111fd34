CREATE TABLE "audit_chain" (
	"organization_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"event_id" bigint NOT NULL,
	"prev_hash" "bytea" NOT NULL,
	"hash" "bytea" NOT NULL,
	"sealed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_chain_organization_id_seq_pk" PRIMARY KEY("organization_id","seq"),
	CONSTRAINT "audit_chain_event_unique" UNIQUE("organization_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "audit_chain_head" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_event" (
	"organization_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "audit_event_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"person_id" uuid,
	"target_type" text,
	"target_id" text,
	"ip" "inet",
	"request_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "audit_event_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "audit_seal_state" (
	"singleton" text PRIMARY KEY DEFAULT 'x' NOT NULL,
	"horizon" "xid8" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limit_bucket" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"token_hash" "bytea" NOT NULL,
	"staff_member_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"ip" "inet",
	"user_agent" text,
	CONSTRAINT "session_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "session_token_unique" UNIQUE("token_hash"),
	CONSTRAINT "session_stage_valid" CHECK ("session"."stage" in ('active','totp_pending','totp_enrollment'))
);
--> statement-breakpoint
CREATE TABLE "setup_token" (
	"id" uuid PRIMARY KEY NOT NULL,
	"token_hash" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "setup_token_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "discipline" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"name_fr" text NOT NULL,
	"name_en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discipline_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "discipline_code_unique" UNIQUE("organization_id","code")
);
--> statement-breakpoint
CREATE TABLE "organization" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"time_zone" text DEFAULT 'Europe/Paris' NOT NULL,
	"default_locale" text DEFAULT 'fr' NOT NULL,
	"require_two_factor" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organization_kind_valid" CHECK ("organization"."kind" in ('clinic','essms','peer_support_practice','independent_practitioner','association')),
	CONSTRAINT "organization_locale_valid" CHECK ("organization"."default_locale" in ('fr','en'))
);
--> statement-breakpoint
CREATE TABLE "role" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"name_fr" text NOT NULL,
	"name_en" text NOT NULL,
	"permissions" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "role_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "role_code_unique" UNIQUE("organization_id","code")
);
--> statement-breakpoint
CREATE TABLE "care_team_member" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"staff_member_id" uuid NOT NULL,
	"discipline_id" uuid,
	"added_by" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_by" uuid,
	"removed_at" timestamp with time zone,
	CONSTRAINT "care_team_member_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "person" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"birth_date" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "invitation" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"email" "citext" NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"token_hash" "bytea" NOT NULL,
	"role_ids" uuid[] NOT NULL,
	"discipline_ids" uuid[] NOT NULL,
	"invited_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"staff_member_id" uuid,
	CONSTRAINT "invitation_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "invitation_token_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "staff_discipline" (
	"organization_id" uuid NOT NULL,
	"staff_member_id" uuid NOT NULL,
	"discipline_id" uuid NOT NULL,
	CONSTRAINT "staff_discipline_organization_id_staff_member_id_discipline_id_pk" PRIMARY KEY("organization_id","staff_member_id","discipline_id")
);
--> statement-breakpoint
CREATE TABLE "staff_member" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"email" "citext" NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"locale" text DEFAULT 'fr' NOT NULL,
	"totp_secret" text,
	"totp_enabled_at" timestamp with time zone,
	"totp_last_counter" bigint,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deactivated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_member_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "staff_member_email_unique" UNIQUE("email"),
	CONSTRAINT "staff_member_status_valid" CHECK ("staff_member"."status" in ('active','deactivated')),
	CONSTRAINT "staff_member_locale_valid" CHECK ("staff_member"."locale" in ('fr','en'))
);
--> statement-breakpoint
CREATE TABLE "staff_role" (
	"organization_id" uuid NOT NULL,
	"staff_member_id" uuid NOT NULL,
	"role_id" uuid NOT NULL,
	CONSTRAINT "staff_role_organization_id_staff_member_id_role_id_pk" PRIMARY KEY("organization_id","staff_member_id","role_id")
);
--> statement-breakpoint
ALTER TABLE "care_team_member" ADD CONSTRAINT "care_team_member_organization_id_person_id_person_organization_id_id_fk" FOREIGN KEY ("organization_id","person_id") REFERENCES "public"."person"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_team_member" ADD CONSTRAINT "care_team_member_organization_id_staff_member_id_staff_member_organization_id_id_fk" FOREIGN KEY ("organization_id","staff_member_id") REFERENCES "public"."staff_member"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_discipline" ADD CONSTRAINT "staff_discipline_organization_id_staff_member_id_staff_member_organization_id_id_fk" FOREIGN KEY ("organization_id","staff_member_id") REFERENCES "public"."staff_member"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_discipline" ADD CONSTRAINT "staff_discipline_organization_id_discipline_id_discipline_organization_id_id_fk" FOREIGN KEY ("organization_id","discipline_id") REFERENCES "public"."discipline"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_member" ADD CONSTRAINT "staff_member_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_role" ADD CONSTRAINT "staff_role_organization_id_staff_member_id_staff_member_organization_id_id_fk" FOREIGN KEY ("organization_id","staff_member_id") REFERENCES "public"."staff_member"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_role" ADD CONSTRAINT "staff_role_organization_id_role_id_role_organization_id_id_fk" FOREIGN KEY ("organization_id","role_id") REFERENCES "public"."role"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_event_person_idx" ON "audit_event" USING btree ("organization_id","person_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_event_txid_idx" ON "audit_event" USING btree ("txid");--> statement-breakpoint
CREATE INDEX "session_staff_idx" ON "session" USING btree ("organization_id","staff_member_id");--> statement-breakpoint
CREATE INDEX "care_team_member_staff_idx" ON "care_team_member" USING btree ("organization_id","staff_member_id","person_id");--> statement-breakpoint
CREATE INDEX "invitation_email_idx" ON "invitation" USING btree ("organization_id","email");