import { z } from 'zod';
import { ZOptionalText, ZUuid } from '../../lib/zod-fields.js';
import { asActor } from '../../server/session-plugin.js';
import type { RelaisApp, RouteDeps } from '../../server/types.js';
import { readTrajectorySettings, setIntensityPlan, updateTrajectorySettings } from './manage-intensity.js';
import { measureEpisodeTrajectory } from './measure-weekly-intensity.js';
import { acknowledgeReviewFlag, readEpisodeTrajectory } from './read-trajectory.js';
import { reviewFlagReasons } from './schema.js';

const ZDay = z.iso.date();
const ZPeriod = z.object({
  id: z.uuid(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  sessionsPerWeek: z.number(),
  minutesPerWeek: z.number(),
  maxDaysWithoutContact: z.number().nullable(),
  note: z.string().nullable(),
});
const ZWarning = z.object({ startsOn: z.string(), higherThan: z.string() });
const ZThresholds = z.strictObject({
  excessMarginPercent: z.number().int().min(0).max(500),
  excessWeeks: z.number().int().min(1).max(52),
  unplannedRiseWeeks: z.number().int().min(2).max(52),
});
const ZTrajectory = z.object({
  episodeId: z.uuid(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  thresholds: z.object({ excessMarginPercent: z.number(), excessWeeks: z.number(), unplannedRiseWeeks: z.number() }),
  periods: z.array(ZPeriod),
  warnings: z.array(ZWarning),
  weeks: z.array(
    z.object({
      weekStart: z.string(),
      plannedSessions: z.number().nullable(),
      plannedMinutes: z.number().nullable(),
      doneSessions: z.number(),
      doneMinutes: z.number(),
      unplannedContacts: z.number(),
      actualSessions: z.number(),
      excess: z.boolean(),
      computedAt: z.string(),
    }),
  ),
  flags: z.array(
    z.object({
      id: z.uuid(),
      reason: z.enum(reviewFlagReasons),
      details: z.record(z.string(), z.unknown()),
      raisedAt: z.string(),
      acknowledgedAt: z.string().nullable(),
      acknowledgedByName: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
});
const ZEpisodeParams = z.strictObject({ episodeId: ZUuid });

export function trajectoryRoutes(app: RelaisApp, deps: RouteDeps): void {
  const tags = ['trajectory'];
  app.get(
    '/api/v1/episodes/:episodeId/trajectory',
    { schema: { tags, summary: 'Trajectoire d’autonomie : intensité prévue et réelle par semaine, signaux de revue', params: ZEpisodeParams, response: { 200: ZTrajectory } } },
    async (request) => asActor(deps, request, (ctx) => readEpisodeTrajectory(ctx, request.params.episodeId)),
  );
  app.put(
    '/api/v1/episodes/:episodeId/trajectory/periods',
    {
      schema: {
        tags,
        summary: 'Remplacer l’intensité prévue par période (séances et minutes par semaine)',
        params: ZEpisodeParams,
        body: z.strictObject({
          periods: z
            .array(
              z.strictObject({
                startsOn: ZDay,
                endsOn: ZDay.nullable(),
                sessionsPerWeek: z.number().min(0).max(99).multipleOf(0.1),
                minutesPerWeek: z.number().int().min(0).max(10_080),
                maxDaysWithoutContact: z.number().int().min(1).max(365).nullable(),
                note: ZOptionalText(1000),
              }),
            )
            .max(52),
        }),
        response: { 200: z.object({ periods: z.array(ZPeriod), warnings: z.array(ZWarning) }) },
      },
    },
    async (request) => asActor(deps, request, (ctx) => setIntensityPlan(ctx, request.params.episodeId, request.body.periods)),
  );
  app.post(
    '/api/v1/episodes/:episodeId/trajectory/measure',
    { schema: { tags, summary: 'Recalculer maintenant les semaines passées de cette prise en charge', params: ZEpisodeParams, response: { 200: ZTrajectory } } },
    async (request) =>
      asActor(deps, request, async (ctx) => {
        await measureEpisodeTrajectory(ctx, request.params.episodeId);
        return readEpisodeTrajectory(ctx, request.params.episodeId);
      }),
  );
  app.post(
    '/api/v1/review-flags/:flagId/acknowledge',
    { schema: { tags, summary: 'Prendre en compte un signal de revue, avec une note', params: z.strictObject({ flagId: ZUuid }), body: z.strictObject({ note: z.string().trim().min(3).max(2000) }) } },
    async (request, reply) => {
      await asActor(deps, request, (ctx) => acknowledgeReviewFlag(ctx, request.params.flagId, request.body));
      return reply.status(204).send();
    },
  );
  app.get('/api/v1/trajectory/settings', { schema: { tags, summary: 'Seuils de revue de la trajectoire (marge, durées)', response: { 200: ZThresholds } } }, async (request) =>
    asActor(deps, request, (ctx) => readTrajectorySettings(ctx)),
  );
  app.put('/api/v1/trajectory/settings', { schema: { tags, summary: 'Modifier les seuils de revue de la trajectoire', body: ZThresholds, response: { 200: ZThresholds } } }, async (request) =>
    asActor(deps, request, (ctx) => updateTrajectorySettings(ctx, request.body)),
  );
}
