import { sql } from 'drizzle-orm';
import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';

// Every tenant table carries organization_id and starts its keys with it (row level security, and
// distribution by organization if a network of structures ever needs it).
export const organizationId = () => uuid('organization_id').notNull();
// Time-ordered ids keep index inserts local on large tables (PostgreSQL 15 has no uuidv7()).
export const idColumn = () => uuid('id').notNull().$defaultFn(() => uuidv7());
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`);
export const newId = (): string => uuidv7();
