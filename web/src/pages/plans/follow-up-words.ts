import { useTranslation } from 'react-i18next';
import type { AttainmentLevel, DeadlineStatus } from '../../api/plan-assessments';
import { formatDate } from '../../format';
import { currentLocale } from '../../i18n/setup';

const levelKeys: Record<AttainmentLevel, string> = { [-2]: 'minus2', [-1]: 'minus1', 0: 'zero', 1: 'plus1', 2: 'plus2' };

/** A level of goal attainment as written on a scale: "−2", "0", "+1" (a real minus sign). */
export function levelNumber(level: AttainmentLevel): string {
  return level > 0 ? `+${level}` : level < 0 ? `\u2212${-level}` : '0';
}

/** The level's short name: "Mieux que prévu". */
export function useLevelName(): (level: AttainmentLevel) => string {
  const { t } = useTranslation();
  return (level) => t(`plans.evaluations.levels.${levelKeys[level]}`);
}

/** A T-score as the interface writes numbers ("56,2"). */
export function formatScore(score: number): string {
  return new Intl.NumberFormat(currentLocale() === 'fr' ? 'fr-FR' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(score);
}

// Only colours whose light variants the theme darkens for contrast (relais, red, green, orange, gray).
export const deadlineColor: Record<DeadlineStatus, { color: string; variant: 'filled' | 'light' }> = {
  overdue: { color: 'red.8', variant: 'filled' },
  due_soon: { color: 'orange', variant: 'light' },
  upcoming: { color: 'relais', variant: 'light' },
  done: { color: 'green', variant: 'light' },
  done_late: { color: 'gray', variant: 'light' },
};

/** Where a deadline stands, in words (never by colour alone): "En retard de 25 jours", "Fait le 3 mars 2026". */
export function useDeadlineStatusText(): (d: { status: DeadlineStatus; daysLeft: number | null; doneOn?: string | null }) => string {
  const { t } = useTranslation();
  const locale = currentLocale();
  return ({ status, daysLeft, doneOn }) => {
    switch (status) {
      case 'overdue':
        return t('plans.deadlines.statusText.overdue', { count: Math.abs(daysLeft ?? 0) });
      case 'due_soon':
      case 'upcoming':
        return daysLeft === 0 ? t('plans.deadlines.statusText.dueToday') : t('plans.deadlines.statusText.dueIn', { count: daysLeft ?? 0 });
      case 'done':
        return doneOn ? t('plans.deadlines.statusText.doneOn', { date: formatDate(doneOn, locale) }) : t('plans.deadlines.statusText.done');
      case 'done_late':
        return doneOn ? t('plans.deadlines.statusText.doneLateOn', { date: formatDate(doneOn, locale) }) : t('plans.deadlines.statusText.doneLate');
    }
  };
}
