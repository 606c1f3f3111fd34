import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { Fact, FactGroup, Section } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate } from '../../format';
import { currentLocale } from '../../i18n/setup';

interface PersonSummaryData {
  careTeam: { staffMemberId: string; name: string; disciplineNameFr: string | null; disciplineNameEn: string | null }[];
  circle: { relatives: number; legalRepresentatives: { id: string; name: string }[]; trustedPerson: { id: string; name: string } | null; takingPartInPlan: number };
  currentEpisodes: { id: string; serviceName: string; referentName: string; phaseLabel: string | null; startedOn: string; plannedEndOn: string | null; plan: { status: string; version: number; goals: number } | null }[];
  endedEpisodes: number;
}

export const personSummaryKey = (personId: string) => ['person-summary', personId] as const;

/**
 * The record's summary ("synthèse"), first thing the team sees: where the person stands in each
 * service and its plan, who follows them, who matters around them. One request (GET …/summary).
 */
export function PersonSummary({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const summary = useQuery({ queryKey: personSummaryKey(personId), queryFn: () => api.get<PersonSummaryData>(`/api/v1/people/${personId}/summary`) });
  return (
    <Section id="person-summary" title={t('personSummary.title')}>
      {summary.isPending ? (
        <Loading />
      ) : summary.isError ? (
        <ProblemAlert error={summary.error} />
      ) : (
        <Stack gap="md">
          {summary.data.currentEpisodes.length === 0 ? (
            <Text c="dimmed">{t('personSummary.noEpisode', { count: summary.data.endedEpisodes })}</Text>
          ) : (
            summary.data.currentEpisodes.map((e) => (
              <Stack key={e.id} gap={4}>
                <Group gap="sm" align="baseline">
                  <Anchor component={Link} to={`/prises-en-charge/${e.id}`} fw={700}>
                    {e.serviceName}
                  </Anchor>
                  <Badge variant="light" tt="none" color={e.plan?.status === 'active' ? 'green' : e.plan ? 'orange' : 'gray'}>
                    {e.plan ? t(`personSummary.planStatus.${e.plan.status}`, { version: e.plan.version }) : t('personSummary.noPlan')}
                  </Badge>
                </Group>
                <Text size="sm">
                  {t('personSummary.episodeLine', { referent: e.referentName, start: formatDate(e.startedOn, locale) })}
                  {e.phaseLabel ? ` · ${t('personSummary.phase', { phase: e.phaseLabel })}` : ''}
                  {e.plan ? ` · ${t('personSummary.goals', { count: e.plan.goals })}` : ''}
                  {e.plannedEndOn ? ` · ${t('personSummary.plannedEnd', { date: formatDate(e.plannedEndOn, locale) })}` : ''}
                </Text>
              </Stack>
            ))
          )}
          <FactGroup>
            <Fact label={t('personSummary.team')} empty={t('personSummary.none')}>
              {summary.data.careTeam.map((m) => m.name + ((locale === 'fr' ? m.disciplineNameFr : m.disciplineNameEn) ? ` (${locale === 'fr' ? m.disciplineNameFr : m.disciplineNameEn})` : '')).join(', ')}
            </Fact>
            <Fact label={t('personSummary.legalRepresentative')} empty={t('personSummary.none')}>
              {summary.data.circle.legalRepresentatives.map((r) => r.name).join(', ')}
            </Fact>
            <Fact label={t('personSummary.trustedPerson')} empty={t('personSummary.none')}>
              {summary.data.circle.trustedPerson?.name}
            </Fact>
          </FactGroup>
        </Stack>
      )}
    </Section>
  );
}
