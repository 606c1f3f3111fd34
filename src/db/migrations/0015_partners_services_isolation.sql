SELECT relais_enable_tenant_isolation(t) FROM unnest(ARRAY['partner', 'service']::regclass[]) AS t;
--> statement-breakpoint
-- Data: coordinators configure services and partners in structures set up before these permissions.
UPDATE role SET permissions = permissions || ARRAY['services:manage', 'partners:manage']
 WHERE code = 'coordinator' AND NOT ('services:manage' = ANY(permissions));
