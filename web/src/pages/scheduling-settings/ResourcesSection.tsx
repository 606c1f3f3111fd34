import { Badge, Button, Group, Modal, NativeSelect, NumberInput, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createResource, resourceKinds, resourcesKey, updateResource, useResources, useSites, type Resource, type ResourceInput, type ResourceKind } from '../../api/scheduling-settings';
import { Section } from '../../components/Facts';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RadioFieldset } from '../../components/RadioFieldset';
import { ScrollTable } from '../admissions/ScrollTable';
import { useFocusAfterClose } from './focus';
import { ArchivePlaceDialog } from './SitesSection';

/** Rooms and equipment (a relaxation device such as a PSIO): booked like a person, never twice at once. */
export function ResourcesSection({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const resources = useResources();
  const [editing, setEditing] = useState<Resource | 'new' | null>(null);
  const [archiving, setArchiving] = useState<Resource | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const refocus = useFocusAfterClose(addButton);
  const active = resources.data?.filter((r) => !r.archivedAt) ?? [];
  return (
    <Section
      id="places-resources"
      title={t('schedulingSettings.resources.title')}
      description={t('schedulingSettings.resources.help')}
      action={
        manage && (
          <Button ref={addButton} variant="default" onClick={() => setEditing('new')}>
            {t('schedulingSettings.resources.add')}
          </Button>
        )
      }
    >
      {resources.isPending ? (
        <Loading />
      ) : resources.isError ? (
        <ProblemAlert error={resources.error} />
      ) : active.length === 0 ? (
        <Text c="dimmed">{t('schedulingSettings.resources.empty')}</Text>
      ) : (
        <ScrollTable minWidth={600} label={t('schedulingSettings.resources.title')}>
          <Table verticalSpacing="sm" aria-label={t('schedulingSettings.resources.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('schedulingSettings.resources.name')}</Table.Th>
                <Table.Th scope="col">{t('schedulingSettings.resources.site')}</Table.Th>
                <Table.Th scope="col">{t('schedulingSettings.resources.capacity')}</Table.Th>
                {manage && (
                  <Table.Th scope="col" className="table-cell-actions">
                    {t('common.actions')}
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {active.map((resource) => (
                <Table.Tr key={resource.id} data-testid="resource-row">
                  <Table.Th scope="row">
                    <Group gap="xs" align="baseline">
                      <Text fw={600} span>
                        {resource.name}
                      </Text>
                      <Badge variant="light" color={resource.kind === 'room' ? 'relais' : 'grape'} tt="none">
                        {t(`schedulingSettings.resources.kinds.${resource.kind}`)}
                      </Badge>
                    </Group>
                    {resource.description && (
                      <Text size="sm" c="dimmed" fw={400}>
                        {resource.description}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td>{resource.siteName ?? <Text span c="dimmed" size="sm">{t('schedulingSettings.none')}</Text>}</Table.Td>
                  <Table.Td>
                    {resource.capacity !== null ? (
                      t('schedulingSettings.resources.seats', { count: resource.capacity })
                    ) : (
                      <Text span c="dimmed" size="sm">
                        {resource.kind === 'room' ? t('schedulingSettings.none') : t('schedulingSettings.resources.noSeats')}
                      </Text>
                    )}
                  </Table.Td>
                  {manage && (
                    <Table.Td className="table-cell-actions">
                      <Group gap="xs" justify="flex-end">
                        <Button size="sm" variant="default" onClick={() => setEditing(resource)} aria-label={t('schedulingSettings.editFor', { name: resource.name })}>
                          {t('common.edit')}
                        </Button>
                        <Button size="sm" variant="default" onClick={() => setArchiving(resource)} aria-label={t('schedulingSettings.archiveFor', { name: resource.name })}>
                          {t('schedulingSettings.archive')}
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {editing && (
        <ResourceDialog
          resource={editing === 'new' ? null : editing}
          onClose={() => {
            setEditing(null);
            refocus();
          }}
        />
      )}
      {archiving && (
        <ArchivePlaceDialog
          path={`/api/v1/resources/${archiving.id}`}
          queryKeys={[resourcesKey]}
          title={t('schedulingSettings.resources.archiveTitle', { name: archiving.name })}
          text={t('schedulingSettings.resources.archiveText', { name: archiving.name })}
          done={t('schedulingSettings.archived', { name: archiving.name })}
          onClose={() => {
            setArchiving(null);
            refocus();
          }}
        />
      )}
    </Section>
  );
}

interface ResourceFormValues extends Record<string, unknown> {
  kind: ResourceKind;
  name: string;
  description: string;
  capacity: number | string;
  siteId: string;
}

function resourceInput(values: ResourceFormValues): ResourceInput {
  return {
    kind: values.kind,
    name: values.name.trim(),
    description: values.description.trim() || null,
    // Seats are a room's: equipment has none.
    capacity: values.kind === 'room' && values.capacity !== '' ? Number(values.capacity) : null,
    siteId: values.siteId || null,
  };
}

function ResourceDialog({ resource, onClose }: { resource: Resource | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const sites = useSites();
  const form = useForm<ResourceFormValues>({
    initialValues: { kind: resource?.kind ?? 'room', name: resource?.name ?? '', description: resource?.description ?? '', capacity: resource?.capacity ?? '', siteId: resource?.siteId ?? '' },
    validate: {
      name: (v) => (v.trim().length < 2 ? t('validation.minLength', { count: 2 }) : v.trim().length > 150 ? t('person.tooLong', { count: 150 }) : null),
      capacity: (v, values) => (values.kind === 'room' && v !== '' && (!Number.isInteger(Number(v)) || Number(v) < 1 || Number(v) > 500) ? t('schedulingSettings.resources.capacityInvalid') : null),
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const save = useMutation({
    mutationFn: async (values: ResourceFormValues) => {
      const input = resourceInput(values);
      if (resource) await updateResource(resource.id, input);
      else await createResource(input);
    },
    onSuccess: async (_r, values) => {
      await client.invalidateQueries({ queryKey: resourcesKey });
      notify(t('schedulingSettings.saved', { name: values.name.trim() }));
      onClose();
    },
    onError: onServerError,
  });
  const siteOptions = (sites.data ?? []).filter((s) => !s.archivedAt || s.id === resource?.siteId).map((s) => ({ value: s.id, label: s.name }));
  return (
    <Modal opened onClose={onClose} title={resource ? t('schedulingSettings.resources.editTitle', { name: resource.name }) : t('schedulingSettings.resources.newTitle')} centered size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => save.mutate(values), () => focusFirstInvalid(formRef.current))}>
        <Stack>
          <RadioFieldset
            legend={t('schedulingSettings.resources.kind')}
            required
            options={resourceKinds.map((k) => ({ value: k, label: t(`schedulingSettings.resources.kinds.${k}`), description: t(`schedulingSettings.resources.kindHelp.${k}`) }))}
            value={form.values.kind}
            onChange={(value) => form.setFieldValue('kind', value as ResourceKind)}
            cols={{ base: 1, sm: 2 }}
          />
          <TextInput label={t('schedulingSettings.resources.name')} description={t('schedulingSettings.resources.nameHelp')} required autoComplete="off" maxLength={150} {...form.getInputProps('name')} />
          <Textarea label={t('schedulingSettings.resources.description')} description={t('person.optional')} autosize minRows={2} maxRows={5} maxLength={500} {...form.getInputProps('description')} />
          {form.values.kind === 'room' && (
            <NumberInput
              label={t('schedulingSettings.resources.capacity')}
              description={t('schedulingSettings.resources.capacityHelp')}
              min={1}
              max={500}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              hideControls
              inputMode="numeric"
              {...form.getInputProps('capacity')}
            />
          )}
          <NativeSelect label={t('schedulingSettings.resources.site')} description={t('person.optional')} data={[{ value: '', label: t('schedulingSettings.resources.noSite') }, ...siteOptions]} {...form.getInputProps('siteId')} />
          <ProblemAlert error={save.error} boundFields={boundFields} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
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
