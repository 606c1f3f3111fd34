import { Anchor, Stack, Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { JournalTab } from '../journal/JournalTab';
import { PaceTab } from '../scheduling-settings/PaceTab';
import { TrajectoryTab } from '../trajectory/TrajectoryTab';
import { TransitionsTab } from '../transitions/TransitionsTab';
import { AssessmentsTab } from './AssessmentsTab';
import { ContractTab } from './ContractTab';
import { DeadlinesTab } from './DeadlinesTab';
import { EvaluationsTab } from './EvaluationsTab';
import { PlanTab } from './PlanTab';

export interface EpisodeView {
  id: string;
  personId: string;
  personName: string;
  personBirthDate: string | null;
  serviceId: string;
  serviceName: string;
  referentId: string;
  referentName: string;
  coordinatorId: string;
  coordinatorName: string;
  startedOn: string;
  plannedEndOn: string | null;
  endedOn: string | null;
}

export const episodeKey = (id: string) => ['episode', id] as const;
const tabs = ['plan', 'journal', 'assessments', 'evaluations', 'contract', 'deadlines', 'pace', 'transitions', 'trajectory'] as const;
type Tab = (typeof tabs)[number];

/**
 * One episode ("prise en charge") and its personalised support plan: the plan itself, the
 * assessments it starts from, its evaluations, the contract of stay or DIPC, and its deadlines.
 * The care team only; the tab is kept in the address so a link opens the right one.
 */
export function EpisodePage() {
  const { t } = useTranslation();
  const { episodeId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (tabs as readonly string[]).includes(params.get('onglet') ?? '') ? (params.get('onglet') as Tab) : 'plan';
  const episode = useQuery({ queryKey: episodeKey(episodeId), queryFn: () => api.get<EpisodeView>(`/api/v1/episodes/${episodeId}`) });
  const locale = currentLocale();
  if (episode.isPending) return <Loading />;
  if (episode.isError) return <ProblemAlert error={episode.error} />;
  const e = episode.data;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/people/${e.personId}`} size="sm" w="fit-content">
        ← {t('plans.backToRecord', { name: e.personName })}
      </Anchor>
      <Stack gap={4}>
        <PageHeading documentTitle={t('plans.documentTitle', { service: e.serviceName })}>{t('plans.title', { service: e.serviceName })}</PageHeading>
        <Text c="dimmed">
          {t('plans.subtitle', { name: e.personName, referent: e.referentName, coordinator: e.coordinatorName, start: formatDate(e.startedOn, locale) })}
        </Text>
      </Stack>
      <Tabs value={tab} onChange={(value) => setParams(value && value !== 'plan' ? { onglet: value } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List>
          {tabs.map((key) => (
            <Tabs.Tab key={key} value={key}>
              {key === 'transitions' || key === 'trajectory' ? t(`continuity.tabs.${key}`) : key === 'pace' ? t('schedulingSettings.pace.tab') : key === 'journal' ? t('journal.tab') : t(`plans.tabs.${key}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="plan" pt="lg">
          <PlanTab episode={e} />
        </Tabs.Panel>
        <Tabs.Panel value="journal" pt="lg">
          <JournalTab episode={e} />
        </Tabs.Panel>
        <Tabs.Panel value="assessments" pt="lg">
          <AssessmentsTab episode={e} />
        </Tabs.Panel>
        <Tabs.Panel value="evaluations" pt="lg">
          <EvaluationsTab episode={e} />
        </Tabs.Panel>
        <Tabs.Panel value="contract" pt="lg">
          <ContractTab episode={e} />
        </Tabs.Panel>
        <Tabs.Panel value="deadlines" pt="lg">
          <DeadlinesTab episode={e} />
        </Tabs.Panel>
        <Tabs.Panel value="pace" pt="lg">
          <PaceTab episode={e} />
        </Tabs.Panel>
        <Tabs.Panel value="transitions" pt="lg">
          <TransitionsTab episode={e} />
        </Tabs.Panel>
        <Tabs.Panel value="trajectory" pt="lg">
          <TrajectoryTab episode={e} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
