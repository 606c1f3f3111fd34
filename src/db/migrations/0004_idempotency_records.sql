CREATE TABLE "idempotency_record" (
	"organization_id" uuid NOT NULL,
	"staff_member_id" uuid NOT NULL,
	"key" text NOT NULL,
	"fingerprint" "bytea" NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_record_organization_id_staff_member_id_key_pk" PRIMARY KEY("organization_id","staff_member_id","key")
);
