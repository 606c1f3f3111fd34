import { Alert, Anchor, Button, Card, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, isApiError } from '../../api/client';
import { escalationKey, type EscalationDetail } from '../../api/escalations';
import { Fact, FactGroup, Section } from '../../components/Facts';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { EmergencyBanner, SeverityBadge } from './escalation-parts';

/** One escalation: what was sent, its history, and what I may do now (acknowledge, follow up, close). */
export function EscalationPage() {
  const { t } = useTranslation();
  const { escalationId = '' } = useParams();
  const escalation = useQuery({ queryKey: escalationKey(escalationId), queryFn: () => api.get<EscalationDetail>(`/api/v1/escalations/${escalationId}`) });
  const title = escalation.data ? `${t('escalations.detail.title')} – ${t(`escalations.severities.${escalation.data.severity}`)}` : t('escalations.detail.title');
  return (
    <Stack gap="lg" maw={900}>
      <Anchor component={Link} to="/signalements" size="sm" w="fit-content">
        {t('escalations.detail.back')}
      </Anchor>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      {escalation.isPending ? (
        <Loading />
      ) : escalation.isError ? (
        <Alert color={isApiError(escalation.error, 'not_care_team') ? 'orange' : 'red'} variant="light" role="alert">
          {escalation.error.message}
        </Alert>
      ) : (
        <EscalationView escalation={escalation.data} />
      )}
    </Stack>
  );
}

function EscalationView({ escalation: e }: { escalation: EscalationDetail }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <>
      {e.emergency && e.status !== 'closed' && <EmergencyBanner guidance={e.emergency} />}
      <Card withBorder radius="md" padding="lg">
        <Stack gap="md">
          <FactGroup>
            <Fact label={t('escalations.mine.severity')}>
              <SeverityBadge severity={e.severity} />
            </Fact>
            <Fact label={t('escalations.mine.status')}>
              {e.status === 'open' && e.overdue ? (
                <Text span c="red.9" fw={700} inherit>
                  {t('escalations.mine.overdue', { when: formatDateTime(e.acknowledgeBy, locale) })}
                </Text>
              ) : (
                t(`escalations.statuses.${e.status}`)
              )}
            </Fact>
            <Fact label={t('escalations.detail.person')}>{e.personLabel}</Fact>
            <Fact label={t('escalations.detail.raisedBy')}>{`${e.raisedBy.name}, ${formatDateTime(e.raisedAt, locale)}`}</Fact>
            <Fact label={t('escalations.detail.addressee')}>{e.addressee.name}</Fact>
            <Fact label={t('escalations.detail.assignee')}>{e.assignee.name}</Fact>
            {e.status === 'open' && <Fact label={t('escalations.detail.due')}>{formatDateTime(e.acknowledgeBy, locale)}</Fact>}
            {e.chainLevel > 0 && <Fact label={t('escalations.detail.chainLevel')}>{t('escalations.detail.chainLevelValue', { count: e.chainLevel })}</Fact>}
          </FactGroup>
          {e.acknowledgedBy && e.acknowledgedAt && <Text size="sm">{t('escalations.detail.acknowledged', { name: e.acknowledgedBy.name, when: formatDateTime(e.acknowledgedAt, locale) })}</Text>}
        </Stack>
      </Card>
      {e.contentVisible ? (
        <>
          <Section id="escalation-request" title={t('escalations.detail.request')}>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{e.request}</Text>
          </Section>
          {e.entry && (
            <Section id="escalation-entry" title={t('escalations.detail.entry')} description={formatDateTime(e.entry.occurredAt, locale)}>
              <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="escalation-entry">
                {e.entry.text}
              </Text>
            </Section>
          )}
          {e.followUp && (
            <Section id="escalation-follow-up" title={t('escalations.detail.followUp')}>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{e.followUp}</Text>
            </Section>
          )}
        </>
      ) : (
        <Alert color="gray" variant="light" role="note">
          {t('escalations.detail.hidden')}
        </Alert>
      )}
      <EscalationActions escalation={e} />
      <Section id="escalation-history" title={t('escalations.detail.history')}>
        <ol className="plain-list">
          {e.events.map((ev) => (
            <li key={ev.id}>
              <Text size="sm">
                <strong>{t(`escalations.eventKinds.${ev.kind}`)}</strong> – {formatDateTime(ev.at, locale)}
                {ev.actor ? ` – ${t('escalations.detail.byName', { name: ev.actor.name })}` : ''}
                {ev.kind === 'climbed' && ev.assignee ? ` – ${t('escalations.detail.climbedTo', { name: ev.assignee.name })}` : ''}
              </Text>
              {ev.note && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} ml="md">
                  {ev.note}
                </Text>
              )}
            </li>
          ))}
        </ol>
      </Section>
    </>
  );
}

function EscalationActions({ escalation: e }: { escalation: EscalationDetail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const refresh = () => client.invalidateQueries({ queryKey: ['escalations'] });
  const acknowledge = useForm({ initialValues: { note: '' } });
  const followUp = useForm({ initialValues: { note: '' }, validate: { note: (v) => (v.trim() ? null : t('validation.required')) } });
  const close = useForm({ initialValues: { followUp: '' }, validate: { followUp: (v) => (v.trim() ? null : t('validation.required')) } });
  const followUpErrors = useServerErrors(followUp);
  const closeErrors = useServerErrors(close);
  const acknowledgeIt = useMutation({
    mutationFn: (note: string) => api.post(`/api/v1/escalations/${e.id}/acknowledgement`, { note: note.trim() || null }),
    onSuccess: async () => {
      notify(t('escalations.detail.acknowledgedDone'));
      acknowledge.reset();
      await refresh();
    },
  });
  const addFollowUp = useMutation({
    mutationFn: (note: string) => api.post(`/api/v1/escalations/${e.id}/follow-ups`, { note: note.trim() }),
    onSuccess: async () => {
      notify(t('escalations.detail.followUpDone'));
      followUp.reset();
      await refresh();
    },
    onError: followUpErrors.onServerError,
  });
  const closeIt = useMutation({
    mutationFn: (text: string) => api.post(`/api/v1/escalations/${e.id}/closure`, { followUp: text.trim() }),
    onSuccess: async () => {
      notify(t('escalations.detail.closedDone'));
      close.reset();
      await refresh();
    },
    onError: closeErrors.onServerError,
  });
  if (!e.canAcknowledge && !e.canFollowUp && !e.canClose) return null;
  return (
    <Stack gap="md">
      {e.canAcknowledge && (
        <Card withBorder radius="md" padding="lg">
          <form onSubmit={acknowledge.onSubmit((v) => acknowledgeIt.mutate(v.note))}>
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t('escalations.detail.acknowledge')}
              </Title>
              <ProblemAlert error={acknowledgeIt.error} />
              <Textarea label={t('escalations.detail.acknowledgeNote')} autosize minRows={2} maxLength={4000} {...acknowledge.getInputProps('note')} />
              <Button type="submit" loading={acknowledgeIt.isPending} w="fit-content">
                {t('escalations.detail.acknowledge')}
              </Button>
            </Stack>
          </form>
        </Card>
      )}
      {e.canFollowUp && (
        <Card withBorder radius="md" padding="lg">
          <form ref={followUpErrors.formRef} noValidate onSubmit={followUp.onSubmit((v) => addFollowUp.mutate(v.note), () => focusFirstInvalid(followUpErrors.formRef.current))}>
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t('escalations.detail.followUpTitle')}
              </Title>
              <ProblemAlert error={addFollowUp.error} boundFields={followUpErrors.boundFields} />
              <Textarea label={t('escalations.detail.followUpNote')} required autosize minRows={2} maxLength={4000} {...followUp.getInputProps('note')} />
              <Button type="submit" variant="default" loading={addFollowUp.isPending} w="fit-content">
                {t('escalations.detail.followUpAdd')}
              </Button>
            </Stack>
          </form>
        </Card>
      )}
      {e.canClose && (
        <Card withBorder radius="md" padding="lg">
          <form ref={closeErrors.formRef} noValidate onSubmit={close.onSubmit((v) => closeIt.mutate(v.followUp), () => focusFirstInvalid(closeErrors.formRef.current))}>
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t('escalations.detail.closeTitle')}
              </Title>
              <ProblemAlert error={closeIt.error} boundFields={closeErrors.boundFields} />
              <Textarea label={t('escalations.detail.closeFollowUp')} required autosize minRows={3} maxLength={4000} {...close.getInputProps('followUp')} />
              <Button type="submit" loading={closeIt.isPending} w="fit-content">
                {t('escalations.detail.close')}
              </Button>
            </Stack>
          </form>
        </Card>
      )}
    </Stack>
  );
}
