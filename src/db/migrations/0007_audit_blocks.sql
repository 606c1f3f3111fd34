CREATE TABLE "audit_block" (
	"organization_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"first_txid" "xid8" NOT NULL,
	"first_event_id" bigint NOT NULL,
	"last_txid" "xid8" NOT NULL,
	"last_event_id" bigint NOT NULL,
	"event_count" integer NOT NULL,
	"event_ids" bigint[] NOT NULL,
	"event_hashes" "bytea"[] NOT NULL,
	"prev_hash" "bytea" NOT NULL,
	"hash" "bytea" NOT NULL,
	"sealed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_block_organization_id_seq_pk" PRIMARY KEY("organization_id","seq")
);
--> statement-breakpoint
ALTER TABLE "audit_chain" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "audit_chain" CASCADE;--> statement-breakpoint
CREATE INDEX "audit_event_chain_order_idx" ON "audit_event" USING btree ("organization_id","txid","id");