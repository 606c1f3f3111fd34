import { Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { myEscalationsKey, type Escalation } from '../../api/escalations';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EscalationList } from './EscalationList';

/** "Mes signalements": those I must handle, and those I sent. */
export function MyEscalationsPage() {
  const { t } = useTranslation();
  const mine = useQuery({ queryKey: myEscalationsKey, queryFn: () => api.get<{ toHandle: Escalation[]; raised: Escalation[] }>('/api/v1/escalations/mine') });
  return (
    <Stack gap="lg">
      <PageHeading documentTitle={t('escalations.mine.title')}>{t('escalations.mine.title')}</PageHeading>
      {mine.isPending ? (
        <Loading />
      ) : mine.isError ? (
        <ProblemAlert error={mine.error} />
      ) : (
        <>
          <section aria-labelledby="to-handle">
            <Title order={2} size="h3" id="to-handle">
              {t('escalations.mine.toHandle')}
            </Title>
            <Text size="sm" mb="sm">
              {t('escalations.mine.toHandleHelp')}
            </Text>
            <EscalationList items={mine.data.toHandle} caption={t('escalations.mine.toHandle')} />
          </section>
          <section aria-labelledby="raised">
            <Title order={2} size="h3" id="raised">
              {t('escalations.mine.raised')}
            </Title>
            <Text size="sm" mb="sm">
              {t('escalations.mine.raisedHelp')}
            </Text>
            <EscalationList items={mine.data.raised} caption={t('escalations.mine.raised')} />
          </section>
        </>
      )}
    </Stack>
  );
}
