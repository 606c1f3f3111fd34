// The journal of an episode and of a person (src/modules/journal): entries, amendments, search.

export const journalEntryKinds = ['observation', 'session_note', 'practical_concern', 'emerging_need', 'unplanned_contact', 'incident', 'crisis'] as const;
export type JournalEntryKind = (typeof journalEntryKinds)[number];
export const confidentialityLevels = ['care_team', 'restricted', 'author_only'] as const;
export type ConfidentialityLevel = (typeof confidentialityLevels)[number];

export interface JournalAmendment {
  number: number;
  text: string;
  reason: string | null;
  authorName: string;
  createdAt: string;
}

export interface JournalEntry {
  id: string;
  episodeId: string;
  personId: string;
  kind: JournalEntryKind;
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
  canEdit: boolean;
  canAmend: boolean;
  amendments: JournalAmendment[];
}

export interface JournalPage {
  items: JournalEntry[];
  nextCursor: string | null;
}

export interface JournalEntryInput {
  kind: JournalEntryKind;
  text: string;
  occurredAt: string;
  confidentiality: ConfidentialityLevel;
  goalId: string | null;
  appointmentId: string | null;
}

export interface JournalSearchHit {
  id: string;
  episodeId: string;
  personId: string;
  personLabel: string;
  kind: JournalEntryKind;
  occurredAt: string;
  confidentiality: ConfidentialityLevel;
  authorName: string;
  rank: number;
  /** Plain-text parts of the excerpt; `mark` for the words that matched. */
  excerpt: { text: string; mark: boolean }[];
}

export interface JournalSearchResult {
  items: JournalSearchHit[];
  nextOffset: number | null;
}

export const episodeJournalKey = (episodeId: string) => ['journal', 'episode', episodeId] as const;
export const journalSearchKey = (params: string) => ['journal', 'search', params] as const;
