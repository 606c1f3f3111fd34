import { Alert, Anchor, Badge, Button, Card, Group, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIdempotencyKey } from '../../api/idempotency';
import {
  contractDocumentUrl,
  contractKinds,
  generateContract,
  markContractHandedOver,
  recordContractAgreement,
  useEpisodeContracts,
  useEpisodeDeadlines,
  type Contract,
  type ContractKind,
  type EpisodeDeadline,
} from '../../api/plans';
import { can, useActiveSession } from '../../api/session';
import { Fact, FactGroup, Section } from '../../components/Facts';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatDateTime, organizationToday } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { AgreementPanel } from './AgreementPanel';
import type { EpisodeView } from './EpisodePage';
import './plan-tabs.css';

/**
 * The contract of stay or DIPC ("document individuel de prise en charge"): generated from the
 * structure's template with the episode's facts, handed over to the person within 15 days of
 * admission and signed within a month (the legal clock, when the structure follows it), by the person
 * (or their legal representative) and the référent. Each version's text is never changed.
 */
export function ContractTab({ episode }: { episode: EpisodeView }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const contracts = useEpisodeContracts(episode.id);
  const deadlines = useEpisodeDeadlines(episode.id);
  const canWrite = can(session, 'person:update') && !episode.endedOn;
  if (contracts.isPending) return <Loading />;
  if (contracts.isError) return <ProblemAlert error={contracts.error} />;
  const [latest, ...older] = contracts.data;
  return (
    <Stack gap="lg">
      <Section id="contract" title={t('plans.contract.title')} description={t('plans.contract.help')}>
        <LegalReminder episode={episode} deadlines={deadlines.data ?? []} />
        {episode.endedOn && (
          <Text c="dimmed" size="sm">
            {t('plans.contract.ended', { date: formatDate(episode.endedOn, currentLocale()) })}
          </Text>
        )}
        {!canWrite && !episode.endedOn && (
          <Text c="dimmed" size="sm">
            {t('plans.contract.readOnly')}
          </Text>
        )}
        {canWrite && <GenerateButtons episode={episode} existing={latest ?? null} />}
        {!latest && <Text c="dimmed">{t('plans.contract.none')}</Text>}
      </Section>
      {latest && <ContractCard episode={episode} contract={latest} current canWrite={canWrite} />}
      {older.length > 0 && (
        <Section id="contract-older" title={t('plans.contract.olderTitle')} description={t('plans.contract.olderHelp')}>
          <ol className="plain-list">
            {older.map((c) => (
              <li key={c.id}>
                <ContractCard episode={episode} contract={c} current={false} canWrite={false} />
              </li>
            ))}
          </ol>
        </Section>
      )}
    </Stack>
  );
}

/** The legal reminder, with this episode's own dates when the structure follows the legal clock. */
function LegalReminder({ episode, deadlines }: { episode: EpisodeView; deadlines: EpisodeDeadline[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const mine = deadlines.filter((d) => d.kind === 'contract_handover' || d.kind === 'contract_signature');
  const line = (d: EpisodeDeadline) => {
    const values = { date: formatDate(d.dueOn, locale), count: Math.abs(d.daysLeft ?? 0) };
    const what = t(`plans.contract.deadline.${d.kind === 'contract_handover' ? 'handover' : 'signature'}`, values);
    switch (d.status) {
      case 'done':
        return `${what} ${t('plans.contract.deadline.done')}`;
      case 'done_late':
        return `${what} ${t('plans.contract.deadline.doneLate')}`;
      case 'overdue':
        return `${what} ${t('plans.contract.deadline.overdue', values)}`;
      case 'upcoming':
      case 'due_soon':
        return `${what} ${t('plans.contract.deadline.left', values)}`;
    }
  };
  const late = mine.some((d) => d.status === 'overdue');
  return (
    <Alert color={late ? 'orange' : 'relais'} variant="light" role="note" title={t('plans.contract.reminderTitle')} data-testid="contract-reminder">
      <Stack gap={6}>
        <Text inherit>{t('plans.contract.reminder', { date: formatDate(episode.startedOn, locale) })}</Text>
        {mine.length > 0 && (
          <List size="sm" spacing={2}>
            {mine.map((d) => (
              <List.Item key={d.kind}>{line(d)}</List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Alert>
  );
}

function GenerateButtons({ episode, existing }: { episode: EpisodeView; existing: Contract | null }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const idempotency = useIdempotencyKey();
  const generate = useMutation({
    mutationFn: (kind: ContractKind) => generateContract(episode.id, kind, idempotency.keyFor({ episodeId: episode.id, kind, after: existing?.id ?? null })),
    onSuccess: async (result, kind) => {
      idempotency.done();
      notify(t('plans.contract.generated', { kind: t(`plans.contract.kinds.${kind}`), number: result.number }));
      await client.invalidateQueries({ queryKey: ['episode', episode.id] });
    },
  });
  return (
    <Stack gap="xs">
      <ProblemAlert error={generate.error} />
      <Group gap="sm">
        {contractKinds.map((kind) => (
          <Button key={kind} variant={kind === 'contrat_de_sejour' ? 'filled' : 'default'} onClick={() => generate.mutate(kind)} loading={generate.isPending && generate.variables === kind} disabled={generate.isPending && generate.variables !== kind}>
            {t(`plans.contract.generate.${kind}`)}
          </Button>
        ))}
      </Group>
      <Text size="sm" c="dimmed">
        {existing ? t('plans.contract.generateAgain') : t('plans.contract.generateHelp')}
      </Text>
    </Stack>
  );
}

function ContractStatus({ contract }: { contract: Contract }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (contract.signedOn) {
    return (
      <Badge color="green" variant="light" size="lg" tt="none" data-testid="contract-status">
        {t('plans.contract.status.signed', { date: formatDate(contract.signedOn, locale) })}
      </Badge>
    );
  }
  if (contract.handedOverOn) {
    return (
      <Badge color="orange" variant="light" size="lg" tt="none" data-testid="contract-status">
        {t('plans.contract.status.handedOver', { date: formatDate(contract.handedOverOn, locale) })}
      </Badge>
    );
  }
  return (
    <Badge color="gray" variant="light" size="lg" tt="none" data-testid="contract-status">
      {t('plans.contract.status.generated')}
    </Badge>
  );
}

/** One version of the contract: its status, its text, handing it over and the signatures. */
function ContractCard({ episode, contract, current, canWrite }: { episode: EpisodeView; contract: Contract; current: boolean; canWrite: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const locale = currentLocale();
  const headingId = `contract-${contract.id}`;
  // Handing over and signing settle the episode's contract deadlines, and the structure's list.
  const refresh = async () => {
    await Promise.all([client.invalidateQueries({ queryKey: ['episode', episode.id] }), client.invalidateQueries({ queryKey: ['deadlines'] })]);
  };
  const kind = t(`plans.contract.kinds.${contract.kind}`);
  const body = (
    <Paper withBorder radius="md" p="md" className="contract-body" data-testid="contract-body">
      <Text className="keep-lines">{contract.body}</Text>
    </Paper>
  );
  return (
    <Card withBorder radius="md" padding="lg" component="article" aria-labelledby={headingId} data-testid="contract">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={2}>
            <Text size="sm" c="dimmed" fw={600}>
              {t('plans.contract.versionOf', { kind, number: contract.number })}
            </Text>
            <Title order={current ? 2 : 3} size="h3" id={headingId}>
              {contract.title}
            </Title>
          </Stack>
          <ContractStatus contract={contract} />
        </Group>
        <FactGroup>
          <Fact label={t('plans.contract.generatedOn')}>{formatDateTime(contract.createdAt, locale)}</Fact>
          <Fact label={t('plans.contract.handedOverOn')} empty={t('plans.contract.notHandedOver')}>
            {contract.handedOverOn ? formatDate(contract.handedOverOn, locale) : null}
          </Fact>
          <Fact label={t('plans.contract.signedOn')} empty={t('plans.contract.notSigned')}>
            {contract.signedOn ? formatDate(contract.signedOn, locale) : null}
          </Fact>
        </FactGroup>
        <Anchor href={contractDocumentUrl(contract.id, locale)} download fw={600} w="fit-content" data-testid="contract-pdf">
          {t('plans.contract.pdf', { kind, number: contract.number })}
        </Anchor>
        {current ? (
          body
        ) : (
          <details className="contract-text">
            <summary>{t('plans.contract.showText')}</summary>
            {body}
          </details>
        )}
        {current && canWrite && !contract.handedOverOn && !contract.signedOn && <HandOverForm contract={contract} episode={episode} onDone={refresh} />}
        {current && (!contract.signedOn || contract.agreements.length > 0) && (
          <AgreementPanel
            episode={episode}
            subject={{ id: contract.id, name: t('plans.contract.subject', { kind, number: contract.number }), contentHash: contract.contentHash, agreements: contract.agreements, open: !contract.signedOn }}
            canWrite={canWrite}
            record={async (input) => ({ complete: (await recordContractAgreement(contract.id, input)).signed })}
            onRecorded={async (complete) => {
              if (complete) notify(t('plans.contract.signedNotice', { kind }));
              await refresh();
            }}
            onStale={async () => {
              await refresh();
            }}
          />
        )}
      </Stack>
    </Card>
  );
}

interface HandOverValues extends Record<string, unknown> {
  on: string;
}

function HandOverForm({ episode, contract, onDone }: { episode: EpisodeView; contract: Contract; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const locale = currentLocale();
  const today = organizationToday();
  const [open, setOpen] = useState(false);
  const form = useForm<HandOverValues>({
    initialValues: { on: today },
    validate: { on: (v) => (!v ? t('plans.contract.handOverDateRequired') : v > today ? t('plans.contract.handOverFuture') : null) },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const handOver = useMutation({
    mutationFn: (values: HandOverValues) => markContractHandedOver(contract.id, values.on),
    onSuccess: async (_r, values) => {
      notify(t('plans.contract.handedOverNotice', { name: episode.personName, date: formatDate(values.on, locale) }));
      await onDone();
    },
    onError: onServerError,
  });
  if (!open) {
    return (
      <Button variant="default" onClick={() => setOpen(true)} w="fit-content">
        {t('plans.contract.handOver')}
      </Button>
    );
  }
  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => handOver.mutate(values), () => focusFirstInvalid(formRef.current))} className="plan-next-step" data-testid="handover-form">
      <Stack gap="xs">
        <ProblemAlert error={handOver.error} boundFields={boundFields} />
        <Group gap="sm" align="flex-end">
          <TextInput type="date" label={t('plans.contract.handOverOn', { name: episode.personName })} required max={today} autoFocus w={{ base: '100%', sm: 300 }} {...form.getInputProps('on')} />
          <Button type="submit" loading={handOver.isPending}>
            {t('plans.contract.handOverSubmit')}
          </Button>
          <Button variant="default" onClick={() => setOpen(false)} disabled={handOver.isPending}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
