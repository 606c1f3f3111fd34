import { sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { assertAccess, onCareTeamCondition } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { ageOn } from './person-display.js';
import type { PersonRecord } from './read-person.js';
import type { ProtectionMeasure, PublicCategory, Relationship } from './schema.js';

interface SummaryRow extends Record<string, unknown> {
  id: string;
  first_name: string;
  last_name: string;
  birth_date: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  preferred_language: string;
  public_category: PublicCategory;
  protection_measure: ProtectionMeasure | null;
  discreet: boolean;
  alias: string | null;
  created_at: Date;
  updated_at: Date;
  on_care_team: boolean;
  care_team: { staffMemberId: string; name: string; disciplineNameFr: string | null; disciplineNameEn: string | null }[] | null;
  relatives: { id: string; name: string; relationship: Relationship; legal: boolean; trusted: boolean; inPlan: boolean }[] | null;
  current_episodes:
    | { id: string; serviceName: string; referentName: string; coordinatorName: string; phaseLabel: string | null; startedOn: string; plannedEndOn: string | null; planStatus: string | null; planVersion: number | null; planGoals: number | null }[]
    | null;
  ended_episodes: number;
}

/**
 * What the care team sees first when opening a record: who the person is, who follows them, who
 * matters around them, and where they stand in each service and its plan. One statement (the
 * record, its access fact and every part as JSON), one audit event: the read path a team uses
 * most stays as cheap as reading the record alone.
 */
export async function readPersonSummary(ctx: Ctx, personId: string, today: string) {
  const org = ctx.organizationId;
  const [row] = (
    await ctx.tx.execute<SummaryRow>(sql`
      SELECT p.id, p.first_name, p.last_name, p.birth_date::text, p.email, p.phone, p.address, p.preferred_language, p.public_category,
             p.protection_measure, p.discreet, p.alias, p.created_at, p.updated_at,
             ${onCareTeamCondition(ctx, personId)} AS on_care_team,
             (SELECT json_agg(json_build_object('staffMemberId', s.id, 'name', s.first_name || ' ' || s.last_name, 'disciplineNameFr', d.name_fr, 'disciplineNameEn', d.name_en) ORDER BY c.added_at)
                FROM care_team_member c
                JOIN staff_member s ON s.organization_id = c.organization_id AND s.id = c.staff_member_id
                LEFT JOIN discipline d ON d.organization_id = c.organization_id AND d.id = c.discipline_id
               WHERE c.organization_id = ${org} AND c.person_id = p.id AND c.removed_at IS NULL) AS care_team,
             (SELECT json_agg(json_build_object('id', r.id, 'name', r.first_name || ' ' || r.last_name, 'relationship', r.relationship,
                                                'legal', r.is_legal_representative, 'trusted', r.is_trusted_person, 'inPlan', r.takes_part_in_plan) ORDER BY r.created_at)
                FROM relative r WHERE r.organization_id = ${org} AND r.person_id = p.id AND r.removed_at IS NULL) AS relatives,
             (SELECT json_agg(json_build_object(
                       'id', e.id, 'serviceName', sv.name, 'referentName', rf.first_name || ' ' || rf.last_name,
                       'coordinatorName', co.first_name || ' ' || co.last_name,
                       'phaseLabel', (SELECT ph->>'label' FROM jsonb_array_elements(sv.phases) ph WHERE ph->>'code' = e.phase_code LIMIT 1),
                       'startedOn', e.started_on, 'plannedEndOn', e.planned_end_on,
                       'planStatus', pv.status, 'planVersion', pv.number, 'planGoals', jsonb_array_length(pv.content->'goals')) ORDER BY e.started_on)
                FROM episode e
                JOIN service sv ON sv.organization_id = e.organization_id AND sv.id = e.service_id
                JOIN staff_member rf ON rf.organization_id = e.organization_id AND rf.id = e.referent_id
                JOIN staff_member co ON co.organization_id = e.organization_id AND co.id = e.coordinator_id
                -- The plan as it stands: the version in force, else the latest one.
                LEFT JOIN LATERAL (SELECT v.status, v.number, v.content FROM plan pl
                                     JOIN plan_version v ON v.organization_id = pl.organization_id AND v.plan_id = pl.id
                                    WHERE pl.organization_id = e.organization_id AND pl.episode_id = e.id
                                    ORDER BY (v.status = 'active') DESC, v.number DESC LIMIT 1) pv ON true
               WHERE e.organization_id = ${org} AND e.person_id = p.id AND e.ended_on IS NULL) AS current_episodes,
             (SELECT count(*)::int FROM episode e WHERE e.organization_id = ${org} AND e.person_id = p.id AND e.ended_on IS NOT NULL) AS ended_episodes
        FROM person p
       WHERE p.organization_id = ${org} AND p.id = ${personId}`)
  ).rows;
  if (!row) throw new DomainError('not_found');
  assertAccess(ctx, 'person.read', { personId, onCareTeam: row.on_care_team });
  ctx.audit({ action: 'person.read', personId, targetType: 'person', targetId: personId, details: { view: 'summary' } });
  const relatives = row.relatives ?? [];
  const age = row.birth_date ? ageOn(row.birth_date, today) : null;
  const person: PersonRecord = {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    birthDate: row.birth_date,
    age,
    email: row.email,
    phone: row.phone,
    address: row.address,
    preferredLanguage: row.preferred_language,
    publicCategory: row.public_category,
    protectionMeasure: row.protection_measure,
    discreet: row.discreet,
    alias: row.alias,
    needsLegalRepresentative: (age !== null && age < 18) || row.protection_measure !== null,
    legalRepresentativeRecorded: relatives.some((r) => r.legal),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
  const trusted = relatives.find((r) => r.trusted);
  return {
    person,
    careTeam: row.care_team ?? [],
    circle: {
      relatives: relatives.length,
      legalRepresentatives: relatives.filter((r) => r.legal).map((r) => ({ id: r.id, name: r.name, relationship: r.relationship })),
      trustedPerson: trusted ? { id: trusted.id, name: trusted.name, relationship: trusted.relationship } : null,
      takingPartInPlan: relatives.filter((r) => r.inPlan).length,
    },
    currentEpisodes: (row.current_episodes ?? []).map((e) => ({
      ...e,
      plan: e.planStatus ? { status: e.planStatus, version: e.planVersion!, goals: e.planGoals ?? 0 } : null,
    })),
    endedEpisodes: row.ended_episodes,
  };
}
