CREATE TABLE "agreement" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"content_hash" text NOT NULL,
	"person_id" uuid NOT NULL,
	"party" text NOT NULL,
	"signer_name" text NOT NULL,
	"relative_id" uuid,
	"staff_member_id" uuid,
	"outcome" text NOT NULL,
	"refusal_note" text,
	"signature_image" text,
	"signed_on" date NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "agreement_subject_valid" CHECK ("agreement"."subject_type" in ('plan_version','contract_version')),
	CONSTRAINT "agreement_party_valid" CHECK ("agreement"."party" in ('person','legal_representative','referent')),
	CONSTRAINT "agreement_outcome_valid" CHECK ("agreement"."outcome" in ('signed','refused') AND ("agreement"."outcome" = 'signed' OR length(btrim(coalesce("agreement"."refusal_note", ''))) > 0)),
	CONSTRAINT "agreement_signature_size" CHECK ("agreement"."signature_image" IS NULL OR length("agreement"."signature_image") <= 400000)
);
--> statement-breakpoint
CREATE TABLE "assessment" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"template_name" text NOT NULL,
	"sections" jsonb NOT NULL,
	"answers" jsonb NOT NULL,
	"expectations" text,
	"strengths" text,
	"obstacles" text,
	"participants" jsonb NOT NULL,
	"assessed_on" date NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "assessment_template" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"sections" jsonb NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "assessment_template_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "contract_version" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"content_hash" text NOT NULL,
	"handed_over_on" date,
	"signed_on" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contract_version_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "contract_version_kind_valid" CHECK ("contract_version"."kind" in ('contrat_de_sejour','dipc'))
);
--> statement-breakpoint
CREATE TABLE "document_template" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_template_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "document_template_kind_valid" CHECK ("document_template"."kind" in ('contrat_de_sejour','dipc'))
);
--> statement-breakpoint
CREATE TABLE "plan" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_evaluation" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"evaluated_on" date NOT NULL,
	"scores" jsonb NOT NULL,
	"person_view" text,
	"comments" text,
	"participants" jsonb NOT NULL,
	"t_score" numeric(5, 1),
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_evaluation_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_version" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"change_note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"agreed_on" date,
	"active_from" date,
	CONSTRAINT "plan_version_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "plan_version_status_valid" CHECK ("plan_version"."status" in ('draft','proposed','agreed','active','superseded')),
	CONSTRAINT "plan_version_number_positive" CHECK ("plan_version"."number" > 0)
);
--> statement-breakpoint
CREATE TABLE "situation_change" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"noted_on" date NOT NULL,
	"note" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "situation_change_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "legal_clock" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "agreement" ADD CONSTRAINT "agreement_organization_id_person_id_person_organization_id_id_fk" FOREIGN KEY ("organization_id","person_id") REFERENCES "public"."person"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_organization_id_episode_id_episode_organization_id_id_fk" FOREIGN KEY ("organization_id","episode_id") REFERENCES "public"."episode"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_organization_id_person_id_person_organization_id_id_fk" FOREIGN KEY ("organization_id","person_id") REFERENCES "public"."person"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_organization_id_template_id_assessment_template_organization_id_id_fk" FOREIGN KEY ("organization_id","template_id") REFERENCES "public"."assessment_template"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_version" ADD CONSTRAINT "contract_version_organization_id_episode_id_episode_organization_id_id_fk" FOREIGN KEY ("organization_id","episode_id") REFERENCES "public"."episode"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan" ADD CONSTRAINT "plan_organization_id_episode_id_episode_organization_id_id_fk" FOREIGN KEY ("organization_id","episode_id") REFERENCES "public"."episode"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan" ADD CONSTRAINT "plan_organization_id_person_id_person_organization_id_id_fk" FOREIGN KEY ("organization_id","person_id") REFERENCES "public"."person"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_evaluation" ADD CONSTRAINT "plan_evaluation_organization_id_plan_id_plan_organization_id_id_fk" FOREIGN KEY ("organization_id","plan_id") REFERENCES "public"."plan"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_evaluation" ADD CONSTRAINT "plan_evaluation_organization_id_version_id_plan_version_organization_id_id_fk" FOREIGN KEY ("organization_id","version_id") REFERENCES "public"."plan_version"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_version" ADD CONSTRAINT "plan_version_organization_id_plan_id_plan_organization_id_id_fk" FOREIGN KEY ("organization_id","plan_id") REFERENCES "public"."plan"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_version" ADD CONSTRAINT "plan_version_organization_id_created_by_staff_member_organization_id_id_fk" FOREIGN KEY ("organization_id","created_by") REFERENCES "public"."staff_member"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "situation_change" ADD CONSTRAINT "situation_change_organization_id_episode_id_episode_organization_id_id_fk" FOREIGN KEY ("organization_id","episode_id") REFERENCES "public"."episode"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_one_per_party" ON "agreement" USING btree ("organization_id","subject_type","subject_id","party");--> statement-breakpoint
CREATE INDEX "assessment_episode_idx" ON "assessment" USING btree ("organization_id","episode_id","assessed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_template_one_default" ON "assessment_template" USING btree ("organization_id") WHERE is_default;--> statement-breakpoint
CREATE UNIQUE INDEX "contract_version_number_unique" ON "contract_version" USING btree ("organization_id","episode_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "document_template_kind_unique" ON "document_template" USING btree ("organization_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_one_per_episode" ON "plan" USING btree ("organization_id","episode_id");--> statement-breakpoint
CREATE INDEX "plan_person_idx" ON "plan" USING btree ("organization_id","person_id");--> statement-breakpoint
CREATE INDEX "plan_evaluation_plan_idx" ON "plan_evaluation" USING btree ("organization_id","plan_id","evaluated_on");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_version_number_unique" ON "plan_version" USING btree ("organization_id","plan_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_version_one_active" ON "plan_version" USING btree ("organization_id","plan_id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "situation_change_episode_idx" ON "situation_change" USING btree ("organization_id","episode_id");