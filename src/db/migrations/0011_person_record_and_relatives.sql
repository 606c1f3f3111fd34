CREATE TABLE "relative" (
	"organization_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"relationship" text NOT NULL,
	"email" text,
	"phone" text,
	"address" text,
	"is_legal_representative" boolean DEFAULT false NOT NULL,
	"is_trusted_person" boolean DEFAULT false NOT NULL,
	"takes_part_in_plan" boolean DEFAULT false NOT NULL,
	"supported_person_id" uuid,
	"notes" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by" uuid,
	CONSTRAINT "relative_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "preferred_language" text DEFAULT 'fr' NOT NULL;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "public_category" text DEFAULT 'adult' NOT NULL;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "protection_measure" text;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "discreet" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "alias" text;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "search_name" text GENERATED ALWAYS AS (relais_normalize_name(first_name || ' ' || last_name)) STORED;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "relative" ADD CONSTRAINT "relative_organization_id_person_id_person_organization_id_id_fk" FOREIGN KEY ("organization_id","person_id") REFERENCES "public"."person"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relative" ADD CONSTRAINT "relative_organization_id_supported_person_id_person_organization_id_id_fk" FOREIGN KEY ("organization_id","supported_person_id") REFERENCES "public"."person"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "relative_person_idx" ON "relative" USING btree ("organization_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "relative_one_trusted_person" ON "relative" USING btree ("organization_id","person_id") WHERE is_trusted_person AND removed_at IS NULL;--> statement-breakpoint
CREATE INDEX "person_search_name_trgm_idx" ON "person" USING gin ("search_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "person_birth_date_idx" ON "person" USING btree ("organization_id","birth_date");--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_public_category_valid" CHECK ("person"."public_category" in ('adult','parent','adolescent','illness','relative'));--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_protection_measure_valid" CHECK ("person"."protection_measure" is null or "person"."protection_measure" in ('tutelle','curatelle','curatelle_renforcee','sauvegarde_de_justice','habilitation_familiale','mandat_protection_future'));