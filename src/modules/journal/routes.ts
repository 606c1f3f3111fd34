import { z } from 'zod';
import { ZUuid } from '../../lib/zod-fields.js';
import { asActor } from '../../server/session-plugin.js';
import type { RelaisApp, RouteDeps } from '../../server/types.js';
import { amendJournalEntry } from './amend-journal-entry.js';
import { editJournalEntry } from './edit-journal-entry.js';
import { exportPersonJournal } from './export-person-journal.js';
import { listEpisodeJournal, listPersonJournal } from './list-journal-entries.js';
import { readJournalEntry } from './read-journal-entry.js';
import { confidentialityLevels, journalEntryKinds } from './schema.js';
import { searchJournal } from './search-journal.js';
import { writeJournalEntry } from './write-journal-entry.js';

const ZInstant = z.iso.datetime({ offset: true });
const ZEntryText = z.string().trim().min(1).max(20_000);
const ZEntryFields = z.strictObject({
  kind: z.enum(journalEntryKinds),
  text: ZEntryText,
  occurredAt: ZInstant,
  confidentiality: z.enum(confidentialityLevels).optional(),
  goalId: ZUuid.nullable().optional(),
  appointmentId: ZUuid.nullable().optional(),
});
const ZKinds = z
  .string()
  .max(300)
  .optional()
  .transform((v) => (v ? v.split(',').filter(Boolean) : []))
  .pipe(z.array(z.enum(journalEntryKinds)).max(journalEntryKinds.length));
const ZFlag = z.enum(['true', 'false']).default('false');
const ZAmendment = z.object({ number: z.number(), text: z.string(), reason: z.string().nullable(), authorName: z.string(), createdAt: z.string() });
const ZEntry = z.object({
  id: z.uuid(),
  episodeId: z.uuid(),
  personId: z.uuid(),
  kind: z.enum(journalEntryKinds),
  text: z.string(),
  occurredAt: z.string(),
  confidentiality: z.enum(confidentialityLevels),
  authorId: z.uuid(),
  authorName: z.string(),
  goal: z.object({ id: z.uuid(), label: z.string().nullable() }).nullable(),
  appointment: z.object({ id: z.uuid(), startsAt: z.string() }).nullable(),
  revision: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  editableUntil: z.string(),
  canEdit: z.boolean(),
  canAmend: z.boolean(),
  amendments: z.array(ZAmendment),
  history: z
    .array(ZAmendment.extend({ kind: z.enum(journalEntryKinds), confidentiality: z.enum(confidentialityLevels), isAmendment: z.boolean() }))
    .optional(),
});
const ZPage = z.object({ items: z.array(ZEntry), nextCursor: z.string().nullable() });
const ZListQuery = z.strictObject({ cursor: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(100).default(30), kind: ZKinds, withHistory: ZFlag });
const ZEntryParams = z.strictObject({ entryId: ZUuid });

/** The revision the client edited, from If-Match ("3" or W/"3") or the body; null when it sent none. */
function expectedRevision(header: string | undefined, body: number | undefined): number | null {
  if (body !== undefined) return body;
  const match = header?.match(/^(?:W\/)?"?(\d+)"?$/);
  return match ? Number(match[1]) : null;
}

export function journalRoutes(app: RelaisApp, deps: RouteDeps): void {
  const tags = ['journal'];

  app.post(
    '/api/v1/episodes/:episodeId/journal',
    {
      config: { idempotent: true },
      schema: { tags, summary: 'Écrire une observation dans le journal d’une prise en charge', params: z.strictObject({ episodeId: ZUuid }), body: ZEntryFields, response: { 201: ZEntry } },
    },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => writeJournalEntry(ctx, request.params.episodeId, request.body))),
  );
  app.get(
    '/api/v1/episodes/:episodeId/journal',
    { schema: { tags, summary: 'Le journal d’une prise en charge (les plus récentes d’abord, selon la confidentialité de chaque observation)', params: z.strictObject({ episodeId: ZUuid }), querystring: ZListQuery, response: { 200: ZPage } } },
    async (request) => {
      const q = request.query;
      return asActor(deps, request, (ctx) => listEpisodeJournal(ctx, request.params.episodeId, { cursor: q.cursor, limit: q.limit, kinds: q.kind, withHistory: q.withHistory === 'true' }));
    },
  );
  app.get(
    '/api/v1/people/:personId/journal',
    { schema: { tags, summary: 'Le journal d’une personne, toutes prises en charge confondues', params: z.strictObject({ personId: ZUuid }), querystring: ZListQuery, response: { 200: ZPage } } },
    async (request) => {
      const q = request.query;
      return asActor(deps, request, (ctx) => listPersonJournal(ctx, request.params.personId, { cursor: q.cursor, limit: q.limit, kinds: q.kind, withHistory: q.withHistory === 'true' }));
    },
  );
  app.get(
    '/api/v1/people/:personId/journal/export',
    { schema: { tags, summary: 'Exporter le journal d’une personne (CSV, en-têtes en français)', params: z.strictObject({ personId: ZUuid }) } },
    async (request, reply) => {
      const file = await asActor(deps, request, (ctx) => exportPersonJournal(ctx, request.params.personId));
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file.filename}"`).header('cache-control', 'no-store').send(file.csv);
    },
  );
  app.get(
    '/api/v1/journal/search',
    {
      schema: {
        tags,
        summary: 'Rechercher dans le journal (français, sans tenir compte des accents), parmi les observations que je peux lire',
        querystring: z
          .strictObject({
            q: z.string().trim().min(2).max(200),
            personId: ZUuid.optional(),
            kind: ZKinds,
            from: z.iso.date().optional(),
            to: z.iso.date().optional(),
            limit: z.coerce.number().int().min(1).max(50).default(20),
            offset: z.coerce.number().int().min(0).max(1000).default(0),
          })
          .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: 'La fin précède le début.' }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                episodeId: z.uuid(),
                personId: z.uuid(),
                personLabel: z.string(),
                kind: z.enum(journalEntryKinds),
                occurredAt: z.string(),
                confidentiality: z.enum(confidentialityLevels),
                authorName: z.string(),
                rank: z.number(),
                excerpt: z.array(z.object({ text: z.string(), mark: z.boolean() })),
              }),
            ),
            nextOffset: z.number().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query;
      return asActor(deps, request, (ctx) => searchJournal(ctx, { q: q.q, personId: q.personId, kinds: q.kind, from: q.from, to: q.to, limit: q.limit, offset: q.offset }));
    },
  );
  app.get(
    '/api/v1/journal/entries/:entryId',
    { schema: { tags, summary: 'Une observation, ses compléments et (sur demande) son historique', params: ZEntryParams, querystring: z.strictObject({ withHistory: ZFlag }), response: { 200: ZEntry } } },
    async (request, reply) => {
      const entry = await asActor(deps, request, (ctx) => readJournalEntry(ctx, request.params.entryId, { withHistory: request.query.withHistory === 'true' }));
      return reply.header('etag', `"${entry.revision}"`).send(entry);
    },
  );
  app.patch(
    '/api/v1/journal/entries/:entryId',
    {
      schema: {
        tags,
        summary: 'Modifier son observation dans les 24 heures (If-Match ou revision : la version modifiée ; 412 si elle a changé)',
        params: ZEntryParams,
        body: ZEntryFields.extend({ revision: z.number().int().min(1).optional() }),
        response: { 200: ZEntry },
      },
    },
    async (request, reply) => {
      const { revision, ...input } = request.body;
      const expected = expectedRevision(request.headers['if-match'], revision);
      const entry = await asActor(deps, request, (ctx) => editJournalEntry(ctx, request.params.entryId, expected, input));
      return reply.header('etag', `"${entry.revision}"`).send(entry);
    },
  );
  app.post(
    '/api/v1/journal/entries/:entryId/amendments',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Compléter une observation (l’original ne change jamais) : l’auteur ou le référent',
        params: ZEntryParams,
        body: z.strictObject({ text: ZEntryText, reason: z.string().trim().min(2).max(500) }),
        response: { 201: ZEntry },
      },
    },
    async (request, reply) => reply.status(201).send(await asActor(deps, request, (ctx) => amendJournalEntry(ctx, request.params.entryId, request.body))),
  );
}
