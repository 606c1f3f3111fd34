import type { Locale, Translated } from './i18n.js';

/**
 * The one error type of the domain. Use cases throw it with a stable code; the HTTP edge maps the
 * code to a status and a message in the caller's language (table below). It never knows about HTTP.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly details: Record<string, unknown> = {},
    /** Field-level problems, keyed by a JSON pointer-ish path ("password", "roleIds.0"). */
    readonly fieldErrors: { field: string; message: Translated }[] = [],
    /** For refusals: what was attempted on whose record, so the refusal itself is audited. */
    readonly auditHint: { action: string; personId: string | null } | null = null,
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

interface ErrorEntry {
  status: number;
  title: Translated;
}

const table = {
  validation_failed: { status: 400, title: { fr: 'Certaines informations sont invalides.', en: 'Some information is invalid.' } },
  malformed_request: { status: 400, title: { fr: 'La requête est mal formée.', en: 'The request is malformed.' } },
  unauthenticated: { status: 401, title: { fr: 'Veuillez vous connecter.', en: 'Please sign in.' } },
  invalid_credentials: { status: 401, title: { fr: 'Adresse e-mail ou mot de passe incorrect.', en: 'Wrong email address or password.' } },
  invalid_totp: { status: 401, title: { fr: 'Code de vérification incorrect ou expiré.', en: 'Wrong or expired verification code.' } },
  session_expired: { status: 401, title: { fr: 'Votre session a expiré. Veuillez vous reconnecter.', en: 'Your session has expired. Please sign in again.' } },
  second_factor_required: { status: 403, title: { fr: 'Saisissez le code de votre application d’authentification pour continuer.', en: 'Enter the code from your authenticator app to continue.' } },
  two_factor_enrollment_required: { status: 403, title: { fr: 'Votre structure exige la double authentification : activez-la pour continuer.', en: 'Your organization requires two-factor authentication: enable it to continue.' } },
  csrf_failed: { status: 403, title: { fr: 'La requête n’a pas pu être vérifiée. Rechargez la page et réessayez.', en: 'The request could not be verified. Reload the page and try again.' } },
  forbidden: { status: 403, title: { fr: 'Vous n’avez pas accès à cette action.', en: 'You are not allowed to do this.' } },
  not_care_team: { status: 403, title: { fr: 'Seule l’équipe qui accompagne cette personne peut consulter son dossier.', en: 'Only the care team of this person can read their record.' } },
  not_found: { status: 404, title: { fr: 'Élément introuvable.', en: 'Not found.' } },
  route_not_found: { status: 404, title: { fr: 'Cette adresse n’existe pas.', en: 'This address does not exist.' } },
  method_not_allowed: { status: 405, title: { fr: 'Méthode non autorisée.', en: 'Method not allowed.' } },
  conflict: { status: 409, title: { fr: 'Cette action entre en conflit avec l’état actuel.', en: 'This action conflicts with the current state.' } },
  email_taken: { status: 409, title: { fr: 'Un compte existe déjà pour cette adresse e-mail.', en: 'An account already exists for this email address.' } },
  already_invited: { status: 409, title: { fr: 'Une invitation est déjà en attente pour cette adresse.', en: 'An invitation is already pending for this address.' } },
  last_administrator: { status: 409, title: { fr: 'La structure doit garder au moins un administrateur actif.', en: 'The organization must keep at least one active administrator.' } },
  possible_duplicate: { status: 409, title: { fr: 'Cette personne a peut-être déjà un dossier. Vérifiez avant d’en créer un nouveau.', en: 'This person may already have a record. Check before creating a new one.' } },
  trusted_person_exists: { status: 409, title: { fr: 'Une personne de confiance est déjà désignée : retirez-la d’abord.', en: 'A trusted person is already designated: remove them first.' } },
  already_on_care_team: { status: 409, title: { fr: 'Ce professionnel fait déjà partie de l’équipe.', en: 'This staff member is already on the care team.' } },
  referral_already_linked: { status: 409, title: { fr: 'Cette demande est déjà rattachée au dossier d’une personne.', en: 'This referral is already linked to a person’s record.' } },
  referral_already_decided: { status: 409, title: { fr: 'Une décision a déjà été prise sur cette demande.', en: 'A decision has already been taken on this referral.' } },
  referral_withdrawn: { status: 409, title: { fr: 'Cette demande a été retirée : aucune décision ne peut plus être prise.', en: 'This referral was withdrawn: no decision can be taken on it any more.' } },
  referral_person_required: { status: 409, title: { fr: 'Rattachez d’abord la demande au dossier de la personne (existant ou nouveau) pour l’admettre ou l’inscrire en liste d’attente.', en: 'First link the referral to the person’s record (existing or new) to admit them or put them on the waitlist.' } },
  decision_already_taken: { status: 409, title: { fr: 'Une décision a déjà été prise sur cette demande. Pour la modifier, enregistrez une décision rectificative.', en: 'A decision was already taken on this referral. To change it, record a correcting decision.' } },
  decision_not_current: { status: 409, title: { fr: 'Cette décision a déjà été rectifiée : rectifiez la décision en vigueur.', en: 'This decision was already corrected: correct the decision in force.' } },
  safety_requires_orientation: { status: 422, title: { fr: 'Un critère de sécurité n’est pas rempli : la seule décision possible est d’orienter la personne. En cas de danger immédiat : 15 (SAMU), 112, 3114 (prévention du suicide).', en: 'A safety criterion is not met: the only possible decision is to orient the person. In immediate danger: 15 (SAMU), 112, 3114 (suicide prevention).' } },
  capacity_reached: { status: 409, title: { fr: 'La capacité est atteinte : plus de place disponible. Inscrivez la personne en liste d’attente, ou demandez à un superviseur de dépasser la limite avec un motif écrit.', en: 'Capacity is reached: no place is free. Put the person on the waitlist, or ask a supervisor to exceed the limit with a written reason.' } },
  capacity_exclusive: { status: 409, title: { fr: 'Ce dispositif fonctionne « une personne à la fois » : ce référent accompagne déjà quelqu’un. Choisissez un autre référent ou inscrivez la personne en liste d’attente.', en: 'This service works “one person at a time”: this référent already supports someone. Choose another référent or put the person on the waitlist.' } },
  episode_still_active: { status: 409, title: { fr: 'La prise en charge ouverte par cette décision est en cours : clôturez-la avant de rectifier la décision.', en: 'The episode opened by this decision is ongoing: end it before correcting the decision.' } },
  episode_ended: { status: 409, title: { fr: 'Cette prise en charge est clôturée.', en: 'This episode has ended.' } },
  already_in_service: { status: 409, title: { fr: 'Cette personne est déjà accompagnée dans ce dispositif.', en: 'This person is already supported in this service.' } },
  already_waitlisted: { status: 409, title: { fr: 'Cette personne est déjà en liste d’attente pour ce dispositif.', en: 'This person is already on the waitlist for this service.' } },
  offer_pending: { status: 409, title: { fr: 'Une place a déjà été proposée à cette personne : enregistrez d’abord sa réponse.', en: 'A place was already offered to this person: record their answer first.' } },
  no_pending_offer: { status: 409, title: { fr: 'Aucune place n’est proposée à cette personne en ce moment.', en: 'No place is currently offered to this person.' } },
  version_conflict: { status: 412, title: { fr: 'Quelqu’un a enregistré une autre version entre-temps : rechargez pour voir ses changements, puis reprenez les vôtres.', en: 'Someone saved another version in the meantime: reload to see their changes, then make yours again.' } },
  plan_version_not_current: { status: 409, title: { fr: 'Cette version n’est plus la dernière du projet : travaillez sur la plus récente.', en: 'This version is no longer the plan’s latest: work on the most recent one.' } },
  plan_version_wrong_status: { status: 409, title: { fr: 'Cette action n’est pas possible à ce stade du projet (brouillon, proposé, validé, en vigueur ou remplacé).', en: 'This action is not possible at this stage of the plan (draft, proposed, agreed, active or superseded).' } },
  version_changed: { status: 409, title: { fr: 'Le document a changé depuis son affichage : relisez la version actuelle avant de signer.', en: 'The document changed since it was shown: read the current version again before signing.' } },
  agreement_already_recorded: { status: 409, title: { fr: 'L’accord (ou le refus) de cette personne est déjà enregistré pour cette version.', en: 'This party’s agreement (or refusal) is already recorded for this version.' } },
  contract_version_not_current: { status: 409, title: { fr: 'Une version plus récente du contrat existe : c’est elle qui se remet et se signe.', en: 'A more recent version of the contract exists: that is the one to hand over and sign.' } },
  phase_in_use: { status: 409, title: { fr: 'Des personnes sont actuellement dans une phase que vous retirez : changez d’abord leur phase, ou gardez-la (vous pouvez la renommer).', en: 'People are currently in a phase you are removing: move them first, or keep it (you may rename it).' } },
  no_letter_for_outcome: { status: 409, title: { fr: 'Seules les décisions de refus ou d’orientation donnent lieu à un courrier.', en: 'Only refusals and orientations produce a letter.' } },
  waitlist_entry_closed: { status: 409, title: { fr: 'Cette personne n’est plus en liste d’attente.', en: 'This person is no longer on the waitlist.' } },
  // Scheduling: each refusal names its rule; the occurrence (who, when) travels as `detail`.
  slot_taken: { status: 409, title: { fr: 'Ce créneau n’est pas libre : un des participants ou une ressource a déjà un rendez-vous à ce moment.', en: 'This slot is not free: a participant or a resource already has an appointment then.' } },
  duration_exceeds_service: { status: 422, title: { fr: 'La séance dépasse la durée maximale prévue par le dispositif.', en: 'The session exceeds the service’s maximum duration.' } },
  modality_not_allowed: { status: 422, title: { fr: 'Ce dispositif ne prévoit pas cette modalité (sur site, chez un partenaire, à domicile, en visio, par téléphone).', en: 'This service does not offer this modality (on site, at a partner, at home, video, phone).' } },
  staff_unavailable: { status: 409, title: { fr: 'Un professionnel ne travaille pas à ce moment (hors de ses horaires habituels).', en: 'A staff member does not work at that time (outside their usual hours).' } },
  staff_absent: { status: 409, title: { fr: 'Un professionnel est absent à ce moment (congé, formation…).', en: 'A staff member is away at that time (leave, training…).' } },
  partner_day_required: { status: 409, title: { fr: 'La structure partenaire n’accueille pas ce jour-là : choisissez un de ses jours de présence.', en: 'The partner structure does not host on that day: choose one of its on-site days.' } },
  pace_daily_limit: { status: 409, title: { fr: 'Le rythme convenu avec la personne est atteint pour cette journée.', en: 'The pace agreed with the person is reached for that day.' } },
  pace_weekly_limit: { status: 409, title: { fr: 'Le rythme convenu avec la personne est atteint pour cette semaine.', en: 'The pace agreed with the person is reached for that week.' } },
  pace_min_gap: { status: 409, title: { fr: 'L’écart minimal convenu avec la personne entre deux séances n’est pas respecté.', en: 'The minimum gap agreed with the person between two sessions is not respected.' } },
  travel_time_insufficient: { status: 409, title: { fr: 'Le temps de trajet entre deux visites à domicile de secteurs différents n’est pas respecté.', en: 'The travel time between two home visits in different sectors is not respected.' } },
  group_full: { status: 409, title: { fr: 'Le groupe est complet : la personne peut être inscrite en liste d’attente.', en: 'The group is full: the person can be put on its waiting list.' } },
  appointment_closed: { status: 409, title: { fr: 'Ce rendez-vous est annulé ou déjà passé (réalisé, absence) : il ne peut plus être modifié.', en: 'This appointment is cancelled or over (done, missed): it can no longer be changed.' } },
  appointment_not_started: { status: 409, title: { fr: 'Ce rendez-vous n’a pas encore commencé : il ne peut pas être noté réalisé ou manqué.', en: 'This appointment has not started yet: it cannot be marked done or missed.' } },
  episode_not_active: { status: 409, title: { fr: 'La prise en charge n’est pas en cours à cette date.', en: 'The episode is not ongoing on that date.' } },
  // Escalations: who may act on one, and in which state.
  escalation_not_assigned: { status: 403, title: { fr: 'Seul le destinataire du signalement, ou la personne à qui il est remonté, peut faire cela.', en: 'Only the escalation’s addressee, or the person it climbed to, can do this.' } },
  escalation_not_participant: { status: 403, title: { fr: 'Seules les personnes concernées par ce signalement peuvent y ajouter une suite.', en: 'Only the people involved in this escalation can add a follow-up to it.' } },
  escalation_already_acknowledged: { status: 409, title: { fr: 'Ce signalement a déjà été pris en compte.', en: 'This escalation was already acknowledged.' } },
  escalation_closed: { status: 409, title: { fr: 'Ce signalement est clos : il ne peut plus être modifié.', en: 'This escalation is closed: it can no longer be changed.' } },
  // Transitions and the autonomy trajectory.
  transition_already_planned: { status: 409, title: { fr: 'Une transition est déjà prévue pour cette prise en charge : terminez-la ou annulez-la avant d’en prévoir une autre.', en: 'A transition is already planned for this episode: complete or cancel it before planning another.' } },
  transition_closed: { status: 409, title: { fr: 'Cette transition est déjà terminée ou annulée.', en: 'This transition is already completed or cancelled.' } },
  transition_checklist_incomplete: { status: 409, title: { fr: 'La liste de vérification n’est pas complète : cochez chaque point avant de terminer la transition.', en: 'The checklist is not complete: tick every item before completing the transition.' } },
  review_flag_acknowledged: { status: 409, title: { fr: 'Ce signal de revue a déjà été pris en compte.', en: 'This review flag was already acknowledged.' } },
  // Journal: the 24-hour rule (also held by a trigger) and who may change an entry.
  journal_edit_window_closed: { status: 409, title: { fr: 'Une observation ne se modifie plus 24 heures après sa rédaction : ajoutez un complément (amendement), l’original reste tel quel.', en: 'An entry can no longer be edited 24 hours after it was written: add an amendment; the original stays as it is.' } },
  journal_not_author: { status: 403, title: { fr: 'Seule la personne qui a écrit cette observation peut la modifier. Vous pouvez écrire votre propre observation.', en: 'Only the author of this entry can edit it. You can write your own entry.' } },
  journal_amend_not_allowed: { status: 403, title: { fr: 'Seuls l’auteur de l’observation et le référent de la personne peuvent la compléter. Vous pouvez écrire votre propre observation.', en: 'Only the entry’s author and the person’s référent can amend it. You can write your own entry.' } },
  two_factor_required_by_organization: { status: 409, title: { fr: 'Votre structure exige la double authentification : elle ne peut pas être désactivée.', en: 'Your organization requires two-factor authentication: it cannot be turned off.' } },
  two_factor_already_enabled: { status: 409, title: { fr: 'La double authentification est déjà activée.', en: 'Two-factor authentication is already enabled.' } },
  link_invalid: { status: 410, title: { fr: 'Ce lien n’est plus valable (déjà utilisé, expiré ou révoqué).', en: 'This link is no longer valid (already used, expired or revoked).' } },
  setup_done: { status: 410, title: { fr: 'La structure est déjà configurée.', en: 'The organization is already set up.' } },
  idempotency_key_reused: { status: 422, title: { fr: 'Cette clé d’idempotence a déjà servi pour une autre requête.', en: 'This idempotency key was already used for a different request.' } },
  payload_too_large: { status: 413, title: { fr: 'La requête est trop volumineuse.', en: 'The request is too large.' } },
  unsupported_media_type: { status: 415, title: { fr: 'Format de requête non pris en charge (JSON attendu).', en: 'Unsupported request format (JSON expected).' } },
  rate_limited: { status: 429, title: { fr: 'Trop de tentatives. Réessayez dans quelques minutes.', en: 'Too many attempts. Try again in a few minutes.' } },
  internal: { status: 500, title: { fr: 'Une erreur inattendue s’est produite. Elle a été enregistrée.', en: 'An unexpected error occurred. It has been logged.' } },
  unavailable: { status: 503, title: { fr: 'Le service est momentanément indisponible.', en: 'The service is temporarily unavailable.' } },
} satisfies Record<string, ErrorEntry>;

export type DomainErrorCode = keyof typeof table;

export function describeError(code: DomainErrorCode, locale: Locale): { status: number; title: string } {
  const entry: ErrorEntry = table[code];
  return { status: entry.status, title: entry.title[locale] };
}
