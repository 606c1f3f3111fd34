import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReferralStatus, Urgency } from '../../api/referrals';

// Only colours whose light variants the theme darkens for contrast (relais, red, green, orange, gray).
const urgencyColor: Record<Urgency, { color: string; variant: 'filled' | 'light' }> = {
  urgent: { color: 'red.8', variant: 'filled' },
  soon: { color: 'orange', variant: 'light' },
  routine: { color: 'gray', variant: 'light' },
};

const statusColor: Record<ReferralStatus, string> = {
  new: 'relais',
  admitted: 'green',
  waitlisted: 'orange',
  refused: 'red',
  oriented: 'gray',
  withdrawn: 'gray',
};

/** How urgent the referrer said it is, in words (never by colour alone). */
export function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  const { t } = useTranslation();
  const { color, variant } = urgencyColor[urgency];
  return (
    <Badge color={color} variant={variant} size="lg" tt="none">
      {t(`referrals.urgencyBadge.${urgency}`)}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="light" size="lg" tt="none">
      {t(`referrals.statuses.${status}`)}
    </Badge>
  );
}
