import { fr, type Faker } from '@faker-js/faker';
import type { Random } from '../lib/random.js';

export type Sex = 'female' | 'male';

// Faker's French lists are a saints' calendar (many names nobody is called today) and its last
// names lost their accents. We draw mostly from the names actually given in France by period of
// birth (INSEE's most frequent names), and from Faker's lists for the rest, accents restored.
const givenNamesByPeriod: { until: number; female: readonly string[]; male: readonly string[] }[] = [
  {
    until: 1959,
    female: ['Marie', 'Monique', 'Françoise', 'Jacqueline', 'Nicole', 'Christiane', 'Danielle', 'Josiane', 'Michèle', 'Geneviève', 'Hélène', 'Odette', 'Yvette', 'Ginette', 'Gisèle', 'Thérèse', 'Andrée', 'Renée', 'Colette', 'Simone', 'Paulette', 'Jeannine', 'Madeleine', 'Suzanne', 'Marcelle', 'Huguette', 'Éliane', 'Lucienne', 'Annie', 'Chantal'],
    male: ['Jean', 'Michel', 'Pierre', 'Alain', 'Bernard', 'Jacques', 'Gérard', 'René', 'André', 'Daniel', 'Claude', 'Christian', 'Roger', 'Marcel', 'Robert', 'Georges', 'Henri', 'Maurice', 'Guy', 'Raymond', 'Jean-Pierre', 'Jean-Claude', 'Gilbert', 'Serge', 'Yves', 'Lucien', 'Francis', 'Joël', 'Gérald', 'Rémy'],
  },
  {
    until: 1979,
    female: ['Sylvie', 'Catherine', 'Isabelle', 'Nathalie', 'Valérie', 'Sandrine', 'Véronique', 'Christine', 'Florence', 'Corinne', 'Martine', 'Brigitte', 'Béatrice', 'Agnès', 'Cécile', 'Élisabeth', 'Pascale', 'Laurence', 'Dominique', 'Karine', 'Hélène', 'Muriel', 'Frédérique', 'Anne', 'Carole', 'Stéphanie', 'Fabienne', 'Myriam', 'Nadia', 'Séverine'],
    male: ['Philippe', 'Patrick', 'Thierry', 'Pascal', 'Éric', 'Frédéric', 'Stéphane', 'Laurent', 'Christophe', 'Olivier', 'Didier', 'Dominique', 'Bruno', 'Franck', 'Hervé', 'Jérôme', 'Thomas', 'Vincent', 'Emmanuel', 'Lionel', 'François', 'Gilles', 'Arnaud', 'Rachid', 'Karim', 'Denis', 'Régis', 'Fabrice', 'Jean-François', 'Benoît'],
  },
  {
    until: 1999,
    female: ['Julie', 'Aurélie', 'Émilie', 'Céline', 'Stéphanie', 'Élodie', 'Mélanie', 'Audrey', 'Camille', 'Laëtitia', 'Sophie', 'Marion', 'Amélie', 'Anaïs', 'Pauline', 'Claire', 'Charlotte', 'Mathilde', 'Justine', 'Laura', 'Émeline', 'Gaëlle', 'Morgane', 'Noémie', 'Océane', 'Sarah', 'Manon', 'Marine', 'Léa', 'Inès'],
    male: ['Julien', 'Nicolas', 'Sébastien', 'Guillaume', 'Mathieu', 'Romain', 'Jérémy', 'Maxime', 'Kévin', 'Anthony', 'Mickaël', 'Damien', 'Aurélien', 'Cédric', 'Rémi', 'Benoît', 'Alexandre', 'Thomas', 'Antoine', 'Florian', 'Quentin', 'Loïc', 'Yannick', 'Gaël', 'Mehdi', 'Karim', 'Adrien', 'Clément', 'Hugo', 'Bastien'],
  },
  {
    until: 9999,
    female: ['Emma', 'Léa', 'Chloé', 'Manon', 'Inès', 'Jade', 'Louise', 'Lina', 'Zoé', 'Lilou', 'Léna', 'Clémence', 'Maëlys', 'Juliette', 'Anaïs', 'Lucie', 'Éva', 'Romane', 'Sarah', 'Alice', 'Ambre', 'Agathe', 'Héloïse', 'Célia', 'Yasmine', 'Maëlle', 'Mélissa', 'Noémie', 'Océane', 'Énora'],
    male: ['Lucas', 'Hugo', 'Théo', 'Enzo', 'Nathan', 'Louis', 'Gabriel', 'Raphaël', 'Jules', 'Mathéo', 'Noah', 'Arthur', 'Adam', 'Léo', 'Clément', 'Tom', 'Ethan', 'Maël', 'Noé', 'Yanis', 'Rayan', 'Mohamed', 'Timéo', 'Évan', 'Sacha', 'Baptiste', 'Axel', 'Loïc', 'Amine', 'Titouan'],
  },
];

const accentsRestored: Record<string, string> = {
  Andre: 'André', Benoit: 'Benoît', Carre: 'Carré', Clement: 'Clément', 'Da silva': 'Da Silva', Francois: 'François',
  Gerard: 'Gérard', Guerin: 'Guérin', Laine: 'Lainé', 'Le gall': 'Le Gall', 'Le roux': 'Le Roux', Lefevre: 'Lefèvre',
  Menard: 'Ménard', Noel: 'Noël', Prevost: 'Prévost', Remy: 'Rémy', Riviere: 'Rivière',
};

// Surnames Faker lacks: accented ones, regional ones, and those of families who came from elsewhere.
const moreLastNames = [
  'Bréhier', 'Hébert', 'Thébault', 'Bénard', 'Lévêque', 'Géraud', 'Féraud', 'Régnier', 'Sénéchal', 'Évrard',
  'Crépin', 'Després', 'Lemaître', 'Mégret', 'Pélissier', 'Chrétien', 'Besançon', 'Dubé', 'Lefébure', 'Béranger',
  'Le Goff', 'Le Bihan', 'Kerbrat', 'Le Floc’h', 'Morvan', 'Riou', 'Ollivier', 'Schaeffer', 'Koenig', 'Wagner',
  'Benali', 'Haddad', 'Bensaïd', 'Mansouri', 'Belkacem', 'Diallo', 'Traoré', 'Mendy', 'Nguyen', 'Tran',
  'Ferreira', 'Dos Santos', 'Da Costa', 'Pereira', 'Kaya', 'Yılmaz', 'Rossi', 'Esposito', 'Kowalski', 'Ramírez',
];

const fakerLastNames = (fr.person?.last_name as { generic?: string[] } | undefined)?.generic ?? [];
const fakerFirstNames = fr.person?.first_name as { female?: string[]; male?: string[] } | undefined;

/** A first name plausible for someone of this sex born in this year. */
export function frenchFirstName(random: Random, faker: Faker, sex: Sex, birthYear: number): string {
  const fakerList = fakerFirstNames?.[sex];
  if (fakerList?.length && random.chance(0.12)) return faker.helpers.arrayElement(fakerList);
  const period = givenNamesByPeriod.find((p) => birthYear <= p.until) ?? givenNamesByPeriod[givenNamesByPeriod.length - 1]!;
  return random.pick(period[sex]);
}

export function frenchLastName(random: Random, faker: Faker): string {
  if (fakerLastNames.length && random.chance(0.75)) {
    const name = faker.helpers.arrayElement(fakerLastNames);
    return accentsRestored[name] ?? name;
  }
  return random.pick(moreLastNames);
}

/** "Hélène Le Floc’h" → "helene.le-floch": the local part of a work address. */
export function emailLocalPart(firstName: string, lastName: string): string {
  const slug = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/ı/g, 'i')
      .toLowerCase()
      .replace(/[’']/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  return `${slug(firstName)}.${slug(lastName)}`;
}
