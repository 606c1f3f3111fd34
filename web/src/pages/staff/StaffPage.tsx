import { Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useCatalogue } from '../../api/catalogue';
import { useActiveSession } from '../../api/session';
import type { Catalogue, CreatedInvitation, PendingInvitation, StaffList, StaffMember } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CopyField } from '../../components/CopyField';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { catalogueName, formatDateTime, fullName } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { RoleDisciplineFields } from './RoleDisciplineFields';

const staffKey = ['staff'] as const;

type Pending = { kind: 'deactivate' | 'reactivate'; member: StaffMember } | { kind: 'revoke'; invitation: PendingInvitation } | null;

/** Staff administration: accounts, their roles and disciplines, invitations. */
export function StaffPage() {
  const { t } = useTranslation();
  const staff = useQuery({ queryKey: staffKey, queryFn: () => api.get<StaffList>('/api/v1/staff') });
  const catalogue = useCatalogue();
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<StaffMember | null>(null);
  const [pending, setPending] = useState<Pending>(null);

  const heading = <PageHeading documentTitle={t('staff.title')}>{t('staff.title')}</PageHeading>;
  if (staff.isPending || catalogue.isPending) {
    return (
      <Stack gap="lg">
        {heading}
        <Loading />
      </Stack>
    );
  }
  if (staff.isError || catalogue.isError) {
    return (
      <Stack gap="lg">
        {heading}
        <ProblemAlert error={staff.error ?? catalogue.error} />
      </Stack>
    );
  }
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          {heading}
          <Text c="dimmed">{t('staff.intro')}</Text>
        </Stack>
        <Button onClick={() => setInviting(true)}>{t('staff.invite')}</Button>
      </Group>
      <StaffTable staff={staff.data.staff} catalogue={catalogue.data} onEdit={setEditing} onStatus={(member) => setPending({ kind: member.status === 'active' ? 'deactivate' : 'reactivate', member })} />
      <InvitationsTable invitations={staff.data.invitations} catalogue={catalogue.data} onRevoke={(invitation) => setPending({ kind: 'revoke', invitation })} />
      <InviteDialog opened={inviting} onClose={() => setInviting(false)} catalogue={catalogue.data} />
      {editing && <EditDialog member={editing} catalogue={catalogue.data} onClose={() => setEditing(null)} />}
      <PendingActionDialog pending={pending} onClose={() => setPending(null)} />
    </Stack>
  );
}

function namesOf(ids: string[], entries: Catalogue['roles'] | Catalogue['disciplines']): string[] {
  const locale = currentLocale();
  return ids.map((id) => entries.find((e) => e.id === id)).flatMap((e) => (e ? [catalogueName(e, locale)] : []));
}

function RolesAndDisciplines({ roleIds, disciplineIds, catalogue }: { roleIds: string[]; disciplineIds: string[]; catalogue: Catalogue }) {
  const { t } = useTranslation();
  const disciplines = namesOf(disciplineIds, catalogue.disciplines);
  return (
    <Stack gap={4}>
      <Group gap={4}>
        {namesOf(roleIds, catalogue.roles).map((name) => (
          <Badge key={name} variant="light" tt="none" size="md">
            {name}
          </Badge>
        ))}
      </Group>
      <Text size="sm" c="dimmed">
        {disciplines.length ? disciplines.join(', ') : t('staff.noDiscipline')}
      </Text>
    </Stack>
  );
}

function StaffTable({ staff, catalogue, onEdit, onStatus }: { staff: StaffMember[]; catalogue: Catalogue; onEdit: (m: StaffMember) => void; onStatus: (m: StaffMember) => void }) {
  const { t } = useTranslation();
  const me = useActiveSession().staffMember.id;
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="staff-accounts">
      <Title order={2} size="h3" id="staff-accounts" mb="md">
        {t('staff.accounts', { count: staff.length })}
      </Title>
      <Table.ScrollContainer minWidth={680}>
        <Table verticalSpacing="sm" highlightOnHover={false}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('staff.member')}</Table.Th>
              <Table.Th scope="col">{t('staff.rolesAndDisciplines')}</Table.Th>
              <Table.Th scope="col">{t('staff.status')}</Table.Th>
              <Table.Th scope="col" className="table-cell-actions">
                {t('common.actions')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {staff.map((member) => {
              const name = fullName(member);
              return (
                <Table.Tr key={member.id} data-testid="staff-row">
                  <Table.Td>
                    <Text fw={600}>
                      {name}
                      {member.id === me && (
                        <Text span inherit c="dimmed" fw={400}>
                          {' '}
                          {t('staff.you')}
                        </Text>
                      )}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {member.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <RolesAndDisciplines roleIds={member.roleIds} disciplineIds={member.disciplineIds} catalogue={catalogue} />
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      <Badge color={member.status === 'active' ? 'green' : 'gray'} variant="light" tt="none">
                        {member.status === 'active' ? t('staff.active') : t('staff.deactivated')}
                      </Badge>
                      <Text size="sm" c="dimmed">
                        {member.twoFactorEnabled ? t('staff.twoFactorOn') : t('staff.twoFactorOff')}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td className="table-cell-actions">
                    <Group gap="xs" justify="flex-end">
                      <Button size="sm" variant="default" onClick={() => onEdit(member)} aria-label={t('staff.editFor', { name })}>
                        {t('common.edit')}
                      </Button>
                      {member.id !== me && (
                        <Button size="sm" variant="default" onClick={() => onStatus(member)} aria-label={member.status === 'active' ? t('staff.deactivateFor', { name }) : t('staff.reactivateFor', { name })}>
                          {member.status === 'active' ? t('staff.deactivate') : t('staff.reactivate')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

function InvitationsTable({ invitations, catalogue, onRevoke }: { invitations: PendingInvitation[]; catalogue: Catalogue; onRevoke: (i: PendingInvitation) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="staff-invitations">
      <Title order={2} size="h3" id="staff-invitations" mb="md">
        {t('staff.pendingInvitations', { count: invitations.length })}
      </Title>
      {invitations.length === 0 ? (
        <Text c="dimmed">{t('staff.noInvitations')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={680}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('staff.member')}</Table.Th>
                <Table.Th scope="col">{t('staff.rolesAndDisciplines')}</Table.Th>
                <Table.Th scope="col">{t('staff.expires')}</Table.Th>
                <Table.Th scope="col" className="table-cell-actions">
                  {t('common.actions')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invitations.map((invitation) => {
                const name = fullName(invitation);
                return (
                  <Table.Tr key={invitation.id} data-testid="invitation-row">
                    <Table.Td>
                      <Text fw={600}>{name}</Text>
                      <Text size="sm" c="dimmed">
                        {invitation.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <RolesAndDisciplines roleIds={invitation.roleIds} disciplineIds={invitation.disciplineIds} catalogue={catalogue} />
                    </Table.Td>
                    <Table.Td>{formatDateTime(invitation.expiresAt, locale)}</Table.Td>
                    <Table.Td className="table-cell-actions">
                      <Button size="sm" variant="default" onClick={() => onRevoke(invitation)} aria-label={t('staff.revokeFor', { name })}>
                        {t('staff.revoke')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

interface InviteValues extends Record<string, unknown> {
  firstName: string;
  lastName: string;
  email: string;
  roleIds: string[];
  disciplineIds: string[];
}

function InviteDialog({ opened, onClose, catalogue }: { opened: boolean; onClose: () => void; catalogue: Catalogue }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [created, setCreated] = useState<{ invitation: CreatedInvitation; name: string } | null>(null);
  const form = useForm<InviteValues>({
    initialValues: { firstName: '', lastName: '', email: '', roleIds: [], disciplineIds: [] },
    validate: {
      firstName: (v) => (v.trim() ? null : t('validation.required')),
      lastName: (v) => (v.trim() ? null : t('validation.required')),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('validation.email')),
      roleIds: (v) => (v.length ? null : t('staff.roleRequired')),
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const invite = useMutation({
    mutationFn: (values: InviteValues) =>
      api.post<CreatedInvitation>('/api/v1/staff/invitations', { ...values, firstName: values.firstName.trim(), lastName: values.lastName.trim(), email: values.email.trim() }),
    onSuccess: async (invitation, values) => {
      setCreated({ invitation, name: fullName(values) });
      await client.invalidateQueries({ queryKey: staffKey });
    },
    onError: onServerError,
  });
  function close() {
    form.reset();
    invite.reset();
    setCreated(null);
    onClose();
  }
  return (
    <Modal opened={opened} onClose={close} title={created ? t('staff.invitationCreated') : t('staff.inviteTitle')} size="lg" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      {created ? (
        <Stack gap="md">
          <Text role="status">{t('staff.invitationCreatedText', { name: created.name, date: formatDateTime(created.invitation.expiresAt, currentLocale()) })}</Text>
          <CopyField label={t('staff.invitationLink')} value={created.invitation.link} description={t('staff.invitationLinkHelp')} />
          <Group justify="flex-end">
            <Button onClick={close}>{t('common.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => invite.mutate(values), () => focusFirstInvalid(formRef.current))}>
          <Stack gap="md">
            <Text size="sm">{t('staff.inviteHelp')}</Text>
            <ProblemAlert error={invite.error} boundFields={boundFields} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('person.firstName')} required data-autofocus {...form.getInputProps('firstName')} />
              <TextInput label={t('person.lastName')} required {...form.getInputProps('lastName')} />
            </SimpleGrid>
            <TextInput label={t('common.email')} type="email" required {...form.getInputProps('email')} />
            <RoleDisciplineFields form={form} catalogue={catalogue} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close} disabled={invite.isPending}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={invite.isPending}>
                {t('staff.inviteSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function EditDialog({ member, catalogue, onClose }: { member: StaffMember; catalogue: Catalogue; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const name = fullName(member);
  const form = useForm({
    initialValues: { roleIds: member.roleIds, disciplineIds: member.disciplineIds },
    validate: { roleIds: (v: string[]) => (v.length ? null : t('staff.roleRequired')) },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const save = useMutation({
    mutationFn: (values: { roleIds: string[]; disciplineIds: string[] }) => api.patch(`/api/v1/staff/${member.id}`, values),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: staffKey });
      notify(t('staff.saved', { name }));
      onClose();
    },
    onError: onServerError,
  });
  return (
    <Modal opened onClose={onClose} title={t('staff.editTitle', { name })} size="lg" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => save.mutate(values), () => focusFirstInvalid(formRef.current))}>
        <Stack gap="md">
          <ProblemAlert error={save.error} boundFields={boundFields} />
          <RoleDisciplineFields form={form} catalogue={catalogue} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function PendingActionDialog({ pending, onClose }: { pending: Pending; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const action = useMutation({
    mutationFn: async (what: NonNullable<Pending>) => {
      switch (what.kind) {
        case 'deactivate':
          return api.post(`/api/v1/staff/${what.member.id}/deactivation`);
        case 'reactivate':
          return api.post(`/api/v1/staff/${what.member.id}/reactivation`);
        case 'revoke':
          return api.delete(`/api/v1/staff/invitations/${what.invitation.id}`);
      }
    },
    onSuccess: async (_result, what) => {
      await client.invalidateQueries({ queryKey: staffKey });
      const name = fullName(what.kind === 'revoke' ? what.invitation : what.member);
      notify(t(`staff.done.${what.kind}`, { name }));
      close();
    },
  });
  function close() {
    action.reset();
    onClose();
  }
  if (!pending) return null;
  const name = fullName(pending.kind === 'revoke' ? pending.invitation : pending.member);
  return (
    <ConfirmDialog
      opened
      title={t(`staff.confirm.${pending.kind}Title`, { name })}
      confirmLabel={t(`staff.confirm.${pending.kind}Button`)}
      danger={pending.kind !== 'reactivate'}
      pending={action.isPending}
      error={action.error}
      onConfirm={() => action.mutate(pending)}
      onClose={close}
    >
      {t(`staff.confirm.${pending.kind}Text`, { name })}
    </ConfirmDialog>
  );
}
