import { Badge, Group, NativeSelect, NumberInput, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createResource, resourceKinds, resourcesKey, updateResource, useResources, useSites, type Resource, type ResourceInput, type ResourceKind } from '../../api/scheduling-settings';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { useNotify } from '../../components/Notices';
import { RadioFieldset } from '../../components/RadioFieldset';
import { PlaceFormDialog, PlaceListSection } from './PlaceListSection';

/** Rooms and equipment (a relaxation device such as a PSIO): booked like a person, never twice at once. */
export function ResourcesSection({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const resources = useResources();
  const none = (text: string) => (
    <Text span c="dimmed" size="sm">
      {text}
    </Text>
  );
  return (
    <PlaceListSection
      id="places-resources"
      title={t('schedulingSettings.resources.title')}
      description={t('schedulingSettings.resources.help')}
      addLabel={t('schedulingSettings.resources.add')}
      emptyText={t('schedulingSettings.resources.empty')}
      manage={manage}
      items={resources.data}
      error={resources.error}
      minWidth={600}
      rowTestId="resource-row"
      headers={[t('schedulingSettings.resources.name'), t('schedulingSettings.resources.site'), t('schedulingSettings.resources.capacity')]}
      renderName={(resource) => (
        <>
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
        </>
      )}
      renderCells={(resource) => (
        <>
          <Table.Td>{resource.siteName ?? none(t('schedulingSettings.none'))}</Table.Td>
          <Table.Td>
            {resource.capacity !== null
              ? t('schedulingSettings.resources.seats', { count: resource.capacity })
              : none(resource.kind === 'room' ? t('schedulingSettings.none') : t('schedulingSettings.resources.noSeats'))}
          </Table.Td>
        </>
      )}
      renderDialog={(resource, onClose) => <ResourceDialog resource={resource} onClose={onClose} />}
      archive={{
        path: (resource) => `/api/v1/resources/${resource.id}`,
        queryKeys: [resourcesKey],
        title: (resource) => t('schedulingSettings.resources.archiveTitle', { name: resource.name }),
        text: (resource) => t('schedulingSettings.resources.archiveText', { name: resource.name }),
      }}
    />
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
    <PlaceFormDialog
      title={resource ? t('schedulingSettings.resources.editTitle', { name: resource.name }) : t('schedulingSettings.resources.newTitle')}
      size="lg"
      formRef={formRef}
      onSubmit={form.onSubmit((values) => save.mutate(values), () => focusFirstInvalid(formRef.current))}
      error={save.error}
      boundFields={boundFields}
      pending={save.isPending}
      onClose={onClose}
    >
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
    </PlaceFormDialog>
  );
}
