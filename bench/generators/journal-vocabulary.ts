import type { JournalEntryKind } from '../../src/modules/journal/schema.js';
import type { Random } from '../lib/random.js';

// The words of a care team's journal, for 2,000,000 generated entries. Search is only measured
// honestly on a realistic vocabulary: with a few dozen words every term is in a large share of all
// entries and every query is slow. Here sentences are assembled from many templates (each kind has
// its own) whose slots draw from word lists of daily life, health, housing, work, family,
// administrative steps, emotions, places, professions, activities…; inside a list the first words
// are drawn more often than the last (a long tail), so some words are common and most are rare.

const lists = {
  symptom: [
    'troubles du sommeil', 'ruminations', 'crises d’angoisse', 'fatigue persistante', 'perte d’appétit', 'maux de tête', 'douleurs lombaires', 'idées noires',
    'irritabilité', 'repli sur soi', 'difficultés de concentration', 'palpitations', 'vertiges', 'tremblements', 'hallucinations auditives', 'cauchemars',
    'ralentissement psychomoteur', 'agitation nocturne', 'sentiment de vide', 'pensées envahissantes', 'attaques de panique', 'douleurs abdominales',
    'prise de poids', 'amaigrissement', 'somnolence diurne', 'troubles mnésiques', 'hypervigilance', 'méfiance envers l’entourage', 'crises de larmes',
    'émoussement affectif', 'insomnie d’endormissement', 'réveils précoces', 'nausées', 'effets secondaires du traitement', 'raideur musculaire',
    'bouffées de chaleur', 'acouphènes', 'désorientation', 'logorrhée', 'perte d’élan vital', 'comportements compulsifs', 'scarifications anciennes',
  ],
  emotion: [
    'apaisée', 'inquiet', 'découragée', 'soulagé', 'tendue', 'confiant', 'anxieuse', 'en colère', 'triste', 'enthousiaste', 'fière', 'honteux', 'démunie',
    'motivé', 'épuisée', 'serein', 'méfiante', 'submergé', 'rassurée', 'impatient', 'agacée', 'ému', 'résignée', 'déterminé', 'hésitante', 'optimiste',
    'abattu', 'souriante', 'nerveux', 'reconnaissante', 'perplexe', 'blessée', 'joyeux', 'mélancolique', 'vexée', 'combatif',
  ],
  daily: [
    'les courses', 'le ménage', 'la lessive', 'la préparation des repas', 'l’hygiène corporelle', 'la gestion du budget', 'la prise du traitement',
    'le rangement de l’appartement', 'les sorties du quotidien', 'le tri du courrier', 'la vaisselle', 'le repassage', 'l’entretien du linge',
    'les rendez-vous médicaux', 'l’organisation de la semaine', 'le réveil le matin', 'les repas à heures régulières', 'l’usage du téléphone',
    'la tenue d’un agenda', 'le paiement des factures', 'la gestion du pilulier', 'le soin des animaux', 'les démarches en ligne', 'le rythme veille-sommeil',
    'l’aération du logement', 'le changement des draps', 'la liste de courses', 'le dégivrage du congélateur',
  ],
  housing: [
    'l’appartement', 'le foyer d’hébergement', 'la résidence sociale', 'le studio', 'la pension de famille', 'la maison relais', 'le CHRS',
    'l’hébergement d’urgence', 'la colocation', 'le logement social', 'la chambre meublée', 'le logement insalubre', 'le pavillon familial',
    'le bail glissant', 'l’appartement thérapeutique', 'la caravane', 'le squat', 'l’hôtel social', 'la résidence autonomie', 'le logement passerelle',
    'l’EHPAD', 'la famille d’accueil',
  ],
  housingIssue: [
    'un dégât des eaux', 'des impayés de loyer', 'une procédure d’expulsion', 'des nuisances sonores', 'un conflit de voisinage', 'des punaises de lit',
    'une panne de chauffage', 'de l’humidité dans la chambre', 'un problème de serrure', 'une coupure d’électricité', 'une demande de mutation',
    'un état des lieux de sortie', 'l’encombrement du logement', 'une infiltration au plafond', 'la résiliation du bail', 'un surcoût d’énergie',
    'une visite du bailleur', 'une fuite de la chaudière',
  ],
  work: [
    'l’ESAT', 'le chantier d’insertion', 'un entretien d’embauche', 'un stage en entreprise', 'un contrat aidé', 'une mission d’intérim',
    'une formation qualifiante', 'France Travail', 'un projet de reconversion', 'la rédaction du CV', 'un arrêt de travail', 'un licenciement',
    'un emploi saisonnier', 'le bénévolat à la ressourcerie', 'un atelier de remobilisation', 'une période de mise en situation', 'un temps partiel thérapeutique',
    'la médecine du travail', 'un service civique', 'un contrat d’apprentissage', 'l’entreprise adaptée', 'le dispositif emploi accompagné',
    'une validation des acquis', 'un poste en cuisine collective', 'un emploi d’agent d’entretien', 'la préparation d’un concours',
  ],
  relative: [
    'sa mère', 'son père', 'sa sœur', 'son frère', 'son fils', 'sa fille', 'son conjoint', 'sa compagne', 'son ex-épouse', 'sa grand-mère',
    'son neveu', 'sa tante', 'son oncle', 'sa cousine', 'ses enfants', 'sa belle-sœur', 'son parrain', 'sa marraine', 'son voisin', 'une amie d’enfance',
    'son petit-fils', 'sa belle-mère', 'son demi-frère', 'sa colocataire',
  ],
  admin: [
    'le dossier MDPH', 'la demande d’AAH', 'le renouvellement de la complémentaire santé solidaire', 'le RSA', 'les APL', 'la CAF', 'la carte Vitale',
    'le titre de séjour', 'la déclaration d’impôts', 'la mesure de curatelle', 'la mesure de tutelle', 'la domiciliation', 'le dossier de surendettement',
    'la carte d’identité', 'la demande de logement social', 'la prime d’activité', 'l’attestation de droits', 'le compte bancaire', 'l’aide juridictionnelle',
    'la pension d’invalidité', 'la reconnaissance de travailleur handicapé', 'la carte mobilité inclusion', 'le fonds de solidarité logement',
    'le chèque énergie', 'la retraite anticipée', 'le changement d’adresse', 'la mutuelle', 'la demande de passeport', 'l’allocation de solidarité',
    'le dossier DALO', 'la procuration bancaire', 'le formulaire cerfa', 'l’aide ménagère', 'la prestation de compensation du handicap',
    'la plainte au commissariat', 'l’échéancier avec le bailleur',
  ],
  place: [
    'la médiathèque', 'le marché', 'le parc', 'le centre social', 'la pharmacie', 'le CMP', 'l’hôpital de jour', 'la gare', 'la boulangerie',
    'la piscine municipale', 'la mairie', 'l’épicerie solidaire', 'le GEM', 'la maison de quartier', 'le supermarché', 'le cabinet dentaire',
    'les urgences', 'le tribunal', 'la préfecture', 'la permanence du CCAS', 'le jardin partagé', 'la laverie', 'le bureau de poste', 'la banque',
    'le cinéma', 'la salle de sport', 'le café associatif', 'la friperie', 'l’accueil de jour', 'le musée', 'la plage', 'la bibliothèque universitaire',
  ],
  profession: [
    'le médecin traitant', 'le psychiatre', 'l’infirmière', 'l’assistante sociale', 'l’éducateur', 'le mandataire judiciaire', 'le pharmacien',
    'la kinésithérapeute', 'le dentiste', 'l’ergothérapeute', 'la conseillère France Travail', 'le bailleur', 'la psychologue', 'l’aide à domicile',
    'le pair-aidant', 'la diététicienne', 'l’orthophoniste', 'le cardiologue', 'le gastro-entérologue', 'l’avocate', 'le conseiller bancaire',
    'la coordinatrice', 'l’ophtalmologiste', 'le dermatologue', 'la sage-femme', 'l’addictologue', 'le neurologue', 'la podologue', 'l’interprète',
    'le juge des tutelles', 'la gynécologue', 'le tabacologue',
  ],
  activity: [
    'l’atelier cuisine', 'la randonnée', 'le théâtre', 'la poterie', 'le jardinage', 'la chorale', 'le football', 'la lecture', 'la peinture',
    'le yoga', 'l’atelier informatique', 'la couture', 'la marche nordique', 'l’écriture', 'la photographie', 'la danse', 'les échecs', 'la musique',
    'la natation', 'le vélo', 'la pêche', 'le bricolage', 'le tricot', 'la sophrologie', 'le ping-pong', 'le scrabble', 'la relaxation', 'le dessin',
    'la boxe', 'le badminton', 'la guitare', 'le karaoké', 'l’aquarelle', 'la méditation', 'le théâtre forum', 'la cuisine du monde',
  ],
  when: [
    'ce matin', 'hier soir', 'en début de semaine', 'ces derniers jours', 'lors de la visite', 'au téléphone', 'pendant le week-end', 'cet après-midi',
    'la semaine dernière', 'après notre dernier échange', 'en fin de journée', 'dans la nuit', 'avant-hier', 'pendant les vacances', 'au retour du marché',
    'à la sortie de l’hôpital', 'depuis le changement de traitement', 'après son déménagement',
  ],
  health: [
    'le traitement', 'l’injection retard', 'l’ordonnance', 'le bilan sanguin', 'l’hospitalisation', 'la consultation', 'la vaccination', 'les soins dentaires',
    'les lunettes', 'l’appareil auditif', 'la prise de sang', 'l’électrocardiogramme', 'la radiographie', 'le suivi diabétique', 'la tension artérielle',
    'le sevrage tabagique', 'le pansement', 'les semelles orthopédiques', 'le dépistage', 'l’échographie', 'le renouvellement d’ordonnance', 'la kinésithérapie',
    'le régime sans sel', 'la cure thermale', 'la mammographie', 'le frottis', 'l’IRM',
  ],
  substance: ['l’alcool', 'le tabac', 'le cannabis', 'les jeux d’argent', 'les écrans', 'les médicaments hors prescription', 'la cocaïne', 'les achats compulsifs'],
  transport: [
    'le bus', 'le tramway', 'le vélo', 'le permis de conduire', 'la carte de transport solidaire', 'le covoiturage', 'le métro', 'le train régional',
    'la trottinette', 'le transport à la demande', 'le taxi conventionné', 'la voiture de son frère',
  ],
  food: [
    'des légumes de saison', 'des plats préparés', 'des conserves', 'des fruits', 'un repas équilibré', 'des sucreries', 'un colis alimentaire',
    'des produits surgelés', 'une soupe maison', 'des pâtes', 'un gratin', 'du poisson', 'des yaourts', 'un couscous', 'une quiche',
  ],
  goal: [
    'retrouver un rythme de sommeil', 'reprendre une activité', 'gagner en autonomie dans les démarches', 'renouer avec sa famille', 'stabiliser le logement',
    'réduire sa consommation', 'sortir davantage', 'préparer un retour à l’emploi', 'gérer son budget seule', 'prendre soin de sa santé', 'rompre l’isolement',
    'apprendre à cuisiner', 'obtenir le permis', 'se réinscrire dans une formation', 'retrouver confiance en soi', 'accueillir à nouveau ses enfants le week-end',
  ],
  action: [
    'un appel au', 'un courrier au', 'une orientation vers', 'une prise de rendez-vous avec', 'une rencontre tripartite avec', 'une demande d’avis auprès du',
    'un accompagnement physique chez', 'une transmission écrite au', 'une médiation avec',
  ],
  progress: [
    'des progrès nets', 'une amélioration fragile', 'une stabilité rassurante', 'un recul passager', 'peu d’évolution', 'une dynamique encourageante',
    'un début d’autonomie', 'une fatigue qui freine les projets', 'une meilleure régularité', 'des efforts visibles',
  ],
  object: [
    'une lampe de chevet', 'un album photo', 'une plante verte', 'un vieux poste de radio', 'une bouilloire', 'un tableau peint par sa fille', 'une horloge',
    'un carnet de notes', 'un chapelet', 'une couverture tricotée', 'un ordinateur portable', 'une paire de baskets', 'un fauteuil roulant', 'un déambulateur',
    'un aquarium', 'une guitare', 'un puzzle', 'une machine à coudre', 'un micro-ondes', 'une tablette', 'un réveil', 'un calendrier', 'un coussin',
  ],
  pet: ['un chat', 'un chien', 'un lapin', 'un perroquet', 'des poissons rouges', 'un hamster', 'une tortue', 'un chaton'],
  clothing: ['un manteau épais', 'des sandales', 'un pull troué', 'une veste légère', 'un bonnet', 'une doudoune', 'des chaussons'],
  weather: ['la chaleur', 'le froid', 'la pluie', 'la canicule', 'le vent', 'la neige', 'les orages', 'le redoux'],
  street: [
    'la rue des Lilas', 'l’avenue Jean-Jaurès', 'la place du Marché', 'le boulevard Gambetta', 'la cité des Peupliers', 'le quartier de la Gare',
    'la rue Victor-Hugo', 'l’impasse des Tilleuls', 'la résidence Les Érables', 'le chemin des Vignes', 'la rue Pasteur', 'le quai de la Loire',
  ],
  topic: [
    'la solitude', 'la parentalité', 'le deuil', 'la gestion de la colère', 'l’estime de soi', 'les relations amoureuses', 'le rétablissement',
    'la stigmatisation', 'le sommeil', 'l’alimentation', 'les droits des usagers', 'la spiritualité', 'la retraite', 'le handicap invisible',
    'la vie en collectivité', 'les addictions', 'la sexualité', 'le vieillissement', 'l’exil', 'la reconnaissance', 'le pardon', 'la honte',
  ],
  expense: ['un achat d’électroménager', 'des frais de réparation', 'un abonnement oublié', 'des cadeaux de Noël', 'un prélèvement en double', 'des frais bancaires'],
  firstName: [
    'Nadia', 'Karim', 'Sylvie', 'Thierry', 'Chloé', 'Mehdi', 'Josiane', 'Éric', 'Inès', 'Gérard', 'Océane', 'Rachid', 'Hélène', 'Yanis', 'Brigitte',
    'Loïc', 'Amélie', 'Mamadou', 'Fatou', 'Aurélien', 'Ginette', 'Kévin', 'Maëlle', 'Bernard', 'Leïla', 'Joël', 'Noémie', 'Sébastien', 'Aïcha', 'Rémy',
  ],
} as const;

type ListName = keyof typeof lists;

// Sentences by kind. {list} is a word drawn from that list. Framing words (entretien, rencontre,
// échange, visite…) are spread over many templates and synonyms, so no word carries a large share.
const byKind: Record<JournalEntryKind, readonly string[]> = {
  observation: [
    'Rencontrée à domicile {when} : elle se dit {emotion} et décrit des {symptom}.',
    'Il évoque {symptom} {when}, sans lien apparent avec {health}.',
    'Logement bien tenu, {daily} reste difficile à organiser seul.',
    'Conversation spontanée sur {activity}, qu’elle aimerait reprendre.',
    'Il paraît {emotion} ; le contact reste bon malgré des {symptom}.',
    'Croisée à {place} {when}, elle semblait {emotion}.',
    'Elle parle longuement de {relative}, avec qui les liens se sont distendus.',
    'Constat : {daily} est désormais géré sans aide, {progress}.',
    'Il se plaint de {symptom} et réclame {profession}.',
    'Passage à {housing} : {housingIssue} à signaler au gestionnaire.',
    'Bonne participation à {activity} ; {firstName} l’a raccompagné jusqu’à {place}.',
    'Hygiène correcte, tenue adaptée, discours cohérent, humeur {emotion}.',
    'Elle a cuisiné {food} pour la première fois depuis longtemps.',
    'Il emprunte {transport} tout seul pour rejoindre {place}.',
    'Repli constaté {when} ; aucune idée suicidaire verbalisée, vigilance.',
    'Elle mentionne une consommation de {substance} en hausse {when}.',
    'Le pilulier était rempli correctement ; {health} programmé ce mois-ci.',
    'Il a trié ses papiers et vidé son entrée, {progress}.',
    'Échange bref mais chaleureux devant {place}.',
    'Elle se montre {emotion} à l’idée de revoir {relative}.',
    'Très souriante aujourd’hui, elle montre fièrement {object}.',
    'Appartement encombré : {object} et cartons empilés dans le salon.',
    'Il a adopté {pet}, qui semble lui apporter beaucoup.',
    'Elle porte {clothing} malgré {weather}, ce qui interroge.',
    'Discours parfois décousu, {symptom} manifestes en fin de matinée.',
    'Le quartier de {street} lui fait peur depuis {housingIssue}.',
    'Il fredonnait en arrivant, détendu et {emotion}.',
    'Nette fatigue : cernes marqués, {symptom}, démarche lente.',
    'Elle garde {object} près d’elle comme repère rassurant.',
    'Son voisinage à {street} semble bienveillant.',
    'Réfrigérateur garni de {food} ; alimentation plutôt variée.',
    'Il évite {place} depuis une mauvaise expérience.',
    'Présentation soignée, rasé de près, attentif aux consignes.',
    'Elle dit s’ennuyer le dimanche et rêve de {activity}.',
    'Impression d’un mieux-être global, {progress}.',
  ],
  session_note: [
    'Entretien individuel : point sur {admin} et sur {daily}.',
    'Séance consacrée à {goal} ; objectif reformulé avec lui.',
    'Travail sur {symptom} à partir d’exercices de respiration.',
    'Temps centré sur la relation avec {relative}, vécue comme pesante.',
    'Bilan de {work} : motivation présente, craintes sur le rythme.',
    'Nous avons complété ensemble {admin} ; pièces manquantes listées.',
    'Psychoéducation sur {symptom} et sur {health}.',
    'Elle rapporte {progress} ces dernières semaines.',
    'Budget revu : dépenses de {food} et factures de {housing}.',
    'Réunion familiale avec {relative} ; climat {emotion}.',
    'Retour sur la semaine : {daily} tenu, {activity} reprise le jeudi.',
    'Accompagnement à {place} pour s’exercer aux trajets en {transport}.',
    'Discussion sur {goal} ; il fixe lui-même une première étape.',
    'Rappel du rendez-vous avec {profession} ; elle souhaite y aller seule.',
    'Consultation écourtée : il se disait {emotion} et épuisé.',
    'Revue du plan : {progress}, cap maintenu.',
    'Jeu de rôle pour préparer {work}.',
    'Atelier collectif de {activity} ; {firstName} a animé la fin.',
    'Évaluation des besoins concernant {daily} ; aide ponctuelle proposée.',
    'Suivi téléphonique : nouvelles de {health} et du moral.',
    'Visite à domicile : rangement de {object} avec elle.',
    'Rendez-vous au bureau : lecture commune du courrier de {admin}.',
    'Exercice d’ancrage proposé face aux {symptom} ; bien accueilli.',
    'Nous avons cartographié son réseau : {relative}, {profession}, voisins.',
    'Préparation de la rencontre avec {profession} : questions notées.',
    'Mise en situation à {place} : achats réalisés seul, {progress}.',
    'Permanence : elle voulait comprendre {admin}.',
    'Travail de l’estime de soi autour de {activity}.',
    'Relecture du plan de crise ; signes précoces : {symptom}.',
    'Groupe de parole : thème du jour, {topic}.',
    'Séance de sophrologie, détente obtenue en fin de séance.',
    'Balade jusqu’à {place} en parlant de {topic}.',
    'Il a présenté {object} qu’il a fabriqué en atelier.',
    'Consultation infirmière : tension, poids, {health}.',
    'Temps d’échange consacré à {topic} ; elle a beaucoup parlé.',
  ],
  practical_concern: [
    'Souci avec {admin} : courrier de relance reçu, à traiter rapidement.',
    'Signalement de {housingIssue} dans {housing}.',
    'Plus de crédit téléphonique, impossible de joindre {profession}.',
    'Frigo presque vide ; orientation vers {place} pour un colis.',
    'Abonnement de {transport} expiré, déplacements compromis.',
    'Facture d’énergie impayée ; {admin} à solliciter.',
    'Ordonnance périmée, {health} à renouveler.',
    'Perte de ses papiers {when} ; déclaration à faire à {place}.',
    'Le lave-linge est en panne : {daily} devient compliqué.',
    'Retard de versement de {admin}, inquiétude pour le loyer.',
    '{object} cassé, à remplacer rapidement.',
    'Relevé bancaire à découvert après {expense}.',
    'Fuite sous l’évier signalée, le plombier ne vient pas.',
    'Plus de chauffage depuis {weather}.',
    'Amende reçue pour {transport}, contestation envisagée.',
    'Son téléphone a été volé à {place}.',
    'Clés perdues, serrurier trop cher pour elle.',
    'Lunettes cassées, lecture du courrier impossible.',
  ],
  emerging_need: [
    'Elle exprime le souhait de {goal}.',
    'Nouveau besoin : soutien pour {admin}.',
    'Il sollicite de l’aide pour {daily}, jusque-là assuré par {relative}.',
    'Envie de reprendre {activity} ; recherche d’un créneau adapté.',
    'Un avis de {profession} serait utile au sujet de {symptom}.',
    'Elle envisage {work} et voudrait en parler en équipe.',
    'Demande d’un logement plus adapté que {housing}.',
    'Il souhaite réduire {substance} et demande un relais vers {profession}.',
    'Souhait d’apprendre à utiliser {transport} seule.',
    'Répit exprimé comme nécessaire par {relative}.',
    'Elle aimerait s’inscrire à {place} pour {activity}.',
    'Question nouvelle sur {topic}.',
    'Il voudrait des conseils pour cuisiner {food}.',
    'Projet de vacances évoqué, financement à trouver.',
    'Elle désire reprendre contact avec {relative}.',
    'Intérêt pour un groupe d’entraide autour de {topic}.',
  ],
  unplanned_contact: [
    'Appel imprévu {when} : il voulait parler de {admin}.',
    'Passage sans rendez-vous à l’accueil, se disant {emotion}.',
    'Message vocal de {relative} inquiet pour lui.',
    'Elle a téléphoné {when} au sujet de {symptom}.',
    'Venue spontanée pour un courrier de {admin} incompris.',
    'Coup de fil de {profession} souhaitant un point de situation.',
    'SMS reçu {when} : demande de décaler notre rencontre.',
    'Il s’est présenté à {place} en réclamant quelqu’un de l’équipe.',
    'Appel en soirée, besoin d’être rassurée après {housingIssue}.',
    'Visite imprévue de {relative} pour donner des nouvelles.',
    'Courriel reçu {when} avec une photo de {object}.',
    'Elle a sonné au bureau, en larmes, puis s’est apaisée.',
    'Appel du gardien de {housing}, inquiet de ne plus la voir.',
    'Il a rappelé trois fois dans la matinée à propos de {topic}.',
  ],
  incident: [
    'Altercation verbale avec un voisin {when} ; intervention du gardien.',
    'Chute dans l’escalier de {housing}, consultation aux urgences.',
    'Oubli de {health} plusieurs jours de suite.',
    'Absence inexpliquée au rendez-vous avec {profession}.',
    'Perte de ses clés ; nuit passée chez {relative}.',
    'Dispute avec {relative} ayant nécessité l’intervention de la police.',
    'Consommation de {substance} pendant {activity}, retour au calme ensuite.',
    'Il a quitté {place} précipitamment en se disant {emotion}.',
    'Début d’incendie dans la cuisine, sans blessé.',
    'Vol de son portefeuille à {place}.',
  ],
  crisis: [
    'Crise aiguë {when} : {symptom} intenses, appel au 15.',
    'Idées suicidaires verbalisées ; évaluation du risque et appel au psychiatre d’astreinte.',
    'Décompensation avec {symptom} ; hospitalisation en urgence.',
    'Mise en danger après consommation de {substance} ; les secours sont intervenus.',
    'Forte agitation à {place} ; orientation vers les urgences psychiatriques.',
    'Elle a appelé le 3114 {when} puis l’équipe ; soutien immédiat.',
  ],
};

// Closing sentences any kind may end with: what comes next.
const closings: readonly string[] = [
  'À revoir la prochaine fois.',
  'Transmis au référent.',
  'Nouveau point dans quinze jours.',
  'À aborder en réunion de synthèse.',
  'Il accepte que l’équipe en soit informée.',
  'Elle rappellera si besoin.',
  'Suite : {action} {profession}.',
  'Prévoir {action} {profession} mardi.',
  'Lien fait avec {profession}.',
  'Objectif associé : {goal}.',
  'Vigilance sur {symptom} dans les jours qui viennent.',
  'Rendez-vous fixé à {place}.',
  'Accord de la personne pour en parler avec {relative}.',
  'Pas d’urgence, mais à suivre.',
  'Document scanné dans le dossier.',
  'Collègues prévenus par messagerie.',
  'Relancer la démarche vendredi.',
  'Elle repart rassurée.',
];

type Part = string | { list: ListName };
type Compiled = Part[][];

/** Templates cut once into literal text and list names, so a sentence is a few picks and a join. */
function compile(templates: readonly string[]): Compiled {
  return templates.map((t) => {
    const parts: Part[] = [];
    const pattern = /\{(\w+)\}/g;
    let last = 0;
    for (let m = pattern.exec(t); m; m = pattern.exec(t)) {
      if (m.index > last) parts.push(t.slice(last, m.index));
      const name = m[1] as ListName;
      if (!(name in lists)) throw new Error(`unknown word list {${name}} in "${t}"`);
      parts.push({ list: name });
      last = m.index + m[0].length;
    }
    if (last < t.length) parts.push(t.slice(last));
    return parts;
  });
}

const compiledByKind = Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, compile(v)])) as Record<JournalEntryKind, Compiled>;
const compiledClosings = compile(closings);

/** A word of the list, the first ones more often than the last (index ~ n·u^1.4): a long tail. */
function word(random: Random, name: ListName): string {
  const list = lists[name];
  return list[Math.floor(list.length * Math.pow(random.next(), 1.4))]!;
}

function fill(random: Random, template: Part[]): string {
  let out = '';
  for (const part of template) out += typeof part === 'string' ? part : word(random, part.list);
  return out;
}

/** One entry's text: one to three sentences of its kind, sometimes a closing one. */
export function journalText(random: Random, kind: JournalEntryKind): string {
  const templates = compiledByKind[kind];
  const sentences = random.weighted([[1, 35], [2, 45], [3, 20]] as const);
  const first = random.int(0, templates.length - 1);
  let text = fill(random, templates[first]!);
  for (let i = 1; i < sentences; i++) text += ` ${fill(random, templates[(first + random.int(1, templates.length - 1)) % templates.length]!)}`;
  if (random.chance(0.3)) text += ` ${fill(random, random.pick(compiledClosings))}`;
  return text;
}

/** What an amendment adds, days later. */
const amendments: Compiled = compile([
  'Précision : {relative} était présent lors de l’échange.',
  'Correction : le rendez-vous avait lieu à {place}, non à domicile.',
  'Complément : {profession} confirme {symptom}.',
  'Ajout : la démarche concernant {admin} a abouti.',
  'Précision sur la date : c’était {when}.',
  'Complément après échange avec {profession} : {progress}.',
]);

export function amendmentText(random: Random): string {
  return fill(random, random.pick(amendments));
}

/** Words an escalation asks the clinical referent about. */
const requests: Compiled = compile([
  'Pouvez-vous évaluer {symptom} lors d’un rendez-vous rapproché ?',
  'Avis souhaité sur l’adaptation du traitement ({symptom}).',
  'Merci de rappeler {relative}, très inquiet.',
  'Besoin d’un avis sur le risque de rupture de suivi.',
  'Faut-il organiser une hospitalisation ? {symptom} en hausse.',
  'Merci de voir la personne avant la fin de semaine.',
  'Avis sur la conduite à tenir après {housingIssue}.',
]);

export function escalationRequest(random: Random): string {
  return fill(random, random.pick(requests));
}

const followUps: Compiled = compile([
  'Rendez-vous fait avec {profession}, traitement ajusté.',
  'Appel de la personne : situation apaisée, suivi habituel.',
  'Consultation en urgence réalisée, retour à domicile.',
  'Échange avec {relative}, relais organisé avec {profession}.',
  'Vu en entretien : {progress}, pas d’hospitalisation nécessaire.',
  'Orientation vers {place} ; point en réunion d’équipe.',
]);

export function escalationFollowUp(random: Random): string {
  return fill(random, random.pick(followUps));
}

/** Handoff notes of a transition. */
const handoffs: Compiled = compile([
  'Points de vigilance : {symptom}. Personne ressource : {relative}.',
  'Projet en cours : {goal}. Démarches : {admin}.',
  'Bien repérer {place} et les trajets en {transport} avant le passage.',
  'Relais avec {profession} à confirmer ; {progress}.',
]);

export function handoffNote(random: Random): string {
  return fill(random, random.pick(handoffs));
}

/** Words searched in the bench: frequent and rare, accented and not, one or two words. */
export const benchSearchTerms: readonly string[] = [
  'sommeil', 'logement', 'angoisse', 'curatelle', 'MDPH', 'anxieuse', 'evalue', 'hospitalisation', 'pilulier', 'bailleur', 'soeur', 'sœur',
  'expulsion', 'chorale', 'aquarelle', 'tabacologue', 'titre de séjour', 'crise angoisse', 'punaises', 'dégât des eaux', 'degat eaux', 'France Travail',
  'psychiatre', 'traitement', 'ordonnance', 'épicerie solidaire', 'epicerie', 'apaisée', 'apaisee', 'chute escalier', 'surendettement', 'colis alimentaire',
  'rendez-vous', 'réintégration', 'AAH', 'idées noires', 'idees noires', 'injection retard', 'vélo', 'velo', 'randonnée', 'théâtre',
];
