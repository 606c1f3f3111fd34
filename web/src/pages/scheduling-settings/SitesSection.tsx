import { Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createSite, resourcesKey, sitesKey, updateSite, useSites, type Site } from '../../api/scheduling-settings';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { useNotify } from '../../components/Notices';
import { PlaceFormDialog, PlaceListSection } from './PlaceListSection';

/** The structure's places (its premises, an annex): where rooms are and on-site sessions happen. */
export function SitesSection({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const sites = useSites();
  return (
    <PlaceListSection
      id="places-sites"
      title={t('schedulingSettings.sites.title')}
      description={t('schedulingSettings.sites.help')}
      addLabel={t('schedulingSettings.sites.add')}
      emptyText={t('schedulingSettings.sites.empty')}
      manage={manage}
      items={sites.data}
      error={sites.error}
      minWidth={520}
      rowTestId="site-row"
      headers={[t('schedulingSettings.sites.name'), t('schedulingSettings.sites.address')]}
      renderName={(site) => site.name}
      renderCells={(site) => (
        <Table.Td className="keep-lines">
          {site.address ?? (
            <Text c="dimmed" span size="sm">
              {t('schedulingSettings.none')}
            </Text>
          )}
        </Table.Td>
      )}
      renderDialog={(site, onClose) => <SiteDialog site={site} onClose={onClose} />}
      archive={{
        path: (site) => `/api/v1/sites/${site.id}`,
        // A resource shows its site's name: both lists are read again.
        queryKeys: [sitesKey, resourcesKey],
        title: (site) => t('schedulingSettings.sites.archiveTitle', { name: site.name }),
        text: (site) => t('schedulingSettings.sites.archiveText', { name: site.name }),
      }}
    />
  );
}

interface SiteFormValues extends Record<string, unknown> {
  name: string;
  address: string;
}

function SiteDialog({ site, onClose }: { site: Site | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const form = useForm<SiteFormValues>({
    initialValues: { name: site?.name ?? '', address: site?.address ?? '' },
    validate: { name: (v) => (v.trim().length < 2 ? t('validation.minLength', { count: 2 }) : v.trim().length > 150 ? t('person.tooLong', { count: 150 }) : null) },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const save = useMutation({
    mutationFn: async (values: SiteFormValues) => {
      const body = { name: values.name.trim(), address: values.address.trim() || null };
      if (site) await updateSite(site.id, body);
      else await createSite(body);
    },
    onSuccess: async (_r, values) => {
      await client.invalidateQueries({ queryKey: sitesKey });
      await client.invalidateQueries({ queryKey: resourcesKey });
      notify(t('schedulingSettings.saved', { name: values.name.trim() }));
      onClose();
    },
    onError: onServerError,
  });
  return (
    <PlaceFormDialog
      title={site ? t('schedulingSettings.sites.editTitle', { name: site.name }) : t('schedulingSettings.sites.newTitle')}
      formRef={formRef}
      onSubmit={form.onSubmit((values) => save.mutate(values), () => focusFirstInvalid(formRef.current))}
      error={save.error}
      boundFields={boundFields}
      pending={save.isPending}
      onClose={onClose}
    >
      <TextInput label={t('schedulingSettings.sites.name')} description={t('schedulingSettings.sites.nameHelp')} required autoComplete="off" maxLength={150} data-autofocus {...form.getInputProps('name')} />
      <Textarea label={t('schedulingSettings.sites.address')} description={t('person.optional')} autosize minRows={2} maxRows={5} maxLength={300} {...form.getInputProps('address')} />
    </PlaceFormDialog>
  );
}
