// The tables of every module, for Drizzle's typed queries. Modules import their own tables from
// their schema.ts; this list exists only so the database handle knows them all.
export * from '../modules/organizations/schema.js';
export * from '../modules/staff/schema.js';
export * from '../modules/identity/schema.js';
export * from '../modules/people/schema.js';
export * from '../modules/audit/schema.js';
export * from '../modules/requests/schema.js';
export * from '../modules/partners/schema.js';
export * from '../modules/services/schema.js';
