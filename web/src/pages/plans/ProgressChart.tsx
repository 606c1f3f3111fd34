import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { attainmentLevels, type AttainmentLevel, type AttainmentScale } from '../../api/plan-assessments';
import { formatDate, formatList } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { ScrollTable } from '../admissions/ScrollTable';
import { levelNumber, useLevelName } from './follow-up-words';

const width = 640;
const height = 250;
const margin = { top: 16, right: 28, bottom: 44, left: 200 };
const plotWidth = width - margin.left - margin.right;
const plotHeight = height - margin.top - margin.bottom;
const y = (level: number) => margin.top + ((2 - level) * plotHeight) / 4;
/** Evaluations are spaced evenly (two on one day stay apart); their dates are written underneath. */
const x = (index: number, count: number) => (count === 1 ? margin.left + plotWidth / 2 : margin.left + (index * plotWidth) / (count - 1));

function shortDate(isoDay: string, locale: 'fr' | 'en'): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${isoDay}T00:00:00Z`));
}

/**
 * One goal's level at each evaluation, as a line from −2 to +2 drawn by hand in SVG (no chart
 * library). The drawing is one image with a spoken summary; the same figures are in a table just
 * below, for anyone who prefers numbers or cannot see the drawing.
 */
export function ProgressChart({ goalWording, points, scale, testId }: { goalWording: string; points: { evaluatedOn: string; level: AttainmentLevel; comment?: string | null }[]; scale: AttainmentScale | null; testId?: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const levelName = useLevelName();
  const count = points.length;
  const labelEvery = Math.max(1, Math.ceil(count / 8));
  const spoken = points.map((p) => t('plans.evaluations.chartPoint', { level: levelNumber(p.level), name: levelName(p.level).toLocaleLowerCase(locale === 'fr' ? 'fr-FR' : 'en-GB'), date: formatDate(p.evaluatedOn, locale) }));
  const summary = t('plans.evaluations.chartLabel', { count, goal: goalWording, points: formatList(spoken, locale) });
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i, count).toFixed(1)},${y(p.level).toFixed(1)}`).join(' ');
  return (
    <Stack gap="xs" data-testid={testId}>
      <svg className="progress-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} data-testid="progress-chart">
        {[...attainmentLevels].reverse().map((level) => (
          <g key={level}>
            <line className={level === 0 ? 'grid-expected' : 'grid'} x1={margin.left - 4} x2={width - margin.right} y1={y(level)} y2={y(level)} />
            <text className={level === 0 ? 'axis-label axis-label-strong' : 'axis-label'} x={margin.left - 12} y={y(level)} textAnchor="end" dominantBaseline="middle">
              {`${levelNumber(level)}  ${levelName(level)}`}
            </text>
          </g>
        ))}
        {points.map((p, i) =>
          i % labelEvery === 0 || i === count - 1 ? (
            <text key={`date-${i}`} className="axis-label" x={x(i, count)} y={height - margin.bottom + 26} textAnchor="middle">
              {shortDate(p.evaluatedOn, locale)}
            </text>
          ) : null,
        )}
        {count > 1 && <path className="line" d={path} />}
        {points.map((p, i) => (
          <circle key={`point-${i}`} className={i === count - 1 ? 'point point-last' : 'point'} cx={x(i, count)} cy={y(p.level)} r={6} />
        ))}
      </svg>
      <details className="chart-data">
        <summary>{t('plans.evaluations.seeData')}</summary>
        <ScrollTable minWidth={560} label={t('plans.evaluations.dataLabel', { goal: goalWording })}>
        <Table verticalSpacing="xs" striped aria-label={t('plans.evaluations.dataLabel', { goal: goalWording })} data-testid="progress-data">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('plans.evaluations.date')}</Table.Th>
              <Table.Th scope="col">{t('plans.evaluations.level')}</Table.Th>
              <Table.Th scope="col">{t('plans.evaluations.levelDescription')}</Table.Th>
              <Table.Th scope="col">{t('plans.evaluations.commentColumn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {points.map((p, i) => (
              <Table.Tr key={`row-${i}`}>
                <Table.Td>{formatDate(p.evaluatedOn, locale)}</Table.Td>
                <Table.Td>
                  <Text inherit fw={650} span>
                    {levelNumber(p.level)}
                  </Text>{' '}
                  {levelName(p.level)}
                </Table.Td>
                <Table.Td>{scale ? scale[String(p.level) as keyof AttainmentScale] : '—'}</Table.Td>
                <Table.Td className="keep-lines">{p.comment ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        </ScrollTable>
      </details>
    </Stack>
  );
}
