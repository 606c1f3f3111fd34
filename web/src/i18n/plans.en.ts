import type { plansFr } from './plans.fr';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

// Strings of the personalised support plan pages (web/src/pages/plans), in English.
export const plansEn: Strings<typeof plansFr> = {
  nav: { deadlines: 'Deadlines' },
  backToRecord: '{{name}}’s record',
  documentTitle: 'Support plan — {{service}}',
  title: 'Support plan — {{service}}',
  subtitle: '{{name}} · référent {{referent}} · coordinator {{coordinator}} · since {{start}}',
  openEpisode: 'Open the support plan',
  tabs: { plan: 'Plan', assessments: 'Assessments', evaluations: 'Evaluations', contract: 'Contract', deadlines: 'Deadlines' },
};
