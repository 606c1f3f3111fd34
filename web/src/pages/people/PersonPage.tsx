import { Alert, Anchor, Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, isApiError } from '../../api/client';
import { useCatalogue } from '../../api/catalogue';
import { can, useActiveSession } from '../../api/session';
import type { AccessLogEntry, CareTeamMember, DirectoryEntry, Person } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { catalogueName, formatDate, formatDateTime, fullName, languageName, listName } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { circleSectionId, PersonCircle, type AddingRelative } from './PersonCircle';
import { PersonEpisodes } from './PersonEpisodes';
import { PathwaySection } from '../transitions/PathwaySection';
import { PersonSummary } from './PersonSummary';
import { ReminderConsentSection } from '../reminders/ReminderConsentSection';
import { PersonEscalationsSection } from '../escalations/PersonEscalationsSection';
import { PersonThreadsSection } from '../exchanges/PersonThreadsSection';
import { PersonJournalSection } from '../journal/PersonJournalSection';
import { Fact, FactGroup, Section } from '../../components/Facts';
import { changedFields, PersonFields, personFormValues, personInput, personValidation, type PersonFormValues } from './PersonFields';

const personKey = (id: string) => ['person', id] as const;

/** A person's record: notices, identity, circle, care team, and who accessed the file. */
export function PersonPage() {
  const { t } = useTranslation();
  const { personId = '' } = useParams();
  const session = useActiveSession();
  const person = useQuery({ queryKey: personKey(personId), queryFn: () => api.get<Person>(`/api/v1/people/${personId}`) });
  const [addingRelative, setAddingRelative] = useState<AddingRelative>(null);
  const title = person.data ? fullName(person.data) : t('person.title');
  // The tab title shows in the tab bar and the history: a discreet person is named there as in lists.
  const documentTitle = person.data ? listName(person.data) : t('person.title');
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/people" size="sm" w="fit-content">
        ← {t('person.backToList')}
      </Anchor>
      <PageHeading documentTitle={documentTitle}>{title}</PageHeading>
      {person.isPending ? (
        <Loading />
      ) : person.isError ? (
        <Stack>
          <Alert color={isApiError(person.error, 'not_care_team') ? 'orange' : 'red'} variant="light" role="alert">
            {isApiError(person.error, 'not_found') || isApiError(person.error, 'validation_failed') ? t('person.notFound') : person.error.message}
          </Alert>
        </Stack>
      ) : (
        <>
          {person.data.needsLegalRepresentative && !person.data.legalRepresentativeRecorded && (
            <Alert color="orange" variant="light" role="note" data-testid="legal-representative-missing">
              <Stack gap="sm" align="flex-start">
                <Text inherit fw={600}>
                  {t('person.legalRepresentativeMissing')}
                </Text>
                {can(session, 'person:update') && (
                  <Button variant="default" size="sm" onClick={() => setAddingRelative({ legalRepresentative: true })}>
                    {t('person.legalRepresentativeAdd')}
                  </Button>
                )}
              </Stack>
            </Alert>
          )}
          {person.data.discreet && (
            <Alert color="relais" variant="light" role="note" data-testid="discreet-notice">
              {t('person.discreetNotice', { name: listName(person.data) })}
            </Alert>
          )}
          <PersonSummary personId={personId} />
          <Identity person={person.data} />
          <PersonEpisodes personId={personId} />
          <PathwaySection personId={personId} />
          <Section id="person-appointments" title={t('scheduling.person.title')} description={t('scheduling.person.help')}>
            <Button component={Link} to={`/agenda?personId=${personId}`} variant="default" w="fit-content">
              {t('scheduling.person.open')}
            </Button>
          </Section>
          <Section id={circleSectionId} title={t('circle.title')} description={t('circle.help')}>
            <PersonCircle personId={personId} adding={addingRelative} onAdding={setAddingRelative} />
          </Section>
          <ReminderConsentSection personId={personId} />
          <PersonJournalSection personId={personId} />
          <PersonEscalationsSection personId={personId} />
          <PersonThreadsSection personId={personId} />
          <CareTeam personId={personId} />
          <AccessLog personId={personId} />
        </>
      )}
    </Stack>
  );
}


function Identity({ person }: { person: Person }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const locale = currentLocale();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const mayEdit = can(session, 'person:update');
  const language = person.preferredLanguage === 'fsl' ? t('person.signLanguage') : languageName(person.preferredLanguage, locale);
  // Back from the form, the focus returns to the button that opened it.
  const returnFocus = useRef(false);
  useEffect(() => {
    if (!editing && returnFocus.current) {
      returnFocus.current = false;
      editButton.current?.focus();
    }
  }, [editing]);
  const close = () => {
    returnFocus.current = true;
    setEditing(false);
  };
  return (
    <Section
      id="person-identity"
      title={t('person.identity')}
      action={
        mayEdit && !editing ? (
          <Button ref={editButton} variant="default" onClick={() => setEditing(true)} aria-label={t('person.editFor')}>
            {t('person.edit')}
          </Button>
        ) : null
      }
    >
      {editing ? (
        <EditPerson person={person} onClose={close} />
      ) : (
        <Stack gap="lg">
          <FactGroup>
            <Fact label={t('person.firstName')}>{person.firstName}</Fact>
            <Fact label={t('person.lastName')}>{person.lastName}</Fact>
            <Fact label={t('person.birthDate')} empty={t('person.birthDateUnknown')}>
              {person.birthDate ? `${formatDate(person.birthDate, locale)}${person.age !== null ? ` (${t('person.age', { count: person.age })})` : ''}` : null}
            </Fact>
          </FactGroup>
          <FactGroup title={t('person.contactSection')}>
            <Fact label={t('person.phone')} empty={t('person.notGivenM')}>
              {person.phone && (
                <Anchor href={`tel:${person.phone.replace(/[^+0-9]/g, '')}`} inherit>
                  {person.phone}
                </Anchor>
              )}
            </Fact>
            <Fact label={t('person.email')} empty={t('person.notGivenF')}>
              {person.email && (
                <Anchor href={`mailto:${person.email}`} inherit>
                  {person.email}
                </Anchor>
              )}
            </Fact>
            <Fact label={t('person.address')} empty={t('person.notGivenF')}>
              {person.address}
            </Fact>
            <Fact label={t('person.preferredLanguage')}>{language}</Fact>
          </FactGroup>
          <FactGroup title={t('person.publicSection')}>
            <Fact label={t('person.publicCategory')}>{t(`person.categories.${person.publicCategory}`)}</Fact>
            <Fact label={t('person.protectionMeasure')} empty={t('person.noProtection')}>
              {person.protectionMeasure ? t(`person.protectionMeasures.${person.protectionMeasure}`) : null}
            </Fact>
            <Fact label={t('person.discreet')}>{person.discreet ? t('person.discreetYes', { name: listName(person) }) : t('person.discreetNo')}</Fact>
          </FactGroup>
          <Text size="sm" c="dimmed">
            {t('person.createdAt', { date: formatDateTime(person.createdAt, locale) })}
            {person.updatedAt !== person.createdAt && <> {t('person.updatedAt', { date: formatDateTime(person.updatedAt, locale) })}</>}
          </Text>
        </Stack>
      )}
    </Section>
  );
}

/** The record's fields, changed in place; only what changed is sent. */
function EditPerson({ person, onClose }: { person: Person; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const today = new Date().toISOString().slice(0, 10);
  const form = useForm<PersonFormValues>({ initialValues: personFormValues(person), validate: personValidation(t, today) });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const save = useMutation({
    mutationFn: async (values: PersonFormValues) => {
      const changes = changedFields(personInput(personFormValues(person)), personInput(values));
      if (Object.keys(changes).length > 0) await api.patch(`/api/v1/people/${person.id}`, changes);
      return Object.keys(changes).length > 0;
    },
    onSuccess: async (changed, values) => {
      if (changed) {
        await client.invalidateQueries({ queryKey: personKey(person.id) });
        await client.invalidateQueries({ queryKey: ['people'] });
        notify(t('person.saved', { name: `${values.firstName.trim()} ${values.lastName.trim()}` }));
      }
      onClose();
    },
    onError: onServerError,
  });
  useEffect(() => {
    // The form replaces what was read: the first field takes the focus.
    formRef.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, [formRef]);
  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => save.mutate(values), () => focusFirstInvalid(formRef.current))} aria-label={t('person.editFor')}>
      <Stack gap="lg">
        <ProblemAlert error={save.error} boundFields={boundFields} />
        <PersonFields form={form} today={today} headingOrder={3} identityTitled={false} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
          <Button variant="default" onClick={onClose} disabled={save.isPending}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CareTeam({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const notify = useNotify();
  const locale = currentLocale();
  const manage = can(session, 'care_team:manage');
  const team = useQuery({ queryKey: [...personKey(personId), 'care-team'], queryFn: () => api.get<CareTeamMember[]>(`/api/v1/people/${personId}/care-team`) });
  const [removing, setRemoving] = useState<CareTeamMember | null>(null);
  const remove = useMutation({
    mutationFn: (member: CareTeamMember) => api.delete(`/api/v1/people/${personId}/care-team/${member.staffMemberId}`),
    onSuccess: async (_r, member) => {
      setRemoving(null);
      notify(t('careTeam.removed', { name: fullName(member) }));
      if (member.staffMemberId === session.staffMember.id) {
        // Off the team, off the record: the list is where this user can go on.
        client.removeQueries({ queryKey: personKey(personId) });
        await client.invalidateQueries({ queryKey: ['people'] });
        await navigate('/people', { replace: true });
        return;
      }
      await client.invalidateQueries({ queryKey: personKey(personId) });
    },
  });
  return (
    <Section id="person-care-team" title={t('careTeam.title')} description={t('careTeam.help')}>
      {team.isPending ? (
        <Loading />
      ) : team.isError ? (
        <ProblemAlert error={team.error} />
      ) : (
        <Table verticalSpacing="sm" aria-labelledby="person-care-team">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('careTeam.member')}</Table.Th>
              <Table.Th scope="col">{t('careTeam.discipline')}</Table.Th>
              <Table.Th scope="col">{t('careTeam.since')}</Table.Th>
              {manage && (
                <Table.Th scope="col" className="table-cell-actions">
                  {t('common.actions')}
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {team.data.map((member) => {
              const name = fullName(member);
              const discipline = member.disciplineNameFr !== null ? catalogueName({ nameFr: member.disciplineNameFr, nameEn: member.disciplineNameEn ?? member.disciplineNameFr }, locale) : null;
              return (
                <Table.Tr key={member.staffMemberId} data-testid="care-team-row">
                  <Table.Td fw={600}>
                    {name}
                    {member.staffMemberId === session.staffMember.id && (
                      <Text span inherit c="dimmed" fw={400}>
                        {' '}
                        {t('staff.you')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{discipline ?? <Text span inherit c="dimmed">{t('careTeam.noDiscipline')}</Text>}</Table.Td>
                  <Table.Td>{formatDate(member.addedAt, locale)}</Table.Td>
                  {manage && (
                    <Table.Td className="table-cell-actions">
                      <Button size="sm" variant="default" onClick={() => setRemoving(member)} aria-label={t('careTeam.removeFor', { name })}>
                        {t('careTeam.remove')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {manage && team.data && <AddMember personId={personId} team={team.data} />}
      {removing && (
        <ConfirmDialog
          opened
          title={t('careTeam.removeTitle', { name: fullName(removing) })}
          confirmLabel={t('careTeam.remove')}
          danger
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate(removing)}
          onClose={() => {
            remove.reset();
            setRemoving(null);
          }}
        >
          {removing.staffMemberId === session.staffMember.id ? t('careTeam.removeSelfText') : t('careTeam.removeText', { name: fullName(removing) })}
        </ConfirmDialog>
      )}
    </Section>
  );
}

function AddMember({ personId, team }: { personId: string; team: CareTeamMember[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const locale = currentLocale();
  const directory = useQuery({ queryKey: ['staff-directory'], queryFn: () => api.get<DirectoryEntry[]>('/api/v1/staff/directory') });
  const catalogue = useCatalogue();
  const form = useForm({
    initialValues: { staffMemberId: '', disciplineId: '' },
    validate: { staffMemberId: (v) => (v ? null : t('careTeam.chooseMember')) },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const add = useMutation({
    mutationFn: (values: { staffMemberId: string; disciplineId: string }) => api.post(`/api/v1/people/${personId}/care-team`, { staffMemberId: values.staffMemberId, disciplineId: values.disciplineId || null }),
    onSuccess: async (_r, values) => {
      const colleague = directory.data?.find((d) => d.id === values.staffMemberId);
      form.reset();
      await client.invalidateQueries({ queryKey: personKey(personId) });
      if (colleague) notify(t('careTeam.added', { name: fullName(colleague) }));
    },
    onError: onServerError,
  });
  if (directory.isPending || catalogue.isPending) return <Loading />;
  if (directory.isError || catalogue.isError) return <ProblemAlert error={directory.error ?? catalogue.error} />;
  const onTeam = new Set(team.map((m) => m.staffMemberId));
  const candidates = directory.data.filter((d) => !onTeam.has(d.id));
  const chosen = directory.data.find((d) => d.id === form.values.staffMemberId);
  // The disciplines the chosen colleague practises come first; any other stays possible.
  const disciplines = [...catalogue.data.disciplines].sort((a, b) => Number(chosen?.disciplineIds.includes(b.id) ?? false) - Number(chosen?.disciplineIds.includes(a.id) ?? false));
  if (candidates.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('careTeam.everyoneOnTeam')}
      </Text>
    );
  }
  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => add.mutate(values), () => focusFirstInvalid(formRef.current))}>
      <Stack gap="sm" mt="sm">
        <Title order={3} size="h4">
          {t('careTeam.addTitle')}
        </Title>
        <ProblemAlert error={add.error} boundFields={boundFields} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('careTeam.member')}
            required
            data={[{ value: '', label: t('careTeam.choose') }, ...candidates.map((c) => ({ value: c.id, label: fullName(c) }))]}
            {...form.getInputProps('staffMemberId')}
            onChange={(event) => {
              const id = event.currentTarget.value;
              const colleague = directory.data.find((d) => d.id === id);
              form.setValues({ staffMemberId: id, disciplineId: colleague?.disciplineIds[0] ?? '' });
            }}
          />
          <NativeSelect
            label={t('careTeam.discipline')}
            description={t('careTeam.disciplineHelp')}
            data={[{ value: '', label: t('careTeam.noDiscipline') }, ...disciplines.map((d) => ({ value: d.id, label: catalogueName(d, locale) }))]}
            {...form.getInputProps('disciplineId')}
          />
        </SimpleGrid>
        <Button type="submit" loading={add.isPending} w="fit-content">
          {t('careTeam.add')}
        </Button>
      </Stack>
    </form>
  );
}

function AccessLog({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale();
  const log = useQuery({ queryKey: [...personKey(personId), 'access-log'], queryFn: () => api.get<AccessLogEntry[]>(`/api/v1/people/${personId}/access-log?limit=50`) });
  const actionLabel = (action: string) => (i18n.exists(`accessLog.actions.${action}`) ? t(`accessLog.actions.${action}` as 'accessLog.actions.person.read') : action);
  const outcomeLabel = (outcome: string) => (i18n.exists(`accessLog.outcomes.${outcome}`) ? t(`accessLog.outcomes.${outcome}` as 'accessLog.outcomes.success') : outcome);
  return (
    <Section id="person-access-log" title={t('accessLog.title')} description={t('accessLog.help')}>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ProblemAlert error={log.error} />
      ) : log.data.length === 0 ? (
        <Text c="dimmed">{t('accessLog.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" striped aria-labelledby="person-access-log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('accessLog.when')}</Table.Th>
                <Table.Th scope="col">{t('accessLog.who')}</Table.Th>
                <Table.Th scope="col">{t('accessLog.what')}</Table.Th>
                <Table.Th scope="col">{t('accessLog.outcome')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.data.map((entry, index) => (
                <Table.Tr key={`${entry.occurredAt}-${index}`}>
                  <Table.Td>{formatDateTime(entry.occurredAt, locale)}</Table.Td>
                  <Table.Td>{entry.actorName ?? t('accessLog.unknownActor')}</Table.Td>
                  <Table.Td>{actionLabel(entry.action)}</Table.Td>
                  <Table.Td>{outcomeLabel(entry.outcome)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
