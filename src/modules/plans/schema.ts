import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, organizationId } from '../../db/columns.js';
import { episode } from '../admissions/schema.js';
import { person } from '../people/schema.js';
import { staffMember } from '../staff/schema.js';

// ——— Assessment ("diagnostic") ———

export const questionTypes = ['text', 'choice', 'multi_choice', 'scale'] as const;
export type QuestionType = (typeof questionTypes)[number];
export interface TemplateQuestion {
  id: string;
  label: string;
  type: QuestionType;
  /** For choice and multi_choice. */
  options?: string[];
  /** For scale: from min to max, with the words at both ends. */
  scale?: { min: number; max: number; minLabel: string; maxLabel: string };
}
export interface TemplateSection {
  id: string;
  title: string;
  questions: TemplateQuestion[];
}

// An assessment template the structure writes (sections of questions).
export const assessmentTemplate = pgTable(
  'assessment_template',
  {
    organizationId: organizationId(),
    id: idColumn(),
    name: text('name').notNull(),
    sections: jsonb('sections').$type<TemplateSection[]>().notNull(),
    /** The French default every structure starts with. */
    isDefault: boolean('is_default').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.id] }), uniqueIndex('assessment_template_one_default').on(t.organizationId).where(sql`is_default`)],
);

/** Who took part in an assessment, an evaluation or a plan's making. */
export interface Participant {
  kind: 'person' | 'relative' | 'staff' | 'other';
  relativeId?: string | null;
  staffMemberId?: string | null;
  disciplineId?: string | null;
  name?: string | null;
}
export type AnswerValue = string | string[] | number | null;

// An assessment of a person's situation within an episode, on a template (kept as it was used).
export const assessment = pgTable(
  'assessment',
  {
    organizationId: organizationId(),
    id: idColumn(),
    episodeId: uuid('episode_id').notNull(),
    personId: uuid('person_id').notNull(),
    templateId: uuid('template_id').notNull(),
    templateName: text('template_name').notNull(),
    sections: jsonb('sections').$type<TemplateSection[]>().notNull(),
    answers: jsonb('answers').$type<Record<string, AnswerValue>>().notNull(),
    /** The person's expectations, in their own words. */
    expectations: text('expectations'),
    strengths: text('strengths'),
    obstacles: text('obstacles'),
    participants: jsonb('participants').$type<Participant[]>().notNull(),
    assessedOn: date('assessed_on').notNull(),
    /** Optimistic concurrency: each save increments it; a save on an older revision is refused (412). */
    revision: integer('revision').notNull().default(1),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    updatedBy: uuid('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.episodeId], foreignColumns: [episode.organizationId, episode.id] }),
    foreignKey({ columns: [t.organizationId, t.personId], foreignColumns: [person.organizationId, person.id] }),
    foreignKey({ columns: [t.organizationId, t.templateId], foreignColumns: [assessmentTemplate.organizationId, assessmentTemplate.id] }),
    index('assessment_episode_idx').on(t.organizationId, t.episodeId, t.assessedOn),
  ],
);

// ——— Plan, goals, actions ———

export const lifeDomains = ['daily_autonomy', 'health', 'social_life', 'housing', 'employment_training', 'schooling', 'family', 'resources_rights', 'wellbeing', 'other'] as const;
export type LifeDomain = (typeof lifeDomains)[number];
export const goalProposers = ['person', 'relative', 'professional', 'jointly'] as const;
export const actionStatuses = ['planned', 'in_progress', 'done', 'stopped'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export interface ActionActor {
  kind: 'staff' | 'discipline' | 'partner' | 'person' | 'relative';
  staffMemberId?: string | null;
  disciplineId?: string | null;
  partnerId?: string | null;
  relativeId?: string | null;
}
export interface PlanAction {
  id: string;
  who: ActionActor;
  what: string;
  frequency: string | null;
  startOn: string | null;
  endOn: string | null;
  status: ActionStatus;
}
/** The five levels of goal attainment scaling, each described when the goal is set ("-2" … "2"). */
export type AttainmentScale = Record<'-2' | '-1' | '0' | '1' | '2', string>;
export interface PlanGoal {
  /** Stable across versions: evaluations refer to it. */
  id: string;
  personWording: string;
  professionalWording: string | null;
  domain: LifeDomain;
  proposedBy: (typeof goalProposers)[number];
  priority: 1 | 2 | 3;
  targetOn: string | null;
  /** What the person aims to do on their own (autonomy, not dependency). */
  autonomyAim: string;
  scale: AttainmentScale;
  weight: number;
  actions: PlanAction[];
}
export interface PlanContent {
  /** The plan's summary in plain words, shared with the person. */
  summary: string | null;
  goals: PlanGoal[];
}

// One plan per episode; its versions carry the content.
export const plan = pgTable(
  'plan',
  {
    organizationId: organizationId(),
    id: idColumn(),
    episodeId: uuid('episode_id').notNull(),
    personId: uuid('person_id').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.episodeId], foreignColumns: [episode.organizationId, episode.id] }),
    foreignKey({ columns: [t.organizationId, t.personId], foreignColumns: [person.organizationId, person.id] }),
    uniqueIndex('plan_one_per_episode').on(t.organizationId, t.episodeId),
    index('plan_person_idx').on(t.organizationId, t.personId),
  ],
);

export const planStatuses = ['draft', 'proposed', 'agreed', 'active', 'superseded'] as const;
export type PlanStatus = (typeof planStatuses)[number];

// A version of a plan. Its content is never overwritten (trigger): saving makes the next version,
// and two saves on the same version collide on (plan, number): one wins, the other gets a 412.
export const planVersion = pgTable(
  'plan_version',
  {
    organizationId: organizationId(),
    id: idColumn(),
    planId: uuid('plan_id').notNull(),
    number: integer('number').notNull(),
    status: text('status').$type<PlanStatus>().notNull().default('draft'),
    content: jsonb('content').$type<PlanContent>().notNull(),
    /** SHA-256 of the content as agreed: each agreement is bound to it. */
    contentHash: text('content_hash').notNull(),
    changeNote: text('change_note'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    agreedOn: date('agreed_on'),
    activeFrom: date('active_from'),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.planId], foreignColumns: [plan.organizationId, plan.id] }),
    foreignKey({ columns: [t.organizationId, t.createdBy], foreignColumns: [staffMember.organizationId, staffMember.id] }),
    uniqueIndex('plan_version_number_unique').on(t.organizationId, t.planId, t.number),
    // At most one version in force per plan.
    uniqueIndex('plan_version_one_active').on(t.organizationId, t.planId).where(sql`status = 'active'`),
    check('plan_version_status_valid', sql`${t.status} in ('draft','proposed','agreed','active','superseded')`),
    check('plan_version_number_positive', sql`${t.number} > 0`),
  ],
);

export interface GoalScore {
  goalId: string;
  level: -2 | -1 | 0 | 1 | 2;
  comment: string | null;
}

// A dated evaluation of a plan version's goals, never edited.
export const planEvaluation = pgTable(
  'plan_evaluation',
  {
    organizationId: organizationId(),
    id: idColumn(),
    planId: uuid('plan_id').notNull(),
    versionId: uuid('version_id').notNull(),
    evaluatedOn: date('evaluated_on').notNull(),
    scores: jsonb('scores').$type<GoalScore[]>().notNull(),
    /** The person's own view of where they stand. */
    personView: text('person_view'),
    comments: text('comments'),
    participants: jsonb('participants').$type<Participant[]>().notNull(),
    tScore: numeric('t_score', { precision: 5, scale: 1, mode: 'number' }),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.planId], foreignColumns: [plan.organizationId, plan.id] }),
    foreignKey({ columns: [t.organizationId, t.versionId], foreignColumns: [planVersion.organizationId, planVersion.id] }),
    index('plan_evaluation_plan_idx').on(t.organizationId, t.planId, t.evaluatedOn),
  ],
);

// ——— Contract of stay / DIPC ———

export const contractKinds = ['contrat_de_sejour', 'dipc'] as const;
export type ContractKind = (typeof contractKinds)[number];

// The structure's template for its contract of stay or DIPC, with {{placeholders}}.
export const documentTemplate = pgTable(
  'document_template',
  {
    organizationId: organizationId(),
    id: idColumn(),
    kind: text('kind').$type<ContractKind>().notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.id] }), uniqueIndex('document_template_kind_unique').on(t.organizationId, t.kind), check('document_template_kind_valid', sql`${t.kind} in ('contrat_de_sejour','dipc')`)],
);

// A version of an episode's contract, generated from the template; its text is never overwritten.
export const contractVersion = pgTable(
  'contract_version',
  {
    organizationId: organizationId(),
    id: idColumn(),
    episodeId: uuid('episode_id').notNull(),
    kind: text('kind').$type<ContractKind>().notNull(),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    contentHash: text('content_hash').notNull(),
    handedOverOn: date('handed_over_on'),
    signedOn: date('signed_on'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.episodeId], foreignColumns: [episode.organizationId, episode.id] }),
    uniqueIndex('contract_version_number_unique').on(t.organizationId, t.episodeId, t.number),
    check('contract_version_kind_valid', sql`${t.kind} in ('contrat_de_sejour','dipc')`),
  ],
);

// ——— Agreement (signatures) ———

export const agreementParties = ['person', 'legal_representative', 'referent'] as const;
export type AgreementParty = (typeof agreementParties)[number];

// A party's agreement to an exact version (a plan's or a contract's), or their refusal to sign.
// Never edited; bound to the version's content hash.
export const agreement = pgTable(
  'agreement',
  {
    organizationId: organizationId(),
    id: idColumn(),
    subjectType: text('subject_type').$type<'plan_version' | 'contract_version'>().notNull(),
    subjectId: uuid('subject_id').notNull(),
    contentHash: text('content_hash').notNull(),
    personId: uuid('person_id').notNull(),
    party: text('party').$type<AgreementParty>().notNull(),
    signerName: text('signer_name').notNull(),
    relativeId: uuid('relative_id'),
    staffMemberId: uuid('staff_member_id'),
    outcome: text('outcome').$type<'signed' | 'refused'>().notNull(),
    refusalNote: text('refusal_note'),
    /** The signature drawn on the tablet (PNG data URL), if any. */
    signatureImage: text('signature_image'),
    signedOn: date('signed_on').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.personId], foreignColumns: [person.organizationId, person.id] }),
    uniqueIndex('agreement_one_per_party').on(t.organizationId, t.subjectType, t.subjectId, t.party),
    check('agreement_subject_valid', sql`${t.subjectType} in ('plan_version','contract_version')`),
    check('agreement_party_valid', sql`${t.party} in ('person','legal_representative','referent')`),
    check('agreement_outcome_valid', sql`${t.outcome} in ('signed','refused') AND (${t.outcome} = 'signed' OR length(btrim(coalesce(${t.refusalNote}, ''))) > 0)`),
    check('agreement_signature_size', sql`${t.signatureImage} IS NULL OR length(${t.signatureImage}) <= 400000`),
  ],
);

// ——— Changes of situation (they call for a review of the plan) ———

export const situationChange = pgTable(
  'situation_change',
  {
    organizationId: organizationId(),
    id: idColumn(),
    episodeId: uuid('episode_id').notNull(),
    notedOn: date('noted_on').notNull(),
    note: text('note').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    foreignKey({ columns: [t.organizationId, t.episodeId], foreignColumns: [episode.organizationId, episode.id] }),
    index('situation_change_episode_idx').on(t.organizationId, t.episodeId),
  ],
);
