import { Anchor, Badge, Button, Checkbox, Group, Modal, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client';
import { can, useActiveSession } from '../../api/session';
import { relationships, type Relationship, type Relative, type RelativeInput } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fullName } from '../../format';

export const circleSectionId = 'person-circle';

/** The add form, when open: maybe opened from the legal representative notice, with that role ticked. */
export type AddingRelative = { legalRepresentative: boolean } | null;

/**
 * The person's circle (entourage): relatives and friends with their part in the support — legal
 * representative, trusted person (one at a time), taking part in the plan. Those who may update the
 * record add, change and remove them.
 */
export function PersonCircle({ personId, adding, onAdding }: { personId: string; adding: AddingRelative; onAdding: (adding: AddingRelative) => void }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const client = useQueryClient();
  const notify = useNotify();
  const manage = can(session, 'person:update');
  const relatives = useQuery({ queryKey: ['person', personId, 'relatives'], queryFn: () => api.get<Relative[]>(`/api/v1/people/${personId}/relatives`) });
  const [editing, setEditing] = useState<Relative | null>(null);
  const [removing, setRemoving] = useState<Relative | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  // When what had the focus is gone (a removed entry, the notice that opened the form), the add button takes it.
  const keepFocus = () =>
    window.setTimeout(() => {
      if (!document.activeElement || document.activeElement === document.body) addButton.current?.focus();
    }, 60);
  const remove = useMutation({
    mutationFn: (relative: Relative) => api.delete(`/api/v1/people/${personId}/relatives/${relative.id}`),
    onSuccess: async (_r, relative) => {
      await client.invalidateQueries({ queryKey: ['person', personId] });
      setRemoving(null);
      notify(t('circle.removed', { name: fullName(relative) }));
      keepFocus();
    },
  });

  const trusted = relatives.data?.find((r) => r.isTrustedPerson) ?? null;
  return (
    <Stack>
      {relatives.isPending ? (
        <Loading />
      ) : relatives.isError ? (
        <ProblemAlert error={relatives.error} />
      ) : relatives.data.length === 0 ? (
        <Text c="dimmed">{t('circle.empty')}</Text>
      ) : (
        <ul className="plain-list" aria-label={t('circle.listLabel')}>
          {relatives.data.map((relative) => (
            <RelativeEntry key={relative.id} relative={relative} manage={manage} onEdit={() => setEditing(relative)} onRemove={() => setRemoving(relative)} />
          ))}
        </ul>
      )}
      {manage && (
        <Button
          ref={addButton}
          variant="default"
          w="fit-content"
          onClick={() => onAdding({ legalRepresentative: false })}
        >
          {t('circle.add')}
        </Button>
      )}
      {manage && (editing !== null || adding !== null) && (
        <RelativeDialog
          personId={personId}
          relative={editing}
          legalRepresentative={adding?.legalRepresentative ?? false}
          trusted={trusted}
          onClose={() => {
            setEditing(null);
            onAdding(null);
            keepFocus();
          }}
        />
      )}
      {removing && (
        <ConfirmDialog
          opened
          title={t('circle.removeTitle', { name: fullName(removing) })}
          confirmLabel={t('circle.removeButton')}
          danger
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate(removing)}
          onClose={() => {
            remove.reset();
            setRemoving(null);
            keepFocus();
          }}
        >
          {t('circle.removeText', { name: fullName(removing) })}
        </ConfirmDialog>
      )}
    </Stack>
  );
}

function RelativeEntry({ relative, manage, onEdit, onRemove }: { relative: Relative; manage: boolean; onEdit: () => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const name = fullName(relative);
  const roles: { key: string; label: string; color: string }[] = [];
  if (relative.isLegalRepresentative) roles.push({ key: 'legal', label: t('circle.legalRepresentative'), color: 'relais' });
  if (relative.isTrustedPerson) roles.push({ key: 'trusted', label: t('circle.trustedPerson'), color: 'green' });
  if (relative.takesPartInPlan) roles.push({ key: 'plan', label: t('circle.takesPartInPlan'), color: 'gray' });
  if (relative.supportedPersonId) roles.push({ key: 'supported', label: t('circle.alsoSupported'), color: 'orange' });
  return (
    <Paper component="li" withBorder radius="md" p="md" data-testid="relative-entry">
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={6} flex="1 1 320px">
          <Group gap="xs" align="baseline">
            <Text fw={650} size="lg">
              {name}
            </Text>
            <Text c="dimmed">{t(`circle.relationships.${relative.relationship}`)}</Text>
          </Group>
          {roles.length > 0 && (
            <Group gap={6}>
              {roles.map((role) => (
                <Badge key={role.key} variant="light" color={role.color} size="lg" tt="none" fw={600}>
                  {role.label}
                </Badge>
              ))}
            </Group>
          )}
          {(relative.email || relative.phone || relative.address) && (
            <Stack gap={2}>
              {relative.phone && (
                <Text size="sm">
                  <Text span inherit c="dimmed">
                    {t('person.phone')}
                    {t('common.colon')}
                  </Text>
                  <Anchor href={`tel:${relative.phone.replace(/[^+0-9]/g, '')}`} inherit>
                    {relative.phone}
                  </Anchor>
                </Text>
              )}
              {relative.email && (
                <Text size="sm">
                  <Text span inherit c="dimmed">
                    {t('person.email')}
                    {t('common.colon')}
                  </Text>
                  <Anchor href={`mailto:${relative.email}`} inherit>
                    {relative.email}
                  </Anchor>
                </Text>
              )}
              {relative.address && (
                <Text size="sm" className="keep-lines">
                  <Text span inherit c="dimmed">
                    {t('person.address')}
                    {t('common.colon')}
                  </Text>
                  {relative.address}
                </Text>
              )}
            </Stack>
          )}
          {relative.notes && (
            <Text size="sm" className="keep-lines">
              <Text span inherit c="dimmed">
                {t('circle.notes')}
                    {t('common.colon')}
              </Text>
              {relative.notes}
            </Text>
          )}
        </Stack>
        {manage && (
          <Group gap="xs">
            <Button size="sm" variant="default" onClick={onEdit} aria-label={t('circle.editFor', { name })}>
              {t('common.edit')}
            </Button>
            <Button size="sm" variant="default" onClick={onRemove} aria-label={t('circle.removeFor', { name })}>
              {t('circle.remove')}
            </Button>
          </Group>
        )}
      </Group>
    </Paper>
  );
}

interface RelativeFormValues extends Record<string, unknown> {
  firstName: string;
  lastName: string;
  relationship: Relationship | '';
  email: string;
  phone: string;
  address: string;
  isLegalRepresentative: boolean;
  isTrustedPerson: boolean;
  takesPartInPlan: boolean;
  notes: string;
}

const orNull = (value: string) => value.trim() || null;

function relativeInput(values: RelativeFormValues): RelativeInput {
  return {
    firstName: values.firstName.trim(),
    lastName: values.lastName.trim(),
    relationship: values.relationship as Relationship,
    email: orNull(values.email),
    phone: orNull(values.phone),
    address: orNull(values.address),
    isLegalRepresentative: values.isLegalRepresentative,
    isTrustedPerson: values.isTrustedPerson,
    takesPartInPlan: values.takesPartInPlan,
    notes: orNull(values.notes),
  };
}

function RelativeDialog({ personId, relative, legalRepresentative, trusted, onClose }: { personId: string; relative: Relative | null; legalRepresentative: boolean; trusted: Relative | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const maxLength = (max: number) => (v: string) => (v.trim().length > max ? t('person.tooLong', { count: max }) : null);
  const initial: RelativeFormValues = {
    firstName: relative?.firstName ?? '',
    lastName: relative?.lastName ?? '',
    relationship: relative?.relationship ?? '',
    email: relative?.email ?? '',
    phone: relative?.phone ?? '',
    address: relative?.address ?? '',
    isLegalRepresentative: relative?.isLegalRepresentative ?? legalRepresentative,
    isTrustedPerson: relative?.isTrustedPerson ?? false,
    takesPartInPlan: relative?.takesPartInPlan ?? false,
    notes: relative?.notes ?? '',
  };
  const form = useForm<RelativeFormValues>({
    initialValues: initial,
    validate: {
      firstName: (v: string) => (v.trim() ? maxLength(100)(v) : t('validation.required')),
      lastName: (v: string) => (v.trim() ? maxLength(100)(v) : t('validation.required')),
      relationship: (v: string) => (v ? null : t('circle.chooseRelationship')),
      email: (v: string) => (!v.trim() || /^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('validation.email')),
      phone: (v: string) => (!v.trim() || /^[+0-9 ().-]{6,25}$/.test(v.trim()) ? null : t('person.phoneInvalid')),
      address: maxLength(500),
      notes: maxLength(2000),
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const otherTrusted = trusted && trusted.id !== relative?.id ? trusted : null;
  const trustedBox = useRef<HTMLInputElement>(null);
  const [trustedRefusals, setTrustedRefusals] = useState(0);
  useEffect(() => {
    // Once the refusal is shown under the box, the box takes the focus: its message is read with it.
    if (trustedRefusals > 0) trustedBox.current?.focus();
  }, [trustedRefusals]);
  const save = useMutation({
    mutationFn: async (values: RelativeFormValues) => {
      const input = relativeInput(values);
      if (!relative) return api.post<{ id: string }>(`/api/v1/people/${personId}/relatives`, input);
      // Only what changed, so the record's history names the fields really changed.
      const before = relativeInput(initial);
      const changes = Object.fromEntries(Object.entries(input).filter(([key, value]) => before[key as keyof RelativeInput] !== value));
      if (Object.keys(changes).length > 0) await api.patch(`/api/v1/people/${personId}/relatives/${relative.id}`, changes);
      return undefined;
    },
    onSuccess: async (_r, values) => {
      const name = `${values.firstName.trim()} ${values.lastName.trim()}`;
      await client.invalidateQueries({ queryKey: ['person', personId] });
      notify(relative ? t('circle.saved', { name }) : t('circle.added', { name }));
      onClose();
    },
    onError: (error) => {
      if (isApiError(error, 'trusted_person_exists')) {
        // Said next to the box that caused it, naming who holds the role and what to do.
        form.setFieldError('isTrustedPerson', otherTrusted ? t('circle.trustedPersonExists', { name: fullName(otherTrusted) }) : error.problem.title);
        setTrustedRefusals((n) => n + 1);
        return;
      }
      onServerError(error);
    },
  });
  const trustedError = form.errors.isTrustedPerson;
  const title = relative ? t('circle.editTitle', { name: fullName(relative) }) : t('circle.addTitle');
  return (
    <Modal opened onClose={onClose} title={title} size="lg" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => save.mutate(values), () => focusFirstInvalid(formRef.current))}>
        <Stack gap="lg">
          <ProblemAlert error={isApiError(save.error, 'trusted_person_exists') ? null : save.error} boundFields={boundFields} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('person.firstName')} required autoComplete="off" data-autofocus {...form.getInputProps('firstName')} />
            <TextInput label={t('person.lastName')} required autoComplete="off" {...form.getInputProps('lastName')} />
          </SimpleGrid>
          <NativeSelect
            label={t('circle.relationship')}
            required
            data={[{ value: '', label: t('circle.choose') }, ...relationships.map((r) => ({ value: r, label: t(`circle.relationships.${r}`) }))]}
            {...form.getInputProps('relationship')}
          />
          <fieldset className="form-group">
            <legend>
              <Title order={3} size="h5">
                {t('circle.roles')}
              </Title>
            </legend>
            <Stack gap="sm">
              <Checkbox label={t('circle.legalRepresentative')} description={t('circle.legalRepresentativeHelp')} {...form.getInputProps('isLegalRepresentative', { type: 'checkbox' })} />
              <Checkbox
                label={t('circle.trustedPerson')}
                description={`${t('circle.trustedPersonHelp')}${otherTrusted ? ` ${t('circle.trustedPersonCurrent', { name: fullName(otherTrusted) })}` : ''}`}
                {...form.getInputProps('isTrustedPerson', { type: 'checkbox' })}
                ref={trustedBox}
                aria-invalid={trustedError ? true : undefined}
              />
              <Checkbox label={t('circle.takesPartInPlan')} description={t('circle.takesPartInPlanHelp')} {...form.getInputProps('takesPartInPlan', { type: 'checkbox' })} />
            </Stack>
          </fieldset>
          <fieldset className="form-group">
            <legend>
              <Title order={3} size="h5">
                {t('person.contactSection')}
              </Title>
            </legend>
            <Stack gap="md">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('person.phone')} description={t('person.optional')} type="tel" autoComplete="off" maxLength={25} {...form.getInputProps('phone')} />
                <TextInput label={t('person.email')} description={t('person.optional')} type="email" autoComplete="off" maxLength={254} {...form.getInputProps('email')} />
              </SimpleGrid>
              <Textarea label={t('person.address')} description={t('person.optional')} autoComplete="off" autosize minRows={2} maxRows={4} maxLength={500} {...form.getInputProps('address')} />
            </Stack>
          </fieldset>
          <Textarea label={t('circle.notes')} description={t('circle.notesHelp')} autosize minRows={2} maxRows={6} maxLength={2000} {...form.getInputProps('notes')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {relative ? t('common.save') : t('circle.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
