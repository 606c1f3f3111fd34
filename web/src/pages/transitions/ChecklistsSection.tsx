import { Button, List, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { can, useActiveSession } from '../../api/session';
import { checklistsKey, saveServiceChecklists, useServiceChecklists, type ServiceChecklists } from '../../api/transitions';
import { EditableList } from '../../components/EditableList';
import { Section } from '../../components/Facts';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';

/**
 * What must be done before a person moves into each phase of this service's pathway: one checklist
 * per phase, written by the coordination (services:manage), read by everyone. A transition copies
 * the checklist when it is planned, so editing it here never changes a transition under way.
 */
export function ChecklistsSection({ serviceId, hasPhases }: { serviceId: string; hasPhases: boolean }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const checklists = useServiceChecklists(serviceId);
  const manage = can(session, 'services:manage');
  return (
    <Section id="service-checklists" title={t('continuity.checklists.title')} description={t('continuity.checklists.help')}>
      {!hasPhases ? (
        <Text c="dimmed">{t('continuity.checklists.noPhases')}</Text>
      ) : checklists.isPending ? (
        <Loading />
      ) : checklists.isError ? (
        <ProblemAlert error={checklists.error} />
      ) : manage ? (
        <ChecklistsForm key={JSON.stringify(checklists.data)} data={checklists.data} serviceId={serviceId} />
      ) : (
        <Stack gap="md">
          {checklists.data.checklists.map((c) => (
            <Stack key={c.toPhase} gap={4}>
              <Text fw={650}>{t('continuity.checklists.phase', { phase: c.phaseLabel })}</Text>
              {c.items.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('continuity.checklists.none')}
                </Text>
              ) : (
                <List size="sm" spacing={4}>
                  {c.items.map((i) => (
                    <List.Item key={i.id}>{i.label}</List.Item>
                  ))}
                </List>
              )}
            </Stack>
          ))}
        </Stack>
      )}
    </Section>
  );
}

interface ItemValues {
  key: string;
  id: string | null;
  label: string;
}
interface ChecklistValues extends Record<string, unknown> {
  checklists: { toPhase: string; phaseLabel: string; items: ItemValues[] }[];
}

let nextKey = 0;

function ChecklistsForm({ data, serviceId }: { data: ServiceChecklists; serviceId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const form = useForm<ChecklistValues>({
    initialValues: { checklists: data.checklists.map((c) => ({ toPhase: c.toPhase, phaseLabel: c.phaseLabel, items: c.items.map((i) => ({ key: i.id, id: i.id, label: i.label })) })) },
    validate: { checklists: { items: { label: (v) => (v.trim() ? null : t('validation.required')) } } },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const save = useMutation({
    mutationFn: (values: ChecklistValues) =>
      saveServiceChecklists(
        serviceId,
        values.checklists.filter((c) => c.items.length > 0).map((c) => ({ toPhase: c.toPhase, items: c.items.map((i) => ({ ...(i.id ? { id: i.id } : {}), label: i.label.trim() })) })),
      ),
    onSuccess: (fresh) => {
      client.setQueryData(checklistsKey(serviceId), fresh);
      notify(t('continuity.checklists.saved'));
    },
    onError: onServerError,
  });
  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => save.mutate(values), () => focusFirstInvalid(formRef.current))}>
      <Stack gap="lg">
        {form.values.checklists.map((c, ci) => (
          <fieldset key={c.toPhase} className="form-group">
            <legend>
              <Text fw={650}>{t('continuity.checklists.phase', { phase: c.phaseLabel })}</Text>
            </legend>
            <EditableList
              items={c.items}
              getKey={(i) => i.key}
              max={40}
              labels={{
                legend: (n) => t('continuity.checklists.itemLegend', { n }),
                item: (n) => t('continuity.checklists.itemName', { n, phase: c.phaseLabel }),
                add: t('continuity.checklists.addItem', { phase: c.phaseLabel }),
              }}
              onAdd={() => form.insertListItem(`checklists.${ci}.items`, { key: `new-${nextKey++}`, id: null, label: '' })}
              onMove={(from, to) => form.reorderListItem(`checklists.${ci}.items`, { from, to })}
              onRemove={(i) => form.removeListItem(`checklists.${ci}.items`, i)}
              empty={
                <Text size="sm" c="dimmed">
                  {t('continuity.checklists.none')}
                </Text>
              }
              renderItem={(_item, i) => <TextInput label={t('continuity.checklists.itemLabel')} required maxLength={300} {...form.getInputProps(`checklists.${ci}.items.${i}.label`)} />}
            />
          </fieldset>
        ))}
        <ProblemAlert error={save.error} boundFields={boundFields} />
        <Button type="submit" w="fit-content" loading={save.isPending}>
          {t('continuity.checklists.save')}
        </Button>
      </Stack>
    </form>
  );
}
