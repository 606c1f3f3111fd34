import type { useTranslation } from 'react-i18next';
import type { CapacityBoardService, CapacitySnapshot } from '../../api/admissions';
import type { ReferralInboxItem } from '../../api/referrals';
import type { Locale } from '../../api/types';

type Translate = ReturnType<typeof useTranslation>['t'];

const dayMs = 86_400_000;

/** "il y a 3 jours", "aujourd’hui", "hier": how long a request has waited, in whole days. */
export function receivedAgo(iso: string, locale: Locale, now = Date.now()): string {
  const elapsed = now - new Date(iso).getTime();
  const format = new Intl.RelativeTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { numeric: 'auto' });
  if (elapsed < 3_600_000) return format.format(-Math.max(1, Math.round(elapsed / 60_000)), 'minute');
  if (elapsed < dayMs) return format.format(-Math.round(elapsed / 3_600_000), 'hour');
  return format.format(-Math.floor(elapsed / dayMs), 'day');
}

/** Who asked, in one line: "CCAS de Rennes — Sophie Girard", "Dr Blanc (médecin ou clinicien)", "La personne elle-même". */
export function referrerLine(item: Pick<ReferralInboxItem, 'source' | 'partnerName' | 'referrerName' | 'channel'>, t: Translate): string {
  if (item.source === 'self') return item.channel === 'public_form' ? t('referrals.selfOnline') : t('referrals.sources.self');
  if (item.source === 'partner') return [item.partnerName, item.referrerName].filter(Boolean).join(' — ') || t('referrals.sources.partner');
  const who = item.referrerName ?? t('referrals.unknownReferrer');
  return `${who} (${t(`referrals.sourcesShort.${item.source}`)})`;
}

/** The places of a service now: "2 personnes accompagnées sur 3 places ; 1 en attente". */
export function serviceCapacityText(row: Pick<CapacityBoardService, 'active' | 'serviceLimit' | 'waiting' | 'offered'>, t: Translate): string {
  const places = row.serviceLimit === null ? t('referrals.capacity.noLimit') : t('referrals.capacity.ofPlaces', { count: row.serviceLimit });
  const active = `${t('referrals.capacity.active', { count: row.active })}${places}`;
  return `${active}${t('referrals.capacity.separator')}${t('referrals.capacity.waiting', { count: row.waiting + row.offered })}`;
}

/** The figures a decision recorded (or a refusal carried), in words. */
export function snapshotText(capacity: CapacitySnapshot, t: Translate): string {
  const parts = [serviceCapacityText({ active: capacity.serviceActive, serviceLimit: capacity.serviceLimit, waiting: capacity.waitlistLength, offered: 0 }, t)];
  if (capacity.referentActive !== null) {
    parts.push(
      capacity.referentLimit === null
        ? t('referrals.capacity.referentNoLimit', { count: capacity.referentActive })
        : t('referrals.capacity.referentOf', { count: capacity.referentActive, limit: capacity.referentLimit }),
    );
  }
  return parts.join(t('referrals.capacity.separator'));
}
