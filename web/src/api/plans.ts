import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from './client';
import type { Locale, Relative } from './types';

// The personalised support plan (PAP) of an episode, its versions and agreements, and the contract of
// stay or DIPC (src/modules/plans/routes.ts). Read by the care team (person:read); written by
// person:update holders on the care team (the API answers 403 otherwise). The lists come from
// src/modules/plans/schema.ts.

export const lifeDomains = ['daily_autonomy', 'health', 'social_life', 'housing', 'employment_training', 'schooling', 'family', 'resources_rights', 'wellbeing', 'other'] as const;
export type LifeDomain = (typeof lifeDomains)[number];
export const goalProposers = ['person', 'relative', 'professional', 'jointly'] as const;
export type GoalProposer = (typeof goalProposers)[number];
export const goalPriorities = [1, 2, 3] as const;
export type GoalPriority = (typeof goalPriorities)[number];
export const actionStatuses = ['planned', 'in_progress', 'done', 'stopped'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export const actorKinds = ['staff', 'discipline', 'partner', 'person', 'relative'] as const;
export type ActorKind = (typeof actorKinds)[number];
export const planStatuses = ['draft', 'proposed', 'agreed', 'active', 'superseded'] as const;
export type PlanStatus = (typeof planStatuses)[number];
/** The five levels of goal attainment scaling, from well below (−2) to well above (+2) the expected result (0). */
export const attainmentLevels = ['-2', '-1', '0', '1', '2'] as const;
export type AttainmentLevel = (typeof attainmentLevels)[number];
export type AttainmentScale = Record<AttainmentLevel, string>;
export const agreementParties = ['person', 'legal_representative', 'referent'] as const;
export type AgreementParty = (typeof agreementParties)[number];
export const contractKinds = ['contrat_de_sejour', 'dipc'] as const;
export type ContractKind = (typeof contractKinds)[number];

/** Who carries out an action: one of the ids, by kind. */
export interface ActionActor {
  kind: ActorKind;
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

export interface PlanGoal {
  /** Stable across versions: evaluations refer to it. */
  id: string;
  personWording: string;
  professionalWording: string | null;
  domain: LifeDomain;
  proposedBy: GoalProposer;
  priority: GoalPriority;
  targetOn: string | null;
  autonomyAim: string;
  scale: AttainmentScale;
  weight: number;
  actions: PlanAction[];
}

export interface PlanContent {
  summary: string | null;
  goals: PlanGoal[];
}

/** A party's signature or refusal to sign, bound to the exact version (the drawn image is not sent back). */
export interface Agreement {
  party: AgreementParty;
  signerName: string;
  outcome: 'signed' | 'refused';
  refusalNote: string | null;
  signedOn: string;
  recordedAt: string;
  drawnSignature: boolean;
}

export interface PlanVersionSummary {
  id: string;
  number: number;
  status: PlanStatus;
  contentHash: string;
  changeNote: string | null;
  createdByName: string;
  createdAt: string;
  agreedOn: string | null;
  activeFrom: string | null;
  agreements: Agreement[];
}

export interface PlanVersionWithContent extends PlanVersionSummary {
  content: PlanContent;
}

export interface GoalScore {
  goalId: string;
  level: -2 | -1 | 0 | 1 | 2;
  comment: string | null;
}

export interface PlanEvaluation {
  id: string;
  versionNumber: number;
  evaluatedOn: string;
  scores: GoalScore[];
  personView: string | null;
  comments: string | null;
  participants: unknown[];
  tScore: number | null;
  createdByName: string;
}

/** An episode's plan: versions newest first, the latest and the one in force with their content. */
export interface EpisodePlan {
  planId: string | null;
  versions: PlanVersionSummary[];
  latest: PlanVersionWithContent | null;
  active: PlanVersionWithContent | null;
  evaluations: PlanEvaluation[];
  progress: { goalId: string; personWording: string; points: { evaluatedOn: string; level: number }[] }[];
}

/** One version as GET /api/v1/plan-versions/:id gives it (history view). */
export interface PlanVersionDetail {
  id: string;
  number: number;
  status: PlanStatus;
  content: PlanContent;
  contentHash: string;
  createdAt: string;
}

export type GoalChange =
  | { change: 'added'; goalId: string; personWording: string }
  | { change: 'removed'; goalId: string; personWording: string }
  | { change: 'changed'; goalId: string; personWording: string; fields: string[]; actionsAdded: number; actionsRemoved: number; actionsChanged: number };

export interface PlanChanges {
  from: number;
  to: number;
  summaryChanged: boolean;
  goals: GoalChange[];
}

/** What saving sends: goals and actions without an id are new; ids of the starting version are kept. */
export interface PlanContentInput {
  summary: string | null;
  goals: (Omit<PlanGoal, 'id' | 'weight' | 'actions'> & { id?: string; weight?: number; actions: (Omit<PlanAction, 'id'> & { id?: string })[] })[];
}

export interface AgreementInput {
  party: AgreementParty;
  outcome: 'signed' | 'refused';
  relativeId?: string | null;
  refusalNote?: string | null;
  signatureImage?: string | null;
  signedOn: string;
  /** The hash of the version the signer was shown: the server refuses if it changed since. */
  contentHash: string;
}

export interface Contract {
  id: string;
  kind: ContractKind;
  number: number;
  title: string;
  body: string;
  contentHash: string;
  handedOverOn: string | null;
  signedOn: string | null;
  createdAt: string;
  agreements: Agreement[];
}

export type DeadlineKind = 'contract_handover' | 'contract_signature' | 'objectives_annex' | 'plan_review' | 'situation_review';
export interface EpisodeDeadline {
  kind: DeadlineKind;
  dueOn: string;
  doneOn: string | null;
  status: 'done' | 'done_late' | 'upcoming' | 'due_soon' | 'overdue';
  daysLeft: number | null;
}

// Under the episode's key: refreshing the episode refreshes its plan, contracts and deadlines.
export const episodePlanKey = (episodeId: string) => ['episode', episodeId, 'plan'] as const;
export const episodeContractsKey = (episodeId: string) => ['episode', episodeId, 'contracts'] as const;
export const episodeDeadlinesKey = (episodeId: string) => ['episode', episodeId, 'deadlines'] as const;
const planVersionKey = (versionId: string) => ['plan-version', versionId] as const;

export function fetchEpisodePlan(episodeId: string) {
  return api.get<EpisodePlan>(`/api/v1/episodes/${episodeId}/plan`);
}

export function useEpisodePlan(episodeId: string) {
  return useQuery({ queryKey: episodePlanKey(episodeId), queryFn: () => fetchEpisodePlan(episodeId) });
}

/** A version's content, as recorded (never changed, so kept as long as the page lives). */
export function usePlanVersion(versionId: string | null) {
  return useQuery({
    queryKey: planVersionKey(versionId ?? ''),
    queryFn: () => api.get<PlanVersionDetail>(`/api/v1/plan-versions/${versionId}`),
    enabled: versionId !== null,
    staleTime: Infinity,
  });
}

/** What changed from `fromId` to `versionId`, goal by goal. */
export function usePlanChanges(versionId: string, fromId: string | null) {
  return useQuery({
    queryKey: ['plan-version', versionId, 'changes', fromId],
    queryFn: () => api.get<PlanChanges>(`/api/v1/plan-versions/${versionId}/changes?from=${fromId}`),
    enabled: fromId !== null,
    staleTime: Infinity,
  });
}

/** The person's circle: for actions carried out by a relative, and the legal representative who signs. */
export function useRelatives(personId: string) {
  return useQuery({ queryKey: ['person', personId, 'relatives'], queryFn: () => api.get<Relative[]>(`/api/v1/people/${personId}/relatives`) });
}

export function useEpisodeContracts(episodeId: string) {
  return useQuery({ queryKey: episodeContractsKey(episodeId), queryFn: () => api.get<Contract[]>(`/api/v1/episodes/${episodeId}/contracts`) });
}

export function useEpisodeDeadlines(episodeId: string) {
  return useQuery({ queryKey: episodeDeadlinesKey(episodeId), queryFn: () => api.get<EpisodeDeadline[]>(`/api/v1/episodes/${episodeId}/deadlines`) });
}

/**
 * Saves the plan as a new version. `basedOn` is the number of the version the editor started from
 * (null for the first): if another version was saved since, the server answers 412 (see conflictOf).
 */
export function savePlanVersion(episodeId: string, body: { basedOn: number | null; content: PlanContentInput; changeNote: string | null }, idempotencyKey: string) {
  return api.postIdempotent<{ planId: string; versionId: string; number: number }>(`/api/v1/episodes/${episodeId}/plan/versions`, body, idempotencyKey);
}

export function proposePlanVersion(versionId: string) {
  return api.post(`/api/v1/plan-versions/${versionId}/propose`);
}

export function recordPlanAgreement(versionId: string, body: AgreementInput) {
  return api.post<{ status: string }>(`/api/v1/plan-versions/${versionId}/agreements`, body);
}

export function activatePlanVersion(versionId: string, activeFrom: string) {
  return api.post(`/api/v1/plan-versions/${versionId}/activate`, { activeFrom });
}

export function generateContract(episodeId: string, kind: ContractKind, idempotencyKey: string) {
  return api.postIdempotent<{ id: string; number: number }>(`/api/v1/episodes/${episodeId}/contracts`, { kind }, idempotencyKey);
}

export function markContractHandedOver(contractId: string, on: string) {
  return api.post(`/api/v1/contracts/${contractId}/handed-over`, { on });
}

export function recordContractAgreement(contractId: string, body: AgreementInput) {
  return api.post<{ signed: boolean }>(`/api/v1/contracts/${contractId}/agreements`, body);
}

/** The PDF of a plan version (a plain link: the session cookie goes with it). */
export function planVersionDocumentUrl(versionId: string, locale: Locale): string {
  return `/api/v1/plan-versions/${versionId}/document?lang=${locale}`;
}

export function contractDocumentUrl(contractId: string, locale: Locale): string {
  return `/api/v1/contracts/${contractId}/document?lang=${locale}`;
}

/** A 412 on saving: who saved in the meantime, as the server says it ("Modifié par X le … à … (version N)."). */
export interface VersionConflict {
  detail: string;
  latestVersion: number | null;
}

export function conflictOf(error: unknown): VersionConflict | null {
  if (!(error instanceof ApiError) || error.code !== 'version_conflict') return null;
  const latest = error.problem.details?.latestVersion;
  return { detail: error.problem.detail ?? error.problem.title, latestVersion: typeof latest === 'number' ? latest : null };
}
