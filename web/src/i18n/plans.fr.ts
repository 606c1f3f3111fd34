// Strings of the personalised support plan pages (web/src/pages/plans), in French.
export const plansFr = {
  nav: { deadlines: 'Échéances' },
  backToRecord: 'Dossier de {{name}}',
  documentTitle: 'Projet personnalisé — {{service}}',
  title: 'Projet personnalisé — {{service}}',
  subtitle: '{{name}} · référent·e {{referent}} · coordination {{coordinator}} · depuis le {{start}}',
  openEpisode: 'Ouvrir le projet personnalisé',
  tabs: { plan: 'Projet', assessments: 'Diagnostics', evaluations: 'Évaluations', contract: 'Contrat', deadlines: 'Échéances' },
};
