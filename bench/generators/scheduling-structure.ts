import type { Random } from '../lib/random.js';
import { dayMs } from './timeline.js';

// The structure's places, bookable things and home-visit sectors (Bordeaux metropolis, like the partners).

export interface SiteSpec {
  key: 'main' | 'merignac' | 'pessac';
  name: string;
  address: string;
  /** Share of the staff based there. */
  staffShare: number;
}

export const siteSpecs: readonly SiteSpec[] = [
  { key: 'main', name: 'Les Tilleuls — site principal', address: '12 rue des Tilleuls, 33000 Bordeaux', staffShare: 60 },
  { key: 'merignac', name: 'Antenne de Mérignac', address: '45 avenue de la Marne, 33700 Mérignac', staffShare: 20 },
  { key: 'pessac', name: 'Antenne de Pessac', address: '3 place de la Ve République, 33600 Pessac', staffShare: 20 },
];

export type RoomUse = 'group' | 'family' | 'meeting' | 'office' | 'relaxation';

export interface ResourceSpec {
  key: string;
  site: SiteSpec['key'];
  kind: 'room' | 'equipment';
  name: string;
  description: string | null;
  capacity: number | null;
  use: RoomUse;
}

/** 12 rooms on 3 sites and 2 relaxation devices. */
export const resourceSpecs: readonly ResourceSpec[] = [
  { key: 'garonne', site: 'main', kind: 'room', name: 'Salle Garonne', description: 'Grande salle : groupes, réunions institutionnelles, analyse des pratiques.', capacity: 20, use: 'group' },
  { key: 'dordogne', site: 'main', kind: 'room', name: 'Salle Dordogne', description: 'Salle de groupe, chaises en cercle, tableau blanc.', capacity: 12, use: 'group' },
  { key: 'famille-bx', site: 'main', kind: 'room', name: 'Salle des familles', description: 'Entretiens avec les proches ; coin enfants.', capacity: 6, use: 'family' },
  { key: 'synthese-bx', site: 'main', kind: 'room', name: 'Salle de synthèse', description: 'Réunions d’équipe, écran pour la visioconférence.', capacity: 10, use: 'meeting' },
  { key: 'bureau-bx-1', site: 'main', kind: 'room', name: 'Bureau d’entretien 1', description: null, capacity: 3, use: 'office' },
  { key: 'bureau-bx-2', site: 'main', kind: 'room', name: 'Bureau d’entretien 2', description: null, capacity: 3, use: 'office' },
  { key: 'jalle', site: 'merignac', kind: 'room', name: 'Salle Jalle', description: 'Salle de groupe de l’antenne de Mérignac.', capacity: 12, use: 'group' },
  { key: 'famille-mer', site: 'merignac', kind: 'room', name: 'Salle des familles (Mérignac)', description: null, capacity: 6, use: 'family' },
  { key: 'bureau-mer', site: 'merignac', kind: 'room', name: 'Bureau partagé (Mérignac)', description: null, capacity: 3, use: 'meeting' },
  { key: 'peugue', site: 'pessac', kind: 'room', name: 'Salle Peugue', description: 'Salle de groupe de l’antenne de Pessac.', capacity: 12, use: 'group' },
  { key: 'famille-pes', site: 'pessac', kind: 'room', name: 'Salle des familles (Pessac)', description: null, capacity: 6, use: 'family' },
  { key: 'bureau-pes', site: 'pessac', kind: 'room', name: 'Bureau partagé (Pessac)', description: null, capacity: 3, use: 'meeting' },
  { key: 'psio-1', site: 'main', kind: 'equipment', name: 'Fauteuil de relaxation (PSIO) n° 1', description: 'Lunettes de luminothérapie et programmes de relaxation guidée.', capacity: null, use: 'relaxation' },
  { key: 'psio-2', site: 'main', kind: 'equipment', name: 'Fauteuil de relaxation (PSIO) n° 2', description: 'Lunettes de luminothérapie et programmes de relaxation guidée.', capacity: null, use: 'relaxation' },
];

export const sectorNames = ['Bordeaux centre', 'Bordeaux rive droite', 'Mérignac', 'Pessac – Talence', 'Bègles – Villenave-d’Ornon', 'Le Bouscat – Bruges'] as const;

// Minutes by car between sectors (symmetric), as a coordinator would set them.
const travel: readonly (readonly number[])[] = [
  [0, 20, 25, 25, 20, 15],
  [20, 0, 35, 35, 25, 30],
  [25, 35, 0, 20, 35, 20],
  [25, 35, 20, 0, 20, 30],
  [20, 25, 35, 20, 0, 35],
  [15, 30, 20, 30, 35, 0],
];

export function travelMinutes(from: number, to: number): number {
  return travel[from]![to]!;
}

const streets = ['rue Sainte-Catherine', 'cours de l’Yser', 'rue du Jardin-Public', 'avenue Thiers', 'rue de la Benauge', 'avenue de l’Yser', 'rue Camille-Goillot', 'avenue de la Libération', 'rue des Pins', 'cours Gambetta', 'rue Pasteur', 'avenue Jean-Jaurès', 'rue des Écoles', 'allée des Acacias', 'rue du Moulin'];
const towns: readonly string[][] = [
  ['33000 Bordeaux', '33800 Bordeaux'],
  ['33100 Bordeaux', '33270 Floirac', '33150 Cenon'],
  ['33700 Mérignac'],
  ['33600 Pessac', '33400 Talence'],
  ['33130 Bègles', '33140 Villenave-d’Ornon'],
  ['33110 Le Bouscat', '33520 Bruges'],
];

/** A home address in the given sector. */
export function homeAddress(random: Random, sector: number): string {
  const number = random.int(1, 140);
  const floor = random.chance(0.4) ? `, appartement ${random.int(1, 60)}` : '';
  return `${number} ${random.pick(streets)}${floor}, ${random.pick(towns[sector]!)}`;
}

/** The structure's groups: weekly cycles of twelve sessions with a break between cycles. */
export interface GroupSpec {
  key: string;
  title: string;
  format: 'support_group' | 'psychoeducation_workshop' | 'relatives_group';
  /** Whose persons join: the service of their episode. */
  service: 'group' | 'relatives';
  weekday: number;
  /** Local time, minutes after midnight. */
  startMinutes: number;
  durationMinutes: number;
  /** Every week (1) or every other week (2). */
  interval: 1 | 2;
  room: string;
  capacity: number;
  facilitatorDisciplines: readonly string[];
  /** Days after the structure opened when the first cycle starts. */
  firstDay: number;
}

export const groupSpecs: readonly GroupSpec[] = [
  { key: 'parole-mardi', title: 'Groupe de parole « Rétablissement » du mardi', format: 'support_group', service: 'group', weekday: 2, startMinutes: 14 * 60, durationMinutes: 90, interval: 1, room: 'dordogne', capacity: 10, facilitatorDisciplines: ['psychologist', 'peer_support_worker'], firstDay: 45 },
  { key: 'parole-jeudi', title: 'Groupe de parole du jeudi soir', format: 'support_group', service: 'group', weekday: 4, startMinutes: 17 * 60 + 30, durationMinutes: 90, interval: 1, room: 'garonne', capacity: 10, facilitatorDisciplines: ['nurse', 'peer_support_worker'], firstDay: 90 },
  { key: 'psychoeduc-merignac', title: 'Atelier de psychoéducation — Mérignac', format: 'psychoeducation_workshop', service: 'group', weekday: 1, startMinutes: 10 * 60, durationMinutes: 120, interval: 1, room: 'jalle', capacity: 12, facilitatorDisciplines: ['nurse', 'psychologist'], firstDay: 60 },
  { key: 'sommeil-pessac', title: 'Atelier « Mieux dormir » — Pessac', format: 'psychoeducation_workshop', service: 'group', weekday: 3, startMinutes: 14 * 60, durationMinutes: 90, interval: 1, room: 'peugue', capacity: 8, facilitatorDisciplines: ['nurse', 'educator'], firstDay: 120 },
  { key: 'affirmation', title: 'Atelier « S’affirmer au quotidien »', format: 'psychoeducation_workshop', service: 'group', weekday: 5, startMinutes: 10 * 60, durationMinutes: 90, interval: 1, room: 'garonne', capacity: 10, facilitatorDisciplines: ['educator', 'psycho_emotional_practitioner'], firstDay: 150 },
  { key: 'proches', title: 'Groupe des proches aidants', format: 'relatives_group', service: 'relatives', weekday: 3, startMinutes: 18 * 60, durationMinutes: 90, interval: 2, room: 'dordogne', capacity: 12, facilitatorDisciplines: ['family_social_counsellor', 'psychologist'], firstDay: 75 },
  { key: 'proches-pessac', title: 'Groupe des proches — Pessac', format: 'relatives_group', service: 'relatives', weekday: 2, startMinutes: 17 * 60 + 30, durationMinutes: 90, interval: 2, room: 'peugue', capacity: 10, facilitatorDisciplines: ['social_worker', 'family_social_counsellor'], firstDay: 200 },
];

export const cycleSessions = 12;
/** Weeks without sessions between two cycles. */
export const cycleBreakWeeks = 2;

export const cancelReasons = {
  person: ['La personne a prévenu : rendez-vous médical au même moment.', 'Malade, demande à reporter.', 'Empêchement familial, rappellera pour un nouveau rendez-vous.', 'Reprise d’un travail : horaires incompatibles.'],
  structure: ['Professionnel absent (arrêt maladie).', 'Réunion institutionnelle imprévue.', 'Salle indisponible, rendez-vous reporté.'],
  relative: ['Le proche ne peut pas accompagner la personne ce jour-là.', 'Le proche est souffrant.'],
  partner: ['Locaux du partenaire fermés ce jour-là.', 'Permanence du partenaire annulée.'],
} as const;

export const missedNotes = [
  'Absent(e) sans prévenir ; appel passé, pas de réponse. À évoquer en équipe.',
  'Ne s’est pas présenté(e) ; message laissé, nouveau rendez-vous proposé.',
  'Porte close à la visite à domicile ; le voisin dit l’avoir vu(e) ce matin.',
  'Oubli du rendez-vous ; la personne a rappelé dans l’après-midi.',
];

export const paceNotes = ['Pas le lundi matin.', 'Préfère l’après-midi (traitement du matin).', 'Fatigable : une séance par jour au plus.', 'Travaille le mercredi.', 'Éviter les semaines chargées : pas plus de deux rendez-vous.', null, null];

export const trainingNotes = ['Formation : premiers secours en santé mentale.', 'Formation : entretien motivationnel.', 'Colloque régional de réhabilitation psychosociale.', 'Formation : pair-aidance et rétablissement.', 'Journée d’étude du réseau santé mentale.'];

/** Days (index from the opening) of a whole-week leave starting the Monday on or after `fromMs`. */
export function mondayOnOrAfter(fromMs: number): number {
  const weekday = (new Date(fromMs).getUTCDay() + 6) % 7; // 0 = Monday
  return fromMs + ((7 - weekday) % 7) * dayMs;
}
