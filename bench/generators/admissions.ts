import type { CriterionAnswer, CapacitySnapshot, DecisionOutcome, EpisodeEndReason, OrientationTarget, WaitlistStatus } from '../../src/modules/admissions/schema.js';
import type { PartnerKind } from '../../src/modules/partners/schema.js';
import type { ReferralSource, ReferralStatus, Urgency } from '../../src/modules/referrals/schema.js';
import type { Criterion, Modality, PathwayPhase, SafetyCriterion, ServiceKind } from '../../src/modules/services/schema.js';
import { insertRows, type Column } from '../lib/bulk-insert.js';
import type { Random } from '../lib/random.js';
import type { ChangeEvent } from './audit.js';
import { emailLocalPart, frenchFirstName, frenchLastName, type Sex } from './french-names.js';
import type { GeneratedOrganization } from './organizations.js';
import type { GeneratedPerson } from './people.js';
import type { GeneratedStaffMember, StaffProfileKey } from './staff.js';
import type { GeneratorContext, GeneratorStep } from './step.js';
import { dayMs, startOfDay, workingTime } from './timeline.js';

// ─── What the structure offers ────────────────────────────────────────────────────────────────

export type ServiceKey = 'individual' | 'peer' | 'relatives' | 'group' | 'transition';

interface ServiceSpec {
  key: ServiceKey;
  name: string;
  kind: ServiceKind;
  description: string;
  defaultMinutes: number;
  maxMinutes: number;
  modalities: Modality[];
  /** Active people per référent (null: none); "one client at a time" is 1 with exclusive. */
  perPractitioner: number | null;
  /** Active people in the whole service at scale 1 (scaled with the data set); null: none. */
  perService: number | null;
  exclusive: boolean;
  indication: string[];
  safety: [label: string, orientation: string][];
  phases: [code: string, label: string][];
  /** Who may be the référent: staff of these profiles and disciplines, on the person's care team. */
  referentProfiles: StaffProfileKey[];
  referentDisciplines: string[];
  /** Relative share of first referrals, and of second referrals (to another service). */
  weight: number;
  secondWeight: number;
  durationDays: [number, number];
  /** Share of episodes with a planned end date. */
  plannedEndShare: number;
  reasons: string[];
}

const serviceSpecs: readonly ServiceSpec[] = [
  {
    key: 'individual',
    name: 'Suivi individuel pluridisciplinaire',
    kind: 'individual_support',
    description: 'Un référent et une équipe pluridisciplinaire autour du projet personnalisé, sur site, à domicile ou à distance.',
    defaultMinutes: 45,
    maxMinutes: 60,
    modalities: ['on_site', 'home', 'video', 'phone'],
    perPractitioner: 30,
    perService: null,
    exclusive: false,
    indication: ['Demande formulée par la personne elle-même', 'Besoin d’un accompagnement au long cours', 'Réside dans le territoire d’intervention'],
    safety: [['Pas de risque suicidaire imminent repéré', 'Appeler le 15 ou le 3114 ; orientation vers les urgences'], ['Pas de décompensation aiguë en cours', 'Orientation vers le CMP de secteur']],
    phases: [['accueil', 'Accueil et évaluation initiale'], ['projet', 'Co-construction du projet'], ['accompagnement', 'Accompagnement'], ['consolidation', 'Consolidation'], ['relais', 'Relais et fin de parcours']],
    referentProfiles: ['practitioner', 'clinical_referent'],
    referentDisciplines: ['psychologist', 'nurse', 'educator', 'social_worker', 'psychiatrist', 'physician', 'psycho_emotional_practitioner', 'family_social_counsellor'],
    weight: 64,
    secondWeight: 0,
    durationDays: [150, 540],
    plannedEndShare: 0.75,
    reasons: [
      'Anxiété importante depuis un licenciement, isolement social.',
      'Sortie d’hospitalisation, besoin d’un accompagnement de proximité.',
      'Difficultés à reprendre une activité après un arrêt long.',
      'Troubles du sommeil et épuisement ; souhaite être accompagné(e).',
      'Deuil récent, repli sur soi, la famille s’inquiète.',
      'Situation de précarité et démarches administratives bloquées.',
      'Conduites addictives en voie de stabilisation, souhaite un suivi.',
      'Difficultés relationnelles au travail, arrêt maladie en cours.',
    ],
  },
  {
    key: 'peer',
    name: 'Pair-aidance individuelle',
    kind: 'individual_support',
    description: 'Rencontres avec un pair-aidant, 45 minutes au plus, sur site, chez un partenaire, à domicile ou à distance.',
    defaultMinutes: 45,
    maxMinutes: 45,
    modalities: ['on_site', 'partner_site', 'home', 'video', 'phone'],
    perPractitioner: 12,
    perService: null,
    exclusive: false,
    indication: ['Demande formulée par la personne elle-même', 'Souhaite échanger avec une personne ayant un vécu similaire'],
    safety: [['Pas de risque suicidaire imminent repéré', 'Appeler le 15 ou le 3114 ; orientation vers les urgences'], ['Suivi médical en place ou proposé', 'Orientation vers le médecin traitant']],
    phases: [['rencontre', 'Première rencontre'], ['accompagnement', 'Accompagnement entre pairs'], ['autonomie', 'Vers l’autonomie'], ['suite', 'Suite de parcours']],
    referentProfiles: ['practitioner'],
    referentDisciplines: ['peer_support_worker', 'psycho_emotional_practitioner'],
    weight: 12,
    secondWeight: 35,
    durationDays: [90, 270],
    plannedEndShare: 0.8,
    reasons: [
      'Souhaite rencontrer quelqu’un qui est passé par là.',
      'Après plusieurs hospitalisations, veut reprendre confiance.',
      'Isolement, perte de repères ; demande un soutien entre pairs.',
    ],
  },
  {
    key: 'relatives',
    name: 'Soutien aux proches aidants',
    kind: 'support_for_relatives',
    description: 'Écoute, information et soutien pour les proches d’une personne accompagnée.',
    defaultMinutes: 60,
    maxMinutes: 90,
    modalities: ['on_site', 'video', 'phone'],
    perPractitioner: 15,
    perService: 200,
    exclusive: false,
    indication: ['Aidant d’une personne en difficulté psychique', 'Demande formulée par l’aidant lui-même'],
    safety: [['Pas de risque suicidaire imminent repéré', 'Appeler le 15 ou le 3114 ; orientation vers les urgences']],
    phases: [['accueil', 'Accueil'], ['soutien', 'Soutien'], ['ressources', 'Mobilisation des ressources'], ['bilan', 'Bilan']],
    referentProfiles: ['practitioner'],
    referentDisciplines: ['family_social_counsellor', 'social_worker', 'psychologist'],
    weight: 8,
    secondWeight: 25,
    durationDays: [60, 180],
    plannedEndShare: 0.9,
    reasons: [
      'Mère d’un jeune adulte hospitalisé, épuisement.',
      'Conjoint d’une personne suivie, ne sait plus comment aider.',
      'Fille aidante d’un parent âgé, sentiment d’isolement.',
    ],
  },
  {
    key: 'group',
    name: 'Groupe de parole « Rétablissement »',
    kind: 'group',
    description: 'Cycles de douze séances en groupe, sur site ou chez un partenaire.',
    defaultMinutes: 90,
    maxMinutes: 120,
    modalities: ['on_site', 'partner_site'],
    perPractitioner: 12,
    perService: 144,
    exclusive: false,
    indication: ['Demande formulée par la personne elle-même', 'Peut s’engager sur un cycle complet'],
    safety: [['Pas de risque suicidaire imminent repéré', 'Appeler le 15 ou le 3114 ; orientation vers les urgences']],
    phases: [['inscription', 'Inscription'], ['cycle', 'Cycle de séances'], ['bilan', 'Bilan du cycle'], ['suite', 'Suite']],
    referentProfiles: ['practitioner'],
    referentDisciplines: ['psychologist', 'nurse', 'peer_support_worker', 'educator'],
    weight: 8,
    secondWeight: 40,
    durationDays: [84, 130],
    plannedEndShare: 1,
    reasons: ['Souhaite rejoindre un groupe de parole.', 'Isolement ; le groupe lui a été conseillé par son référent.', 'Veut partager son expérience avec d’autres.'],
  },
  {
    key: 'transition',
    name: 'Accompagnement personnel de transition',
    kind: 'personal_support_management',
    description: 'Un responsable d’accompagnement personnel, une personne à la fois : arrivée, transitions, réintégration.',
    defaultMinutes: 60,
    maxMinutes: 120,
    modalities: ['on_site', 'home', 'video', 'phone'],
    perPractitioner: 1,
    perService: null,
    exclusive: true,
    indication: ['Transition à préparer (sortie, retour à domicile, reprise)', 'Accord de la personne pour un accompagnement rapproché'],
    safety: [['Pas de risque suicidaire imminent repéré', 'Appeler le 15 ou le 3114 ; orientation vers les urgences'], ['Pas de décompensation aiguë en cours', 'Orientation vers le CMP de secteur']],
    phases: [['arrivee', 'Arrivée et orientation'], ['stabilisation', 'Stabilisation'], ['transition', 'Transition'], ['reintegration', 'Réintégration'], ['suivi', 'Suivi post-parcours']],
    referentProfiles: ['coordinator'],
    referentDisciplines: ['personal_support_manager'],
    weight: 4,
    secondWeight: 0,
    durationDays: [21, 70],
    plannedEndShare: 1,
    reasons: ['Sortie d’hospitalisation prévue, besoin d’un accompagnement de transition.', 'Retour à domicile après un long séjour ; organisation du quotidien.', 'Reprise du travail à préparer.'],
  },
];

const partnerTemplates: readonly { name: string; kind: PartnerKind; weight: number; onsite: number[] }[] = [
  { name: 'CCAS de Mérignac', kind: 'ccas_cias', weight: 9, onsite: [2] },
  { name: 'CMP adultes de Pessac', kind: 'cmp', weight: 12, onsite: [] },
  { name: 'Centre hospitalier Charles-Perrens', kind: 'hospital', weight: 14, onsite: [] },
  { name: 'Mission Locale des Graves', kind: 'mission_locale', weight: 5, onsite: [4] },
  { name: 'CAF de la Gironde', kind: 'caf', weight: 3, onsite: [] },
  { name: 'MSA Gironde', kind: 'msa', weight: 2, onsite: [] },
  { name: 'Centre social et culturel de Talence', kind: 'centre_social', weight: 4, onsite: [1, 3] },
  { name: 'UNAFAM Gironde', kind: 'association', weight: 4, onsite: [] },
  { name: 'SAMSAH Rive droite', kind: 'essms', weight: 5, onsite: [] },
  { name: 'CCAS de Bègles', kind: 'ccas_cias', weight: 5, onsite: [5] },
  { name: 'Lycée professionnel Les Iris', kind: 'school', weight: 1, onsite: [] },
  { name: 'Association Le Lien — accueil de jour', kind: 'association', weight: 3, onsite: [2] },
  { name: 'SAVS de Libourne', kind: 'essms', weight: 3, onsite: [] },
  { name: 'CMP du Bouscat', kind: 'cmp', weight: 7, onsite: [] },
  { name: 'Clinique du Pont de Chaume', kind: 'hospital', weight: 4, onsite: [] },
  { name: 'Maison des solidarités de Cenon', kind: 'other', weight: 3, onsite: [4] },
  { name: 'CIAS du Réolais', kind: 'ccas_cias', weight: 2, onsite: [] },
  { name: 'Mission Locale Technowest', kind: 'mission_locale', weight: 2, onsite: [] },
  { name: 'Association Revivre', kind: 'association', weight: 2, onsite: [] },
  { name: 'Centre social de Lormont', kind: 'centre_social', weight: 2, onsite: [3] },
];
const partnerRoles: Record<PartnerKind, string[]> = {
  ccas_cias: ['Assistante sociale', 'Conseiller en insertion'],
  caf: ['Travailleuse sociale'],
  msa: ['Travailleur social'],
  mission_locale: ['Conseillère en insertion', 'Conseiller référent'],
  centre_social: ['Animatrice famille', 'Directeur'],
  association: ['Bénévole référente', 'Coordinatrice'],
  essms: ['Éducatrice spécialisée', 'Chef de service'],
  hospital: ['Psychiatre', 'Infirmier de liaison', 'Assistante sociale'],
  cmp: ['Infirmière', 'Psychiatre', 'Psychologue'],
  school: ['Infirmière scolaire', 'Conseillère principale d’éducation'],
  other: ['Travailleur social'],
};
const clinicianRoles = [['Médecin traitant', 50], ['Psychiatre libéral', 20], ['Psychologue libérale', 15], ['Médecin du travail', 8], ['Sage-femme', 3], ['Pédiatre', 4]] as const;
const relativeRoles = [['Mère', 30], ['Père', 15], ['Conjoint(e)', 25], ['Sœur', 8], ['Frère', 6], ['Fille', 10], ['Fils', 6]] as const;

const refusalReasons = [
  'La demande relève d’un suivi médical que la structure ne propose pas ; la personne a été informée des ressources du territoire.',
  'La personne réside hors du territoire d’intervention ; les coordonnées d’une structure proche lui ont été transmises.',
  'La demande a été formulée par un tiers et la personne ne souhaite pas d’accompagnement à ce jour.',
  'Le dispositif demandé ne correspond pas au besoin exprimé ; un autre accompagnement a été proposé.',
];
const orientations: readonly { to: OrientationTarget; detail: string; reasons: string; safety: boolean }[] = [
  { to: 'cmp', detail: 'CMP adultes du secteur', reasons: 'Des soins psychiatriques de secteur sont nécessaires avant tout accompagnement.', safety: false },
  { to: 'doctor', detail: 'Médecin traitant', reasons: 'Un bilan médical est nécessaire ; la personne est invitée à revenir vers nous ensuite.', safety: false },
  { to: 'psychologist', detail: 'Psychologue libéral(e) du quartier', reasons: 'Un suivi psychologique individuel répond mieux à la demande.', safety: false },
  { to: 'other', detail: 'Association d’aide aux victimes', reasons: 'La demande relève d’un accompagnement spécialisé proposé par un partenaire.', safety: false },
  { to: 'emergency', detail: 'Urgences psychiatriques (15)', reasons: 'Risque suicidaire repéré lors de l’entretien : la personne a été orientée vers les urgences, le 3114 lui a été donné.', safety: true },
  { to: 'cmp', detail: 'CMP de secteur, rendez-vous pris', reasons: 'Décompensation en cours : orientation vers le CMP, qui a été prévenu avec l’accord de la personne.', safety: true },
];
const withdrawalNotes = ['La personne ne souhaite plus être accompagnée.', 'Injoignable après trois tentatives de contact.', 'A trouvé un accompagnement ailleurs.', 'Déménagement hors du territoire.'];
const waitlistLeaveReasons = ['A trouvé un accompagnement ailleurs.', 'Ne souhaite plus attendre.', 'Déménagement hors du territoire.', 'Injoignable depuis plusieurs semaines.'];
const declineNotes = ['Horaires incompatibles avec son travail pour le moment.', 'Préfère attendre la rentrée.', 'Hospitalisation en cours.', null];
const phaseNotes = ['Point d’étape avec la personne et l’équipe.', 'Objectifs revus en synthèse.', 'La personne souhaite espacer les rencontres.', 'Bilan intermédiaire réalisé.'];
const endOutcomes: readonly (readonly [EpisodeEndReason, number])[] = [['goals_reached', 62], ['orientation', 20], ['other', 6], ['moved', 5], ['person_choice', 7]];
const aftercareNotes: Record<EpisodeEndReason, string[]> = {
  goals_reached: ['Objectifs atteints ; un rendez-vous de suivi à trois mois est proposé.', 'Fin de parcours préparée avec la personne ; relais assuré par le médecin traitant.'],
  person_choice: ['La personne souhaite arrêter ; elle sait qu’elle peut revenir vers nous.', 'Arrêt à la demande de la personne ; coordonnées des partenaires remises.'],
  orientation: ['Relais vers le CMP de secteur, synthèse transmise avec l’accord de la personne.', 'Orientation vers un SAVS ; rencontre tripartite organisée.'],
  moved: ['Déménagement ; coordonnées d’une structure du nouveau territoire transmises.'],
  no_contact: ['Sans nouvelles malgré plusieurs relances ; courrier de fin envoyé.'],
  deceased: ['Décès de la personne ; l’équipe a pris contact avec les proches.'],
  other: ['Fin d’accompagnement décidée en synthèse ; suite prévue avec le réseau.'],
};
const overrideReasons = [
  'Sortie d’hospitalisation sans autre relais possible : admission au-delà de la file active, validée en supervision.',
  'Situation d’urgence sociale ; le référent a accepté une personne de plus pour quelques semaines.',
  'Continuité avec le référent qui connaît déjà la personne.',
];

// ─── Outputs ──────────────────────────────────────────────────────────────────────────────────

export interface GeneratedService {
  id: string;
  key: ServiceKey;
  name: string;
  spec: ServiceSpec;
  perPractitioner: number | null;
  perService: number | null;
  exclusive: boolean;
  indication: Criterion[];
  safety: SafetyCriterion[];
  phases: PathwayPhase[];
  createdBy: string;
  createdAtMs: number;
}

export interface GeneratedPartner {
  id: string;
  name: string;
  kind: PartnerKind;
  weight: number;
  createdAtMs: number;
}

export interface AdmissionCounts {
  services: number;
  partners: number;
  referrals: number;
  decisions: number;
  episodes: number;
  activeEpisodes: number;
  overrides: number;
  phaseChanges: number;
  waitlistEntries: number;
  openWaitlistEntries: number;
  pendingOffers: number;
}

/** An episode as later steps need it (plans, contracts, deadlines): who, which service, when. */
export interface GeneratedEpisode {
  id: string;
  personId: string;
  serviceId: string;
  serviceKey: ServiceKey;
  referentId: string;
  coordinatorId: string;
  /** YYYY-MM-DD */
  startedOn: string;
  plannedEndOn: string | null;
  endedOn: string | null;
  /** When the admission was decided and the episode row written. */
  createdAtMs: number;
}

export interface GeneratedAdmissions {
  services: GeneratedService[];
  partners: GeneratedPartner[];
  /** Every episode, in the order they were opened. */
  episodes: GeneratedEpisode[];
  counts: AdmissionCounts;
  /** The audit events of these changes, as their use cases record them: for the audit step. */
  events: ChangeEvent[];
}

interface AdmissionsInput {
  organization: GeneratedOrganization;
  staff: readonly GeneratedStaffMember[];
  people: readonly GeneratedPerson[];
}

export function otherReferralCount(scale: number): number {
  return Math.round(1_200 * scale);
}

export function partnerCount(scale: number): number {
  return Math.max(4, Math.min(partnerTemplates.length, Math.round(16 * Math.sqrt(scale))));
}

// ─── Rows ─────────────────────────────────────────────────────────────────────────────────────

interface ReferralRow {
  id: string;
  source: ReferralSource;
  channel: 'staff' | 'public_form';
  partnerId: string | null;
  referrerName: string | null;
  referrerRole: string | null;
  referrerEmail: string | null;
  referrerPhone: string | null;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  email: string | null;
  phone: string | null;
  personId: string | null;
  serviceId: string | null;
  reason: string;
  urgency: Urgency;
  consentToShare: boolean;
  status: ReferralStatus;
  withdrawalNote: string | null;
  submissionId: string | null;
  receivedAtMs: number;
  recordedBy: string | null;
  updatedAtMs: number;
}

interface DecisionRow {
  id: string;
  referralId: string;
  personId: string | null;
  serviceId: string;
  outcome: DecisionOutcome;
  reasons: string | null;
  orientationTo: OrientationTarget | null;
  orientationDetail: string | null;
  criteriaAnswers: string;
  safetyConcern: boolean;
  capacity: string;
  overrideReason: string | null;
  waitlistPriority: number | null;
  letterRecipient: 'person' | 'referrer' | null;
  supersedesId: string | null;
  decidedBy: string;
  decidedAtMs: number;
}

interface EpisodeRow {
  id: string;
  personId: string;
  serviceId: string;
  decisionId: string;
  referentId: string;
  coordinatorId: string;
  phaseCode: string | null;
  startedOn: string;
  plannedEndOn: string | null;
  overrideReason: string | null;
  overrideBy: string | null;
  endedOn: string | null;
  endReason: EpisodeEndReason | null;
  aftercareNote: string | null;
  endedBy: string | null;
  createdAtMs: number;
}

interface PartnerRow {
  id: string;
  name: string;
  kind: PartnerKind;
  address: string;
  contacts: string;
  agreementStart: string | null;
  agreementEnd: string | null;
  onsite: string;
  rate: string | null;
  createdBy: string;
  createdAtMs: number;
}

interface PhaseChangeRow {
  id: string;
  episodeId: string;
  fromPhase: string | null;
  toPhase: string;
  effectiveOn: string;
  note: string | null;
  changedBy: string;
  changedAtMs: number;
}

interface EntryRow {
  id: string;
  personId: string;
  serviceId: string;
  referralId: string;
  decisionId: string;
  priority: number;
  enteredAtMs: number;
  status: WaitlistStatus;
  leftAtMs: number | null;
  leftReason: string | null;
}

interface OfferRow {
  id: string;
  entryId: string;
  offeredBy: string;
  offeredAtMs: number;
  response: 'accepted' | 'declined' | null;
  responseNote: string | null;
  respondedBy: string | null;
  respondedAtMs: number | null;
}

// ─── Helpers ──────────────────────────────────────────────────────────────────────────────────

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A binary min-heap (the simulation's clock, and each service's active places by end time). */
class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => boolean) {}
  get size(): number {
    return this.items.length;
  }
  peek(): T | undefined {
    return this.items[0];
  }
  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(a[i]!, a[parent]!)) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

interface Place {
  endMs: number;
  referentId: string;
  /** A place held for a pending offer: counted for new admissions, not in the figures a decision records. */
  reservation: boolean;
}

interface OpenEntry {
  row: EntryRow;
  who: Who;
  decision: DecisionRow;
  referral: ReferralRow;
  answers: CriterionAnswer[];
  /** After a declined offer with a wish to stay: not offered again before this. */
  notBeforeMs: number;
}

/**
 * The places of one service over time: active episodes and held offers, by end time. The capacity
 * trigger counts rows whose ended_on is null at insert; the simulation admits only while the
 * service and the référent have room at that moment, so every moment of the history holds.
 */
class ServiceLoad {
  private readonly places = new MinHeap<Place>((a, b) => a.endMs < b.endMs);
  rows = 0;
  held = 0;
  private readonly rowsOf = new Map<string, number>();
  private readonly heldOf = new Map<string, number>();
  open: OpenEntry[] = [];

  constructor(readonly service: GeneratedService) {}

  prune(atMs: number): void {
    for (let top = this.places.peek(); top && top.endMs <= atMs; top = this.places.peek()) {
      this.places.pop();
      const map = top.reservation ? this.heldOf : this.rowsOf;
      map.set(top.referentId, (map.get(top.referentId) ?? 0) - 1);
      if (top.reservation) this.held--;
      else this.rows--;
    }
  }

  add(place: Place): void {
    this.places.push(place);
    const map = place.reservation ? this.heldOf : this.rowsOf;
    map.set(place.referentId, (map.get(place.referentId) ?? 0) + 1);
    if (place.reservation) this.held++;
    else this.rows++;
  }

  referentRows(id: string): number {
    return this.rowsOf.get(id) ?? 0;
  }

  serviceHasRoom(): boolean {
    return this.service.perService === null || this.rows + this.held < this.service.perService;
  }

  hasRoomFor(referentId: string): boolean {
    if (!this.serviceHasRoom()) return false;
    const limit = this.service.exclusive ? 1 : this.service.perPractitioner;
    return limit === null || this.referentRows(referentId) + (this.heldOf.get(referentId) ?? 0) < limit;
  }

  referentLimit(): number | null {
    return this.service.exclusive ? 1 : this.service.perPractitioner;
  }
}

/** A person, their coordinator (who opened the record) and their current care team. */
interface Who {
  person: GeneratedPerson;
  coordinator: GeneratedStaffMember;
  members: { staff: GeneratedStaffMember; addedAtMs: number }[];
  /** When the current team was complete. */
  teamReadyMs: number;
}

interface Scheduled {
  atMs: number;
  seq: number;
  run: () => void;
}

// ─── The step ─────────────────────────────────────────────────────────────────────────────────

/**
 * Services, partner structures, referrals and what became of them: admission decisions (mostly
 * admissions; waitlist, refusals and orientations with their reasons), episodes with their référent
 * and coordinator from the person's care team, their phase history and ends, the waitlist with its
 * offers. Decisions are simulated in time order against each service's caseload limits, as the
 * capacity trigger counts them (a full service waitlists, a few admissions are overridden by a
 * supervisor), so every row is one the application could have written, in the order it would have.
 */
export const admissionsStep: GeneratorStep<AdmissionsInput, GeneratedAdmissions> = {
  name: 'admissions',
  label: 'referrals and admissions',
  estimate: (scale) => Math.round(10_000 * scale * 6),
  run: async (ctx, input) => new AdmissionsGenerator(ctx, input).generate(),
};

class AdmissionsGenerator {
  private readonly random: Random;
  private readonly orgId: string;
  private readonly lastMs: number;
  private readonly staffById: Map<string, GeneratedStaffMember>;
  private readonly deciders: GeneratedStaffMember[];
  private readonly supervisors: GeneratedStaffMember[];
  private readonly recorders: GeneratedStaffMember[];
  private services: GeneratedService[] = [];
  private readonly partners: GeneratedPartner[] = [];
  private loads = new Map<string, ServiceLoad>();

  private readonly referrals: ReferralRow[] = [];
  private readonly decisions: DecisionRow[] = [];
  private readonly episodes: EpisodeRow[] = [];
  private readonly phaseChanges: PhaseChangeRow[] = [];
  private readonly entries: EntryRow[] = [];
  private readonly offers: OfferRow[] = [];
  private readonly events: ChangeEvent[] = [];
  private readonly overridden = new Set<string>();

  private readonly clock = new MinHeap<Scheduled>((a, b) => a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq));
  private seq = 0;

  constructor(
    private readonly ctx: GeneratorContext,
    private readonly input: AdmissionsInput,
  ) {
    this.random = ctx.random;
    this.orgId = input.organization.id;
    this.lastMs = input.organization.endMs - 3_600_000;
    this.staffById = new Map(input.staff.map((s) => [s.id, s]));
    this.deciders = input.staff.filter((s) => s.permissions.includes('admission:decide'));
    this.supervisors = input.staff.filter((s) => s.permissions.includes('capacity:override'));
    this.recorders = input.staff.filter((s) => s.permissions.includes('referral:record'));
  }

  async generate(): Promise<GeneratedAdmissions> {
    this.makeServices();
    this.makePartners();
    this.planPeopleReferrals();
    this.planOtherReferrals();
    this.planReviews();
    for (let next = this.clock.pop(); next; next = this.clock.pop()) next.run();
    await this.write();
    const active = this.episodes.filter((e) => e.endedOn === null).length;
    const counts: AdmissionCounts = {
      services: this.services.length,
      partners: this.partners.length,
      referrals: this.referrals.length,
      decisions: this.decisions.length,
      episodes: this.episodes.length,
      activeEpisodes: active,
      overrides: this.overridden.size,
      phaseChanges: this.phaseChanges.length,
      waitlistEntries: this.entries.length,
      openWaitlistEntries: this.entries.filter((e) => e.status === 'waiting' || e.status === 'offered').length,
      pendingOffers: this.offers.filter((o) => o.response === null).length,
    };
    this.ctx.log(
      `  ${counts.referrals} referrals, ${counts.decisions} decisions, ${counts.episodes} episodes (${counts.activeEpisodes} active, ${counts.overrides} over a limit by override), ` +
        `${counts.waitlistEntries} waitlist entries (${counts.openWaitlistEntries} open, ${counts.pendingOffers} offers pending)`,
    );
    const serviceKeyOf = new Map(this.services.map((s) => [s.id, s.key]));
    const episodes: GeneratedEpisode[] = [...this.episodes]
      .sort((a, b) => a.createdAtMs - b.createdAtMs || (a.id < b.id ? -1 : 1))
      .map((e) => ({
        id: e.id,
        personId: e.personId,
        serviceId: e.serviceId,
        serviceKey: serviceKeyOf.get(e.serviceId)!,
        referentId: e.referentId,
        coordinatorId: e.coordinatorId,
        startedOn: e.startedOn,
        plannedEndOn: e.plannedEndOn,
        endedOn: e.endedOn,
        createdAtMs: e.createdAtMs,
      }));
    return { services: this.services, partners: this.partners, episodes, events: this.events, counts };
  }

  // ── Helpers ──

  private at(ms: number): number {
    return Math.min(this.lastMs, ms);
  }

  /** A moment of the working day `days` after `ms`'s day, strictly after `ms`. */
  private later(ms: number, minDays: number, maxDays: number): number {
    const at = workingTime(this.random, startOfDay(ms) + this.random.int(minDays, maxDays) * dayMs);
    return at > ms ? at : ms + this.random.int(300_000, 7_200_000);
  }

  private schedule(atMs: number, run: () => void): void {
    this.clock.push({ atMs, seq: this.seq++, run });
  }

  private hiredBy(pool: readonly GeneratedStaffMember[], atMs: number): GeneratedStaffMember | null {
    const hired = pool.filter((s) => s.createdAtMs < atMs);
    return hired.length ? this.random.pick(hired) : null;
  }

  private event(e: Omit<ChangeEvent, 'outcome'>): void {
    this.events.push({ ...e, outcome: 'success' });
  }

  // ── Set-up: services and partners ──

  private makeServices(): void {
    const { organization, staff } = this.input;
    const founder = [...staff].filter((s) => s.permissions.includes('services:manage')).sort((a, b) => a.createdAtMs - b.createdAtMs)[0];
    if (!founder) throw new Error('no staff member may set up services');
    const scale = this.ctx.scale;
    this.services = serviceSpecs.map((spec, i) => {
      const createdAtMs = Math.max(organization.openedAtMs + (2 + i) * dayMs + 10 * 3_600_000, founder.createdAtMs + 3_600_000 * (i + 1));
      const service: GeneratedService = {
        id: this.random.uuid(createdAtMs),
        key: spec.key,
        name: spec.name,
        spec,
        perPractitioner: spec.perPractitioner,
        perService: spec.perService === null ? null : Math.max(3, Math.round(spec.perService * scale)),
        exclusive: spec.exclusive,
        indication: spec.indication.map((label) => ({ id: this.random.uuid(createdAtMs), label })),
        safety: spec.safety.map(([label, orientation]) => ({ id: this.random.uuid(createdAtMs), label, orientation })),
        phases: spec.phases.map(([code, label]) => ({ code, label })),
        createdBy: founder.id,
        createdAtMs,
      };
      this.event({ occurredAtMs: createdAtMs, actorId: founder.id, action: 'service.created', personId: null, targetType: 'service', targetId: service.id });
      return service;
    });
    this.loads = new Map(this.services.map((s) => [s.id, new ServiceLoad(s)]));
  }

  private makePartners(): void {
    const { organization, staff } = this.input;
    const managers = staff.filter((s) => s.permissions.includes('partners:manage'));
    const templates = this.random.shuffle([...partnerTemplates]).slice(0, partnerCount(this.ctx.scale));
    for (const t of templates) {
      // Most agreements were signed in the first months; a few partners came later.
      const day = this.random.chance(0.75) ? this.random.int(3, 60) : this.random.int(61, 500);
      let createdAtMs = workingTime(this.random, organization.openedAtMs + day * dayMs);
      const creator = this.hiredBy(managers, createdAtMs) ?? managers.reduce((a, b) => (b.createdAtMs < a.createdAtMs ? b : a));
      createdAtMs = Math.max(createdAtMs, creator.createdAtMs + 3_600_000);
      const id = this.random.uuid(createdAtMs);
      const contacts = Array.from({ length: this.random.int(1, 2) }, () => {
        const sex: Sex = this.random.chance(0.7) ? 'female' : 'male';
        const firstName = frenchFirstName(this.random, this.ctx.faker, sex, this.random.int(1965, 1995));
        const lastName = frenchLastName(this.random, this.ctx.faker);
        return { name: `${firstName} ${lastName}`, role: this.random.pick(partnerRoles[t.kind]), email: `${emailLocalPart(firstName, lastName)}@partenaire.example`, phone: this.phone('05') };
      });
      const agreementStart = this.random.chance(0.7) ? dateOf(createdAtMs) : null;
      const agreementEnd = agreementStart && this.random.chance(0.3) ? dateOf(createdAtMs + this.random.int(365, 1_095) * dayMs) : null;
      this.partners.push({ id, name: t.name, kind: t.kind, weight: t.weight, createdAtMs });
      this.partnerRows.push({
        id,
        name: t.name,
        kind: t.kind,
        address: `${this.random.int(1, 180)} ${this.random.pick(['rue', 'avenue', 'cours', 'place'])} ${this.random.pick(['de la République', 'Jean-Jaurès', 'Victor-Hugo', 'des Tilleuls', 'du Maréchal-Leclerc', 'Gambetta'])}`,
        contacts: JSON.stringify(contacts),
        agreementStart,
        agreementEnd,
        onsite: `{${t.onsite.join(',')}}`,
        rate: t.onsite.length && this.random.chance(0.5) ? `Convention ${new Date(createdAtMs).getUTCFullYear()}-${this.random.int(1, 40)}` : null,
        createdBy: creator.id,
        createdAtMs,
      });
      this.event({ occurredAtMs: createdAtMs, actorId: creator.id, action: 'partner.created', personId: null, targetType: 'partner', targetId: id });
    }
  }

  private readonly partnerRows: PartnerRow[] = [];

  private phone(prefix: string): string {
    const pair = () => String(this.random.int(0, 99)).padStart(2, '0');
    return `${prefix} ${pair()} ${pair()} ${pair()} ${pair()}`;
  }

  // ── Referrals ──

  private fitting(who: Who, service: GeneratedService, atMs: number): GeneratedStaffMember[] {
    const spec = service.spec;
    return who.members
      .filter((m) => m.addedAtMs <= atMs && spec.referentProfiles.includes(m.staff.profile) && m.staff.disciplineCode !== null && spec.referentDisciplines.includes(m.staff.disciplineCode))
      .map((m) => m.staff);
  }

  private newReferral(who: Who | null, service: GeneratedService, receivedAtMs: number, identity: { firstName: string; lastName: string; birthDate: string | null }): ReferralRow {
    const random = this.random;
    const partners = this.partners.filter((p) => p.createdAtMs < receivedAtMs);
    let source: ReferralSource = random.weighted([['partner', 45], ['clinician', 25], ['relative', service.key === 'relatives' ? 5 : 15], ['self', 15]] as const);
    if (source === 'partner' && partners.length === 0) source = 'clinician';
    const publicForm = (source === 'self' || source === 'relative') && random.chance(0.5);
    const recorder = publicForm ? null : who && random.chance(0.7) ? who.coordinator : (this.hiredBy(this.recorders, receivedAtMs) ?? who?.coordinator ?? this.recorders[0]!);
    let partnerId: string | null = null;
    let referrerName: string | null = null;
    let referrerRole: string | null = null;
    let referrerEmail: string | null = null;
    let referrerPhone: string | null = null;
    if (source !== 'self') {
      const sex: Sex = random.chance(0.6) ? 'female' : 'male';
      const firstName = frenchFirstName(random, this.ctx.faker, sex, random.int(1955, 1995));
      const lastName = source === 'relative' && random.chance(0.6) ? identity.lastName : frenchLastName(random, this.ctx.faker);
      referrerName = source === 'clinician' ? `Dr ${firstName} ${lastName}` : `${firstName} ${lastName}`;
      if (source === 'partner') {
        const partner = partners[random.weighted(partners.map((p, i) => [i, p.weight] as const))]!;
        partnerId = partner.id;
        referrerRole = random.pick(partnerRoles[partner.kind]);
        referrerEmail = `${emailLocalPart(firstName, lastName)}@partenaire.example`;
        referrerPhone = this.phone('05');
      } else if (source === 'clinician') {
        referrerRole = random.weighted(clinicianRoles);
        referrerPhone = this.phone('05');
      } else {
        referrerRole = random.weighted(relativeRoles);
        referrerPhone = random.chance(0.7) ? this.phone(random.pick(['06', '07'])) : null;
        referrerEmail = referrerPhone === null ? `${emailLocalPart(firstName, lastName)}@courriel.example` : null;
      }
    }
    const phone = random.chance(0.8) ? this.phone(random.pick(['06', '07'])) : null;
    const row: ReferralRow = {
      id: random.uuid(receivedAtMs),
      source,
      channel: publicForm ? 'public_form' : 'staff',
      partnerId,
      referrerName,
      referrerRole,
      referrerEmail,
      referrerPhone,
      firstName: identity.firstName,
      lastName: identity.lastName,
      birthDate: identity.birthDate && random.chance(0.8) ? identity.birthDate : null,
      email: phone === null || random.chance(0.3) ? `${emailLocalPart(identity.firstName, identity.lastName)}@courriel.example` : null,
      phone,
      personId: null,
      serviceId: random.chance(0.85) ? service.id : null,
      reason: random.pick(service.spec.reasons),
      urgency: random.weighted([['routine', 70], ['soon', 22], ['urgent', 8]] as const),
      consentToShare: publicForm || random.chance(0.93),
      status: 'new',
      withdrawalNote: null,
      submissionId: publicForm ? random.uuid(receivedAtMs) : null,
      receivedAtMs,
      recordedBy: recorder?.id ?? null,
      updatedAtMs: receivedAtMs,
    };
    this.referrals.push(row);
    this.event(
      publicForm
        ? { occurredAtMs: receivedAtMs, actorId: null, action: 'referral.received', personId: null, targetType: 'referral', targetId: row.id, details: { channel: 'public_form', urgency: row.urgency } }
        : { occurredAtMs: receivedAtMs, actorId: recorder!.id, action: 'referral.recorded', personId: null, targetType: 'referral', targetId: row.id, details: { source, urgency: row.urgency } },
    );
    return row;
  }

  /** The people's referrals: most records were opened from one; some people asked later for a second service. */
  private planPeopleReferrals(): void {
    const random = this.random;
    for (const person of this.input.people) {
      const coordinator = this.staffById.get(person.createdBy)!;
      const members = person.careTeam.filter((m) => m.removedAtMs === null).map((m) => ({ staff: this.staffById.get(m.staffMemberId)!, addedAtMs: m.addedAtMs }));
      const who: Who = { person, coordinator, members, teamReadyMs: Math.max(...members.map((m) => m.addedAtMs)) };
      if (!random.chance(0.94)) continue; // opened directly (a transfer, an internal request): no referral
      const eligible = this.services.filter((s) => this.fitting(who, s, Infinity).length > 0);
      if (eligible.length === 0) continue;
      const service = eligible[random.weighted(eligible.map((s, i) => [i, s.spec.weight] as const))]!;
      // Received in the weeks before the record was opened (never before the structure could take it).
      const earliest = Math.max(coordinator.createdAtMs, ...this.services.map((s) => s.createdAtMs), this.input.organization.openedAtMs) + 3_600_000;
      const receivedAtMs = Math.max(earliest, Math.min(person.createdAtMs, workingTime(random, startOfDay(person.createdAtMs) - random.int(0, 21) * dayMs)));
      const referral = this.newReferral(who, service, receivedAtMs, person);
      // Linked to the record when it was opened (or at once, for a record opened before the request).
      const linkedAtMs = Math.max(person.createdAtMs, referral.receivedAtMs) + random.int(60_000, 1_800_000);
      referral.personId = person.id;
      referral.updatedAtMs = linkedAtMs;
      this.event({ occurredAtMs: linkedAtMs, actorId: coordinator.id, action: 'referral.person_linked', personId: person.id, targetType: 'referral', targetId: referral.id, details: { created: true } });
      // Decided once the team has met the person: within days of the team being complete.
      const decideAtMs = this.later(Math.max(who.teamReadyMs, linkedAtMs), 0, 3);
      if (decideAtMs < this.lastMs) this.schedule(decideAtMs, () => this.decide(who, referral, service, decideAtMs, this.firstOutcome()));

      // A second request, months later, for another service.
      if (random.chance(0.16)) {
        const others = eligible.filter((s) => s !== service && s.spec.secondWeight > 0);
        if (others.length) {
          const second = others[random.weighted(others.map((s, i) => [i, s.spec.secondWeight] as const))]!;
          const receivedAt = this.later(decideAtMs, 45, 330);
          if (receivedAt < this.lastMs) {
            const r2 = this.newReferral(who, second, receivedAt, person);
            const linkedAt = receivedAt + random.int(60_000, 3_600_000);
            r2.personId = person.id;
            r2.updatedAtMs = linkedAt;
            this.event({ occurredAtMs: linkedAt, actorId: coordinator.id, action: 'referral.person_linked', personId: person.id, targetType: 'referral', targetId: r2.id, details: { created: false } });
            const at = this.later(receivedAt, 2, 12);
            if (at < this.lastMs) this.schedule(at, () => this.decide(who, r2, second, at, random.chance(0.94) ? 'admit' : random.chance(0.5) ? 'waitlist' : 'refuse'));
          }
        }
      }
    }
  }

  private firstOutcome(): DecisionOutcome {
    return this.random.weighted([['admit', 91], ['waitlist', 3], ['refuse', 2.5], ['orient', 3.5]] as const);
  }

  /** Requests about people who never had a record: refused, oriented elsewhere, withdrawn, or still to triage. */
  private planOtherReferrals(): void {
    const random = this.random;
    const { organization } = this.input;
    const total = otherReferralCount(this.ctx.scale);
    const start = Math.max(organization.openedAtMs + 20 * dayMs, ...this.services.map((s) => s.createdAtMs + 3_600_000));
    for (let i = 0; i < total; i++) {
      const service = this.services[random.weighted(this.services.map((s, k) => [k, s.spec.weight] as const))]!;
      // Spread over the history, with the last weeks still being triaged.
      const receivedAtMs = random.chance(0.05) ? this.lastMs - random.int(1, 20) * dayMs : start + Math.floor(random.next() * (this.lastMs - start));
      const sex: Sex = random.chance(0.55) ? 'female' : 'male';
      const birthYear = random.int(1940, 2008);
      const firstName = frenchFirstName(random, this.ctx.faker, sex, birthYear);
      const lastName = frenchLastName(random, this.ctx.faker);
      const birthDate = `${birthYear}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
      const received = workingTime(random, startOfDay(receivedAtMs));
      const referral = this.newReferral(null, service, this.at(Math.max(start, received)), { firstName, lastName, birthDate });
      const outcome = random.weighted([['refuse', 35], ['orient', 50], ['withdrawn', 15]] as const);
      const at = this.later(referral.receivedAtMs, 2, 15);
      if (at >= this.lastMs) continue; // still in the inbox
      if (outcome === 'withdrawn') {
        const by = this.hiredBy(this.deciders, at) ?? this.deciders[0]!;
        referral.status = 'withdrawn';
        referral.withdrawalNote = random.pick(withdrawalNotes);
        referral.updatedAtMs = at;
        this.event({ occurredAtMs: at, actorId: by.id, action: 'referral.withdrawn', personId: null, targetType: 'referral', targetId: referral.id });
        continue;
      }
      this.schedule(at, () => this.decide(null, referral, service, at, outcome));
    }
  }

  // ── Decisions ──

  private answers(service: GeneratedService, failIndication: boolean, failSafety: boolean): CriterionAnswer[] {
    const failing = failIndication ? this.random.int(0, service.indication.length - 1) : -1;
    const failingSafety = failSafety ? this.random.int(0, service.safety.length - 1) : -1;
    return [
      ...service.indication.map((c, i) => ({ criterionId: c.id, kind: 'indication' as const, label: c.label, met: i !== failing, note: i === failing ? 'Non rempli à l’entretien d’accueil.' : null })),
      ...service.safety.map((c, i) => ({ criterionId: c.id, kind: 'safety' as const, label: c.label, met: i !== failingSafety, note: i === failingSafety ? 'Repéré lors de l’entretien ; numéros d’urgence donnés.' : null })),
    ];
  }

  private snapshot(load: ServiceLoad, referentId: string | null): CapacitySnapshot {
    return {
      serviceActive: load.rows,
      serviceLimit: load.service.perService,
      referentActive: referentId ? load.referentRows(referentId) : null,
      referentLimit: referentId ? load.referentLimit() : null,
      waitlistLength: load.open.length,
    };
  }

  private decider(who: Who | null, atMs: number): GeneratedStaffMember {
    if (who && who.coordinator.permissions.includes('admission:decide') && this.random.chance(0.85)) return who.coordinator;
    return this.hiredBy(this.deciders, atMs) ?? who?.coordinator ?? this.deciders[0]!;
  }

  private addDecision(d: Omit<DecisionRow, 'id'>, who: Who | null): DecisionRow {
    const row: DecisionRow = { id: this.random.uuid(d.decidedAtMs), ...d };
    this.decisions.push(row);
    const safetyConcern = d.safetyConcern;
    this.event({
      occurredAtMs: d.decidedAtMs,
      actorId: d.decidedBy,
      action: d.supersedesId ? 'admission.decision_corrected' : 'admission.decided',
      personId: who?.person.id ?? null,
      targetType: 'admission_decision',
      targetId: row.id,
      details: { outcome: d.outcome, serviceId: d.serviceId, safetyConcern, capacityOverride: d.overrideReason !== null, supersedesId: d.supersedesId },
    });
    return row;
  }

  private decide(who: Who | null, referral: ReferralRow, service: GeneratedService, atMs: number, planned: DecisionOutcome): void {
    const random = this.random;
    const load = this.loads.get(service.id)!;
    load.prune(atMs);
    const decider = this.decider(who, atMs);
    const base = { referralId: referral.id, personId: who?.person.id ?? null, serviceId: service.id, supersedesId: null, decidedAtMs: atMs };
    referral.updatedAtMs = atMs;

    if (planned === 'refuse' || planned === 'orient') {
      const orientation = planned === 'orient' ? random.pick(orientations) : null;
      const letterRecipient = referral.source === 'self' ? 'person' : 'referrer';
      this.addDecision(
        {
          ...base,
          decidedBy: decider.id,
          outcome: planned,
          reasons: orientation ? orientation.reasons : random.pick(refusalReasons),
          orientationTo: orientation?.to ?? null,
          orientationDetail: orientation?.detail ?? null,
          criteriaAnswers: JSON.stringify(this.answers(service, planned === 'refuse', orientation?.safety ?? false)),
          safetyConcern: orientation?.safety ?? false,
          capacity: JSON.stringify(this.snapshot(load, null)),
          overrideReason: null,
          waitlistPriority: null,
          letterRecipient,
        },
        who,
      );
      referral.status = planned === 'refuse' ? 'refused' : 'oriented';
      return;
    }
    if (!who) throw new Error('admitting or waitlisting needs a person');
    const answers = this.answers(service, false, false);
    if (planned === 'admit') {
      const candidates = random.shuffle(this.fitting(who, service, atMs));
      const referent = candidates.find((c) => load.hasRoomFor(c.id));
      if (referent) {
        this.admit(who, referral, service, atMs, decider, referent, answers, null, null);
        return;
      }
      // Full: a supervisor may admit beyond the limit, with a written reason (never in an exclusive service).
      const supervisor = this.hiredBy(this.supervisors, atMs);
      if (candidates.length && !service.exclusive && supervisor && random.chance(0.1)) {
        this.admit(who, referral, service, atMs, supervisor, candidates[0]!, answers, null, random.pick(overrideReasons));
        return;
      }
    }
    this.waitlist(who, referral, service, atMs, decider, answers, planned === 'waitlist');
  }

  private waitlist(who: Who, referral: ReferralRow, service: GeneratedService, atMs: number, decider: GeneratedStaffMember, answers: CriterionAnswer[], chosen: boolean): void {
    const load = this.loads.get(service.id)!;
    const reasons = chosen
      ? this.random.pick(['La personne préfère commencer à la prochaine session.', 'Début différé à la demande de la personne.'])
      : load.serviceHasRoom()
        ? 'Pas de place disponible auprès des professionnels de l’équipe de la personne.'
        : 'Le dispositif est complet.';
    const priority = referral.urgency === 'urgent' ? 1 : referral.urgency === 'soon' ? (this.random.chance(0.5) ? 1 : 2) : this.random.chance(0.4) ? 2 : 3;
    const decision = this.addDecision(
      {
        referralId: referral.id,
        personId: who.person.id,
        serviceId: service.id,
        supersedesId: null,
        decidedAtMs: atMs,
        decidedBy: decider.id,
        outcome: 'waitlist',
        reasons,
        orientationTo: null,
        orientationDetail: null,
        criteriaAnswers: JSON.stringify(answers),
        safetyConcern: false,
        capacity: JSON.stringify(this.snapshot(load, null)),
        overrideReason: null,
        waitlistPriority: priority,
        letterRecipient: null,
      },
      who,
    );
    const row: EntryRow = { id: this.random.uuid(atMs), personId: who.person.id, serviceId: service.id, referralId: referral.id, decisionId: decision.id, priority, enteredAtMs: atMs, status: 'waiting', leftAtMs: null, leftReason: null };
    this.entries.push(row);
    load.open.push({ row, who, decision, referral, answers, notBeforeMs: atMs });
    referral.status = 'waitlisted';
  }

  private admit(
    who: Who,
    referral: ReferralRow,
    service: GeneratedService,
    atMs: number,
    decider: GeneratedStaffMember,
    referent: GeneratedStaffMember,
    answers: CriterionAnswer[],
    supersedes: DecisionRow | null,
    overrideReason: string | null,
  ): void {
    const random = this.random;
    const load = this.loads.get(service.id)!;
    const decision = this.addDecision(
      {
        referralId: referral.id,
        personId: who.person.id,
        serviceId: service.id,
        supersedesId: supersedes?.id ?? null,
        decidedAtMs: atMs,
        decidedBy: decider.id,
        outcome: 'admit',
        reasons: null,
        orientationTo: null,
        orientationDetail: null,
        criteriaAnswers: JSON.stringify(answers),
        safetyConcern: false,
        capacity: JSON.stringify(this.snapshot(load, referent.id)),
        overrideReason,
        waitlistPriority: null,
        letterRecipient: null,
      },
      who,
    );
    referral.status = 'admitted';
    referral.updatedAtMs = atMs;

    const spec = service.spec;
    const startMs = Math.min(startOfDay(atMs) + random.int(0, 10) * dayMs, startOfDay(this.lastMs));
    const planned = random.int(spec.durationDays[0], spec.durationDays[1]);
    const plannedEndOn = random.chance(spec.plannedEndShare) ? dateOf(startMs + planned * dayMs) : null;
    // How it went: most run about as planned (some longer), a few stop early.
    let endReason: EpisodeEndReason;
    let actual: number;
    const fate = random.next();
    if (fate < 0.06) [endReason, actual] = ['no_contact', planned * (0.15 + 0.4 * random.next())];
    else if (fate < 0.12) [endReason, actual] = ['person_choice', planned * (0.2 + 0.5 * random.next())];
    else if (fate < 0.125) [endReason, actual] = ['deceased', planned * random.next()];
    else [endReason, actual] = [random.weighted(endOutcomes), planned * (0.8 + 0.7 * random.next())];
    actual = Math.max(7, Math.round(actual));
    const endMs = workingTime(random, startMs + actual * dayMs);
    const ended = endMs < this.lastMs;
    const manager = (s: GeneratedStaffMember) => (s.permissions.includes('episode:manage') ? s : who.coordinator);
    const episode: EpisodeRow = {
      id: random.uuid(atMs),
      personId: who.person.id,
      serviceId: service.id,
      decisionId: decision.id,
      referentId: referent.id,
      coordinatorId: who.coordinator.id,
      phaseCode: null,
      startedOn: dateOf(startMs),
      plannedEndOn,
      overrideReason,
      overrideBy: overrideReason ? decider.id : null,
      endedOn: ended ? dateOf(endMs) : null,
      endReason: ended ? endReason : null,
      aftercareNote: ended ? random.pick(aftercareNotes[endReason]) : null,
      endedBy: ended ? manager(referent).id : null,
      createdAtMs: atMs,
    };
    this.episodes.push(episode);
    if (overrideReason) this.overridden.add(episode.id);
    load.add({ endMs: ended ? endMs : Infinity, referentId: referent.id, reservation: false });

    // Phase history: the first phase at admission, then the pathway as time goes, up to the end or today.
    const phases = service.phases;
    const until = ended ? endMs : this.lastMs;
    let current = phases[0]!.code;
    this.phaseChanges.push({ id: random.uuid(atMs), episodeId: episode.id, fromPhase: null, toPhase: current, effectiveOn: episode.startedOn, note: null, changedBy: decider.id, changedAtMs: atMs });
    let previousMs = atMs;
    for (let k = 1; k < phases.length; k++) {
      const fraction = Math.min(0.97, (k - 0.6 + 0.5 * random.next()) / (phases.length - 0.5));
      const changeMs = Math.max(workingTime(random, startMs + Math.round(fraction * actual) * dayMs), previousMs + random.int(3_600_000, 3 * dayMs));
      if (changeMs >= until) break;
      previousMs = changeMs;
      const by = manager(random.chance(0.8) ? referent : who.coordinator);
      const to = phases[k]!.code;
      const change: PhaseChangeRow = { id: random.uuid(changeMs), episodeId: episode.id, fromPhase: current, toPhase: to, effectiveOn: dateOf(changeMs), note: random.chance(0.3) ? random.pick(phaseNotes) : null, changedBy: by.id, changedAtMs: changeMs };
      this.phaseChanges.push(change);
      this.event({ occurredAtMs: changeMs, actorId: by.id, action: 'episode.phase_changed', personId: who.person.id, targetType: 'episode', targetId: episode.id, details: { from: current, to } });
      current = to;
    }
    episode.phaseCode = current;
    if (ended) this.event({ occurredAtMs: endMs, actorId: episode.endedBy, action: 'episode.ended', personId: who.person.id, targetType: 'episode', targetId: episode.id, details: { endReason } });
  }

  // ── The waitlist: reviewed twice a week ──

  private planReviews(): void {
    const opened = this.input.organization.openedAtMs;
    const firstMonday = startOfDay(opened) + ((8 - new Date(opened).getUTCDay()) % 7 || 7) * dayMs;
    for (let week = firstMonday; week < this.lastMs; week += 7 * dayMs) {
      // Monday's admissions meeting, and a shorter look on Thursday.
      for (const day of [week, week + 3 * dayMs]) {
        const atMs = day + 8 * 3_600_000 + this.random.int(0, 3_600_000);
        if (atMs < this.lastMs) this.schedule(atMs, () => this.review(atMs));
      }
    }
  }

  private review(atMs: number): void {
    const random = this.random;
    for (const load of this.loads.values()) {
      load.prune(atMs);
      load.open.sort((a, b) => a.row.priority - b.row.priority || a.row.enteredAtMs - b.row.enteredAtMs || (a.row.id < b.row.id ? -1 : 1));
      for (const entry of [...load.open]) {
        if (entry.row.status !== 'waiting' || entry.notBeforeMs > atMs) continue;
        const waitedDays = (atMs - entry.row.enteredAtMs) / dayMs;
        if (waitedDays > 90 && random.chance(0.015)) {
          this.leave(load, entry, atMs, random.pick(waitlistLeaveReasons), 'waitlist.left');
          continue;
        }
        if (!load.serviceHasRoom()) continue;
        const referent = random.shuffle(this.fitting(entry.who, load.service, atMs)).find((c) => load.hasRoomFor(c.id));
        if (referent) this.offer(load, entry, referent, atMs);
      }
    }
  }

  private offer(load: ServiceLoad, entry: OpenEntry, referent: GeneratedStaffMember, atMs: number): void {
    const random = this.random;
    const by = this.decider(entry.who, atMs);
    const offer: OfferRow = { id: random.uuid(atMs), entryId: entry.row.id, offeredBy: by.id, offeredAtMs: atMs, response: null, responseNote: null, respondedBy: null, respondedAtMs: null };
    this.offers.push(offer);
    entry.row.status = 'offered';
    this.event({ occurredAtMs: atMs, actorId: by.id, action: 'waitlist.place_offered', personId: entry.who.person.id, targetType: 'waitlist_entry', targetId: entry.row.id });
    // People take a few days to answer, sometimes two weeks: the last reviews' offers are still pending.
    const answerAtMs = this.later(atMs, 1, 18);
    const answered = answerAtMs < this.lastMs;
    load.add({ endMs: answered ? answerAtMs : Infinity, referentId: referent.id, reservation: true });
    if (answered) this.schedule(answerAtMs, () => this.answer(load, entry, offer, referent, answerAtMs));
  }

  private answer(load: ServiceLoad, entry: OpenEntry, offer: OfferRow, referent: GeneratedStaffMember, atMs: number): void {
    const random = this.random;
    load.prune(atMs); // frees the place held for this offer: the admission takes it
    const by = this.decider(entry.who, atMs);
    offer.respondedBy = by.id;
    offer.respondedAtMs = atMs;
    if (random.chance(0.87)) {
      offer.response = 'accepted';
      this.event({ occurredAtMs: atMs, actorId: by.id, action: 'waitlist.offer_accepted', personId: entry.who.person.id, targetType: 'waitlist_entry', targetId: entry.row.id });
      this.close(load, entry, atMs, 'admitted', 'admitted');
      this.admit(entry.who, entry.referral, load.service, atMs, by, referent, entry.answers, entry.decision, null);
      return;
    }
    offer.response = 'declined';
    offer.responseNote = random.pick(declineNotes);
    const stay = random.chance(0.5);
    this.event({ occurredAtMs: atMs, actorId: by.id, action: 'waitlist.offer_declined', personId: entry.who.person.id, targetType: 'waitlist_entry', targetId: entry.row.id, details: { stayOnWaitlist: stay } });
    if (stay) {
      entry.row.status = 'waiting';
      entry.notBeforeMs = atMs + 28 * dayMs;
    } else {
      this.close(load, entry, atMs, 'left', 'declined_offer');
      entry.referral.status = 'withdrawn';
      entry.referral.updatedAtMs = atMs;
    }
  }

  private leave(load: ServiceLoad, entry: OpenEntry, atMs: number, reason: string, action: string): void {
    const by = this.decider(entry.who, atMs);
    this.close(load, entry, atMs, 'left', reason);
    entry.referral.status = 'withdrawn';
    entry.referral.updatedAtMs = atMs;
    this.event({ occurredAtMs: atMs, actorId: by.id, action, personId: entry.who.person.id, targetType: 'waitlist_entry', targetId: entry.row.id });
  }

  private close(load: ServiceLoad, entry: OpenEntry, atMs: number, status: WaitlistStatus, reason: string): void {
    entry.row.status = status;
    entry.row.leftAtMs = atMs;
    entry.row.leftReason = reason;
    load.open = load.open.filter((e) => e !== entry);
  }

  // ── Writing ──

  private async write(): Promise<void> {
    const { client, progress } = this.ctx;
    const orgId = this.orgId;
    const org = { name: 'organization_id', type: 'uuid', value: () => orgId } as const;
    const total = this.services.length + this.partnerRows.length + this.referrals.length + this.decisions.length + this.episodes.length + this.phaseChanges.length + this.entries.length + this.offers.length;
    progress.setTotal(total);
    const advance = (n: number) => progress.advance(n);

    await insertRows(
      client,
      'service',
      [
        org,
        { name: 'id', type: 'uuid', value: (s: GeneratedService) => s.id },
        { name: 'name', type: 'text', value: (s) => s.name },
        { name: 'kind', type: 'text', value: (s) => s.spec.kind },
        { name: 'description', type: 'text', value: (s) => s.spec.description },
        { name: 'default_duration_minutes', type: 'int', value: (s) => s.spec.defaultMinutes },
        { name: 'max_duration_minutes', type: 'int', value: (s) => s.spec.maxMinutes },
        { name: 'modalities', type: 'text[]', value: (s) => `{${s.spec.modalities.join(',')}}` },
        { name: 'caseload_limit_per_practitioner', type: 'int', value: (s) => s.perPractitioner },
        { name: 'caseload_limit_per_service', type: 'int', value: (s) => s.perService },
        { name: 'exclusive', type: 'boolean', value: (s) => s.exclusive },
        { name: 'indication_criteria', type: 'jsonb', value: (s) => JSON.stringify(s.indication) },
        { name: 'safety_criteria', type: 'jsonb', value: (s) => JSON.stringify(s.safety) },
        { name: 'phases', type: 'jsonb', value: (s) => JSON.stringify(s.phases) },
        { name: 'created_by', type: 'uuid', value: (s) => s.createdBy },
        { name: 'created_at', type: 'timestamptz', value: (s) => iso(s.createdAtMs) },
        { name: 'updated_at', type: 'timestamptz', value: (s) => iso(s.createdAtMs) },
      ],
      this.services,
      advance,
    );
    await insertRows(
      client,
      'partner',
      [
        org,
        { name: 'id', type: 'uuid', value: (p: PartnerRow) => p.id },
        { name: 'name', type: 'text', value: (p) => p.name },
        { name: 'kind', type: 'text', value: (p) => p.kind },
        { name: 'address', type: 'text', value: (p) => p.address },
        { name: 'contacts', type: 'jsonb', value: (p) => p.contacts },
        { name: 'agreement_start', type: 'date', value: (p) => p.agreementStart },
        { name: 'agreement_end', type: 'date', value: (p) => p.agreementEnd },
        { name: 'onsite_weekdays', type: 'smallint[]', value: (p) => p.onsite },
        { name: 'preferential_rate_reference', type: 'text', value: (p) => p.rate },
        { name: 'created_by', type: 'uuid', value: (p) => p.createdBy },
        { name: 'created_at', type: 'timestamptz', value: (p) => iso(p.createdAtMs) },
      ],
      this.partnerRows,
      advance,
    );
    const byTime = <T>(rows: T[], time: (row: T) => number) => rows.sort((a, b) => time(a) - time(b));
    await insertRows(
      client,
      'referral',
      [
        org,
        { name: 'id', type: 'uuid', value: (r: ReferralRow) => r.id },
        { name: 'source', type: 'text', value: (r) => r.source },
        { name: 'channel', type: 'text', value: (r) => r.channel },
        { name: 'partner_id', type: 'uuid', value: (r) => r.partnerId },
        { name: 'referrer_name', type: 'text', value: (r) => r.referrerName },
        { name: 'referrer_role', type: 'text', value: (r) => r.referrerRole },
        { name: 'referrer_email', type: 'text', value: (r) => r.referrerEmail },
        { name: 'referrer_phone', type: 'text', value: (r) => r.referrerPhone },
        { name: 'first_name', type: 'text', value: (r) => r.firstName },
        { name: 'last_name', type: 'text', value: (r) => r.lastName },
        { name: 'birth_date', type: 'date', value: (r) => r.birthDate },
        { name: 'email', type: 'text', value: (r) => r.email },
        { name: 'phone', type: 'text', value: (r) => r.phone },
        { name: 'person_id', type: 'uuid', value: (r) => r.personId },
        { name: 'service_id', type: 'uuid', value: (r) => r.serviceId },
        { name: 'reason', type: 'text', value: (r) => r.reason },
        { name: 'urgency', type: 'text', value: (r) => r.urgency },
        { name: 'consent_to_share', type: 'boolean', value: (r) => r.consentToShare },
        { name: 'status', type: 'text', value: (r) => r.status },
        { name: 'withdrawal_note', type: 'text', value: (r) => r.withdrawalNote },
        { name: 'submission_id', type: 'uuid', value: (r) => r.submissionId },
        { name: 'received_at', type: 'timestamptz', value: (r) => iso(r.receivedAtMs) },
        { name: 'recorded_by', type: 'uuid', value: (r) => r.recordedBy },
        { name: 'created_at', type: 'timestamptz', value: (r) => iso(r.receivedAtMs) },
        { name: 'updated_at', type: 'timestamptz', value: (r) => iso(r.updatedAtMs) },
      ],
      byTime(this.referrals, (r) => r.receivedAtMs),
      advance,
    );
    await insertRows(
      client,
      'admission_decision',
      [
        org,
        { name: 'id', type: 'uuid', value: (d: DecisionRow) => d.id },
        { name: 'referral_id', type: 'uuid', value: (d) => d.referralId },
        { name: 'person_id', type: 'uuid', value: (d) => d.personId },
        { name: 'service_id', type: 'uuid', value: (d) => d.serviceId },
        { name: 'outcome', type: 'text', value: (d) => d.outcome },
        { name: 'reasons', type: 'text', value: (d) => d.reasons },
        { name: 'orientation_to', type: 'text', value: (d) => d.orientationTo },
        { name: 'orientation_detail', type: 'text', value: (d) => d.orientationDetail },
        { name: 'criteria_answers', type: 'jsonb', value: (d) => d.criteriaAnswers },
        { name: 'safety_concern', type: 'boolean', value: (d) => d.safetyConcern },
        { name: 'capacity', type: 'jsonb', value: (d) => d.capacity },
        { name: 'capacity_override_reason', type: 'text', value: (d) => d.overrideReason },
        { name: 'waitlist_priority', type: 'smallint', value: (d) => d.waitlistPriority },
        { name: 'letter_recipient', type: 'text', value: (d) => d.letterRecipient },
        { name: 'supersedes_id', type: 'uuid', value: (d) => d.supersedesId },
        { name: 'decided_by', type: 'uuid', value: (d) => d.decidedBy },
        { name: 'decided_at', type: 'timestamptz', value: (d) => iso(d.decidedAtMs) },
      ],
      byTime(this.decisions, (d) => d.decidedAtMs),
      advance,
    );
    // The capacity trigger counts, for each active row, the active rows already in: ended episodes
    // first (the trigger lets them through at once), then those admitted within the limits (the
    // simulation kept every moment of the history within them), the supervisors' overrides last.
    const episodeColumns: Column<EpisodeRow>[] = [
      org,
      { name: 'id', type: 'uuid', value: (e: EpisodeRow) => e.id },
      { name: 'person_id', type: 'uuid', value: (e) => e.personId },
      { name: 'service_id', type: 'uuid', value: (e) => e.serviceId },
      { name: 'admission_decision_id', type: 'uuid', value: (e) => e.decisionId },
      { name: 'referent_id', type: 'uuid', value: (e) => e.referentId },
      { name: 'coordinator_id', type: 'uuid', value: (e) => e.coordinatorId },
      { name: 'phase_code', type: 'text', value: (e) => e.phaseCode },
      { name: 'started_on', type: 'date', value: (e) => e.startedOn },
      { name: 'planned_end_on', type: 'date', value: (e) => e.plannedEndOn },
      { name: 'capacity_override_reason', type: 'text', value: (e) => e.overrideReason },
      { name: 'capacity_override_by', type: 'uuid', value: (e) => e.overrideBy },
      { name: 'ended_on', type: 'date', value: (e) => e.endedOn },
      { name: 'end_reason', type: 'text', value: (e) => e.endReason },
      { name: 'aftercare_note', type: 'text', value: (e) => e.aftercareNote },
      { name: 'ended_by', type: 'uuid', value: (e) => e.endedBy },
      { name: 'created_at', type: 'timestamptz', value: (e) => iso(e.createdAtMs) },
    ];
    const episodes = byTime(this.episodes, (e) => e.createdAtMs);
    await insertRows(client, 'episode', episodeColumns, episodes.filter((e) => e.endedOn !== null), advance);
    // Statistics first: the trigger's counts then use the index on active episodes.
    await client.query('ANALYZE episode');
    await insertRows(client, 'episode', episodeColumns, episodes.filter((e) => e.endedOn === null && e.overrideBy === null), advance);
    await insertRows(client, 'episode', episodeColumns, episodes.filter((e) => e.endedOn === null && e.overrideBy !== null), advance);
    await insertRows(
      client,
      'episode_phase_change',
      [
        org,
        { name: 'id', type: 'uuid', value: (c: PhaseChangeRow) => c.id },
        { name: 'episode_id', type: 'uuid', value: (c) => c.episodeId },
        { name: 'from_phase', type: 'text', value: (c) => c.fromPhase },
        { name: 'to_phase', type: 'text', value: (c) => c.toPhase },
        { name: 'effective_on', type: 'date', value: (c) => c.effectiveOn },
        { name: 'note', type: 'text', value: (c) => c.note },
        { name: 'changed_by', type: 'uuid', value: (c) => c.changedBy },
        { name: 'changed_at', type: 'timestamptz', value: (c) => iso(c.changedAtMs) },
      ],
      byTime(this.phaseChanges, (c) => c.changedAtMs),
      advance,
    );
    await insertRows(
      client,
      'waitlist_entry',
      [
        org,
        { name: 'id', type: 'uuid', value: (w: EntryRow) => w.id },
        { name: 'person_id', type: 'uuid', value: (w) => w.personId },
        { name: 'service_id', type: 'uuid', value: (w) => w.serviceId },
        { name: 'referral_id', type: 'uuid', value: (w) => w.referralId },
        { name: 'decision_id', type: 'uuid', value: (w) => w.decisionId },
        { name: 'priority', type: 'smallint', value: (w) => w.priority },
        { name: 'entered_at', type: 'timestamptz', value: (w) => iso(w.enteredAtMs) },
        { name: 'status', type: 'text', value: (w) => w.status },
        { name: 'left_at', type: 'timestamptz', value: (w) => iso(w.leftAtMs) },
        { name: 'left_reason', type: 'text', value: (w) => w.leftReason },
      ],
      byTime(this.entries, (w) => w.enteredAtMs),
      advance,
    );
    await insertRows(
      client,
      'waitlist_offer',
      [
        org,
        { name: 'id', type: 'uuid', value: (o: OfferRow) => o.id },
        { name: 'entry_id', type: 'uuid', value: (o) => o.entryId },
        { name: 'offered_by', type: 'uuid', value: (o) => o.offeredBy },
        { name: 'offered_at', type: 'timestamptz', value: (o) => iso(o.offeredAtMs) },
        { name: 'response', type: 'text', value: (o) => o.response },
        { name: 'response_note', type: 'text', value: (o) => o.responseNote },
        { name: 'responded_by', type: 'uuid', value: (o) => o.respondedBy },
        { name: 'responded_at', type: 'timestamptz', value: (o) => iso(o.respondedAtMs) },
      ],
      byTime(this.offers, (o) => o.offeredAtMs),
      advance,
    );
  }
}
