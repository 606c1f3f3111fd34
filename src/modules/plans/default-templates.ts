import type { ContractKind, TemplateSection } from './schema.js';

// What a structure starts with; it adapts both. Question ids are stable strings so that answers in
// past assessments keep their meaning when the template changes.
const choice = (id: string, label: string, options: string[]) => ({ id, label, type: 'choice' as const, options });
const text = (id: string, label: string) => ({ id, label, type: 'text' as const });
const scale = (id: string, label: string, minLabel: string, maxLabel: string) => ({ id, label, type: 'scale' as const, scale: { min: 1, max: 5, minLabel, maxLabel } });

export const defaultAssessmentTemplate: { name: string; sections: TemplateSection[] } = {
  name: 'Diagnostic partagé (modèle Relais)',
  sections: [
    {
      id: 'autonomie',
      title: 'Autonomie au quotidien',
      questions: [
        scale('autonomie_gestes', 'Gestes de la vie quotidienne (repas, hygiène, ménage)', 'aide constante', 'en toute autonomie'),
        scale('autonomie_deplacements', 'Déplacements (transports, démarches à l’extérieur)', 'impossible seul·e', 'sans difficulté'),
        text('autonomie_precisions', 'Ce que la personne fait seule, ce pour quoi elle souhaite de l’aide'),
      ],
    },
    {
      id: 'sante',
      title: 'Santé',
      questions: [
        choice('sante_suivi', 'Suivi médical en place', ['Oui, régulier', 'Oui, irrégulier', 'Non', 'Ne sait pas']),
        scale('sante_bien_etre', 'Bien-être psychique ressenti', 'très difficile', 'très bon'),
        text('sante_precisions', 'Traitements, soins en cours, professionnels qui suivent la personne'),
      ],
    },
    {
      id: 'vie_sociale',
      title: 'Vie sociale',
      questions: [scale('vie_sociale_liens', 'Liens sociaux (amis, voisins, activités)', 'isolement', 'entourage riche'), text('vie_sociale_activites', 'Activités, loisirs, engagements')],
    },
    {
      id: 'logement',
      title: 'Logement',
      questions: [
        choice('logement_situation', 'Situation de logement', ['Logement autonome', 'Chez un proche', 'Hébergement (CHRS, foyer…)', 'Sans logement stable', 'Établissement']),
        text('logement_precisions', 'Difficultés ou projets liés au logement'),
      ],
    },
    {
      id: 'emploi_formation',
      title: 'Emploi et formation',
      questions: [
        choice('emploi_situation', 'Situation', ['En emploi', 'En formation', 'En recherche d’emploi', 'Sans activité professionnelle', 'Retraite']),
        text('emploi_projet', 'Projet professionnel ou de formation'),
      ],
    },
    { id: 'scolarite', title: 'Scolarité', questions: [text('scolarite_situation', 'Établissement, classe, aménagements, difficultés (le cas échéant)')] },
    {
      id: 'relations_familiales',
      title: 'Relations familiales',
      questions: [scale('famille_relations', 'Qualité des relations familiales', 'très conflictuelles', 'soutenantes'), text('famille_precisions', 'Personnes importantes pour la personne, aidants')],
    },
    {
      id: 'ressources_droits',
      title: 'Ressources et droits',
      questions: [
        choice('droits_ouverts', 'Droits ouverts (assurance maladie, complémentaire, prestations)', ['À jour', 'Partiellement', 'Non', 'Ne sait pas']),
        text('ressources_precisions', 'Ressources, démarches en cours, mesure de protection'),
      ],
    },
  ],
};

export const defaultContractTemplates: Record<ContractKind, { title: string; body: string }> = {
  contrat_de_sejour: {
    title: 'Contrat de séjour',
    body: `Entre {{structure.nom}}, représentée par {{referent.nom}}, référent(e) de l’accompagnement,
et {{personne.nom}}, né(e) le {{personne.date_naissance}}, ci-après « la personne accompagnée »,

il est convenu ce qui suit.

Article 1 — Objet
Le présent contrat définit les objectifs et la nature de l’accompagnement proposé dans le cadre du dispositif « {{dispositif.nom}} », dans le respect des principes déontologiques et éthiques, des recommandations de bonnes pratiques professionnelles et du projet d’établissement.

Article 2 — Durée
L’accompagnement commence le {{prise_en_charge.debut}}. Sa durée prévisionnelle court jusqu’au {{prise_en_charge.fin_prevue}}. Il peut prendre fin à tout moment à la demande de la personne.

Article 3 — Projet d’accompagnement personnalisé
Un projet d’accompagnement personnalisé est élaboré avec la personne dans les six mois qui suivent la signature du présent contrat. Il fait l’objet d’un avenant et est réévalué au moins une fois par an.

Article 4 — Droits de la personne
La personne accompagnée bénéficie des droits énoncés par la charte des droits et libertés de la personne accueillie. Elle peut désigner une personne de confiance. Les informations la concernant sont couvertes par le secret professionnel et ne sont partagées qu’avec son accord, dans la limite de ce qui est nécessaire à son accompagnement.

Article 5 — Coordination
Le coordonnateur de l’accompagnement est {{coordonnateur.nom}}.

Fait le {{date}}.`,
  },
  dipc: {
    title: 'Document individuel de prise en charge (DIPC)',
    body: `Document individuel de prise en charge établi par {{structure.nom}} pour {{personne.nom}}.

Nature de la prise en charge : {{dispositif.nom}}.
Date de début : {{prise_en_charge.debut}} — fin prévisionnelle : {{prise_en_charge.fin_prevue}}.
Référent(e) : {{referent.nom}} — coordonnateur : {{coordonnateur.nom}}.

Les objectifs personnalisés sont définis avec la personne dans un avenant au présent document, au plus tard six mois après le début de la prise en charge, et réévalués au moins une fois par an.

La personne peut à tout moment demander à revoir ce document, exprimer son désaccord ou mettre fin à la prise en charge.

Fait le {{date}}.`,
  },
};
