import { Alert, Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  activatePlanVersion,
  episodePlanKey,
  fetchEpisodePlan,
  planVersionDocumentUrl,
  proposePlanVersion,
  recordPlanAgreement,
  useEpisodePlan,
  type EpisodePlan,
  type PlanVersionWithContent,
} from '../../api/plans';
import { can, useActiveSession } from '../../api/session';
import { Section } from '../../components/Facts';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatDateTime, organizationToday } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { AgreementPanel } from './AgreementPanel';
import type { EpisodeView } from './EpisodePage';
import { PlanHistory } from './PlanHistory';
import { editorValues, PlanEditor, unsavedDraft, type EditorStart } from './PlanEditor';
import { AgreementList, PlanContentView, PlanStatusBadge, useActorDirectory, type ActorDirectory } from './plan-view';
import './plan-tabs.css';

/**
 * The personalised support plan of the episode: the version being prepared (with its next step:
 * propose it to the person, gather the agreements, put it into force), the version in force, and
 * the history of every version. person:update holders on the care team edit it; others read it.
 */
export function PlanTab({ episode }: { episode: EpisodeView }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const client = useQueryClient();
  const plan = useEpisodePlan(episode.id);
  const directory = useActorDirectory(episode.personId, episode.personName);
  const canWrite = can(session, 'person:update') && !episode.endedOn;
  // Edits left unsaved when the tab was changed come back as they were.
  const [editing, setEditing] = useState<EditorStart | null>(() => (canWrite ? unsavedDraft(session.staffMember.id, episode.id) : null));
  // Editing starts from the latest version as the server has it now, not as the page last read it.
  const start = useMutation({
    mutationFn: () => client.fetchQuery({ queryKey: episodePlanKey(episode.id), queryFn: () => fetchEpisodePlan(episode.id), staleTime: 0 }),
    onSuccess: (fresh) => setEditing({ basedOn: fresh.latest?.number ?? null, values: editorValues(fresh.latest?.content ?? null), restored: false }),
  });

  if (plan.isPending || directory.isPending) return <Loading />;
  if (plan.isError || directory.error || !directory.data) return <ProblemAlert error={plan.error ?? directory.error} />;
  const data = plan.data;
  const names = directory.data;

  if (editing) {
    return (
      <PlanEditor
        episode={episode}
        start={editing}
        latestStatus={data.latest?.status ?? null}
        activeNumber={data.active && data.active.id !== data.latest?.id ? data.active.number : null}
        directory={names}
        onDone={() => setEditing(null)}
      />
    );
  }

  const editButton = canWrite ? (
    <Button variant={data.latest ? 'default' : 'filled'} onClick={() => start.mutate()} loading={start.isPending}>
      {data.latest ? t('plans.plan.edit') : t('plans.plan.write')}
    </Button>
  ) : null;
  const inPreparation = data.latest && data.latest.status !== 'active' ? data.latest : null;

  return (
    <Stack gap="lg">
      {episode.endedOn && (
        <Alert color="gray" variant="light" role="note">
          {t('plans.plan.ended', { date: formatDate(episode.endedOn, currentLocale()) })}
        </Alert>
      )}
      {!canWrite && !episode.endedOn && (
        <Text c="dimmed" size="sm">
          {t('plans.plan.readOnly')}
        </Text>
      )}
      {start.error !== null && <ProblemAlert error={start.error} />}
      {!data.latest ? (
        <Section id="plan-empty" title={t('plans.plan.emptyTitle')} description={t('plans.plan.emptyHelp')} action={editButton}>
          <Text c="dimmed">{t('plans.plan.empty')}</Text>
        </Section>
      ) : (
        <>
          {inPreparation && <VersionInPreparation episode={episode} plan={data} version={inPreparation} directory={names} canWrite={canWrite} action={editButton} />}
          {data.active && <VersionInForce version={data.active} directory={names} action={inPreparation ? null : editButton} />}
        </>
      )}
      {data.versions.length > 0 && <PlanHistory plan={data} directory={names} />}
    </Stack>
  );
}

function PdfLink({ version }: { version: { id: string; number: number } }) {
  const { t } = useTranslation();
  return (
    <Anchor href={planVersionDocumentUrl(version.id, currentLocale())} download fw={600} data-testid="plan-pdf">
      {t('plans.plan.pdf', { number: version.number })}
    </Anchor>
  );
}

function Byline({ version }: { version: PlanVersionWithContent }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        {t('plans.plan.byline', { name: version.createdByName, date: formatDateTime(version.createdAt, currentLocale()) })}
      </Text>
      {version.changeNote && (
        <Text size="sm">
          <Text span inherit c="dimmed">
            {t('plans.plan.changeNote')}
            {t('common.colon')}
          </Text>
          {version.changeNote}
        </Text>
      )}
    </Stack>
  );
}

/** The version in force: what the team and the person work with now. */
function VersionInForce({ version, directory, action }: { version: PlanVersionWithContent; directory: ActorDirectory; action: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Section id="plan-active" title={t('plans.plan.activeTitle', { number: version.number })} description={t('plans.plan.activeHelp')} action={action}>
      <Group gap="md">
        <PlanStatusBadge version={version} />
        <PdfLink version={version} />
      </Group>
      <Byline version={version} />
      <AgreementList agreements={version.agreements} />
      <PlanContentView content={version.content} directory={directory} idPrefix="active" />
    </Section>
  );
}

/**
 * The latest version while it is not in force: a draft to propose, a proposal to agree to (the
 * person reads it, then each side signs or refuses), or an agreed version to put into force.
 */
function VersionInPreparation({
  episode,
  plan,
  version,
  directory,
  canWrite,
  action,
}: {
  episode: EpisodeView;
  plan: EpisodePlan;
  version: PlanVersionWithContent;
  directory: ActorDirectory;
  canWrite: boolean;
  action: ReactNode;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  // An agreement moves the episode's deadlines (the yearly review counts from it) and the structure's.
  const refresh = async () => {
    await Promise.all([client.invalidateQueries({ queryKey: ['episode', episode.id] }), client.invalidateQueries({ queryKey: ['deadlines'] })]);
  };
  const propose = useMutation({
    mutationFn: () => proposePlanVersion(version.id),
    onSuccess: async () => {
      notify(t('plans.plan.proposed', { number: version.number, name: episode.personName }));
      await refresh();
    },
  });
  const agreementId = `agreement-${version.id}`;
  const subjectName = t('plans.plan.subject', { number: version.number });
  return (
    <Section id="plan-current" title={t('plans.plan.versionTitle', { number: version.number })} description={t(`plans.plan.step.${version.status === 'draft' ? 'draft' : version.status === 'proposed' ? 'proposed' : 'agreed'}`)} action={action}>
      <Group gap="md">
        <PlanStatusBadge version={version} />
        <PdfLink version={version} />
      </Group>
      <Byline version={version} />
      {plan.active && <Text size="sm">{t('plans.plan.activeUntil', { number: plan.active.number })}</Text>}
      {canWrite && version.status === 'draft' && (
        <Stack gap="xs" className="plan-next-step">
          <ProblemAlert error={propose.error} />
          <Group gap="sm">
            <Button onClick={() => propose.mutate()} loading={propose.isPending}>
              {t('plans.plan.propose')}
            </Button>
            <Text size="sm" c="dimmed" maw={460}>
              {t('plans.plan.proposeHelp')}
            </Text>
          </Group>
        </Stack>
      )}
      {version.status === 'proposed' && (
        <Group gap="sm">
          <Button
            variant="light"
            onClick={() => {
              const title = document.getElementById(agreementId);
              title?.scrollIntoView({ behavior: 'smooth', block: 'start' });
              title?.focus({ preventScroll: true });
            }}
          >
            {t('plans.plan.toSignatures')}
          </Button>
        </Group>
      )}
      {canWrite && version.status === 'agreed' && <ActivateForm episode={episode} version={version} />}
      <PlanContentView content={version.content} directory={directory} idPrefix="current" />
      {(version.status === 'proposed' || version.agreements.length > 0) && (
        <AgreementPanel
          episode={episode}
          subject={{ id: version.id, name: subjectName, contentHash: version.contentHash, agreements: version.agreements, open: version.status === 'proposed' }}
          canWrite={canWrite}
          record={async (input) => ({ complete: (await recordPlanAgreement(version.id, input)).status === 'agreed' })}
          onRecorded={async (complete) => {
            if (complete) notify(t('plans.plan.agreed', { number: version.number }));
            await refresh();
          }}
          onStale={refresh}
        />
      )}
    </Section>
  );
}

interface ActivateValues extends Record<string, unknown> {
  activeFrom: string;
}

/** An agreed version comes into force from a date (the one it replaces is then superseded). */
function ActivateForm({ episode, version }: { episode: EpisodeView; version: PlanVersionWithContent }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const locale = currentLocale();
  const form = useForm<ActivateValues>({
    initialValues: { activeFrom: organizationToday() },
    validate: {
      activeFrom: (v) => (!v ? t('plans.plan.activeFromRequired') : version.agreedOn && v < version.agreedOn ? t('plans.plan.activeBeforeAgreed', { date: formatDate(version.agreedOn, locale) }) : null),
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const activate = useMutation({
    mutationFn: (values: ActivateValues) => activatePlanVersion(version.id, values.activeFrom),
    onSuccess: async (_r, values) => {
      notify(t('plans.plan.activated', { number: version.number, date: formatDate(values.activeFrom, locale) }));
      await Promise.all([client.invalidateQueries({ queryKey: ['episode', episode.id] }), client.invalidateQueries({ queryKey: ['deadlines'] })]);
    },
    onError: onServerError,
  });
  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => activate.mutate(values), () => focusFirstInvalid(formRef.current))} className="plan-next-step" data-testid="activate-form">
      <Stack gap="xs">
        <ProblemAlert error={activate.error} boundFields={boundFields} />
        <Group gap="sm" align="flex-end">
          <TextInput type="date" label={t('plans.plan.activeFrom')} required min={version.agreedOn ?? undefined} w={{ base: '100%', sm: 260 }} {...form.getInputProps('activeFrom')} />
          <Button type="submit" loading={activate.isPending}>
            {t('plans.plan.activate')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
