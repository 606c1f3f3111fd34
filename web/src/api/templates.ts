import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { QuestionType } from './plan-assessments';
import type { ContractKind } from './plans';

// The structure's templates (src/modules/plans/manage-assessments.ts and manage-contracts.ts):
// assessment templates, and the contract of stay and DIPC texts. Every staff member reads them (the
// server writes the French defaults on the first read); services:manage changes them.
// The list of assessment templates is read with useAssessmentTemplates (plan-assessments.ts), under
// the same key, so that an episode's "new assessment" form sees a change at once.

/** A section as the API receives it: an id kept from the template being changed, none for a new one. */
export interface TemplateSectionInput {
  id?: string;
  title: string;
  questions: {
    id?: string;
    label: string;
    type: QuestionType;
    options?: string[];
    scale?: { min: number; max: number; minLabel: string; maxLabel: string };
  }[];
}

export interface AssessmentTemplateInput {
  name: string;
  sections: TemplateSectionInput[];
}

export function createAssessmentTemplate(body: AssessmentTemplateInput, idempotencyKey: string) {
  return api.postIdempotent<{ id: string }>('/api/v1/assessment-templates', body, idempotencyKey);
}

export function updateAssessmentTemplate(templateId: string, body: Partial<AssessmentTemplateInput>) {
  return api.patch(`/api/v1/assessment-templates/${templateId}`, body);
}

/** Archived templates leave the list and are no longer offered; assessments made on them keep their questions. */
export function archiveAssessmentTemplate(templateId: string) {
  return api.patch(`/api/v1/assessment-templates/${templateId}`, { archived: true });
}

export interface DocumentTemplate {
  id: string;
  kind: ContractKind;
  title: string;
  /** Plain text with {{fields}} filled in when a contract is generated. */
  body: string;
  updatedAt: string;
}

export const documentTemplatesKey = ['document-templates'] as const;

/** The contract of stay and the DIPC templates, by kind. */
export function useDocumentTemplates() {
  return useQuery({ queryKey: documentTemplatesKey, queryFn: () => api.get<DocumentTemplate[]>('/api/v1/document-templates') });
}

/** Refused with a field error on `body.body` when the text names a field the server does not know. */
export function saveDocumentTemplate(kind: ContractKind, body: { title: string; body: string }) {
  return api.put(`/api/v1/document-templates/${kind}`, body);
}

/** The fields a contract's text may use (contractPlaceholders in src/modules/plans/manage-contracts.ts). */
export const contractFields = ['structure.nom', 'personne.nom', 'personne.date_naissance', 'dispositif.nom', 'prise_en_charge.debut', 'prise_en_charge.fin_prevue', 'referent.nom', 'coordonnateur.nom', 'date'] as const;
export type ContractField = (typeof contractFields)[number];

/** The same pattern the server reads fields with: "{{ personne.nom }}" is "personne.nom". */
export const fieldPattern = /\{\{\s*([^}]+?)\s*\}\}/g;

export const isContractField = (name: string): name is ContractField => (contractFields as readonly string[]).includes(name);
