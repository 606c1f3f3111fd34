-- The capacity board counts a year of referrals per referrer: an index that holds what it counts.
CREATE INDEX referral_received_idx ON referral (organization_id, received_at) INCLUDE (source, partner_id, status);
--> statement-breakpoint
-- Active episodes per service and référent, with what the board counts (overrides, planned ends),
-- answered from the index alone.
DROP INDEX episode_active_service_idx;
--> statement-breakpoint
CREATE INDEX episode_active_service_idx ON episode (organization_id, service_id, referent_id) INCLUDE (capacity_override_by, planned_end_on) WHERE ended_on IS NULL;
