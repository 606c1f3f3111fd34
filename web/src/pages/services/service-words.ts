import type { useTranslation } from 'react-i18next';
import type { Service } from '../../api/types';
import { formatList } from '../../format';
import { currentLocale } from '../../i18n/setup';

type Translate = ReturnType<typeof useTranslation>['t'];

/** The ways a service is delivered, as a sentence: "Sur place, à domicile et visio". */
export function modalitiesText(service: Pick<Service, 'modalities'>, t: Translate): string {
  const locale = currentLocale();
  const text = formatList(
    service.modalities.map((m) => t(`service.modalityNames.${m}`).toLocaleLowerCase(locale)),
    locale,
  );
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/** The caseload rules in words: "1 personne par professionnel · 12 dans le dispositif", or "Sans limite". */
export function capacityText(service: Pick<Service, 'caseloadLimitPerPractitioner' | 'caseloadLimitPerService'>, t: Translate): string {
  const parts: string[] = [];
  if (service.caseloadLimitPerPractitioner !== null) parts.push(t('service.perPractitioner', { count: service.caseloadLimitPerPractitioner }));
  if (service.caseloadLimitPerService !== null) parts.push(t('service.perService', { count: service.caseloadLimitPerService }));
  return parts.length ? parts.join(' · ') : t('service.noLimit');
}
