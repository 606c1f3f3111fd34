import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from './client';
import type { Relative } from './types';

// Following a plan (src/modules/plans): assessments ("diagnostics") on the structure's templates,
// evaluations of the version in force, and the deadlines the law and good practice set. The care
// team reads and writes; the structure's list of deadlines is for those with deadlines:oversee.

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

export interface AssessmentTemplate {
  id: string;
  name: string;
  sections: TemplateSection[];
  /** The French default every structure starts with. */
  isDefault: boolean;
}

export type AnswerValue = string | string[] | number | null;

/** Who took part in an assessment or an evaluation. */
export interface Participant {
  kind: 'person' | 'relative' | 'staff' | 'other';
  relativeId?: string | null;
  staffMemberId?: string | null;
  disciplineId?: string | null;
  name?: string | null;
}

export interface Assessment {
  id: string;
  templateName: string;
  /** The questions as they were asked (a template may change afterwards). */
  sections: TemplateSection[];
  answers: Record<string, AnswerValue>;
  expectations: string | null;
  strengths: string | null;
  obstacles: string | null;
  participants: Participant[];
  assessedOn: string;
  /** Each save increments it; a save on an older revision is refused (412). */
  revision: number;
  updatedByName: string;
  updatedAt: string;
}

export interface AssessmentFields {
  answers: Record<string, AnswerValue>;
  expectations: string | null;
  strengths: string | null;
  obstacles: string | null;
  participants: Participant[];
  assessedOn: string;
}

export const attainmentLevels = [-2, -1, 0, 1, 2] as const;
export type AttainmentLevel = (typeof attainmentLevels)[number];
export type AttainmentScale = Record<'-2' | '-1' | '0' | '1' | '2', string>;

/** The part of a plan goal the evaluations need (the plan editor has the full shape). */
export interface EvaluatedGoal {
  id: string;
  personWording: string;
  professionalWording: string | null;
  scale: AttainmentScale;
  weight: number;
}

export interface GoalScore {
  goalId: string;
  level: AttainmentLevel;
  comment: string | null;
}

export interface PlanEvaluation {
  id: string;
  versionNumber: number;
  evaluatedOn: string;
  scores: GoalScore[];
  personView: string | null;
  comments: string | null;
  participants: Participant[];
  tScore: number | null;
  createdByName: string;
}

/** What the evaluations read of GET /api/v1/episodes/:episodeId/plan. */
export interface PlanFollowUp {
  planId: string | null;
  active: { id: string; number: number; activeFrom: string | null; agreedOn: string | null; content: { goals: EvaluatedGoal[] } } | null;
  evaluations: PlanEvaluation[];
  progress: { goalId: string; personWording: string; points: { evaluatedOn: string; level: AttainmentLevel }[] }[];
}

export interface EvaluationInput {
  evaluatedOn: string;
  scores: GoalScore[];
  personView: string | null;
  comments: string | null;
  participants: Participant[];
}

export type DeadlineKind = 'contract_handover' | 'contract_signature' | 'objectives_annex' | 'plan_review' | 'situation_review';
export type DeadlineStatus = 'done' | 'done_late' | 'upcoming' | 'due_soon' | 'overdue';
export const openDeadlineStatuses = ['overdue', 'due_soon', 'upcoming'] as const;

export interface EpisodeDeadline {
  kind: DeadlineKind;
  dueOn: string;
  doneOn: string | null;
  status: DeadlineStatus;
  /** Days from today to the due date: negative when overdue; null when done. */
  daysLeft: number | null;
}

/** A deadline in a list across episodes; a discreet person appears by alias or initials. */
export interface DeadlineItem {
  episodeId: string;
  personId: string;
  displayName: string;
  serviceName: string;
  referentName: string;
  kind: DeadlineKind;
  dueOn: string;
  status: DeadlineStatus;
  daysLeft: number | null;
}

/** Everything read about one episode sits under this key (as the episode page's own query does). */
export const episodeScopeKey = (episodeId: string) => ['episode', episodeId] as const;
export const assessmentTemplatesKey = ['assessment-templates'] as const;
export const assessmentsKey = (episodeId: string) => ['episode', episodeId, 'assessments'] as const;
export const planFollowUpKey = (episodeId: string) => ['episode', episodeId, 'plan'] as const;
export const episodeDeadlinesKey = (episodeId: string) => ['episode', episodeId, 'deadlines'] as const;
export const deadlinesKey = ['deadlines'] as const;

export function useAssessmentTemplates() {
  return useQuery({ queryKey: assessmentTemplatesKey, queryFn: () => api.get<AssessmentTemplate[]>('/api/v1/assessment-templates'), staleTime: 60_000 });
}

/** Newest first. */
export function useAssessments(episodeId: string) {
  return useQuery({ queryKey: assessmentsKey(episodeId), queryFn: () => api.get<Assessment[]>(`/api/v1/episodes/${episodeId}/assessments`) });
}

/** The person's circle, to name the relatives who took part (same key as the record's circle). */
export function useRelatives(personId: string) {
  return useQuery({ queryKey: ['person', personId, 'relatives'], queryFn: () => api.get<Relative[]>(`/api/v1/people/${personId}/relatives`) });
}

export function createAssessment(episodeId: string, body: AssessmentFields & { templateId: string }, idempotencyKey: string) {
  return api.postIdempotent<{ id: string; revision: number }>(`/api/v1/episodes/${episodeId}/assessments`, body, idempotencyKey);
}

/** Refused with 412 version_conflict when someone saved since `revision` (the problem's detail names them). */
export function updateAssessment(assessmentId: string, body: AssessmentFields & { revision: number }) {
  return api.patch<{ revision: number }>(`/api/v1/assessments/${assessmentId}`, body);
}

export function usePlanFollowUp(episodeId: string) {
  return useQuery({ queryKey: planFollowUpKey(episodeId), queryFn: () => api.get<PlanFollowUp>(`/api/v1/episodes/${episodeId}/plan`) });
}

export function recordEvaluation(versionId: string, body: EvaluationInput, idempotencyKey: string) {
  return api.postIdempotent<{ id: string; tScore: number | null }>(`/api/v1/plan-versions/${versionId}/evaluations`, body, idempotencyKey);
}

/** Every deadline of one episode, done or not, by due date. */
export function useEpisodeDeadlines(episodeId: string) {
  return useQuery({ queryKey: episodeDeadlinesKey(episodeId), queryFn: () => api.get<EpisodeDeadline[]>(`/api/v1/episodes/${episodeId}/deadlines`) });
}

/** What is due within `withinDays` or overdue: mine (référent or coordinator) or the structure's. */
export function useDeadlines(scope: 'mine' | 'structure', withinDays: number, { limit = 200, enabled = true }: { limit?: number; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...deadlinesKey, scope, withinDays, limit],
    enabled,
    queryFn: () => api.get<{ items: DeadlineItem[]; total: number }>(`/api/v1/deadlines?scope=${scope}&withinDays=${withinDays}&limit=${limit}`),
    placeholderData: (previous) => previous,
  });
}

export function recordSituationChange(episodeId: string, body: { notedOn: string; note: string }) {
  return api.post<{ id: string }>(`/api/v1/episodes/${episodeId}/situation-changes`, body);
}

/** The occurrence-specific sentence of a 412 ("Modifié par Julien Perrin le 12/03/2026 à 10:42 (version 3)."), if any. */
export function conflictDetail(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.status !== 412) return null;
  return error.problem.detail ?? null;
}
