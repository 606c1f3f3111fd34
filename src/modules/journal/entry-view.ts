import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../server/context.js';
import { visibleEntryCondition } from './journal-access.js';
import type { ConfidentialityLevel, JournalEntryKind } from './schema.js';

/** An entry's words can be changed by its author for 24 hours; later changes are amendments. */
export const editWindowHours = 24;

export interface JournalAmendment {
  number: number;
  text: string;
  reason: string | null;
  authorName: string;
  createdAt: string;
}

export interface JournalRevisionView {
  number: number;
  text: string;
  kind: JournalEntryKind;
  confidentiality: ConfidentialityLevel;
  isAmendment: boolean;
  reason: string | null;
  authorName: string;
  createdAt: string;
}

export interface JournalEntryView {
  id: string;
  episodeId: string;
  personId: string;
  kind: JournalEntryKind;
  /** The current text (the original, or its edit within 24 hours); amendments are listed apart. */
  text: string;
  occurredAt: string;
  confidentiality: ConfidentialityLevel;
  authorId: string;
  authorName: string;
  goal: { id: string; label: string | null } | null;
  appointment: { id: string; startsAt: string } | null;
  revision: number;
  createdAt: string;
  updatedAt: string;
  editableUntil: string;
  /** The actor wrote it and the 24 hours are not over. */
  canEdit: boolean;
  /** The actor wrote it or is the episode's référent (and may write in the journal). */
  canAmend: boolean;
  amendments: JournalAmendment[];
  /** Every version, oldest first; only when asked for. */
  history?: JournalRevisionView[];
}

export interface EntryRow {
  id: string;
  episode_id: string;
  person_id: string;
  kind: JournalEntryKind;
  text: string;
  occurred_at: Date;
  confidentiality: ConfidentialityLevel;
  author_id: string;
  author_name: string;
  goal_id: string | null;
  goal_label: string | null;
  appointment_id: string | null;
  appointment_starts_at: Date | null;
  revision: number;
  created_at: Date;
  updated_at: Date;
  edit_window_open: boolean;
  is_referent: boolean;
  on_team: boolean;
  amendments: { number: number; text: string; reason: string | null; authorName: string; createdAt: string }[];
  history: { number: number; text: string; kind: JournalEntryKind; confidentiality: ConfidentialityLevel; isAmendment: boolean; reason: string | null; authorName: string; createdAt: string }[] | null;
}

const iso = (value: Date | string) => new Date(value).toISOString();

/**
 * The entries matching `where` that the actor may read, with what a reader needs next to each (author,
 * linked goal and appointment, amendments; the whole history when asked). Access boundary: every
 * query of this module that returns entries goes through here, hence through visibleEntryCondition.
 */
export async function selectVisibleEntries(ctx: Ctx, where: SQL, options: { withHistory: boolean; orderAndLimit: SQL }): Promise<EntryRow[]> {
  const me = ctx.actor.staffMemberId;
  const revisions = (amendmentsOnly: boolean) => sql`coalesce((SELECT json_agg(json_build_object(
      'number', r.number, 'text', r.text, 'kind', r.kind, 'confidentiality', r.confidentiality, 'isAmendment', r.is_amendment, 'reason', r.reason,
      'authorName', rs.first_name || ' ' || rs.last_name, 'createdAt', r.created_at) ORDER BY r.number)
    FROM journal_revision r JOIN staff_member rs ON rs.organization_id = r.organization_id AND rs.id = r.author_id
    WHERE r.organization_id = je.organization_id AND r.entry_id = je.id ${amendmentsOnly ? sql`AND r.is_amendment` : sql``}), '[]'::json)`;
  const { rows } = await ctx.tx.execute<EntryRow & Record<string, unknown>>(sql`
    SELECT je.id, je.episode_id, je.person_id, je.kind, je.text, je.occurred_at, je.confidentiality, je.author_id,
      sm.first_name || ' ' || sm.last_name AS author_name, je.goal_id,
      (SELECT g->>'personWording' FROM plan p
         JOIN plan_version v ON v.organization_id = p.organization_id AND v.plan_id = p.id
         CROSS JOIN LATERAL jsonb_array_elements(v.content->'goals') g
        WHERE je.goal_id IS NOT NULL AND p.organization_id = je.organization_id AND p.episode_id = je.episode_id AND g->>'id' = je.goal_id::text
        ORDER BY v.number DESC LIMIT 1) AS goal_label,
      je.appointment_id, a.starts_at AS appointment_starts_at, je.revision, je.created_at, je.updated_at,
      now() <= je.created_at + make_interval(hours => ${editWindowHours}) AS edit_window_open,
      ep.referent_id = ${me} AS is_referent,
      EXISTS (SELECT 1 FROM care_team_member ctm WHERE ctm.organization_id = je.organization_id AND ctm.person_id = je.person_id
        AND ctm.staff_member_id = ${me} AND ctm.removed_at IS NULL) AS on_team,
      ${revisions(true)} AS amendments,
      ${options.withHistory ? revisions(false) : sql`NULL::json`} AS history
    FROM journal_entry je
    JOIN staff_member sm ON sm.organization_id = je.organization_id AND sm.id = je.author_id
    JOIN episode ep ON ep.organization_id = je.organization_id AND ep.id = je.episode_id
    LEFT JOIN appointment a ON a.organization_id = je.organization_id AND a.id = je.appointment_id
    WHERE je.organization_id = ${ctx.organizationId} AND ${visibleEntryCondition(ctx, sql.raw('je'))} AND ${where}
    ${options.orderAndLimit}`);
  return rows;
}

export function toEntryView(ctx: Ctx, row: EntryRow): JournalEntryView {
  const mine = row.author_id === ctx.actor.staffMemberId;
  const mayWrite = ctx.actor.permissions.includes('journal:write');
  const createdAt = new Date(row.created_at);
  return {
    id: row.id,
    episodeId: row.episode_id,
    personId: row.person_id,
    kind: row.kind,
    text: row.text,
    occurredAt: iso(row.occurred_at),
    confidentiality: row.confidentiality,
    authorId: row.author_id,
    authorName: row.author_name,
    goal: row.goal_id ? { id: row.goal_id, label: row.goal_label } : null,
    appointment: row.appointment_id && row.appointment_starts_at ? { id: row.appointment_id, startsAt: iso(row.appointment_starts_at) } : null,
    revision: row.revision,
    createdAt: createdAt.toISOString(),
    updatedAt: iso(row.updated_at),
    editableUntil: new Date(createdAt.getTime() + editWindowHours * 3_600_000).toISOString(),
    canEdit: mine && mayWrite && row.on_team && row.edit_window_open,
    canAmend: (mine || row.is_referent) && mayWrite && row.on_team,
    amendments: row.amendments.map((a) => ({ number: a.number, text: a.text, reason: a.reason, authorName: a.authorName, createdAt: iso(a.createdAt) })),
    ...(row.history ? { history: row.history.map((h) => ({ ...h, createdAt: iso(h.createdAt) })) } : {}),
  };
}
