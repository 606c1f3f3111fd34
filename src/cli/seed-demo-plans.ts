import type { Db } from '../db/connection.js';
import { runAsActor, type Actor, type RequestMeta } from '../server/context.js';
import { createAssessment, listAssessmentTemplates } from '../modules/plans/manage-assessments.js';
import { generateContract, listEpisodeContracts, markContractHandedOver, recordContractAgreement } from '../modules/plans/manage-contracts.js';
import { activatePlanVersion, proposePlanVersion, readEpisodePlan, recordPlanAgreement, recordPlanEvaluation } from '../modules/plans/manage-plan.js';
import { savePlanVersion } from '../modules/plans/save-plan-version.js';
import { addDays } from '../modules/plans/deadlines.js';
import type { PlanGoalInput } from '../modules/plans/plan-content.js';

const meta: RequestMeta = { ip: null, requestId: 'demo-seed', userAgent: 'relais-demo' };

const goals: PlanGoalInput[][] = [
  [
    {
      personWording: 'Je veux refaire mes courses toute seule',
      professionalWording: 'Reprise des déplacements autonomes dans le quartier',
      domain: 'daily_autonomy',
      proposedBy: 'person',
      priority: 1,
      autonomyAim: 'Aller seule au marché le samedi matin',
      scale: { '-2': 'Ne sort plus de chez elle', '-1': 'Sort accompagnée une fois par semaine', '0': 'Fait ses courses seule une fois par semaine', '1': 'Fait ses courses seule deux fois par semaine', '2': 'Participe aussi à une activité du quartier' },
    },
    {
      personWording: 'Reprendre contact avec ma sœur',
      professionalWording: 'Restauration des liens familiaux',
      domain: 'family',
      proposedBy: 'jointly',
      priority: 2,
      autonomyAim: 'L’appeler moi-même chaque dimanche',
      scale: { '-2': 'Aucun contact', '-1': 'Un message par mois', '0': 'Un appel par semaine', '1': 'Une visite par mois', '2': 'Des visites régulières et un projet commun' },
    },
  ],
  [
    {
      personWording: 'Trouver une formation qui me plaît',
      professionalWording: 'Construction d’un projet de formation qualifiante',
      domain: 'employment_training',
      proposedBy: 'person',
      priority: 1,
      autonomyAim: 'Faire moi-même mes démarches avec la Mission Locale',
      scale: { '-2': 'Aucune piste', '-1': 'Une piste identifiée', '0': 'Un rendez-vous pris seul', '1': 'Une inscription faite', '2': 'Formation commencée' },
    },
  ],
];

/**
 * Plans for the first demo episodes, through the use cases: an assessment, a plan agreed by the
 * person and the référent and in force, an evaluation, a contract handed over and signed; later
 * episodes are left at various stages, so the deadlines view has something due and overdue.
 */
export async function seedDemoPlans(db: Db, actorOf: (staffMemberId: string) => Actor, episodes: readonly { episodeId: string; referentId: string; startedOn: string }[]): Promise<void> {
  for (const [i, e] of episodes.slice(0, 10).entries()) {
    const referent = actorOf(e.referentId);
    const as = <T>(work: Parameters<typeof runAsActor<T>>[3]) => runAsActor(db, referent, meta, work);
    const [template] = await as(listAssessmentTemplates);
    await as((ctx) =>
      createAssessment(ctx, e.episodeId, {
        templateId: template!.id,
        answers: { sante_suivi: 'Oui, régulier', autonomie_gestes: 3, vie_sociale_liens: 2, logement_situation: 'Logement autonome' },
        expectations: 'Retrouver confiance pour sortir et revoir les miens.',
        strengths: 'Volontaire, bien entourée par une voisine',
        obstacles: 'Angoisse dans les lieux publics',
        participants: [{ kind: 'person' }, { kind: 'staff', staffMemberId: e.referentId }],
        assessedOn: addDays(e.startedOn, 10),
      }),
    );
    if (i >= 8) continue; // assessed, plan still to write
    const { versionId } = await as((ctx) => savePlanVersion(ctx, e.episodeId, { basedOn: null, content: { summary: 'Reprendre pied, chez soi et dehors, à son rythme.', goals: goals[i % 2]! } }));
    if (i >= 6) continue; // a draft in progress
    await as((ctx) => proposePlanVersion(ctx, versionId));
    const plan = await as((ctx) => readEpisodePlan(ctx, e.episodeId));
    const hash = plan.latest!.contentHash;
    const agreedOn = addDays(e.startedOn, 40);
    await as((ctx) => recordPlanAgreement(ctx, versionId, { party: 'person', outcome: 'signed', signedOn: agreedOn, contentHash: hash }));
    await as((ctx) => recordPlanAgreement(ctx, versionId, { party: 'referent', outcome: 'signed', signedOn: agreedOn, contentHash: hash }));
    await as((ctx) => activatePlanVersion(ctx, versionId, { activeFrom: agreedOn }));
    const goalIds = plan.latest!.content.goals.map((g) => g.id);
    await as((ctx) => recordPlanEvaluation(ctx, versionId, { evaluatedOn: addDays(agreedOn, 45), scores: goalIds.map((goalId, k) => ({ goalId, level: k === 0 ? -1 : 0 })), personView: 'Ça avance, doucement.', participants: [{ kind: 'person' }] }));
    if (i >= 4) continue; // no contract yet: overdue in the deadlines view
    const { id: contractId } = await as((ctx) => generateContract(ctx, e.episodeId, { kind: 'contrat_de_sejour', today: addDays(e.startedOn, 5) }));
    await as((ctx) => markContractHandedOver(ctx, contractId, { on: addDays(e.startedOn, 7) }));
    const [contract] = await as((ctx) => listEpisodeContracts(ctx, e.episodeId));
    const contractHash = contract!.contentHash;
    await as((ctx) => recordContractAgreement(ctx, contractId, { party: 'person', outcome: 'signed', signedOn: addDays(e.startedOn, 20), contentHash: contractHash }));
    await as((ctx) => recordContractAgreement(ctx, contractId, { party: 'referent', outcome: 'signed', signedOn: addDays(e.startedOn, 20), contentHash: contractHash }));
  }
}
