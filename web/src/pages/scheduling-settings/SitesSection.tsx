import { Button, Group, Modal, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { createSite, resourcesKey, sitesKey, updateSite, useSites, type Site } from '../../api/scheduling-settings';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Section } from '../../components/Facts';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../admissions/ScrollTable';
import { useFocusAfterClose } from './focus';

/** The structure's places (its premises, an annex): where rooms are and on-site sessions happen. */
export function SitesSection({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const sites = useSites();
  const [editing, setEditing] = useState<Site | 'new' | null>(null);
  const [archiving, setArchiving] = useState<Site | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const refocus = useFocusAfterClose(addButton);
  const active = sites.data?.filter((s) => !s.archivedAt) ?? [];
  return (
    <Section
      id="places-sites"
      title={t('schedulingSettings.sites.title')}
      description={t('schedulingSettings.sites.help')}
      action={
        manage && (
          <Button ref={addButton} variant="default" onClick={() => setEditing('new')}>
            {t('schedulingSettings.sites.add')}
          </Button>
        )
      }
    >
      {sites.isPending ? (
        <Loading />
      ) : sites.isError ? (
        <ProblemAlert error={sites.error} />
      ) : active.length === 0 ? (
        <Text c="dimmed">{t('schedulingSettings.sites.empty')}</Text>
      ) : (
        <ScrollTable minWidth={520} label={t('schedulingSettings.sites.title')}>
          <Table verticalSpacing="sm" aria-label={t('schedulingSettings.sites.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('schedulingSettings.sites.name')}</Table.Th>
                <Table.Th scope="col">{t('schedulingSettings.sites.address')}</Table.Th>
                {manage && (
                  <Table.Th scope="col" className="table-cell-actions">
                    {t('common.actions')}
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {active.map((site) => (
                <Table.Tr key={site.id} data-testid="site-row">
                  <Table.Th scope="row" fw={600}>
                    {site.name}
                  </Table.Th>
                  <Table.Td className="keep-lines">{site.address ?? <Text c="dimmed" span size="sm">{t('schedulingSettings.none')}</Text>}</Table.Td>
                  {manage && (
                    <Table.Td className="table-cell-actions">
                      <Group gap="xs" justify="flex-end">
                        <Button size="sm" variant="default" onClick={() => setEditing(site)} aria-label={t('schedulingSettings.editFor', { name: site.name })}>
                          {t('common.edit')}
                        </Button>
                        <Button size="sm" variant="default" onClick={() => setArchiving(site)} aria-label={t('schedulingSettings.archiveFor', { name: site.name })}>
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
        <SiteDialog
          site={editing === 'new' ? null : editing}
          onClose={() => {
            setEditing(null);
            refocus();
          }}
        />
      )}
      {archiving && (
        <ArchivePlaceDialog
          path={`/api/v1/sites/${archiving.id}`}
          queryKeys={[sitesKey, resourcesKey]}
          title={t('schedulingSettings.sites.archiveTitle', { name: archiving.name })}
          text={t('schedulingSettings.sites.archiveText', { name: archiving.name })}
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
    <Modal opened onClose={onClose} title={site ? t('schedulingSettings.sites.editTitle', { name: site.name }) : t('schedulingSettings.sites.newTitle')} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => save.mutate(values), () => focusFirstInvalid(formRef.current))}>
        <Stack>
          <TextInput label={t('schedulingSettings.sites.name')} description={t('schedulingSettings.sites.nameHelp')} required autoComplete="off" maxLength={150} data-autofocus {...form.getInputProps('name')} />
          <Textarea label={t('schedulingSettings.sites.address')} description={t('person.optional')} autosize minRows={2} maxRows={5} maxLength={300} {...form.getInputProps('address')} />
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

/** Archiving a site or a resource (PATCH archived) takes it out of the choices; appointments already booked keep it. */
export function ArchivePlaceDialog({ path, queryKeys, title, text, done, onClose }: { path: string; queryKeys: readonly (readonly unknown[])[]; title: string; text: string; done: string; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const archive = useMutation({
    mutationFn: () => api.patch(path, { archived: true }),
    onSuccess: async () => {
      for (const queryKey of queryKeys) await client.invalidateQueries({ queryKey });
      notify(done);
      onClose();
    },
  });
  return (
    <ConfirmDialog opened title={title} confirmLabel={t('schedulingSettings.archive')} danger pending={archive.isPending} error={archive.error} onConfirm={() => archive.mutate()} onClose={onClose}>
      {text}
    </ConfirmDialog>
  );
}
