import { sql } from 'drizzle-orm';
import { newId } from '../../db/columns.js';
import { DomainError } from '../../lib/domain-error.js';
import type { Translated } from '../../lib/i18n.js';
import { assertAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { selectVisibleEntries, toEntryView, type JournalEntryView } from './entry-view.js';
import { journalEntry, journalRevision, type ConfidentialityLevel, type JournalEntryKind } from './schema.js';

export interface JournalEntryInput {
  kind: JournalEntryKind;
  text: string;
  occurredAt: string;
  confidentiality?: ConfidentialityLevel | undefined;
  goalId?: string | null | undefined;
  appointmentId?: string | null | undefined;
}

/** A small tolerance for clocks: an entry written "now" on a tablet a little ahead is not in the future. */
const clockToleranceMs = 2 * 60_000;

interface EpisodeFacts {
  person_id: string;
  on_team: boolean;
  now: Date;
  goal_ok: boolean;
  appointment_ok: boolean;
}

/**
 * The episode's person, whether the actor is on their care team, and whether the links hold: a goal
 * of the episode's plan (in any of its versions: goals keep their id) and an appointment of that
 * person (their own or a group they are registered in). One round trip.
 */
export async function episodeFactsForEntry(ctx: Ctx, episodeId: string, links: { goalId: string | null; appointmentId: string | null }): Promise<EpisodeFacts> {
  const { rows } = await ctx.tx.execute<EpisodeFacts & Record<string, unknown>>(sql`
    SELECT ep.person_id, EXISTS (SELECT 1 FROM care_team_member ctm WHERE ctm.organization_id = ep.organization_id AND ctm.person_id = ep.person_id
        AND ctm.staff_member_id = ${ctx.actor.staffMemberId} AND ctm.removed_at IS NULL) AS on_team, now() AS now,
      (${links.goalId}::uuid IS NULL OR EXISTS (SELECT 1 FROM plan p JOIN plan_version v ON v.organization_id = p.organization_id AND v.plan_id = p.id
         WHERE p.organization_id = ep.organization_id AND p.episode_id = ep.id
           AND v.content->'goals' @> jsonb_build_array(jsonb_build_object('id', ${links.goalId}::text)))) AS goal_ok,
      (${links.appointmentId}::uuid IS NULL OR EXISTS (SELECT 1 FROM appointment a WHERE a.organization_id = ep.organization_id AND a.id = ${links.appointmentId}::uuid
         AND (a.person_id = ep.person_id OR EXISTS (SELECT 1 FROM appointment_participant x WHERE x.organization_id = a.organization_id
           AND x.appointment_id = a.id AND x.person_id = ep.person_id)))) AS appointment_ok
    FROM episode ep WHERE ep.organization_id = ${ctx.organizationId} AND ep.id = ${episodeId}`);
  const facts = rows[0];
  if (!facts) throw new DomainError('not_found');
  return facts;
}

/** Field by field: a date in the future, a goal outside the plan, an appointment of someone else. */
export function entryFieldProblems(facts: EpisodeFacts, input: { occurredAt: string }): { field: string; message: Translated }[] {
  const problems: { field: string; message: Translated }[] = [];
  if (new Date(input.occurredAt).getTime() > new Date(facts.now).getTime() + clockToleranceMs) {
    problems.push({ field: 'body.occurredAt', message: { fr: 'La date ne peut pas être dans le futur : le journal rapporte ce qui s’est passé.', en: 'The date cannot be in the future: the journal records what happened.' } });
  }
  if (!facts.goal_ok) problems.push({ field: 'body.goalId', message: { fr: 'Cet objectif ne fait pas partie du projet de cette prise en charge.', en: 'This goal is not part of this episode’s plan.' } });
  if (!facts.appointment_ok) problems.push({ field: 'body.appointmentId', message: { fr: 'Ce rendez-vous ne concerne pas cette personne.', en: 'This appointment does not concern this person.' } });
  return problems;
}

/**
 * Writes an entry in an episode's journal (care team, journal:write) with its first revision; its
 * search text starts as its text. The author and the dates come from the session, never the request.
 */
export async function writeJournalEntry(ctx: Ctx, episodeId: string, input: JournalEntryInput): Promise<JournalEntryView> {
  const goalId = input.goalId ?? null;
  const appointmentId = input.appointmentId ?? null;
  const facts = await episodeFactsForEntry(ctx, episodeId, { goalId, appointmentId });
  assertAccess(ctx, 'journal.write', { personId: facts.person_id, onCareTeam: facts.on_team });
  const problems = entryFieldProblems(facts, input);
  if (problems.length) throw new DomainError('validation_failed', {}, problems);

  const id = newId();
  const text = input.text.trim();
  const confidentiality = input.confidentiality ?? 'care_team';
  await ctx.tx.insert(journalEntry).values({
    organizationId: ctx.organizationId,
    id,
    episodeId,
    personId: facts.person_id,
    kind: input.kind,
    text,
    occurredAt: new Date(input.occurredAt),
    authorId: ctx.actor.staffMemberId,
    goalId,
    appointmentId,
    confidentiality,
    searchText: text,
    revision: 1,
  });
  await ctx.tx.insert(journalRevision).values({
    organizationId: ctx.organizationId,
    entryId: id,
    number: 1,
    text,
    kind: input.kind,
    confidentiality,
    isAmendment: false,
    authorId: ctx.actor.staffMemberId,
  });
  ctx.audit({ action: 'journal.written', personId: facts.person_id, targetType: 'journal_entry', targetId: id, details: { kind: input.kind, confidentiality } });
  const [row] = await selectVisibleEntries(ctx, sql`je.id = ${id}`, { withHistory: false, orderAndLimit: sql`LIMIT 1` });
  return toEntryView(ctx, row!);
}
