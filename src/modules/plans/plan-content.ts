import crypto from 'node:crypto';
import { newId } from '../../db/columns.js';
import { DomainError } from '../../lib/domain-error.js';
import type { Translated } from '../../lib/i18n.js';
import { optionalText } from '../../lib/text.js';
import type { ActionActor, AttainmentScale, LifeDomain, PlanAction, PlanContent, PlanGoal, ActionStatus } from './schema.js';

export interface PlanActionInput {
  id?: string | undefined;
  who: ActionActor;
  what: string;
  frequency?: string | null | undefined;
  startOn?: string | null | undefined;
  endOn?: string | null | undefined;
  status?: ActionStatus | undefined;
}
export interface PlanGoalInput {
  id?: string | undefined;
  personWording: string;
  professionalWording?: string | null | undefined;
  domain: LifeDomain;
  proposedBy: PlanGoal['proposedBy'];
  priority: 1 | 2 | 3;
  targetOn?: string | null | undefined;
  autonomyAim: string;
  scale: AttainmentScale;
  weight?: number | undefined;
  actions?: PlanActionInput[] | undefined;
}
export interface PlanContentInput {
  summary?: string | null | undefined;
  goals: PlanGoalInput[];
}

const levels = ['-2', '-1', '0', '1', '2'] as const;
type FieldProblem = { field: string; message: Translated };

/** The references a plan's actions may name, as they stand in the structure and the person's circle. */
export interface KnownReferences {
  staff: Set<string>;
  disciplines: Set<string>;
  partners: Set<string>;
  relatives: Set<string>;
}

/**
 * The content as stored: trimmed, with ids kept for goals and actions that existed in the version it
 * is based on (evaluations refer to goals by id) and new ids for new ones; refused field by field
 * when an action names someone unknown or dates are the wrong way round. Keys are written in a fixed
 * order so the content hash is stable.
 */
export function normalizePlanContent(input: PlanContentInput, previous: PlanContent | null, known: KnownReferences): PlanContent {
  const problems: FieldProblem[] = [];
  const previousGoals = new Map((previous?.goals ?? []).map((g) => [g.id, g]));
  const seenGoals = new Set<string>();
  const goals: PlanGoal[] = input.goals.map((g, gi) => {
    const base = `body.content.goals.${gi}`;
    const id = g.id && previousGoals.has(g.id) && !seenGoals.has(g.id) ? g.id : newId();
    seenGoals.add(id);
    const previousActions = new Set((previousGoals.get(id)?.actions ?? []).map((a) => a.id));
    const scale = Object.fromEntries(levels.map((l) => [l, g.scale[l].trim()])) as AttainmentScale;
    const actions: PlanAction[] = (g.actions ?? []).map((a, ai) => {
      const at = `${base}.actions.${ai}`;
      const who = actor(a.who, `${at}.who`, known, problems);
      if (a.startOn && a.endOn && a.endOn < a.startOn) problems.push({ field: `${at}.endOn`, message: { fr: 'La fin précède le début.', en: 'The end is before the start.' } });
      return {
        id: a.id && previousActions.has(a.id) ? a.id : newId(),
        who,
        what: a.what.trim(),
        frequency: optionalText(a.frequency) ?? null,
        startOn: a.startOn ?? null,
        endOn: a.endOn ?? null,
        status: a.status ?? 'planned',
      };
    });
    return {
      id,
      personWording: g.personWording.trim(),
      professionalWording: optionalText(g.professionalWording) ?? null,
      domain: g.domain,
      proposedBy: g.proposedBy,
      priority: g.priority,
      targetOn: g.targetOn ?? null,
      autonomyAim: g.autonomyAim.trim(),
      scale,
      weight: g.weight ?? 1,
      actions,
    };
  });
  if (problems.length) throw new DomainError('validation_failed', {}, problems);
  return { summary: optionalText(input.summary) ?? null, goals };
}

function actor(who: ActionActor, field: string, known: KnownReferences, problems: FieldProblem[]): ActionActor {
  const unknown = (name: string, fr: string, en: string) => problems.push({ field: `${field}.${name}`, message: { fr, en } });
  switch (who.kind) {
    case 'staff':
      if (!who.staffMemberId || !known.staff.has(who.staffMemberId)) unknown('staffMemberId', 'Professionnel inconnu ou désactivé.', 'Unknown or deactivated staff member.');
      return { kind: 'staff', staffMemberId: who.staffMemberId ?? null };
    case 'discipline':
      if (!who.disciplineId || !known.disciplines.has(who.disciplineId)) unknown('disciplineId', 'Discipline inconnue.', 'Unknown discipline.');
      return { kind: 'discipline', disciplineId: who.disciplineId ?? null };
    case 'partner':
      if (!who.partnerId || !known.partners.has(who.partnerId)) unknown('partnerId', 'Structure partenaire inconnue ou archivée.', 'Unknown or archived partner structure.');
      return { kind: 'partner', partnerId: who.partnerId ?? null };
    case 'relative':
      if (!who.relativeId || !known.relatives.has(who.relativeId)) unknown('relativeId', 'Ce proche ne fait pas partie de l’entourage de la personne.', 'This relative is not in the person’s circle.');
      return { kind: 'relative', relativeId: who.relativeId ?? null };
    case 'person':
      return { kind: 'person' };
  }
}

/** SHA-256 of the content as stored (keys in a fixed order): what an agreement is bound to. */
export function contentHash(content: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

export type GoalChange =
  | { change: 'added'; goalId: string; personWording: string }
  | { change: 'removed'; goalId: string; personWording: string }
  | { change: 'changed'; goalId: string; personWording: string; fields: string[]; actionsAdded: number; actionsRemoved: number; actionsChanged: number };

/** What changed from one version to another, goal by goal (goals keep their id across versions). */
export function comparePlanContents(from: PlanContent, to: PlanContent): { summaryChanged: boolean; goals: GoalChange[] } {
  const before = new Map(from.goals.map((g) => [g.id, g]));
  const after = new Map(to.goals.map((g) => [g.id, g]));
  const goals: GoalChange[] = [];
  for (const g of to.goals) {
    const old = before.get(g.id);
    if (!old) {
      goals.push({ change: 'added', goalId: g.id, personWording: g.personWording });
      continue;
    }
    const fields = (['personWording', 'professionalWording', 'domain', 'proposedBy', 'priority', 'targetOn', 'autonomyAim', 'scale', 'weight'] as const).filter(
      (f) => JSON.stringify(old[f]) !== JSON.stringify(g[f]),
    );
    const oldActions = new Map(old.actions.map((a) => [a.id, a]));
    const newActions = new Map(g.actions.map((a) => [a.id, a]));
    const actionsAdded = g.actions.filter((a) => !oldActions.has(a.id)).length;
    const actionsRemoved = old.actions.filter((a) => !newActions.has(a.id)).length;
    const actionsChanged = g.actions.filter((a) => oldActions.has(a.id) && JSON.stringify(oldActions.get(a.id)) !== JSON.stringify(a)).length;
    if (fields.length || actionsAdded || actionsRemoved || actionsChanged) goals.push({ change: 'changed', goalId: g.id, personWording: g.personWording, fields, actionsAdded, actionsRemoved, actionsChanged });
  }
  for (const g of from.goals) if (!after.has(g.id)) goals.push({ change: 'removed', goalId: g.id, personWording: g.personWording });
  return { summaryChanged: from.summary !== to.summary, goals };
}
