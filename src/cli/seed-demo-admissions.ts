import type { Db } from '../db/connection.js';
import { decideAdmission } from '../modules/admissions/decide-admission.js';
import { changeEpisodePhase } from '../modules/admissions/manage-episode.js';
import { offerPlace } from '../modules/admissions/manage-waitlist.js';
import { createPartner } from '../modules/partners/manage-partners.js';
import { linkReferralPerson } from '../modules/referrals/manage-referral.js';
import { recordReferral } from '../modules/referrals/record-referral.js';
import { submitSelfReferral } from '../modules/referrals/submit-self-referral.js';
import { createService, listServices } from '../modules/services/manage-services.js';
import { runAsActor, type Actor, type RequestMeta } from '../server/context.js';

const meta: RequestMeta = { ip: null, requestId: 'demo-seed', userAgent: 'relais-demo' };

const phases = [
  { code: 'accueil', label: 'Accueil et orientation' },
  { code: 'intensive', label: 'Phase intensive' },
  { code: 'consolidation', label: 'Consolidation' },
  { code: 'retour', label: 'Préparation du retour à domicile' },
  { code: 'suivi', label: 'Suivi post-accompagnement' },
];

/** Someone the demo admits, waitlists or has received a request for, with who follows them. */
export interface DemoAdmission {
  personId: string;
  firstName: string;
  lastName: string;
  referentId: string;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The demo's services, partners, referrals and admissions, through the use cases: most people are
 * admitted in personal support (some further along their pathway), one in exclusive peer support,
 * three wait for it, and the inbox holds new requests, one of them sent through the public form.
 */
export async function seedDemoAdmissions(db: Db, organizationId: string, coordinator: Actor, peerWorkerId: string, people: readonly DemoAdmission[]): Promise<{ episodeId: string; personId: string; referentId: string; startedOn: string }[]> {
  const as = <T>(work: Parameters<typeof runAsActor<T>>[3]) => runAsActor(db, coordinator, meta, work);
  const criteria = {
    indicationCriteria: [{ label: 'Demande formulée ou acceptée par la personne' }, { label: 'Domicile dans le territoire d’intervention' }],
    safetyCriteria: [
      { label: 'Absence de risque suicidaire imminent', orientation: 'Urgences, 3114' },
      { label: 'Pas de crise psychiatrique aiguë en cours', orientation: 'CMP ou urgences psychiatriques' },
    ],
  };
  await as((ctx) => createService(ctx, { name: 'Accompagnement personnalisé', kind: 'personal_support_management', defaultDurationMinutes: 60, maxDurationMinutes: 90, modalities: ['on_site', 'home', 'video', 'phone'], caseloadLimitPerService: 30, caseloadLimitPerPractitioner: 12, phases, ...criteria }));
  await as((ctx) => createService(ctx, { name: 'Pair-aidance individuelle', kind: 'individual_support', description: 'Une pair-aidante accompagne une personne à la fois, 45 minutes au plus par séance.', defaultDurationMinutes: 45, maxDurationMinutes: 45, modalities: ['home', 'partner_site', 'video', 'phone'], exclusive: true, phases, ...criteria }));
  await as((ctx) => createService(ctx, { name: 'Soutien aux proches', kind: 'support_for_relatives', defaultDurationMinutes: 60, maxDurationMinutes: 60, modalities: ['on_site', 'video'], caseloadLimitPerService: 8, phases: phases.slice(0, 3), ...criteria }));
  const services = await as((ctx) => listServices(ctx, { includeArchived: false }));
  const service = (name: string) => services.find((s) => s.name === name)!;
  const personal = service('Accompagnement personnalisé');
  const peer = service('Pair-aidance individuelle');
  const allMet = (s: typeof personal) => [...s.indicationCriteria, ...s.safetyCriteria].map((c) => ({ criterionId: c.id, met: true }));

  const ccas = await as((ctx) => createPartner(ctx, { name: 'CCAS de Rennes', kind: 'ccas_cias', contacts: [{ name: 'Sophie Girard', role: 'Assistante sociale', email: 'sophie.girard@ccas-rennes.example', phone: '02 99 00 00 01' }], agreementStart: '2026-01-01', agreementEnd: '2027-12-31', onsiteWeekdays: [2, 4] }));
  await as((ctx) => createPartner(ctx, { name: 'CMP Rennes Nord', kind: 'cmp', contacts: [{ name: 'Dr Paul Lemoine', role: 'Psychiatre', email: null, phone: '02 99 00 00 02' }] }));
  await as((ctx) => createPartner(ctx, { name: 'Mission Locale du Bassin Rennais', kind: 'mission_locale', onsiteWeekdays: [3] }));

  const referral = (p: DemoAdmission, source: 'partner' | 'clinician', serviceId: string, urgency: 'routine' | 'soon' | 'urgent' = 'routine') =>
    as(async (ctx) => {
      const { id } = await recordReferral(ctx, {
        source,
        partnerId: source === 'partner' ? ccas.id : null,
        referrerName: source === 'partner' ? 'Sophie Girard' : 'Dr Samuel Blanc',
        referrerRole: source === 'partner' ? 'Assistante sociale' : 'Médecin traitant',
        firstName: p.firstName,
        lastName: p.lastName,
        serviceId,
        reason: 'Isolement et perte de repères depuis plusieurs mois ; la personne souhaite être accompagnée pour reprendre pied.',
        urgency,
        consentToShare: true,
      });
      await linkReferralPerson(ctx, id, { personId: p.personId });
      return id;
    });

  // Admitted in personal support: all but the last eight; some have moved on in their pathway.
  const admitted = people.slice(0, people.length - 8);
  const episodes: { episodeId: string; personId: string; referentId: string; startedOn: string }[] = [];
  for (const [i, p] of admitted.entries()) {
    const referralId = await referral(p, i % 3 ? 'partner' : 'clinician', personal.id);
    const { episodeId } = await as((ctx) =>
      decideAdmission(ctx, { referralId, serviceId: personal.id, outcome: 'admit', criteriaAnswers: allMet(personal), admission: { referentId: p.referentId, coordinatorId: coordinator.staffMemberId, startedOn: day(-120 + i * 3), plannedEndOn: day(30 + i * 7) } }),
    );
    if (episodeId && i % 2 === 0) await as((ctx) => changeEpisodePhase(ctx, episodeId, { toPhase: 'intensive', effectiveOn: day(-100 + i * 3), note: 'Rythme hebdomadaire convenu avec la personne.' }));
    if (episodeId) episodes.push({ episodeId, personId: p.personId, referentId: p.referentId, startedOn: day(-120 + i * 3) });
  }
  // Exclusive peer support: one person with the peer worker, three waiting, the first offered the next place.
  const [withPeer, ...waiting] = people.slice(people.length - 8, people.length - 4);
  const peerReferral = await referral(withPeer!, 'partner', peer.id, 'soon');
  await as((ctx) => decideAdmission(ctx, { referralId: peerReferral, serviceId: peer.id, outcome: 'admit', criteriaAnswers: allMet(peer), admission: { referentId: peerWorkerId, coordinatorId: coordinator.staffMemberId, startedOn: day(-30), plannedEndOn: day(10) } }));
  for (const [i, p] of waiting.entries()) {
    const referralId = await referral(p, 'clinician', peer.id);
    const { waitlistEntryId } = await as((ctx) => decideAdmission(ctx, { referralId, serviceId: peer.id, outcome: 'waitlist', waitlistPriority: i === 1 ? 1 : 2, criteriaAnswers: allMet(peer) }));
    if (i === 1 && waitlistEntryId) await as((ctx) => offerPlace(ctx, waitlistEntryId));
  }
  // The last four: a refusal with its letter, an orientation on a safety concern, two requests to triage.
  const [refused, oriented, ...toTriage] = people.slice(people.length - 4);
  const refusedReferral = await referral(refused!, 'partner', personal.id);
  await as((ctx) => decideAdmission(ctx, { referralId: refusedReferral, serviceId: personal.id, outcome: 'refuse', criteriaAnswers: allMet(personal).map((a, i) => (i === 1 ? { ...a, met: false } : a)), reasons: 'Le domicile de la personne est hors de notre territoire d’intervention. Le CCAS de sa commune peut l’accompagner.' }));
  const orientedReferral = await referral(oriented!, 'clinician', personal.id, 'urgent');
  await as((ctx) =>
    decideAdmission(ctx, {
      referralId: orientedReferral,
      serviceId: personal.id,
      outcome: 'orient',
      criteriaAnswers: allMet(personal).map((a) => (a.criterionId === personal.safetyCriteria[1]!.id ? { ...a, met: false, note: 'Décompensation en cours selon le médecin traitant.' } : a)),
      orientationTo: 'cmp',
      orientationDetail: 'CMP Rennes Nord, rendez-vous proposé par le Dr Lemoine',
      reasons: 'La situation demande d’abord des soins psychiatriques. Nous pourrons reprendre la demande quand la personne le souhaitera.',
    }),
  );
  for (const p of toTriage) await as((ctx) => recordReferral(ctx, { source: 'relative', referrerName: 'Un proche', referrerRole: 'Famille', firstName: p.firstName, lastName: p.lastName, serviceId: personal.id, reason: 'Sa famille s’inquiète de son isolement et souhaite qu’elle soit accompagnée.', urgency: 'soon', consentToShare: true }));
  await submitSelfReferral(
    db,
    organizationId,
    { submissionId: '00000000-0000-4000-8000-00000000d3e0', forWhom: 'self', firstName: 'Léa', lastName: 'Moreau', email: 'lea.moreau@exemple.fr', serviceId: peer.id, reason: 'Je sors d’une hospitalisation et j’aimerais parler avec quelqu’un qui est passé par là.', urgency: 'routine', consentToShare: true },
    meta,
  );
  return episodes;
}
