import { Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TrajectoryWeek } from '../../api/trajectory';
import { formatDate, formatList } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { ScrollTable } from '../admissions/ScrollTable';

const width = 720;
const height = 260;
const margin = { top: 16, right: 16, bottom: 48, left: 48 };
const plotWidth = width - margin.left - margin.right;
const plotHeight = height - margin.top - margin.bottom;
/** The chart shows the last half-year; the table below has every measured week. */
const weeksDrawn = 26;

function shortDate(isoDay: string, locale: 'fr' | 'en'): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${isoDay}T00:00:00Z`));
}

/**
 * Planned against actual sessions, week by week, drawn by hand in SVG like the goals' progress
 * chart: bars for what happened (sessions done, then unplanned contacts on top), a stepped line for
 * what was planned. One image with a spoken summary; the figures are in the table underneath.
 */
export function IntensityChart({ weeks }: { weeks: TrajectoryWeek[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const drawn = weeks.slice(-weeksDrawn);
  const count = drawn.length;
  const top = Math.max(1, ...drawn.map((w) => Math.max(w.actualSessions, w.plannedSessions ?? 0)));
  const step = top > 10 ? Math.ceil(top / 5) : top > 5 ? 2 : 1;
  const max = Math.ceil(top / step) * step;
  const y = (v: number) => margin.top + plotHeight - (v / max) * plotHeight;
  const slot = plotWidth / Math.max(count, 1);
  const barWidth = Math.min(28, slot * 0.6);
  const x = (i: number) => margin.left + slot * i + slot / 2;
  const ticks = Array.from({ length: max / step + 1 }, (_, i) => i * step);
  const labelEvery = Math.max(1, Math.ceil(count / 8));
  // The plan as steps: flat across each week, joined where it changes.
  const planned = drawn
    .map((w, i) => (w.plannedSessions === null ? null : `${x(i) - slot / 2},${y(w.plannedSessions)} ${x(i) + slot / 2},${y(w.plannedSessions)}`))
    .reduce<string[][]>((runs, segment) => {
      if (segment === null) runs.push([]);
      else runs[runs.length - 1]!.push(segment);
      return runs;
    }, [[]])
    .filter((run) => run.length > 0);
  const spoken = drawn.map((w) =>
    t('continuity.trajectory.chartPoint', {
      week: formatDate(w.weekStart, locale),
      actual: w.actualSessions,
      planned: w.plannedSessions === null ? t('continuity.trajectory.noPlan') : w.plannedSessions.toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB'),
    }),
  );
  const summary = t('continuity.trajectory.chartLabel', { count, points: formatList(spoken, locale) });
  return (
    <Stack gap="xs">
      <svg className="intensity-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} data-testid="intensity-chart">
        {ticks.map((v) => (
          <g key={v}>
            <line className="grid" x1={margin.left - 4} x2={width - margin.right} y1={y(v)} y2={y(v)} />
            <text className="axis-label" x={margin.left - 10} y={y(v)} textAnchor="end" dominantBaseline="middle">
              {v}
            </text>
          </g>
        ))}
        {drawn.map((w, i) => (
          <g key={w.weekStart}>
            {w.doneSessions > 0 && <rect className={w.excess ? 'bar-done bar-excess' : 'bar-done'} x={x(i) - barWidth / 2} width={barWidth} y={y(w.doneSessions)} height={y(0) - y(w.doneSessions)} />}
            {w.unplannedContacts > 0 && <rect className="bar-unplanned" x={x(i) - barWidth / 2} width={barWidth} y={y(w.actualSessions)} height={y(w.doneSessions) - y(w.actualSessions)} />}
            {(i % labelEvery === 0 || i === count - 1) && (
              <text className="axis-label" x={x(i)} y={height - margin.bottom + 22} textAnchor="middle">
                {shortDate(w.weekStart, locale)}
              </text>
            )}
          </g>
        ))}
        {planned.map((run, i) => (
          <polyline key={i} className="planned-line" points={run.join(' ')} />
        ))}
      </svg>
      <Group gap="lg" className="intensity-legend" aria-hidden="true">
        <Text size="sm">
          <span className="swatch swatch-done" /> {t('continuity.trajectory.legendDone')}
        </Text>
        <Text size="sm">
          <span className="swatch swatch-unplanned" /> {t('continuity.trajectory.legendUnplanned')}
        </Text>
        <Text size="sm">
          <span className="swatch swatch-excess" /> {t('continuity.trajectory.legendExcess')}
        </Text>
        <Text size="sm">
          <span className="swatch swatch-planned" /> {t('continuity.trajectory.legendPlanned')}
        </Text>
      </Group>
      <details className="chart-data">
        <summary>{t('continuity.trajectory.seeData')}</summary>
        <ScrollTable minWidth={640} label={t('continuity.trajectory.dataLabel')}>
          <Table verticalSpacing="xs" striped aria-label={t('continuity.trajectory.dataLabel')} data-testid="intensity-data">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('continuity.trajectory.columns.week')}</Table.Th>
                <Table.Th scope="col">{t('continuity.trajectory.columns.planned')}</Table.Th>
                <Table.Th scope="col">{t('continuity.trajectory.columns.done')}</Table.Th>
                <Table.Th scope="col">{t('continuity.trajectory.columns.minutes')}</Table.Th>
                <Table.Th scope="col">{t('continuity.trajectory.columns.unplanned')}</Table.Th>
                <Table.Th scope="col">{t('continuity.trajectory.columns.actual')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...weeks].reverse().map((w) => (
                <Table.Tr key={w.weekStart}>
                  <Table.Td>{t('continuity.trajectory.weekOf', { date: formatDate(w.weekStart, locale) })}</Table.Td>
                  <Table.Td>{w.plannedSessions === null ? t('continuity.trajectory.noPlan') : t('continuity.trajectory.sessionsMinutes', { sessions: w.plannedSessions, minutes: w.plannedMinutes ?? 0 })}</Table.Td>
                  <Table.Td>{w.doneSessions}</Table.Td>
                  <Table.Td>{w.doneMinutes}</Table.Td>
                  <Table.Td>{w.unplannedContacts}</Table.Td>
                  <Table.Td>
                    <Text span inherit fw={w.excess ? 700 : undefined}>
                      {w.actualSessions}
                      {w.excess ? ` — ${t('continuity.trajectory.aboveMargin')}` : ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </details>
    </Stack>
  );
}
