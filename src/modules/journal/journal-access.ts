import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../server/context.js';

/**
 * "May the actor read this journal entry?" as an SQL condition over the columns of `journal_entry`
 * (the table, or an alias passed as `entry`). Every query that returns entries — lists, search,
 * exports, escalation views, the home page — goes through this filter:
 * - care_team: the person's current care team;
 * - restricted: the author, the episode's référent, and clinical referents (escalation:receive) on the care team;
 * - author_only: the author.
 */
export function visibleEntryCondition(ctx: Ctx, entry: SQL = sql.raw('journal_entry')): SQL<boolean> {
  const me = ctx.actor.staffMemberId;
  const clinicalReferent = ctx.actor.permissions.includes('escalation:receive');
  const onTeam = sql`EXISTS (SELECT 1 FROM care_team_member ctm WHERE ctm.organization_id = ${entry}.organization_id AND ctm.person_id = ${entry}.person_id
    AND ctm.staff_member_id = ${me} AND ctm.removed_at IS NULL)`;
  const isReferent = sql`EXISTS (SELECT 1 FROM episode ep WHERE ep.organization_id = ${entry}.organization_id AND ep.id = ${entry}.episode_id AND ep.referent_id = ${me})`;
  return sql<boolean>`(${entry}.author_id = ${me} OR (${onTeam} AND (${entry}.confidentiality = 'care_team'
    OR (${entry}.confidentiality = 'restricted' AND (${clinicalReferent ? sql`TRUE` : isReferent})))))`;
}
