import type { useTranslation } from 'react-i18next';
import type { Partner } from '../../api/types';
import { formatDate, formatList, organizationToday, weekdayName } from '../../format';
import { currentLocale } from '../../i18n/setup';

type Translate = ReturnType<typeof useTranslation>['t'];

export type AgreementStatus = 'in_force' | 'upcoming' | 'ended' | 'none';

/** Where the agreement ("convention") stands today; "in force" is the server's word for it. */
export function agreementStatus(partner: Pick<Partner, 'agreementStart' | 'agreementEnd' | 'agreementInForce'>): AgreementStatus {
  if (partner.agreementInForce) return 'in_force';
  if (partner.agreementStart === null && partner.agreementEnd === null) return 'none';
  const today = organizationToday();
  if (partner.agreementEnd !== null && partner.agreementEnd < today) return 'ended';
  return partner.agreementStart !== null && partner.agreementStart > today ? 'upcoming' : 'none';
}

export const agreementColors: Record<AgreementStatus, string> = { in_force: 'green', upcoming: 'relais', ended: 'orange', none: 'gray' };

/** "Du 1 janvier 2026 au 31 décembre 2026", "Depuis le …", "Jusqu’au …", or null without dates. */
export function agreementPeriod(partner: Pick<Partner, 'agreementStart' | 'agreementEnd'>, t: Translate): string | null {
  const locale = currentLocale();
  const start = partner.agreementStart ? formatDate(partner.agreementStart, locale) : null;
  const end = partner.agreementEnd ? formatDate(partner.agreementEnd, locale) : null;
  if (start && end) return t('partner.periodFromTo', { start, end });
  if (start) return t('partner.periodFrom', { start });
  if (end) return t('partner.periodUntil', { end });
  return null;
}

/** "mardi et jeudi", or null when the structure hosts no on-site day. */
export function onsiteDaysText(partner: Pick<Partner, 'onsiteWeekdays'>): string | null {
  const locale = currentLocale();
  if (partner.onsiteWeekdays.length === 0) return null;
  return formatList(
    [...partner.onsiteWeekdays].sort((a, b) => a - b).map((d) => weekdayName(d, locale)),
    locale,
  );
}
