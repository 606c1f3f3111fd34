-- Extensions the schema relies on, and the two roles every query runs as.
-- relais_app: every request; sees only the rows of the organization set in app.org_id.
-- relais_system: installation tasks (sign-in lookup, sessions, audit sealing and verification).
-- A superuser bypasses row level security, so the application never queries as one.
CREATE EXTENSION IF NOT EXISTS citext;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pgcrypto;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'relais_app') THEN
    CREATE ROLE relais_app NOLOGIN NOBYPASSRLS;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'relais_system') THEN
    CREATE ROLE relais_system NOLOGIN NOBYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- another database on the same server created them at the same moment
END $$;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('GRANT relais_app, relais_system TO %I', current_user);
EXCEPTION WHEN OTHERS THEN
  NULL; -- already a member (or a superuser, who needs no membership)
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO relais_app, relais_system;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO relais_app, relais_system;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO relais_app, relais_system;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO relais_app, relais_system;
