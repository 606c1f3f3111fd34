import { Button, Card, Fieldset, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { escalationSettingsKey, escalationSeverities, type EscalationSettings, type EscalationSeverity } from '../../api/escalations';
import type { DirectoryEntry } from '../../api/types';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDelay } from './escalation-parts';

/** The structure's escalation rules, for coordinators: delays per severity, the chain (ordered with buttons), the safety procedure. */
export function EscalationSettingsPage() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: escalationSettingsKey, queryFn: () => api.get<EscalationSettings>('/api/v1/escalations/settings') });
  const directory = useQuery({ queryKey: ['staff-directory'], queryFn: () => api.get<DirectoryEntry[]>('/api/v1/staff/directory') });
  return (
    <Stack gap="lg" maw={800}>
      <PageHeading documentTitle={t('escalations.settings.title')}>{t('escalations.settings.title')}</PageHeading>
      <Text>{t('escalations.settings.intro')}</Text>
      {settings.isPending || directory.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ProblemAlert error={settings.error} />
      ) : (
        <SettingsForm settings={settings.data} directory={directory.data ?? []} />
      )}
    </Stack>
  );
}

interface Values extends Record<string, unknown> {
  acknowledgementMinutes: Record<EscalationSeverity, number | string>;
  chain: string[];
  safetyProcedure: string;
}

function SettingsForm({ settings, directory }: { settings: EscalationSettings; directory: DirectoryEntry[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const form = useForm<Values>({
    initialValues: { acknowledgementMinutes: { ...settings.acknowledgementMinutes }, chain: settings.chain.map((c) => c.staffMemberId), safetyProcedure: settings.safetyProcedure ?? '' },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const [adding, setAdding] = useState('');
  const listRef = useRef<HTMLOListElement>(null);
  const names = new Map<string, string>([...settings.chain.map((c) => [c.staffMemberId, c.active ? c.name : `${c.name} ${t('escalations.settings.inactive')}`] as const), ...directory.map((d) => [d.id, `${d.firstName} ${d.lastName}`] as const)]);
  const chain = form.values.chain;
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.put<EscalationSettings>('/api/v1/escalations/settings', {
        acknowledgementMinutes: Object.fromEntries(escalationSeverities.map((s) => [s, Number(v.acknowledgementMinutes[s])])),
        chain: v.chain,
        safetyProcedure: v.safetyProcedure.trim() || null,
      }),
    onSuccess: (saved) => {
      client.setQueryData(escalationSettingsKey, saved);
      notify(t('escalations.settings.saved'));
    },
    onError: onServerError,
  });
  // After a move the focus follows the moved person's button, so a keyboard user keeps their place.
  const move = (index: number, by: -1 | 1) => {
    const next = [...chain];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    form.setFieldValue('chain', next);
    requestAnimationFrame(() => {
      const find = (direction: number) => listRef.current?.querySelector<HTMLButtonElement>(`[data-move="${moved}:${direction}"]:not(:disabled)`);
      (find(by) ?? find(-by))?.focus();
    });
  };
  const candidates = directory.filter((d) => !chain.includes(d.id));
  return (
    <Card withBorder radius="md" padding="lg">
      <form ref={formRef} noValidate onSubmit={form.onSubmit((v) => save.mutate(v), () => focusFirstInvalid(formRef.current))}>
        <Stack gap="lg">
          <ProblemAlert error={save.error} boundFields={boundFields} />
          <Fieldset legend={t('escalations.settings.delays')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {escalationSeverities.map((s) => {
                const value = Number(form.values.acknowledgementMinutes[s]);
                return (
                  <NumberInput
                    key={s}
                    label={t(`escalations.severities.${s}`)}
                    description={value > 0 ? t('escalations.settings.delayHelp', { duration: formatDelay(value, t) }) : undefined}
                    min={1}
                    max={43200}
                    allowDecimal={false}
                    required
                    {...form.getInputProps(`acknowledgementMinutes.${s}`)}
                  />
                );
              })}
            </SimpleGrid>
          </Fieldset>
          <Fieldset legend={t('escalations.settings.chain')}>
            <Stack gap="sm">
              <Text size="sm">{t('escalations.settings.chainHelp')}</Text>
              {chain.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('escalations.settings.chainEmpty')}
                </Text>
              ) : (
                <ol className="plain-list" ref={listRef} data-testid="escalation-chain">
                  {chain.map((id, index) => {
                    const name = names.get(id) ?? id;
                    return (
                      <li key={id}>
                        <Group justify="space-between" gap="xs" py={4}>
                          <Text>{t('escalations.settings.position', { position: index + 1, name })}</Text>
                          <Group gap={4}>
                            <Button size="xs" variant="default" disabled={index === 0} data-move={`${id}:-1`} aria-label={t('escalations.settings.up', { name })} onClick={() => move(index, -1)}>
                              ↑
                            </Button>
                            <Button size="xs" variant="default" disabled={index === chain.length - 1} data-move={`${id}:1`} aria-label={t('escalations.settings.down', { name })} onClick={() => move(index, 1)}>
                              ↓
                            </Button>
                            <Button size="xs" variant="subtle" color="red.8" aria-label={t('escalations.settings.remove', { name })} onClick={() => form.setFieldValue('chain', chain.filter((c) => c !== id))}>
                              ✕
                            </Button>
                          </Group>
                        </Group>
                      </li>
                    );
                  })}
                </ol>
              )}
              <Group align="flex-end" gap="xs">
                <NativeSelect
                  label={t('escalations.settings.chainAdd')}
                  value={adding}
                  onChange={(event) => setAdding(event.currentTarget.value)}
                  data={[{ value: '', label: t('escalations.settings.chainChoose') }, ...candidates.map((d) => ({ value: d.id, label: `${d.firstName} ${d.lastName}` }))]}
                />
                <Button
                  variant="default"
                  disabled={!adding}
                  onClick={() => {
                    form.setFieldValue('chain', [...chain, adding]);
                    setAdding('');
                  }}
                >
                  {t('escalations.settings.chainAddButton')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
          <Textarea label={t('escalations.settings.procedure')} description={t('escalations.settings.procedureHelp')} autosize minRows={4} maxLength={10000} {...form.getInputProps('safetyProcedure')} />
          <Button type="submit" loading={save.isPending} w="fit-content">
            {t('common.save')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
