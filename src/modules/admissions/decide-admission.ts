import { and, eq, inArray, isNull } from 'drizzle-orm';
import { newId } from '../../db/columns.js';
import { isUniqueViolation } from '../../db/errors.js';
import { DomainError } from '../../lib/domain-error.js';
import type { Translated } from '../../lib/i18n.js';
import { optionalText } from '../../lib/text.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { joinCareTeamOnAdmission } from '../people/manage-care-team.js';
import { referralForDecision, setReferralOutcome } from '../referrals/manage-referral.js';
import type { ReferralStatus } from '../referrals/schema.js';
import { activeStaffAmong } from '../staff/staff-queries.js';
import { capacityBreach, capacityErrorFromDatabase, capacityFigures, lockServiceForAdmission, type ServiceRules } from './capacity.js';
import { admissionDecision, episode, episodePhaseChange, waitlistEntry, type CriterionAnswer, type DecisionOutcome, type OrientationTarget } from './schema.js';

export interface AdmissionDetails {
  referentId: string;
  coordinatorId: string;
  startedOn: string;
  plannedEndOn?: string | null | undefined;
  phaseCode?: string | null | undefined;
  /** Further care team members, each in one of their disciplines. */
  members?: { staffMemberId: string; disciplineId?: string | null | undefined }[] | undefined;
  referentDisciplineId?: string | null | undefined;
}

export interface DecisionInput {
  referralId: string;
  serviceId: string;
  outcome: DecisionOutcome;
  criteriaAnswers: { criterionId: string; met: boolean; note?: string | null | undefined }[];
  reasons?: string | null | undefined;
  orientationTo?: OrientationTarget | null | undefined;
  orientationDetail?: string | null | undefined;
  waitlistPriority?: number | null | undefined;
  letterRecipient?: 'person' | 'referrer' | null | undefined;
  /** A correction: the decision it replaces (the referral's current one). */
  supersedesId?: string | null | undefined;
  admission?: AdmissionDetails | null | undefined;
  /** Admitting beyond a caseload limit: a supervisor's written reason. */
  capacityOverrideReason?: string | null | undefined;
}

/** Emergency numbers the app shows whenever a safety criterion fails. */
export const emergencyNumbers = [
  { number: '15', label: { fr: 'SAMU (urgence médicale)', en: 'SAMU (medical emergency)' } },
  { number: '112', label: { fr: 'Numéro d’urgence européen', en: 'European emergency number' } },
  { number: '3114', label: { fr: 'Prévention du suicide, 24 h/24', en: 'Suicide prevention, 24/7' } },
] as const;

const field = (name: string, message: Translated) => ({ field: `body.${name}`, message });

/** Every criterion of the service answered once, no unknown ones; answers keep the criterion's wording of the day. */
function answersFor(rules: ServiceRules, given: DecisionInput['criteriaAnswers']): CriterionAnswer[] {
  const byId = new Map<string, { met: boolean; note: string | null }>();
  const problems = [];
  for (const [i, a] of given.entries()) {
    if (byId.has(a.criterionId)) problems.push(field(`criteriaAnswers.${i}.criterionId`, { fr: 'Ce critère a déjà une réponse.', en: 'This criterion is already answered.' }));
    byId.set(a.criterionId, { met: a.met, note: optionalText(a.note) ?? null });
  }
  const criteria = [
    ...rules.indicationCriteria.map((c) => ({ ...c, kind: 'indication' as const })),
    ...rules.safetyCriteria.map((c) => ({ ...c, kind: 'safety' as const })),
  ];
  const known = new Set(criteria.map((c) => c.id));
  for (const [i, a] of given.entries()) {
    if (!known.has(a.criterionId)) problems.push(field(`criteriaAnswers.${i}.criterionId`, { fr: 'Ce critère n’appartient pas à ce dispositif.', en: 'This criterion is not one of this service’s.' }));
  }
  const answers: CriterionAnswer[] = [];
  for (const c of criteria) {
    const a = byId.get(c.id);
    if (!a) {
      problems.push(field(`criteriaAnswers.${c.id}`, { fr: `Répondez au critère « ${c.label} ».`, en: `Answer the criterion “${c.label}”.` }));
      continue;
    }
    answers.push({ criterionId: c.id, kind: c.kind, label: c.label, met: a.met, note: a.note });
  }
  if (problems.length) throw new DomainError('validation_failed', {}, problems);
  return answers;
}

const statusFor: Record<DecisionOutcome, ReferralStatus> = { admit: 'admitted', waitlist: 'waitlisted', refuse: 'refused', orient: 'oriented' };

export interface DecisionOptions {
  /** Answers carried over from an earlier decision (a place offered from the waitlist and accepted). */
  carriedAnswers?: CriterionAnswer[];
}

/**
 * Records an admission decision on a referral: admit, waitlist, refuse or orient elsewhere, on the
 * service's criteria. A failed safety criterion allows only an orientation. Refusing and orienting
 * need written reasons. Admitting checks capacity (the service's and the référent's), which only a
 * supervisor may exceed, with a written reason; the database checks it again, so of two admissions
 * racing for the last place one wins. Decisions are never edited: a correction supersedes one.
 */
export async function decideAdmission(ctx: Ctx, input: DecisionInput, options: DecisionOptions = {}): Promise<{ id: string; episodeId: string | null; waitlistEntryId: string | null }> {
  await requireAccess(ctx, 'admission.decide');
  const current = await referralForDecision(ctx, input.referralId);
  if (current.status === 'withdrawn') throw new DomainError('referral_withdrawn');

  // Which decision stands now, and is this one a first decision or its correction?
  const history = await ctx.tx
    .select({ id: admissionDecision.id, outcome: admissionDecision.outcome, supersedesId: admissionDecision.supersedesId })
    .from(admissionDecision)
    .where(and(eq(admissionDecision.organizationId, ctx.organizationId), eq(admissionDecision.referralId, input.referralId)));
  const superseded = new Set(history.map((d) => d.supersedesId).filter(Boolean));
  const currentDecision = history.find((d) => !superseded.has(d.id)) ?? null;
  if (!input.supersedesId && currentDecision) throw new DomainError('decision_already_taken', { currentDecisionId: currentDecision.id });
  if (input.supersedesId && (!currentDecision || currentDecision.id !== input.supersedesId)) {
    throw new DomainError('decision_not_current', { currentDecisionId: currentDecision?.id ?? null });
  }

  const rules = await lockServiceForAdmission(ctx, input.serviceId);
  const criteriaAnswers = options.carriedAnswers ?? answersFor(rules, input.criteriaAnswers);
  const safetyConcern = criteriaAnswers.some((a) => a.kind === 'safety' && !a.met);
  if (safetyConcern && input.outcome !== 'orient') {
    throw new DomainError('safety_requires_orientation', { emergencyNumbers }, [
      field('outcome', { fr: 'Un critère de sécurité n’est pas rempli : orientez la personne (médecin, psychologue, CMP, urgences).', en: 'A safety criterion is not met: orient the person (doctor, psychologist, CMP, emergency services).' }),
    ]);
  }

  const problems = [];
  const reasons = optionalText(input.reasons) ?? null;
  if ((input.outcome === 'refuse' || input.outcome === 'orient') && !reasons) {
    problems.push(field('reasons', { fr: 'Écrivez les motifs de la décision : ils figureront dans le courrier.', en: 'Write the reasons for the decision: they will appear in the letter.' }));
  }
  if (input.outcome === 'orient' && !input.orientationTo) {
    problems.push(field('orientationTo', { fr: 'Indiquez vers qui la personne est orientée.', en: 'Say where the person is oriented to.' }));
  }
  if (input.outcome === 'waitlist' && !input.waitlistPriority) {
    problems.push(field('waitlistPriority', { fr: 'Indiquez la priorité sur la liste d’attente.', en: 'Give the waitlist priority.' }));
  }
  if (input.outcome === 'admit' && !input.admission) {
    problems.push(field('admission', { fr: 'Indiquez le référent, le coordonnateur et la date de début.', en: 'Give the référent, the coordinator and the start date.' }));
  }
  if ((input.outcome === 'admit' || input.outcome === 'waitlist') && rules.archivedAt) {
    problems.push(field('serviceId', { fr: 'Ce dispositif est archivé : il ne prend plus de nouvelles personnes.', en: 'This service is archived: it takes no new people.' }));
  }
  if (problems.length) throw new DomainError('validation_failed', {}, problems);
  if ((input.outcome === 'admit' || input.outcome === 'waitlist') && !current.personId) throw new DomainError('referral_person_required');
  const personId = current.personId;

  const admission = input.outcome === 'admit' ? input.admission! : null;
  let phaseCode: string | null = null;
  if (admission) {
    const staffIds = [admission.referentId, admission.coordinatorId, ...(admission.members ?? []).map((m) => m.staffMemberId)];
    const active = await activeStaffAmong(ctx, staffIds);
    const staffProblems = [];
    if (!active.has(admission.referentId)) staffProblems.push(field('admission.referentId', { fr: 'Référent inconnu ou désactivé.', en: 'Unknown or deactivated référent.' }));
    if (!active.has(admission.coordinatorId)) staffProblems.push(field('admission.coordinatorId', { fr: 'Coordonnateur inconnu ou désactivé.', en: 'Unknown or deactivated coordinator.' }));
    for (const [i, m] of (admission.members ?? []).entries()) {
      if (!active.has(m.staffMemberId)) staffProblems.push(field(`admission.members.${i}.staffMemberId`, { fr: 'Professionnel inconnu ou désactivé.', en: 'Unknown or deactivated staff member.' }));
    }
    phaseCode = admission.phaseCode ?? rules.phases[0]?.code ?? null;
    if (phaseCode !== null && !rules.phases.some((p) => p.code === phaseCode)) {
      staffProblems.push(field('admission.phaseCode', { fr: 'Cette phase n’existe pas dans ce dispositif.', en: 'This phase does not exist in this service.' }));
    }
    if (admission.plannedEndOn && admission.plannedEndOn < admission.startedOn) {
      staffProblems.push(field('admission.plannedEndOn', { fr: 'La fin prévue précède le début.', en: 'The planned end is before the start.' }));
    }
    if (staffProblems.length) throw new DomainError('validation_failed', {}, staffProblems);
  }

  const capacity = await capacityFigures(ctx, rules, admission?.referentId ?? null);
  let overrideReason: string | null = null;
  if (admission) {
    const breach = capacityBreach(rules, capacity);
    if (breach === 'exclusive') throw new DomainError('capacity_exclusive', { capacity });
    if (breach) {
      overrideReason = optionalText(input.capacityOverrideReason) ?? null;
      if (!overrideReason) throw new DomainError('capacity_reached', { limit: breach, capacity });
      await requireAccess(ctx, 'admission.override_capacity');
    }
  }

  // Undo what the corrected decision set in motion: a waitlist place is closed; an admission can
  // only be corrected once its episode has ended (ending it is a decision of its own, with its note).
  if (currentDecision?.outcome === 'admit') {
    const [open] = await ctx.tx
      .select({ id: episode.id })
      .from(episode)
      .where(and(eq(episode.organizationId, ctx.organizationId), eq(episode.admissionDecisionId, currentDecision.id), isNull(episode.endedOn)));
    if (open) throw new DomainError('episode_still_active', { episodeId: open.id });
  }

  const id = newId();
  try {
    await ctx.tx.insert(admissionDecision).values({
      organizationId: ctx.organizationId,
      id,
      referralId: input.referralId,
      personId,
      serviceId: input.serviceId,
      outcome: input.outcome,
      reasons,
      orientationTo: input.outcome === 'orient' ? (input.orientationTo ?? null) : null,
      orientationDetail: input.outcome === 'orient' ? optionalText(input.orientationDetail) : null,
      criteriaAnswers,
      safetyConcern,
      capacity,
      capacityOverrideReason: overrideReason,
      waitlistPriority: input.outcome === 'waitlist' ? (input.waitlistPriority ?? null) : null,
      // By default the letter goes to whoever asked; to the person when they asked themself or did not agree to exchanges with the referrer.
      letterRecipient: input.outcome === 'refuse' || input.outcome === 'orient' ? (input.letterRecipient ?? (current.source === 'self' || !current.consentToShare ? 'person' : 'referrer')) : null,
      supersedesId: input.supersedesId ?? null,
      decidedBy: ctx.actor.staffMemberId,
    });
  } catch (error) {
    if (isUniqueViolation(error, 'admission_decision_first_per_referral') || isUniqueViolation(error, 'admission_decision_superseded_once')) throw new DomainError('decision_already_taken');
    throw error;
  }

  if (currentDecision?.outcome === 'waitlist') {
    await ctx.tx
      .update(waitlistEntry)
      .set({ status: input.outcome === 'admit' ? 'admitted' : 'left', leftAt: new Date(), leftReason: input.outcome === 'admit' ? 'admitted' : 'decision_corrected' })
      .where(and(eq(waitlistEntry.organizationId, ctx.organizationId), eq(waitlistEntry.decisionId, currentDecision.id), inArray(waitlistEntry.status, ['waiting', 'offered'])));
  }

  let episodeId: string | null = null;
  let waitlistEntryId: string | null = null;
  if (admission && personId) {
    episodeId = newId();
    try {
      await ctx.tx.insert(episode).values({
        organizationId: ctx.organizationId,
        id: episodeId,
        personId,
        serviceId: input.serviceId,
        admissionDecisionId: id,
        referentId: admission.referentId,
        coordinatorId: admission.coordinatorId,
        phaseCode,
        startedOn: admission.startedOn,
        plannedEndOn: admission.plannedEndOn ?? null,
        capacityOverrideReason: overrideReason,
        capacityOverrideBy: overrideReason ? ctx.actor.staffMemberId : null,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'episode_one_active_per_person_service')) throw new DomainError('already_in_service');
      throw capacityErrorFromDatabase(error) ?? error;
    }
    if (phaseCode) {
      await ctx.tx.insert(episodePhaseChange).values({ organizationId: ctx.organizationId, episodeId, fromPhase: null, toPhase: phaseCode, effectiveOn: admission.startedOn, changedBy: ctx.actor.staffMemberId });
    }
    const members = new Map<string, string | null>();
    members.set(admission.referentId, admission.referentDisciplineId ?? null);
    if (!members.has(admission.coordinatorId)) members.set(admission.coordinatorId, null);
    for (const m of admission.members ?? []) if (!members.has(m.staffMemberId)) members.set(m.staffMemberId, m.disciplineId ?? null);
    await joinCareTeamOnAdmission(ctx, personId, [...members].map(([staffMemberId, disciplineId]) => ({ staffMemberId, disciplineId })));
  }
  if (input.outcome === 'waitlist' && personId) {
    waitlistEntryId = newId();
    try {
      await ctx.tx.insert(waitlistEntry).values({ organizationId: ctx.organizationId, id: waitlistEntryId, personId, serviceId: input.serviceId, referralId: input.referralId, decisionId: id, priority: input.waitlistPriority! });
    } catch (error) {
      if (isUniqueViolation(error, 'waitlist_entry_one_open_per_person_service')) throw new DomainError('already_waitlisted');
      throw error;
    }
  }
  await setReferralOutcome(ctx, input.referralId, statusFor[input.outcome]);
  ctx.audit({
    action: input.supersedesId ? 'admission.decision_corrected' : 'admission.decided',
    personId,
    targetType: 'admission_decision',
    targetId: id,
    details: { outcome: input.outcome, serviceId: input.serviceId, safetyConcern, capacityOverride: overrideReason !== null, supersedesId: input.supersedesId ?? null },
  });
  return { id, episodeId, waitlistEntryId };
}
