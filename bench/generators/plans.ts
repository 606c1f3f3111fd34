import { defaultAssessmentTemplate, defaultContractTemplates } from '../../src/modules/plans/default-templates.js';
import { addDays, addMonths, defaultDeadlineSettings, episodeDeadlines, type DeadlineKind } from '../../src/modules/plans/deadlines.js';
import { goalAttainmentTScore, type AttainmentLevel } from '../../src/modules/plans/goal-attainment.js';
import { contentHash } from '../../src/modules/plans/plan-content.js';
import type { ActionActor, ActionStatus, AgreementParty, AnswerValue, AttainmentScale, ContractKind, GoalScore, LifeDomain, Participant, PlanAction, PlanContent, PlanGoal, PlanStatus, TemplateSection } from '../../src/modules/plans/schema.js';
import type { Relationship } from '../../src/modules/people/schema.js';
import { BulkWriter, type Column } from '../lib/bulk-insert.js';
import type { Random } from '../lib/random.js';
import type { GeneratedAdmissions, GeneratedEpisode, GeneratedPartner, ServiceKey } from './admissions.js';
import type { ChangeEvent } from './audit.js';
import { frenchFirstName, frenchLastName, type Sex } from './french-names.js';
import type { GeneratedOrganization } from './organizations.js';
import type { GeneratedPerson } from './people.js';
import type { GeneratedStaffMember } from './staff.js';
import type { GeneratorContext, GeneratorStep } from './step.js';
import { dayMs, startOfDay, workingTime } from './timeline.js';

// ─── What plans are made of (French, in the person's words and the team's) ────────────────────

type ActorSpec = 'referent' | 'team' | 'person' | 'relative' | 'partner' | `discipline:${string}`;

interface ActionTemplate {
  who: ActorSpec;
  what: string;
  frequency: string | null;
}

interface GoalTemplate {
  domain: LifeDomain;
  person: string;
  professional: string;
  autonomy: string;
  /** The five levels, −2 to +2. */
  scale: readonly [string, string, string, string, string];
  actions: readonly ActionTemplate[];
  /** The services it fits (all when absent). */
  services?: readonly ServiceKey[];
  minorsOnly?: boolean;
}

const goalTemplates: readonly GoalTemplate[] = [
  {
    domain: 'daily_autonomy',
    person: 'Je veux refaire mes courses tout seul',
    professional: 'Reprise des déplacements autonomes dans le quartier',
    autonomy: 'Aller seul·e au marché le samedi matin',
    scale: ['Ne sort plus de chez soi', 'Sort accompagné·e une fois par semaine', 'Fait ses courses seul·e une fois par semaine', 'Fait ses courses seul·e deux fois par semaine', 'Participe aussi à une activité du quartier'],
    actions: [
      { who: 'referent', what: 'Accompagner les premières sorties au marché', frequency: 'une fois par semaine' },
      { who: 'person', what: 'Préparer la liste de courses la veille', frequency: 'chaque semaine' },
      { who: 'discipline:educator', what: 'Repérer avec la personne les commerces proches', frequency: null },
    ],
    services: ['individual', 'transition', 'peer'],
  },
  {
    domain: 'daily_autonomy',
    person: 'Préparer mes repas moi-même',
    professional: 'Autonomie dans la préparation des repas',
    autonomy: 'Cuisiner un repas simple trois soirs par semaine',
    scale: ['Ne prépare aucun repas', 'Prépare un repas par semaine avec de l’aide', 'Prépare seul·e trois repas simples par semaine', 'Prépare la plupart de ses repas', 'Invite un proche à dîner'],
    actions: [
      { who: 'discipline:educator', what: 'Atelier cuisine à la clinique', frequency: 'tous les quinze jours' },
      { who: 'person', what: 'Choisir deux recettes pour la semaine', frequency: 'chaque semaine' },
    ],
    services: ['individual', 'transition'],
  },
  {
    domain: 'daily_autonomy',
    person: 'Prendre le bus sans avoir peur',
    professional: 'Autonomie dans les transports en commun',
    autonomy: 'Faire seul·e le trajet jusqu’à la clinique',
    scale: ['Ne prend plus les transports', 'Prend le bus accompagné·e', 'Fait un trajet connu seul·e', 'Fait plusieurs trajets seul·e', 'Se déplace seul·e partout dans la métropole'],
    actions: [
      { who: 'discipline:educator', what: 'Trajets accompagnés, puis en binôme à distance', frequency: 'une fois par semaine' },
      { who: 'person', what: 'Repérer les horaires et l’arrêt le plus proche', frequency: null },
    ],
    services: ['individual', 'peer', 'transition'],
  },
  {
    domain: 'daily_autonomy',
    person: 'Rentrer chez moi dans de bonnes conditions',
    professional: 'Préparation du retour à domicile après l’hospitalisation',
    autonomy: 'Organiser seul·e ma semaine à la maison',
    scale: ['Retour impossible en l’état', 'Retour préparé, sans aide en place', 'Retour avec aide à domicile en place', 'Semaine organisée avec un appui ponctuel', 'Semaine organisée seul·e'],
    actions: [
      { who: 'referent', what: 'Visite du domicile avant la sortie', frequency: null },
      { who: 'discipline:social_worker', what: 'Mise en place de l’aide à domicile', frequency: null },
      { who: 'person', what: 'Remplir le planning de la semaine', frequency: 'chaque dimanche' },
    ],
    services: ['transition', 'individual'],
  },
  {
    domain: 'resources_rights',
    person: 'Ne plus être à découvert à la fin du mois',
    professional: 'Gestion budgétaire autonome',
    autonomy: 'Tenir mon budget seul·e avec un tableau simple',
    scale: ['Découvert chaque mois, impayés', 'Découvert fréquent', 'Pas de découvert depuis trois mois', 'Une petite épargne constituée', 'Budget tenu seul·e, épargne régulière'],
    actions: [
      { who: 'discipline:family_social_counsellor', what: 'Point budget', frequency: 'une fois par mois' },
      { who: 'person', what: 'Noter ses dépenses dans le carnet', frequency: 'chaque jour' },
    ],
  },
  {
    domain: 'resources_rights',
    person: 'Que mes droits soient à jour',
    professional: 'Ouverture et mise à jour des droits (complémentaire santé solidaire, AAH, APL)',
    autonomy: 'Faire moi-même mes démarches en ligne',
    scale: ['Aucun droit ouvert', 'Dossiers identifiés, non déposés', 'Dossiers déposés', 'Droits ouverts', 'Renouvelle seul·e ses droits'],
    actions: [
      { who: 'discipline:social_worker', what: 'Constituer les dossiers avec la personne', frequency: 'deux rendez-vous par mois' },
      { who: 'partner', what: 'Rendez-vous au CCAS ou à la CAF pour finaliser les dossiers', frequency: null },
      { who: 'person', what: 'Rassembler les justificatifs', frequency: null },
    ],
  },
  {
    domain: 'health',
    person: 'Retrouver un sommeil correct',
    professional: 'Amélioration de la qualité du sommeil',
    autonomy: 'Tenir mes horaires de coucher sans rappel',
    scale: ['Dort moins de quatre heures par nuit', 'Sommeil très haché', 'Dort six heures la plupart des nuits', 'Sommeil réparateur la plupart du temps', 'Sommeil stable, plus de fatigue en journée'],
    actions: [
      { who: 'discipline:nurse', what: 'Entretien infirmier sur l’hygiène du sommeil', frequency: 'tous les quinze jours' },
      { who: 'person', what: 'Tenir un agenda du sommeil', frequency: 'chaque jour' },
    ],
  },
  {
    domain: 'health',
    person: 'Avoir un médecin traitant et y aller',
    professional: 'Mise en place d’un suivi somatique régulier',
    autonomy: 'Prendre moi-même mes rendez-vous médicaux',
    scale: ['Aucun suivi', 'Médecin identifié', 'Premier rendez-vous honoré', 'Suivi régulier', 'Prend seul·e ses rendez-vous et s’y rend'],
    actions: [
      { who: 'referent', what: 'Aider à choisir un médecin traitant et à le déclarer', frequency: null },
      { who: 'person', what: 'Appeler le cabinet pour le premier rendez-vous', frequency: null },
    ],
  },
  {
    domain: 'health',
    person: 'Mieux gérer mes angoisses',
    professional: 'Développement de stratégies face à l’anxiété',
    autonomy: 'Utiliser seul·e les exercices de respiration quand l’angoisse monte',
    scale: ['Crises quotidiennes, évite toute sortie', 'Crises plusieurs fois par semaine', 'Crises moins fréquentes, sait les repérer', 'Utilise les stratégies apprises', 'Fait face seul·e aux situations difficiles'],
    actions: [
      { who: 'discipline:psychologist', what: 'Entretiens de soutien', frequency: 'une fois par semaine' },
      { who: 'person', what: 'Exercices de respiration', frequency: 'chaque jour' },
      { who: 'team', what: 'Séance de relaxation (PSIO)', frequency: 'tous les quinze jours' },
    ],
  },
  {
    domain: 'health',
    person: 'Prendre mon traitement sans oublier',
    professional: 'Observance du traitement',
    autonomy: 'Préparer seul·e mon pilulier chaque semaine',
    scale: ['Oublis fréquents, arrêts', 'Oublis plusieurs fois par semaine', 'Un oubli par semaine au plus', 'Aucun oubli, pilulier préparé avec de l’aide', 'Pilulier préparé seul·e, aucun oubli'],
    actions: [
      { who: 'discipline:nurse', what: 'Préparation du pilulier avec la personne', frequency: 'une fois par semaine' },
      { who: 'person', what: 'Cocher le calendrier à chaque prise', frequency: 'chaque jour' },
    ],
    services: ['individual', 'transition'],
  },
  {
    domain: 'health',
    person: 'Boire moins d’alcool',
    professional: 'Réduction des consommations',
    autonomy: 'Tenir seul·e mon objectif de consommation',
    scale: ['Consommation quotidienne importante', 'Consommation quotidienne réduite', 'Des jours sans alcool chaque semaine', 'Consommation occasionnelle', 'Objectif choisi et tenu'],
    actions: [
      { who: 'discipline:physician', what: 'Consultation d’addictologie', frequency: 'tous les quinze jours' },
      { who: 'person', what: 'Noter ses consommations', frequency: 'chaque jour' },
      { who: 'discipline:peer_support_worker', what: 'Rencontres avec un pair-aidant', frequency: 'une fois par semaine' },
    ],
    services: ['individual', 'peer'],
  },
  {
    domain: 'wellbeing',
    person: 'Reprendre confiance en moi',
    professional: 'Restauration de l’estime de soi',
    autonomy: 'Oser donner mon avis en groupe',
    scale: ['Se dévalorise constamment', 'Exprime rarement ses envies', 'Exprime ses envies avec l’équipe', 'Exprime ses envies avec ses proches', 'Prend des initiatives pour soi'],
    actions: [
      { who: 'team', what: 'Participation au groupe de parole', frequency: 'une fois par semaine' },
      { who: 'discipline:peer_support_worker', what: 'Rencontres avec un pair-aidant', frequency: 'tous les quinze jours' },
    ],
  },
  {
    domain: 'wellbeing',
    person: 'Avoir des projets pour moi',
    professional: 'Élaboration d’un projet de vie',
    autonomy: 'Choisir moi-même une activité qui me plaît',
    scale: ['Aucun projet exprimé', 'Une envie exprimée', 'Un projet formulé', 'Premières démarches faites', 'Projet engagé'],
    actions: [
      { who: 'referent', what: 'Entretien de projet', frequency: 'une fois par mois' },
      { who: 'discipline:psycho_emotional_practitioner', what: 'Séances d’accompagnement psycho-émotionnel', frequency: 'tous les quinze jours' },
    ],
  },
  {
    domain: 'social_life',
    person: 'Sortir de chez moi et voir du monde',
    professional: 'Rupture de l’isolement social',
    autonomy: 'Aller seul·e à une activité du centre social',
    scale: ['Aucun contact hors du domicile', 'Un contact par mois', 'Une activité par semaine, accompagné·e', 'Une activité par semaine, seul·e', 'Plusieurs activités et des amis'],
    actions: [
      { who: 'partner', what: 'Inscription à un atelier du centre social', frequency: 'une fois par semaine' },
      { who: 'referent', what: 'Accompagner la première séance', frequency: null },
    ],
  },
  {
    domain: 'social_life',
    person: 'Refaire du sport',
    professional: 'Reprise d’une activité physique adaptée',
    autonomy: 'Aller seul·e à la piscine',
    scale: ['Aucune activité physique', 'Marche occasionnelle', 'Marche trois fois par semaine', 'Une séance d’activité physique adaptée par semaine', 'Activité régulière choisie et tenue seul·e'],
    actions: [
      { who: 'person', what: 'Marche de trente minutes', frequency: 'trois fois par semaine' },
      { who: 'partner', what: 'Séance d’activité physique adaptée', frequency: 'une fois par semaine' },
    ],
  },
  {
    domain: 'social_life',
    person: 'Me ménager du temps pour moi',
    professional: 'Prévention de l’épuisement de l’aidant',
    autonomy: 'Prendre une demi-journée pour moi chaque semaine',
    scale: ['Aucun répit, épuisement', 'Un répit par mois', 'Une demi-journée de répit tous les quinze jours', 'Une demi-journée par semaine', 'Répit régulier et relais organisés'],
    actions: [
      { who: 'discipline:family_social_counsellor', what: 'Information sur les solutions de répit', frequency: null },
      { who: 'partner', what: 'Groupe d’entraide des familles', frequency: 'une fois par mois' },
    ],
    services: ['relatives'],
  },
  {
    domain: 'family',
    person: 'Comprendre la maladie de mon proche',
    professional: 'Psychoéducation de l’aidant',
    autonomy: 'Savoir à qui m’adresser en cas de crise',
    scale: ['Sans information, désemparé·e', 'Quelques repères', 'Connaît les signes d’alerte', 'Sait réagir et qui appeler', 'Transmet à son tour à d’autres familles'],
    actions: [
      { who: 'discipline:psychologist', what: 'Séances de psychoéducation', frequency: 'une fois par mois' },
      { who: 'person', what: 'Noter les questions à poser', frequency: null },
    ],
    services: ['relatives'],
  },
  {
    domain: 'housing',
    person: 'Avoir un logement à moi',
    professional: 'Accès à un logement autonome',
    autonomy: 'Faire moi-même mes démarches auprès des bailleurs',
    scale: ['Sans solution d’hébergement', 'Hébergement provisoire', 'Demande de logement déposée', 'Proposition de logement reçue', 'Installé·e dans son logement'],
    actions: [
      { who: 'discipline:social_worker', what: 'Dépôt et suivi de la demande de logement social', frequency: 'une fois par mois' },
      { who: 'partner', what: 'Rendez-vous avec le SIAO', frequency: null },
    ],
    services: ['individual', 'transition'],
  },
  {
    domain: 'housing',
    person: 'Garder mon appartement en bon état',
    professional: 'Maintien dans le logement',
    autonomy: 'Entretenir mon logement chaque semaine sans rappel',
    scale: ['Logement insalubre, risque d’expulsion', 'Entretien très irrégulier', 'Entretien hebdomadaire avec rappel', 'Entretien hebdomadaire sans rappel', 'Logement entretenu et personnalisé'],
    actions: [
      { who: 'discipline:educator', what: 'Visite à domicile', frequency: 'tous les quinze jours' },
      { who: 'person', what: 'Ménage de la cuisine et de la salle de bain', frequency: 'chaque semaine' },
    ],
    services: ['individual', 'transition'],
  },
  {
    domain: 'employment_training',
    person: 'Trouver une formation qui me plaît',
    professional: 'Construction d’un projet de formation qualifiante',
    autonomy: 'Faire moi-même mes démarches avec la Mission Locale',
    scale: ['Aucune piste', 'Une piste identifiée', 'Un rendez-vous pris seul·e', 'Une inscription faite', 'Formation commencée'],
    actions: [
      { who: 'partner', what: 'Entretien avec la conseillère de la Mission Locale', frequency: 'une fois par mois' },
      { who: 'person', what: 'Rechercher deux formations sur le site de la Région', frequency: null },
    ],
  },
  {
    domain: 'employment_training',
    person: 'Reprendre le travail à mi-temps',
    professional: 'Reprise progressive de l’activité professionnelle',
    autonomy: 'Organiser seul·e mes journées de travail',
    scale: ['Arrêt de travail sans perspective', 'Contact repris avec l’employeur', 'Visite de pré-reprise faite', 'Reprise en temps partiel thérapeutique', 'Reprise durable à mi-temps'],
    actions: [
      { who: 'referent', what: 'Préparer la visite de pré-reprise avec la médecine du travail', frequency: null },
      { who: 'person', what: 'Reprendre contact avec son responsable', frequency: null },
    ],
    services: ['individual', 'transition', 'peer'],
  },
  {
    domain: 'schooling',
    person: 'Retourner au lycée tous les jours',
    professional: 'Raccrochage scolaire',
    autonomy: 'Me lever seul·e pour aller en cours',
    scale: ['Ne va plus en cours', 'Va en cours un jour sur deux', 'Présent·e à la plupart des cours', 'Présent·e à tous les cours', 'Assidu·e, avec un projet d’orientation'],
    actions: [
      { who: 'partner', what: 'Réunion avec l’infirmière scolaire et la CPE', frequency: 'une fois par trimestre' },
      { who: 'relative', what: 'Point du dimanche soir sur la semaine à venir', frequency: 'chaque semaine' },
    ],
    minorsOnly: true,
  },
  {
    domain: 'family',
    person: 'Reprendre contact avec ma sœur',
    professional: 'Restauration des liens familiaux',
    autonomy: 'L’appeler moi-même chaque dimanche',
    scale: ['Aucun contact', 'Un message par mois', 'Un appel par semaine', 'Une visite par mois', 'Des visites régulières et un projet commun'],
    actions: [
      { who: 'discipline:family_social_counsellor', what: 'Entretien familial', frequency: 'une fois par mois' },
      { who: 'person', what: 'Écrire un premier message', frequency: null },
    ],
  },
  {
    domain: 'family',
    person: 'Que ça se passe mieux à la maison',
    professional: 'Apaisement des relations familiales',
    autonomy: 'Dire ce que je ressens sans crier',
    scale: ['Conflits quotidiens', 'Conflits plusieurs fois par semaine', 'Conflits rares', 'Dialogue possible sur les sujets difficiles', 'Relations apaisées'],
    actions: [
      { who: 'discipline:psychologist', what: 'Entretiens familiaux', frequency: 'une fois par mois' },
      { who: 'relative', what: 'Participer aux entretiens familiaux', frequency: 'une fois par mois' },
    ],
  },
];

const summaries = [
  'Reprendre pied, chez soi et dehors, à son rythme.',
  'Retrouver des repères au quotidien et renouer avec les autres.',
  'Consolider ce qui va mieux et préparer la suite avec le réseau.',
  'Sortir de l’isolement et remettre à jour les démarches.',
  'Prendre soin de sa santé et retrouver confiance.',
  'Avancer pas à pas vers un logement et une activité.',
];
const summariesFor: Partial<Record<ServiceKey, readonly string[]>> = {
  transition: ['Préparer le retour à la maison dans de bonnes conditions.', 'Traverser la sortie d’hospitalisation avec un appui au quotidien.'],
  relatives: ['Souffler un peu et mieux comprendre la maladie de son proche.', 'Trouver des relais pour ne plus porter seul·e la situation.'],
};
const draftNotes = ['Formulations revues avec la personne.', 'Ajout d’une action proposée par la personne.', 'Priorités réordonnées en synthèse.', 'Dates ajustées.', null];
const reviewNotes = ['Révision annuelle avec la personne.', 'Objectifs ajustés après l’évaluation.', 'Nouveaux objectifs après la synthèse pluridisciplinaire.', null];
const changeReviewNotes = ['Projet revu après le changement de situation.', 'Suite au changement de situation, objectifs et actions revus.'];
const frequencies = ['une fois par semaine', 'tous les quinze jours', 'une fois par mois', 'deux fois par semaine'];
const extraActions: readonly ActionTemplate[] = [
  { who: 'referent', what: 'Point d’étape avec le référent', frequency: 'une fois par mois' },
  { who: 'person', what: 'Noter ce qui a marché et ce qui a été difficile', frequency: 'chaque semaine' },
  { who: 'team', what: 'Synthèse pluridisciplinaire', frequency: 'une fois par trimestre' },
];
const refusalNotes = [
  'La personne ne souhaite pas signer : elle est d’accord avec les objectifs mais pas avec la fréquence des rencontres.',
  'Refus de signer exprimé : « je veux en parler d’abord avec ma famille ».',
  'La personne dit ne pas vouloir signer de papiers pour le moment ; le projet lui a été lu et remis.',
];
const personViews = [
  'Ça avance, doucement.',
  'Je me sens mieux qu’au début, même si certains jours sont difficiles.',
  'Je n’ai pas fait tout ce que je voulais, mais je suis sorti·e plus souvent.',
  'Je suis fier·e d’avoir fait les démarches moi-même.',
  'C’est dur en ce moment, j’ai besoin de plus de temps.',
  'Je voudrais changer un objectif, il ne me correspond plus.',
];
const evaluationComments = [
  'Progression nette sur l’autonomie au quotidien ; à consolider.',
  'Période difficile (hospitalisation courte) : objectifs maintenus.',
  'Objectifs atteints pour la plupart ; nouveaux objectifs à construire.',
  'La personne a pris la main sur ses démarches.',
  'Peu d’évolution ; les actions seront revues avec la personne.',
];
const scoreComments = ['A fait seul·e deux fois ce mois-ci.', 'Encore accompagné·e.', 'Dépassé : a pris une initiative.', 'Arrêté pendant l’hospitalisation.', 'Stable.'];
const situationNotes = [
  'Perte d’emploi.',
  'Hospitalisation de trois semaines.',
  'Séparation ; la personne a quitté le domicile conjugal.',
  'Déménagement dans un nouveau logement.',
  'Décès d’un proche.',
  'Naissance d’un enfant.',
  'Mesure de protection prononcée (curatelle renforcée).',
  'Reprise d’un emploi à temps partiel.',
  'Expulsion locative annoncée.',
];
const expectationsPool = [
  'Retrouver confiance pour sortir et revoir les miens.',
  'Je voudrais dormir mieux et ne plus avoir peur de sortir.',
  'Avoir mon appartement et m’en occuper seul·e.',
  'Reprendre le travail, mais pas n’importe comment.',
  'Qu’on m’aide pour les papiers, je n’y arrive plus.',
  'Retourner au lycée et revoir mes copains.',
  'Ne plus être seul·e tout le temps.',
  'Que ma famille arrête de s’inquiéter pour moi.',
  'Comprendre ce qui m’arrive et savoir quoi faire quand ça ne va pas.',
  'Rentrer chez moi et m’en sortir sans être hospitalisé·e à nouveau.',
];
const strengthsPool = [
  'Volontaire, bien entouré·e par une voisine.',
  'Très attaché·e à son chien, sort le promener chaque jour.',
  'Bonne connaissance du quartier et de ses ressources.',
  'Humour, capacité à demander de l’aide.',
  'Soutien de sa sœur.',
  'A déjà repris une activité par le passé.',
  'Curieux·se, aime apprendre.',
];
const obstaclesPool = [
  'Angoisse dans les lieux publics.',
  'Fatigue importante liée au traitement.',
  'Dettes et courriers en retard.',
  'Isolement géographique, peu de transports.',
  'Conflits avec le voisinage.',
  'Difficultés de lecture.',
  'Consommations d’alcool le soir.',
];
const answerTexts: Record<string, readonly string[]> = {
  autonomie_precisions: ['Fait ses repas seul·e ; souhaite de l’aide pour les courses.', 'Aide de sa mère pour le ménage ; voudrait s’en occuper.', 'Autonome pour l’essentiel ; fatigue en fin de journée.'],
  sante_precisions: ['Suivi au CMP, traitement stable.', 'Pas de médecin traitant depuis le déménagement.', 'Suivi psychiatrique libéral ; infirmière à domicile deux fois par semaine.'],
  vie_sociale_activites: ['Aucune activité depuis un an.', 'Chorale le jeudi, arrêtée récemment.', 'Va au club de foot le week-end.'],
  logement_precisions: ['Logement trop petit, demande HLM en cours.', 'Hébergé·e chez sa sœur depuis trois mois.', 'Pas de difficulté.'],
  emploi_projet: ['Souhaite se former dans l’aide à la personne.', 'Reprise du travail envisagée à mi-temps.', 'Pas de projet pour le moment.'],
  scolarite_situation: ['Seconde professionnelle, nombreuses absences.', 'Troisième, aménagement en place (PAP).'],
  famille_precisions: ['Mère très présente, père absent.', 'Relations rompues avec ses enfants depuis deux ans.', 'Conjoint soutenant, épuisé.'],
  ressources_precisions: ['AAH en cours de renouvellement.', 'RSA ; dettes de loyer.', 'Salaire ; pas de difficulté particulière.'],
};
const fallbackAnswers = ['Rien de particulier à signaler.', 'À préciser au prochain entretien.'];

// ─── Rows ─────────────────────────────────────────────────────────────────────────────────────

interface RelativeRow {
  id: string;
  personId: string;
  firstName: string;
  lastName: string;
  relationship: Relationship;
  phone: string | null;
  isLegalRepresentative: boolean;
  takesPartInPlan: boolean;
  notes: string | null;
  createdBy: string;
  createdAtMs: number;
}

interface AssessmentRow {
  id: string;
  episodeId: string;
  personId: string;
  answers: string;
  expectations: string | null;
  strengths: string | null;
  obstacles: string | null;
  participants: string;
  assessedOn: string;
  revision: number;
  createdBy: string;
  createdAtMs: number;
  updatedBy: string;
  updatedAtMs: number;
}

interface PlanRow {
  id: string;
  episodeId: string;
  personId: string;
  createdBy: string;
  createdAtMs: number;
}

interface VersionRow {
  id: string;
  planId: string;
  number: number;
  status: PlanStatus;
  content: PlanContent;
  contentHash: string;
  changeNote: string | null;
  createdBy: string;
  createdAtMs: number;
  statusChangedAtMs: number;
  agreedOn: string | null;
  activeFrom: string | null;
}

interface AgreementRow {
  id: string;
  subjectType: 'plan_version' | 'contract_version';
  subjectId: string;
  contentHash: string;
  personId: string;
  party: AgreementParty;
  signerName: string;
  relativeId: string | null;
  staffMemberId: string | null;
  outcome: 'signed' | 'refused';
  refusalNote: string | null;
  signatureImage: string | null;
  signedOn: string;
  recordedBy: string;
  recordedAtMs: number;
}

interface EvaluationRow {
  id: string;
  planId: string;
  versionId: string;
  evaluatedOn: string;
  scores: string;
  personView: string | null;
  comments: string | null;
  participants: string;
  tScore: number | null;
  createdBy: string;
  createdAtMs: number;
}

interface ContractRow {
  id: string;
  episodeId: string;
  kind: ContractKind;
  number: number;
  title: string;
  body: string;
  contentHash: string;
  handedOverOn: string | null;
  signedOn: string | null;
  createdBy: string;
  createdAtMs: number;
}

interface SituationChangeRow {
  id: string;
  episodeId: string;
  notedOn: string;
  note: string;
  createdBy: string;
  createdAtMs: number;
}

export interface PlanCounts {
  legalRepresentatives: number;
  assessments: number;
  plans: number;
  versions: Record<PlanStatus, number>;
  planAgreements: number;
  evaluations: number;
  contracts: number;
  signedContracts: number;
  contractAgreements: number;
  situationChanges: number;
  /** Deadlines of the active episodes on the anchor day, not done, by kind: overdue, and due within 30 days. */
  deadlinesAtAnchor: Record<DeadlineKind, { overdue: number; dueWithin30Days: number }>;
}

export interface GeneratedPlans {
  counts: PlanCounts;
  /** The audit events of these changes, as their use cases record them: for the audit step. */
  events: ChangeEvent[];
}

interface PlansInput {
  organization: GeneratedOrganization;
  staff: readonly GeneratedStaffMember[];
  people: readonly GeneratedPerson[];
  admissions: GeneratedAdmissions;
}

// ─── Helpers ──────────────────────────────────────────────────────────────────────────────────

const iso = (ms: number) => new Date(ms).toISOString();
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayStartMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const levels = ['-2', '-1', '0', '1', '2'] as const;
/** Built exactly as normalizePlanContent builds it, so the keys come out in the same order (and the hash is the app's). */
const scaleOf = (texts: readonly string[]): AttainmentScale => Object.fromEntries(levels.map((l, i) => [l, texts[i]!.trim()])) as AttainmentScale;
// As generateContract writes dates into the contract (one formatter, not one per call).
const frenchDayFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const frenchDay = (day: string | null) => (day ? frenchDayFormat.format(new Date(`${day}T00:00:00Z`)) : 'non précisée');
const clampLevel = (x: number): AttainmentLevel => Math.max(-2, Math.min(2, Math.round(x))) as AttainmentLevel;

export function planEstimate(scale: number): number {
  // Rows written, roughly: per episode a contract and its signatures, an assessment, a plan with its versions, agreements and evaluations.
  return Math.round(9_000 * scale * 12);
}

interface Circle {
  person: GeneratedPerson;
  referent: GeneratedStaffMember;
  coordinator: GeneratedStaffMember;
  legalRepresentative: RelativeRow | null;
  /** The legal representative signs (a minor, a protected adult); the person may sign too. */
  representativeSigns: boolean;
}

/**
 * Assessments, personalised plans with their history, agreements, evaluations, contracts of stay
 * (or DIPC) and changes of situation, for most episodes, active and ended. Each episode's plan is
 * simulated in time order as the use cases would have written it — drafts superseded by the next
 * save, a proposed version signed by the person (or their legal representative) and the référent
 * then put into effect, superseding the one in force; yearly reviews, some late, and reviews after
 * a change of situation — and stops where the episode ended or today is: rows are written in their
 * final state (the triggers forbid rewriting a version's content, an agreement or an evaluation).
 * Content hashes and T-scores come from the application's own functions.
 */
export const plansStep: GeneratorStep<PlansInput, GeneratedPlans> = {
  name: 'plans',
  label: 'plans, contracts, evaluations',
  estimate: planEstimate,
  run: async (ctx, input) => new PlansGenerator(ctx, input).generate(),
};

class PlansGenerator {
  private readonly random: Random;
  private readonly lastMs: number;
  private readonly anchorDay: string;
  private readonly staffById: Map<string, GeneratedStaffMember>;
  private readonly personById: Map<string, GeneratedPerson>;
  private readonly serviceNameOf: Map<string, string>;
  private readonly partnersByTime: GeneratedPartner[];
  private readonly templateId: string;
  private readonly templateSections: string;

  private readonly relatives: RelativeRow[] = [];
  private readonly representativeOf = new Map<string, RelativeRow | null>();
  private readonly assessments: AssessmentRow[] = [];
  private readonly plans: PlanRow[] = [];
  private readonly versions: VersionRow[] = [];
  private readonly agreements: AgreementRow[] = [];
  private readonly evaluations: EvaluationRow[] = [];
  private readonly contracts: ContractRow[] = [];
  private readonly changes: SituationChangeRow[] = [];
  private readonly events: ChangeEvent[] = [];
  private firstAssessmentMs = Infinity;
  private firstContractMs = Infinity;

  constructor(
    private readonly ctx: GeneratorContext,
    private readonly input: PlansInput,
  ) {
    this.random = ctx.random;
    this.lastMs = input.organization.endMs - 3_600_000;
    this.anchorDay = dateOf(input.organization.endMs);
    this.staffById = new Map(input.staff.map((s) => [s.id, s]));
    this.personById = new Map(input.people.map((p) => [p.id, p]));
    this.serviceNameOf = new Map(input.admissions.services.map((s) => [s.id, s.name]));
    this.partnersByTime = [...input.admissions.partners].sort((a, b) => a.createdAtMs - b.createdAtMs);
    this.templateId = this.random.uuid(input.organization.openedAtMs);
    this.templateSections = JSON.stringify(defaultAssessmentTemplate.sections);
  }

  async generate(): Promise<GeneratedPlans> {
    const episodes = this.input.admissions.episodes;
    this.ctx.progress.setTotal(episodes.length);
    for (const e of episodes) {
      this.episode(e);
      this.ctx.progress.advance();
    }
    const counts = this.counts();
    await this.write();
    const v = counts.versions;
    const d = counts.deadlinesAtAnchor;
    const overdue = (Object.keys(d) as DeadlineKind[]).map((k) => `${k} ${d[k].overdue}`).join(', ');
    this.ctx.log(
      `  ${counts.assessments} assessments, ${counts.plans} plans (${v.active} in force; versions: ${v.draft} draft, ${v.proposed} proposed, ${v.agreed} agreed, ${v.active} active, ${v.superseded} superseded), ` +
        `${counts.planAgreements} plan agreements, ${counts.evaluations} evaluations, ${counts.contracts} contracts (${counts.signedContracts} signed), ${counts.situationChanges} changes of situation, ` +
        `${counts.legalRepresentatives} legal representatives; overdue at ${this.anchorDay}: ${overdue}`,
    );
    return { counts, events: this.events };
  }

  // ── Helpers ──

  private event(e: Omit<ChangeEvent, 'outcome'>): void {
    this.events.push({ ...e, outcome: 'success' });
  }

  /** A moment of the working day `minDays`..`maxDays` after `ms`'s day, strictly after `ms`. */
  private later(ms: number, minDays: number, maxDays: number): number {
    const at = workingTime(this.random, startOfDay(ms) + this.random.int(minDays, maxDays) * dayMs);
    return at > ms ? at : ms + this.random.int(300_000, 7_200_000);
  }

  /** A moment of the working day `day`, after `afterMs`. */
  private onDay(day: string, afterMs: number): number {
    const at = workingTime(this.random, dayStartMs(day));
    return at > afterMs ? at : afterMs + this.random.int(300_000, 3_600_000);
  }

  private soon(ms: number): number {
    return ms + this.random.int(120_000, 1_800_000);
  }

  /** Who writes on the plan: the référent mostly, the coordinator sometimes (both may: person:update, on the team). */
  private writer(c: Circle): GeneratedStaffMember {
    return this.random.chance(0.7) ? c.referent : c.coordinator;
  }

  private disciplineOf(s: GeneratedStaffMember): string | null {
    return s.disciplineCode ? (this.input.organization.disciplineIds.get(s.disciplineCode) ?? null) : null;
  }

  private teamAt(c: Circle, atMs: number): GeneratedStaffMember[] {
    return c.person.careTeam.filter((m) => m.addedAtMs <= atMs && (m.removedAtMs === null || m.removedAtMs > atMs)).map((m) => this.staffById.get(m.staffMemberId)!);
  }

  private signature(): string {
    return `data:image/png;base64,${Buffer.from(this.random.bytes(this.random.int(1_200, 3_000))).toString('base64')}`;
  }

  /** The person's legal representative, recorded in their circle at their first admission: a parent for a minor, a court-appointed representative for a few adults. */
  private circleOf(e: GeneratedEpisode): Circle {
    const person = this.personById.get(e.personId)!;
    const referent = this.staffById.get(e.referentId)!;
    const coordinator = this.staffById.get(e.coordinatorId)!;
    const minor = person.birthDate !== null && addMonths(person.birthDate, 18 * 12) > e.startedOn;
    if (!this.representativeOf.has(person.id)) {
      let row: RelativeRow | null = null;
      const createdAtMs = Math.min(this.lastMs, e.createdAtMs + this.random.int(600_000, 2 * dayMs));
      if (minor) {
        const sex: Sex = this.random.chance(0.7) ? 'female' : 'male';
        const birthYear = Number(person.birthDate!.slice(0, 4)) - this.random.int(22, 40);
        row = {
          id: this.random.uuid(createdAtMs),
          personId: person.id,
          firstName: frenchFirstName(this.random, this.ctx.faker, sex, birthYear),
          lastName: this.random.chance(0.8) ? person.lastName : frenchLastName(this.random, this.ctx.faker),
          relationship: 'parent',
          phone: `0${this.random.pick(['6', '7'])} ${String(this.random.int(0, 99)).padStart(2, '0')} ${String(this.random.int(0, 99)).padStart(2, '0')} ${String(this.random.int(0, 99)).padStart(2, '0')} ${String(this.random.int(0, 99)).padStart(2, '0')}`,
          isLegalRepresentative: true,
          takesPartInPlan: true,
          notes: null,
          createdBy: coordinator.id,
          createdAtMs,
        };
      } else if (this.random.chance(0.03)) {
        const sex: Sex = this.random.chance(0.6) ? 'female' : 'male';
        row = {
          id: this.random.uuid(createdAtMs),
          personId: person.id,
          firstName: frenchFirstName(this.random, this.ctx.faker, sex, this.random.int(1965, 1990)),
          lastName: frenchLastName(this.random, this.ctx.faker),
          relationship: 'professional_representative',
          phone: `05 ${String(this.random.int(0, 99)).padStart(2, '0')} ${String(this.random.int(0, 99)).padStart(2, '0')} ${String(this.random.int(0, 99)).padStart(2, '0')} ${String(this.random.int(0, 99)).padStart(2, '0')}`,
          isLegalRepresentative: true,
          takesPartInPlan: this.random.chance(0.5),
          notes: 'Mandataire judiciaire (tutelle), UDAF de la Gironde.',
          createdBy: coordinator.id,
          createdAtMs,
        };
      }
      if (row) {
        this.relatives.push(row);
        this.event({ occurredAtMs: row.createdAtMs, actorId: row.createdBy, action: 'relative.added', personId: person.id, targetType: 'relative', targetId: row.id });
      }
      this.representativeOf.set(person.id, row);
    }
    const legalRepresentative = this.representativeOf.get(person.id) ?? null;
    const representativeSigns = legalRepresentative !== null && (minor || legalRepresentative.relationship === 'professional_representative');
    return { person, referent, coordinator, legalRepresentative, representativeSigns };
  }

  // ── One episode ──

  private episode(e: GeneratedEpisode): void {
    const c = this.circleOf(e);
    const startMs = dayStartMs(e.startedOn);
    const endMs = e.endedOn ? dayStartMs(e.endedOn) + 17 * 3_600_000 : Infinity;
    const horizon = Math.min(endMs, this.lastMs);
    if (horizon - Math.max(startMs, e.createdAtMs) < 2 * dayMs) return; // ended or opened too recently for any paperwork
    this.contract(e, c, horizon);
    this.assessment(e, c, startMs, horizon);
    if (horizon - startMs > 14 * dayMs && this.random.chance(0.92)) this.plan(e, c, startMs, horizon);
  }

  // ── Contract of stay or DIPC ──

  private contract(e: GeneratedEpisode, c: Circle, horizon: number): void {
    if (!this.random.chance(0.94)) return; // never generated: overdue while the episode runs
    const kind: ContractKind = e.serviceKey === 'individual' || e.serviceKey === 'transition' ? 'contrat_de_sejour' : 'dipc';
    const generatedAtMs = this.later(e.createdAtMs, 0, 6);
    if (generatedAtMs >= horizon) return;
    const first = this.contractVersion(e, c, kind, 1, generatedAtMs, horizon, e.startedOn);
    // A few contracts get an amendment months later (a longer stay, a change of service conditions).
    if (first.signedOn && this.random.chance(0.06)) {
      const at = this.later(dayStartMs(first.signedOn), 120, 400);
      if (at < horizon) this.contractVersion(e, c, kind, 2, at, horizon, dateOf(at));
    }
  }

  private contractVersion(e: GeneratedEpisode, c: Circle, kind: ContractKind, number: number, generatedAtMs: number, horizon: number, from: string): ContractRow {
    const random = this.random;
    const template = defaultContractTemplates[kind];
    const generatedOn = dateOf(generatedAtMs);
    const values: Record<string, string> = {
      'structure.nom': this.input.organization.name,
      'personne.nom': `${c.person.firstName} ${c.person.lastName}`,
      'personne.date_naissance': frenchDay(c.person.birthDate),
      'dispositif.nom': this.serviceNameOf.get(e.serviceId)!,
      'prise_en_charge.debut': frenchDay(e.startedOn),
      'prise_en_charge.fin_prevue': frenchDay(e.plannedEndOn),
      'referent.nom': `${c.referent.firstName} ${c.referent.lastName}`,
      'coordonnateur.nom': `${c.coordinator.firstName} ${c.coordinator.lastName}`,
      date: frenchDay(generatedOn),
    };
    const body = template.body.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (whole, key: string) => values[key] ?? whole);
    const by = this.writer(c);
    const row: ContractRow = {
      id: random.uuid(generatedAtMs),
      episodeId: e.id,
      kind,
      number,
      title: template.title,
      body,
      contentHash: contentHash({ title: template.title, body }),
      handedOverOn: null,
      signedOn: null,
      createdBy: by.id,
      createdAtMs: generatedAtMs,
    };
    this.contracts.push(row);
    this.firstContractMs = Math.min(this.firstContractMs, generatedAtMs);
    this.event({ occurredAtMs: generatedAtMs, actorId: by.id, action: 'contract.generated', personId: c.person.id, targetType: 'contract_version', targetId: row.id, details: { kind, number } });

    // Handed over within 15 days mostly; late for some; for others only the signature is recorded.
    const handFate = random.weighted([['on_time', 74], ['late', 12], ['unrecorded', 14]] as const);
    let handedOn: string | null = null;
    if (handFate !== 'unrecorded') {
      const day = handFate === 'on_time' ? addDays(from, random.int(0, 15)) : addDays(from, random.int(16, 50));
      handedOn = day < generatedOn ? generatedOn : day;
    }
    // Signed within a month mostly; late for some; not (yet) for others.
    const signFate = random.weighted([['on_time', 74], ['late', 16], ['never', 10]] as const);
    let signedOn: string | null = null;
    if (signFate !== 'never') {
      const day = signFate === 'on_time' ? addDays(from, random.int(3, 28)) : addDays(from, random.int(32, 110));
      signedOn = [day, generatedOn, handedOn ?? ''].sort().at(-1)!;
    }
    let handedAtMs: number | null = null;
    if (handedOn !== null && (signedOn === null || handedOn < signedOn)) {
      handedAtMs = this.onDay(handedOn, generatedAtMs);
      if (handedAtMs >= horizon) {
        handedOn = null;
        handedAtMs = null;
      } else {
        row.handedOverOn = handedOn;
        const actor = this.writer(c);
        this.event({ occurredAtMs: handedAtMs, actorId: actor.id, action: 'contract.handed_over', personId: c.person.id, targetType: 'contract_version', targetId: row.id });
      }
    }
    if (signedOn !== null) {
      const signedAtMs = this.onDay(signedOn, handedAtMs ?? generatedAtMs);
      // Both sides sign on the day; the last signature makes the contract signed (the horizon may cut in between).
      if (signedAtMs < horizon && this.sign(c, 'contract_version', row.id, row.contentHash, signedOn, signedAtMs, signedOn, 0.01, horizon)) {
        row.signedOn = signedOn;
        // recordContractAgreement: a contract signed without a recorded hand-over counts as handed over that day.
        row.handedOverOn ??= signedOn;
      }
    }
    return row;
  }

  /**
   * The agreements that make a version agreed: the person (or their legal representative; for a
   * minor sometimes both) then the référent, from their own account. Returns false when the
   * horizon came before the référent signed (the first signature alone may be in).
   */
  private sign(c: Circle, subjectType: AgreementRow['subjectType'], subjectId: string, hash: string, firstOn: string, firstAtMs: number, lastOn: string, refusalShare: number, horizon = Infinity): boolean {
    const random = this.random;
    const parties: AgreementParty[] = c.representativeSigns ? (random.chance(0.4) ? ['legal_representative', 'person'] : ['legal_representative']) : ['person'];
    let atMs = firstAtMs;
    for (const party of parties) {
      if (atMs >= horizon) return false;
      const refused = party === 'person' && random.chance(refusalShare);
      const rep = party === 'legal_representative' ? c.legalRepresentative! : null;
      this.agreements.push({
        id: random.uuid(atMs),
        subjectType,
        subjectId,
        contentHash: hash,
        personId: c.person.id,
        party,
        signerName: rep ? `${rep.firstName} ${rep.lastName}` : `${c.person.firstName} ${c.person.lastName}`,
        relativeId: rep?.id ?? null,
        staffMemberId: null,
        outcome: refused ? 'refused' : 'signed',
        refusalNote: refused ? random.pick(refusalNotes) : null,
        signatureImage: !refused && random.chance(0.45) ? this.signature() : null,
        signedOn: firstOn,
        recordedBy: this.writer(c).id,
        recordedAtMs: atMs,
      });
      this.event({
        occurredAtMs: atMs,
        actorId: this.agreements.at(-1)!.recordedBy,
        action: `${subjectType === 'plan_version' ? 'plan' : 'contract'}.agreement_recorded`,
        personId: c.person.id,
        targetType: subjectType,
        targetId: subjectId,
        details: { party, outcome: refused ? 'refused' : 'signed' },
      });
      atMs = this.soon(atMs);
    }
    // The référent signs last, on their own account: the version is then agreed (or the contract signed).
    const referentAtMs = lastOn === firstOn ? atMs : this.onDay(lastOn, atMs);
    if (referentAtMs >= horizon) return false;
    this.agreements.push({
      id: random.uuid(referentAtMs),
      subjectType,
      subjectId,
      contentHash: hash,
      personId: c.person.id,
      party: 'referent',
      signerName: `${c.referent.firstName} ${c.referent.lastName}`,
      relativeId: null,
      staffMemberId: c.referent.id,
      outcome: 'signed',
      refusalNote: null,
      signatureImage: random.chance(0.3) ? this.signature() : null,
      signedOn: lastOn,
      recordedBy: c.referent.id,
      recordedAtMs: referentAtMs,
    });
    this.event({
      occurredAtMs: referentAtMs,
      actorId: c.referent.id,
      action: `${subjectType === 'plan_version' ? 'plan' : 'contract'}.agreement_recorded`,
      personId: c.person.id,
      targetType: subjectType,
      targetId: subjectId,
      details: { party: 'referent', outcome: 'signed' },
    });
    return true;
  }

  // ── Assessment ──

  private assessment(e: GeneratedEpisode, c: Circle, startMs: number, horizon: number): void {
    const random = this.random;
    if (!random.chance(0.93)) return;
    const assessedOn = dateOf(startMs + random.int(2, 30) * dayMs);
    const createdAtMs = random.chance(0.7) ? this.onDay(assessedOn, e.createdAtMs) : this.later(Math.max(dayStartMs(assessedOn), e.createdAtMs), 1, 4);
    if (createdAtMs >= horizon) return;
    this.addAssessment(e, c, assessedOn, createdAtMs, horizon);
    // A second one at the yearly review of long episodes.
    const second = dateOf(startMs + random.int(330, 400) * dayMs);
    const secondAtMs = this.onDay(second, createdAtMs);
    if (secondAtMs < horizon && random.chance(0.6)) this.addAssessment(e, c, second, secondAtMs, horizon);
  }

  private addAssessment(e: GeneratedEpisode, c: Circle, assessedOn: string, createdAtMs: number, horizon: number): void {
    const random = this.random;
    const minor = c.person.birthDate !== null && addMonths(c.person.birthDate, 18 * 12) > assessedOn;
    const answers: Record<string, AnswerValue> = {};
    for (const section of defaultAssessmentTemplate.sections as TemplateSection[]) {
      for (const q of section.questions) {
        if (q.id === 'scolarite_situation' && !minor) continue;
        if (random.chance(0.12)) continue; // left unanswered
        if (q.type === 'scale') answers[q.id] = random.int(q.scale!.min, q.scale!.max);
        else if (q.type === 'choice') answers[q.id] = random.pick(q.options!);
        else answers[q.id] = random.pick(answerTexts[q.id] ?? fallbackAnswers);
      }
    }
    const author = this.writer(c);
    const participants: Participant[] = [{ kind: 'person' }, { kind: 'staff', staffMemberId: c.referent.id, disciplineId: this.disciplineOf(c.referent) }];
    if (c.legalRepresentative && (c.representativeSigns || random.chance(0.5))) participants.push({ kind: 'relative', relativeId: c.legalRepresentative.id });
    const colleague = random.pick(this.teamAt(c, createdAtMs));
    if (colleague.id !== c.referent.id && random.chance(0.5)) participants.push({ kind: 'staff', staffMemberId: colleague.id, disciplineId: this.disciplineOf(colleague) });
    const id = random.uuid(createdAtMs);
    // Some were completed after a second meeting: a later revision by a colleague.
    let revision = 1;
    let updatedBy = author.id;
    let updatedAtMs = createdAtMs;
    const edits = random.weighted([[0, 70], [1, 22], [2, 8]] as const);
    for (let k = 0; k < edits; k++) {
      const at = this.later(updatedAtMs, 1, 14);
      if (at >= horizon) break;
      revision++;
      updatedBy = this.writer(c).id;
      updatedAtMs = at;
      this.event({ occurredAtMs: at, actorId: updatedBy, action: 'assessment.updated', personId: c.person.id, targetType: 'assessment', targetId: id, details: { revision } });
    }
    this.assessments.push({
      id,
      episodeId: e.id,
      personId: c.person.id,
      answers: JSON.stringify(answers),
      expectations: random.chance(0.9) ? random.pick(expectationsPool) : null,
      strengths: random.chance(0.85) ? random.pick(strengthsPool) : null,
      obstacles: random.chance(0.85) ? random.pick(obstaclesPool) : null,
      participants: JSON.stringify(participants),
      assessedOn,
      revision,
      createdBy: author.id,
      createdAtMs,
      updatedBy,
      updatedAtMs,
    });
    this.firstAssessmentMs = Math.min(this.firstAssessmentMs, createdAtMs);
    this.event({ occurredAtMs: createdAtMs, actorId: author.id, action: 'assessment.created', personId: c.person.id, targetType: 'assessment', targetId: id });
  }

  // ── Plan content ──

  private actorFor(spec: ActorSpec, c: Circle, atMs: number): ActionActor {
    if (spec === 'referent') return { kind: 'staff', staffMemberId: c.referent.id };
    if (spec === 'team') {
      const others = this.teamAt(c, atMs).filter((s) => s.id !== c.referent.id && s.profile !== 'supervisor');
      return { kind: 'staff', staffMemberId: (others.length ? this.random.pick(others) : c.referent).id };
    }
    if (spec === 'person') return { kind: 'person' };
    if (spec === 'relative') return c.legalRepresentative ? { kind: 'relative', relativeId: c.legalRepresentative.id } : { kind: 'person' };
    if (spec === 'partner') {
      const known = this.partnersByTime.filter((p) => p.createdAtMs < atMs);
      return known.length ? { kind: 'partner', partnerId: this.random.pick(known).id } : { kind: 'staff', staffMemberId: c.referent.id };
    }
    const disciplineId = this.input.organization.disciplineIds.get(spec.slice('discipline:'.length));
    return disciplineId ? { kind: 'discipline', disciplineId } : { kind: 'staff', staffMemberId: c.referent.id };
  }

  /** An action as normalizePlanContent stores it (keys in its order). */
  private action(t: ActionTemplate, c: Circle, atMs: number): PlanAction {
    const random = this.random;
    const startOn = dateOf(atMs + random.int(0, 21) * dayMs);
    return {
      id: random.uuid(atMs),
      who: this.actorFor(t.who, c, atMs),
      what: t.what.trim(),
      frequency: t.frequency,
      startOn,
      endOn: random.chance(0.4) ? addDays(startOn, random.int(60, 270)) : null,
      status: 'planned',
    };
  }

  /** A goal as normalizePlanContent stores it (keys in its order). */
  private goal(t: GoalTemplate, c: Circle, atMs: number, priority: 1 | 2 | 3): PlanGoal {
    const random = this.random;
    const actionCount = Math.min(t.actions.length + extraActions.length, random.weighted([[1, 30], [2, 45], [3, 25]] as const));
    const pool = [...t.actions, ...random.shuffle([...extraActions])].slice(0, actionCount);
    return {
      id: random.uuid(atMs),
      personWording: t.person.trim(),
      professionalWording: random.chance(0.9) ? t.professional.trim() : null,
      domain: t.domain,
      proposedBy: random.weighted([['person', 40], ['jointly', 35], ['professional', 20], ['relative', 5]] as const),
      priority,
      targetOn: random.chance(0.7) ? dateOf(atMs + random.int(90, 365) * dayMs) : null,
      autonomyAim: t.autonomy.trim(),
      scale: scaleOf(t.scale),
      weight: random.chance(0.15) ? 2 : 1,
      actions: pool.map((a) => this.action(a, c, atMs)),
    };
  }

  private templatesFor(e: GeneratedEpisode, c: Circle): GoalTemplate[] {
    const minor = c.person.birthDate !== null && addMonths(c.person.birthDate, 18 * 12) > e.startedOn;
    return goalTemplates.filter((t) => (!t.services || t.services.includes(e.serviceKey)) && (!t.minorsOnly || minor));
  }

  private initialContent(e: GeneratedEpisode, c: Circle, atMs: number): PlanContent {
    const random = this.random;
    const pool = random.shuffle(this.templatesFor(e, c));
    const count = Math.min(pool.length, random.weighted([[2, 25], [3, 35], [4, 25], [5, 15]] as const));
    const goals = pool.slice(0, count).map((t, i) => this.goal(t, c, atMs, i === 0 ? 1 : (random.int(1, 3) as 1 | 2 | 3)));
    return { summary: random.chance(0.9) ? random.pick(summariesFor[e.serviceKey] ?? summaries) : null, goals };
  }

  /** A draft reworked before it is put to the person: wording, priorities, dates, one more action. */
  private tweak(content: PlanContent, c: Circle, atMs: number): PlanContent {
    const random = this.random;
    const next = structuredClone(content);
    const goal = random.pick(next.goals);
    switch (random.weighted([['priority', 25], ['target', 25], ['action', 30], ['frequency', 20]] as const)) {
      case 'priority':
        goal.priority = goal.priority === 1 ? 2 : 1;
        break;
      case 'target':
        goal.targetOn = dateOf(atMs + random.int(90, 365) * dayMs);
        break;
      case 'action':
        goal.actions.push(this.action(random.pick(extraActions), c, atMs));
        break;
      case 'frequency': {
        const action = goal.actions.find((a) => a.frequency !== null) ?? goal.actions[0];
        if (action) action.frequency = random.pick(frequencies);
        break;
      }
    }
    return next;
  }

  /** The plan revised at a review: actions move on, a goal reached gives way to a new one, dates are pushed. */
  private revise(e: GeneratedEpisode, c: Circle, content: PlanContent, atMs: number): PlanContent {
    const random = this.random;
    const next = structuredClone(content);
    const today = dateOf(atMs);
    for (const g of next.goals) {
      for (const a of g.actions) {
        const to: ActionStatus | null =
          a.status === 'planned' ? (random.chance(0.75) ? 'in_progress' : random.chance(0.1) ? 'stopped' : null) : a.status === 'in_progress' ? (random.chance(0.45) ? 'done' : random.chance(0.05) ? 'stopped' : null) : null;
        if (to) a.status = to;
      }
      if (g.targetOn !== null && g.targetOn < today) g.targetOn = dateOf(atMs + random.int(120, 365) * dayMs);
    }
    // A goal reached (or given up) leaves the plan; two goals at least remain.
    if (next.goals.length > 2 && random.chance(0.35)) next.goals.splice(random.int(0, next.goals.length - 1), 1);
    if (next.goals.length < 5 && random.chance(0.5)) {
      const used = new Set(next.goals.map((g) => g.personWording));
      const fresh = this.templatesFor(e, c).filter((t) => !used.has(t.person));
      if (fresh.length) next.goals.push(this.goal(random.pick(fresh), c, atMs, random.int(1, 3) as 1 | 2 | 3));
    }
    if (random.chance(0.2)) next.summary = random.pick(summariesFor[e.serviceKey] ?? summaries);
    return next;
  }

  // ── The plan's history ──

  private plan(e: GeneratedEpisode, c: Circle, startMs: number, horizon: number): void {
    const random = this.random;
    const delayDays = random.weighted([[[10, 60], 80], [[61, 200], 15], [[201, 400], 5]] as const);
    let t = this.later(Math.max(startMs, e.createdAtMs), delayDays[0], delayDays[1]);
    if (t >= horizon) return;
    const planCreator = this.writer(c);
    const plan: PlanRow = { id: random.uuid(t), episodeId: e.id, personId: c.person.id, createdBy: planCreator.id, createdAtMs: t };
    this.plans.push(plan);
    const versions: VersionRow[] = [];
    let active: VersionRow | null = null;
    let activeSinceMs = 0;
    let stopped = false;

    // savePlanVersion: a new version, the previous draft/proposed/agreed one superseded; at most six in this data set.
    const save = (atMs: number, content: PlanContent, note: string | null, by: GeneratedStaffMember): VersionRow | null => {
      if (versions.length >= 6 || atMs >= horizon) return null;
      const previous = versions.at(-1);
      if (previous && (previous.status === 'draft' || previous.status === 'proposed' || previous.status === 'agreed')) {
        previous.status = 'superseded';
        previous.statusChangedAtMs = atMs;
      }
      const v: VersionRow = {
        id: random.uuid(atMs),
        planId: plan.id,
        number: versions.length + 1,
        status: 'draft',
        content,
        contentHash: contentHash(content),
        changeNote: note,
        createdBy: by.id,
        createdAtMs: atMs,
        statusChangedAtMs: atMs,
        agreedOn: null,
        activeFrom: null,
      };
      versions.push(v);
      this.versions.push(v);
      this.event({ occurredAtMs: atMs, actorId: by.id, action: 'plan.version_saved', personId: c.person.id, targetType: 'plan_version', targetId: v.id, details: { number: v.number, goals: content.goals.length } });
      return v;
    };

    let content = this.initialContent(e, c, t);
    let note: string | null = null;
    let author = planCreator; // the first save creates the plan
    while (!stopped) {
      let v = save(t, content, note, author);
      author = this.writer(c);
      if (!v) break;
      // Drafts reworked before being put to the person.
      for (let k = random.weighted([[0, 40], [1, 35], [2, 25]] as const); k > 0; k--) {
        const at = this.later(t, 1, 12);
        content = this.tweak(content, c, at);
        const next = save(at, content, random.pick(draftNotes), this.writer(c));
        if (!next) {
          stopped = true;
          break;
        }
        v = next;
        t = at;
      }
      if (stopped) break;
      // Proposed, then signed by the person (or representative) and the référent.
      // A draft is talked over with the person before it is put to them: days, sometimes weeks.
      const proposedAt = this.later(t, 1, random.chance(0.7) ? 14 : 45);
      if (proposedAt >= horizon) break;
      v.status = 'proposed';
      v.statusChangedAtMs = proposedAt;
      this.event({ occurredAtMs: proposedAt, actorId: this.writer(c).id, action: 'plan.version_proposed', personId: c.person.id, targetType: 'plan_version', targetId: v.id });
      const firstAt = this.later(proposedAt, 0, 21);
      const firstOn = dateOf(firstAt);
      const lastOn = random.chance(0.6) ? firstOn : addDays(firstOn, random.int(1, 6));
      if (!this.sign(c, 'plan_version', v.id, v.contentHash, firstOn, firstAt, lastOn, 0.03, horizon)) break;
      const agreedAt = this.agreements.at(-1)!.recordedAtMs;
      v.status = 'agreed';
      v.agreedOn = lastOn;
      v.statusChangedAtMs = agreedAt;
      this.event({ occurredAtMs: agreedAt, actorId: c.referent.id, action: 'plan.version_agreed', personId: c.person.id, targetType: 'plan_version', targetId: v.id });
      // Put into effect, superseding the version in force (whose evaluations end there).
      const activatedAt = random.chance(0.7) ? this.soon(agreedAt) : this.later(agreedAt, 1, 10);
      if (activatedAt >= horizon) break;
      if (active) {
        this.evaluate(c, active, activeSinceMs, activatedAt);
        active.status = 'superseded';
        active.statusChangedAtMs = activatedAt;
      }
      v.status = 'active';
      v.activeFrom = dateOf(activatedAt);
      v.statusChangedAtMs = activatedAt;
      active = v;
      activeSinceMs = activatedAt;
      this.event({ occurredAtMs: activatedAt, actorId: this.writer(c).id, action: 'plan.version_activated', personId: c.person.id, targetType: 'plan_version', targetId: v.id });

      // The next review: after an evaluation half-way, yearly (some late), or sooner after a change of situation.
      const when = random.weighted([['half_year', 30], ['yearly', 58], ['late', 12]] as const);
      const [fromDay, toDay] = when === 'half_year' ? [150, 240] : when === 'yearly' ? [300, 380] : [381, 540];
      let nextAt = this.later(activatedAt, fromDay, toDay);
      note = random.pick(reviewNotes);
      if (random.chance(0.22)) {
        const changedAt = this.later(activatedAt, 20, 300);
        if (changedAt < horizon) {
          this.situationChange(e, c, changedAt);
          if (random.chance(0.65)) {
            const reviewAt = this.later(changedAt, 3, 30);
            if (reviewAt < nextAt) {
              nextAt = reviewAt;
              note = random.pick(changeReviewNotes);
            }
          }
        }
      }
      if (nextAt >= horizon) break;
      content = this.revise(e, c, content, nextAt);
      t = nextAt;
    }
    if (active) this.evaluate(c, active, activeSinceMs, horizon);
  }

  private situationChange(e: GeneratedEpisode, c: Circle, atMs: number): void {
    const by = this.writer(c);
    const row: SituationChangeRow = { id: this.random.uuid(atMs), episodeId: e.id, notedOn: dateOf(atMs), note: this.random.pick(situationNotes), createdBy: by.id, createdAtMs: atMs };
    this.changes.push(row);
    this.event({ occurredAtMs: atMs, actorId: by.id, action: 'plan.situation_changed', personId: c.person.id, targetType: 'episode', targetId: e.id });
  }

  /** Up to four dated evaluations of the version in force, between its start and its end (superseded, episode ended, or today). */
  private evaluate(c: Circle, v: VersionRow, fromMs: number, untilMs: number): void {
    const random = this.random;
    let at = this.later(fromMs, 60, 150);
    for (let k = 0; k < 4 && at < untilMs; k++) {
      const evaluatedOn = dateOf(at);
      const createdAtMs = random.chance(0.7) ? at : this.later(at, 1, 3);
      if (createdAtMs >= untilMs) break;
      const goals = v.content.goals.filter((_, i, all) => all.length < 2 || random.chance(0.93) || i === 0);
      // Attainment drifts from "somewhat less than expected" towards the expected level and above.
      const scores: GoalScore[] = goals.map((g) => ({
        goalId: g.id,
        level: clampLevel(-1 + 0.45 * k + 0.9 * random.normal()),
        comment: random.chance(0.3) ? random.pick(scoreComments) : null,
      }));
      const weightOf = new Map(goals.map((g) => [g.id, g.weight]));
      const participants: Participant[] = [{ kind: 'person' }, { kind: 'staff', staffMemberId: c.referent.id, disciplineId: this.disciplineOf(c.referent) }];
      if (c.legalRepresentative && random.chance(0.6)) participants.push({ kind: 'relative', relativeId: c.legalRepresentative.id });
      const by = this.writer(c);
      const row: EvaluationRow = {
        id: random.uuid(createdAtMs),
        planId: v.planId,
        versionId: v.id,
        evaluatedOn,
        scores: JSON.stringify(scores),
        personView: random.chance(0.6) ? random.pick(personViews) : null,
        comments: random.chance(0.6) ? random.pick(evaluationComments) : null,
        participants: JSON.stringify(participants),
        tScore: goalAttainmentTScore(scores.map((s) => ({ level: s.level, weight: weightOf.get(s.goalId)! }))),
        createdBy: by.id,
        createdAtMs,
      };
      this.evaluations.push(row);
      this.event({ occurredAtMs: createdAtMs, actorId: by.id, action: 'plan.evaluated', personId: c.person.id, targetType: 'plan_evaluation', targetId: row.id, details: { goals: scores.length } });
      at = this.later(at, 90, 180);
    }
  }

  // ── Counts ──

  private counts(): PlanCounts {
    const versions: Record<PlanStatus, number> = { draft: 0, proposed: 0, agreed: 0, active: 0, superseded: 0 };
    for (const v of this.versions) versions[v.status]++;
    // The deadlines of the episodes in progress on the anchor day, as the deadlines view computes them.
    const deadlinesAtAnchor = Object.fromEntries((['contract_handover', 'contract_signature', 'objectives_annex', 'plan_review', 'situation_review'] as const).map((k) => [k, { overdue: 0, dueWithin30Days: 0 }])) as PlanCounts['deadlinesAtAnchor'];
    const contractsOf = new Map<string, ContractRow[]>();
    for (const r of this.contracts) contractsOf.set(r.episodeId, [...(contractsOf.get(r.episodeId) ?? []), r]);
    const planOf = new Map(this.plans.map((p) => [p.episodeId, p.id]));
    const agreedOf = new Map<string, string[]>();
    for (const v of this.versions) if (v.agreedOn) agreedOf.set(v.planId, [...(agreedOf.get(v.planId) ?? []), v.agreedOn]);
    const changesOf = new Map<string, string[]>();
    for (const s of this.changes) changesOf.set(s.episodeId, [...(changesOf.get(s.episodeId) ?? []), s.notedOn]);
    const min = (days: (string | null)[]) => days.filter((d): d is string => d !== null).sort()[0] ?? null;
    for (const e of this.input.admissions.episodes) {
      if (e.endedOn !== null) continue;
      const contracts = contractsOf.get(e.id) ?? [];
      const agreed = (agreedOf.get(planOf.get(e.id) ?? '') ?? []).sort();
      const deadlines = episodeDeadlines(
        {
          startedOn: e.startedOn,
          endedOn: null,
          contractHandedOverOn: min(contracts.map((r) => r.handedOverOn)),
          contractSignedOn: min(contracts.map((r) => r.signedOn)),
          objectivesAgreedOn: agreed[0] ?? null,
          planAgreedOn: agreed,
          situationChangedOn: changesOf.get(e.id) ?? [],
        },
        defaultDeadlineSettings,
        this.anchorDay,
      );
      for (const d of deadlines) {
        if (d.daysLeft === null) continue;
        if (d.daysLeft < 0) deadlinesAtAnchor[d.kind].overdue++;
        else if (d.daysLeft <= 30) deadlinesAtAnchor[d.kind].dueWithin30Days++;
      }
    }
    return {
      legalRepresentatives: this.relatives.length,
      assessments: this.assessments.length,
      plans: this.plans.length,
      versions,
      planAgreements: this.agreements.filter((a) => a.subjectType === 'plan_version').length,
      evaluations: this.evaluations.length,
      contracts: this.contracts.length,
      signedContracts: this.contracts.filter((r) => r.signedOn !== null).length,
      contractAgreements: this.agreements.filter((a) => a.subjectType === 'contract_version').length,
      situationChanges: this.changes.length,
      deadlinesAtAnchor,
    };
  }

  // ── Writing ──

  private async write(): Promise<void> {
    const { client, progress } = this.ctx;
    const orgId = this.input.organization.id;
    const org = { name: 'organization_id', type: 'uuid', value: () => orgId } as const;
    const total =
      2 + this.relatives.length + this.assessments.length + this.plans.length + this.versions.length + this.agreements.length + this.evaluations.length + this.contracts.length + this.changes.length;
    progress.setTotal(this.input.admissions.episodes.length + total);
    const advance = (n: number) => progress.advance(n);
    const write = async <Row>(table: string, columns: Column<Row>[], rows: readonly Row[], batchSize = 5_000) => {
      const writer = new BulkWriter(client, table, columns, { batchSize, onWritten: advance });
      await writer.addAll(rows);
      await writer.close();
    };
    const byTime = <T>(rows: readonly T[], time: (row: T) => number) => [...rows].sort((a, b) => time(a) - time(b));

    // The structure's default assessment template and contract templates, as the first look at them inserts them.
    const templateAt = Number.isFinite(this.firstAssessmentMs) ? this.firstAssessmentMs - 60_000 : this.input.organization.openedAtMs;
    await client.query('INSERT INTO assessment_template (organization_id, id, name, sections, is_default, created_at, updated_at) VALUES ($1, $2, $3, $4::jsonb, true, $5, $5)', [
      orgId,
      this.templateId,
      defaultAssessmentTemplate.name,
      this.templateSections,
      iso(templateAt),
    ]);
    const documentsAt = iso(Number.isFinite(this.firstContractMs) ? this.firstContractMs - 60_000 : this.input.organization.openedAtMs);
    for (const [kind, t] of Object.entries(defaultContractTemplates)) {
      await client.query('INSERT INTO document_template (organization_id, id, kind, title, body, updated_at) VALUES ($1, $2, $3, $4, $5, $6)', [orgId, this.random.uuid(templateAt), kind, t.title, t.body, documentsAt]);
    }
    advance(2);

    await write<RelativeRow>(
      'relative',
      [
        org,
        { name: 'id', type: 'uuid', value: (r) => r.id },
        { name: 'person_id', type: 'uuid', value: (r) => r.personId },
        { name: 'first_name', type: 'text', value: (r) => r.firstName },
        { name: 'last_name', type: 'text', value: (r) => r.lastName },
        { name: 'relationship', type: 'text', value: (r) => r.relationship },
        { name: 'phone', type: 'text', value: (r) => r.phone },
        { name: 'is_legal_representative', type: 'boolean', value: (r) => r.isLegalRepresentative },
        { name: 'takes_part_in_plan', type: 'boolean', value: (r) => r.takesPartInPlan },
        { name: 'notes', type: 'text', value: (r) => r.notes },
        { name: 'created_by', type: 'uuid', value: (r) => r.createdBy },
        { name: 'created_at', type: 'timestamptz', value: (r) => iso(r.createdAtMs) },
      ],
      byTime(this.relatives, (r) => r.createdAtMs),
    );
    const templateId = this.templateId;
    const templateName = defaultAssessmentTemplate.name;
    const sections = this.templateSections;
    await write<AssessmentRow>(
      'assessment',
      [
        org,
        { name: 'id', type: 'uuid', value: (a) => a.id },
        { name: 'episode_id', type: 'uuid', value: (a) => a.episodeId },
        { name: 'person_id', type: 'uuid', value: (a) => a.personId },
        { name: 'template_id', type: 'uuid', value: () => templateId },
        { name: 'template_name', type: 'text', value: () => templateName },
        { name: 'sections', type: 'jsonb', value: () => sections },
        { name: 'answers', type: 'jsonb', value: (a) => a.answers },
        { name: 'expectations', type: 'text', value: (a) => a.expectations },
        { name: 'strengths', type: 'text', value: (a) => a.strengths },
        { name: 'obstacles', type: 'text', value: (a) => a.obstacles },
        { name: 'participants', type: 'jsonb', value: (a) => a.participants },
        { name: 'assessed_on', type: 'date', value: (a) => a.assessedOn },
        { name: 'revision', type: 'int', value: (a) => a.revision },
        { name: 'created_by', type: 'uuid', value: (a) => a.createdBy },
        { name: 'created_at', type: 'timestamptz', value: (a) => iso(a.createdAtMs) },
        { name: 'updated_by', type: 'uuid', value: (a) => a.updatedBy },
        { name: 'updated_at', type: 'timestamptz', value: (a) => iso(a.updatedAtMs) },
      ],
      byTime(this.assessments, (a) => a.createdAtMs),
      1_000,
    );
    await write<PlanRow>(
      'plan',
      [
        org,
        { name: 'id', type: 'uuid', value: (p) => p.id },
        { name: 'episode_id', type: 'uuid', value: (p) => p.episodeId },
        { name: 'person_id', type: 'uuid', value: (p) => p.personId },
        { name: 'created_by', type: 'uuid', value: (p) => p.createdBy },
        { name: 'created_at', type: 'timestamptz', value: (p) => iso(p.createdAtMs) },
      ],
      byTime(this.plans, (p) => p.createdAtMs),
    );
    // In their final state: the guard trigger lets a version's status move forward only, and never its content.
    await write<VersionRow>(
      'plan_version',
      [
        org,
        { name: 'id', type: 'uuid', value: (v) => v.id },
        { name: 'plan_id', type: 'uuid', value: (v) => v.planId },
        { name: 'number', type: 'int', value: (v) => v.number },
        { name: 'status', type: 'text', value: (v) => v.status },
        { name: 'content', type: 'jsonb', value: (v) => JSON.stringify(v.content) },
        { name: 'content_hash', type: 'text', value: (v) => v.contentHash },
        { name: 'change_note', type: 'text', value: (v) => v.changeNote },
        { name: 'created_by', type: 'uuid', value: (v) => v.createdBy },
        { name: 'created_at', type: 'timestamptz', value: (v) => iso(v.createdAtMs) },
        { name: 'status_changed_at', type: 'timestamptz', value: (v) => iso(v.statusChangedAtMs) },
        { name: 'agreed_on', type: 'date', value: (v) => v.agreedOn },
        { name: 'active_from', type: 'date', value: (v) => v.activeFrom },
      ],
      byTime(this.versions, (v) => v.createdAtMs),
      1_000,
    );
    await write<AgreementRow>(
      'agreement',
      [
        org,
        { name: 'id', type: 'uuid', value: (a) => a.id },
        { name: 'subject_type', type: 'text', value: (a) => a.subjectType },
        { name: 'subject_id', type: 'uuid', value: (a) => a.subjectId },
        { name: 'content_hash', type: 'text', value: (a) => a.contentHash },
        { name: 'person_id', type: 'uuid', value: (a) => a.personId },
        { name: 'party', type: 'text', value: (a) => a.party },
        { name: 'signer_name', type: 'text', value: (a) => a.signerName },
        { name: 'relative_id', type: 'uuid', value: (a) => a.relativeId },
        { name: 'staff_member_id', type: 'uuid', value: (a) => a.staffMemberId },
        { name: 'outcome', type: 'text', value: (a) => a.outcome },
        { name: 'refusal_note', type: 'text', value: (a) => a.refusalNote },
        { name: 'signature_image', type: 'text', value: (a) => a.signatureImage },
        { name: 'signed_on', type: 'date', value: (a) => a.signedOn },
        { name: 'recorded_by', type: 'uuid', value: (a) => a.recordedBy },
        { name: 'recorded_at', type: 'timestamptz', value: (a) => iso(a.recordedAtMs) },
      ],
      byTime(this.agreements, (a) => a.recordedAtMs),
      2_000,
    );
    await write<EvaluationRow>(
      'plan_evaluation',
      [
        org,
        { name: 'id', type: 'uuid', value: (v) => v.id },
        { name: 'plan_id', type: 'uuid', value: (v) => v.planId },
        { name: 'version_id', type: 'uuid', value: (v) => v.versionId },
        { name: 'evaluated_on', type: 'date', value: (v) => v.evaluatedOn },
        { name: 'scores', type: 'jsonb', value: (v) => v.scores },
        { name: 'person_view', type: 'text', value: (v) => v.personView },
        { name: 'comments', type: 'text', value: (v) => v.comments },
        { name: 'participants', type: 'jsonb', value: (v) => v.participants },
        { name: 't_score', type: 'numeric', value: (v) => v.tScore },
        { name: 'created_by', type: 'uuid', value: (v) => v.createdBy },
        { name: 'created_at', type: 'timestamptz', value: (v) => iso(v.createdAtMs) },
      ],
      byTime(this.evaluations, (v) => v.createdAtMs),
    );
    await write<ContractRow>(
      'contract_version',
      [
        org,
        { name: 'id', type: 'uuid', value: (r) => r.id },
        { name: 'episode_id', type: 'uuid', value: (r) => r.episodeId },
        { name: 'kind', type: 'text', value: (r) => r.kind },
        { name: 'number', type: 'int', value: (r) => r.number },
        { name: 'title', type: 'text', value: (r) => r.title },
        { name: 'body', type: 'text', value: (r) => r.body },
        { name: 'content_hash', type: 'text', value: (r) => r.contentHash },
        { name: 'handed_over_on', type: 'date', value: (r) => r.handedOverOn },
        { name: 'signed_on', type: 'date', value: (r) => r.signedOn },
        { name: 'created_by', type: 'uuid', value: (r) => r.createdBy },
        { name: 'created_at', type: 'timestamptz', value: (r) => iso(r.createdAtMs) },
      ],
      byTime(this.contracts, (r) => r.createdAtMs),
      2_000,
    );
    await write<SituationChangeRow>(
      'situation_change',
      [
        org,
        { name: 'id', type: 'uuid', value: (s) => s.id },
        { name: 'episode_id', type: 'uuid', value: (s) => s.episodeId },
        { name: 'noted_on', type: 'date', value: (s) => s.notedOn },
        { name: 'note', type: 'text', value: (s) => s.note },
        { name: 'created_by', type: 'uuid', value: (s) => s.createdBy },
        { name: 'created_at', type: 'timestamptz', value: (s) => iso(s.createdAtMs) },
      ],
      byTime(this.changes, (s) => s.createdAtMs),
    );
  }
}
