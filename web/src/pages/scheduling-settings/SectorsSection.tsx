import { Button, Group, List, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createSector, saveTravelTimes, sectorsKey, useSchedulingSettings, useSectors, type Sector, type Sectors, type TravelTime } from '../../api/scheduling-settings';
import { Section } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../admissions/ScrollTable';
import { durationText } from './scheduling-words';

/** A pair of sectors is stored once, lower id first (as the database keeps it). */
const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * Sectors of home visits and the travel time between two of them: between two home visits in
 * different sectors the finder and the booking leave that much time.
 */
export function SectorsSection({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const sectors = useSectors();
  return (
    <Section id="places-sectors" title={t('schedulingSettings.sectors.title')} description={t('schedulingSettings.sectors.help')}>
      {sectors.isPending ? (
        <Loading />
      ) : sectors.isError ? (
        <ProblemAlert error={sectors.error} />
      ) : (
        <Stack gap="lg">
          {sectors.data.sectors.length === 0 ? (
            <Text c="dimmed">{t('schedulingSettings.sectors.empty')}</Text>
          ) : (
            <List aria-label={t('schedulingSettings.sectors.listLabel')} data-testid="sector-list">
              {sectors.data.sectors.map((s) => (
                <List.Item key={s.id}>{s.name}</List.Item>
              ))}
            </List>
          )}
          {manage && <NewSectorForm />}
          {sectors.data.sectors.length >= 2 && (
            // Keyed by the sectors and times: a new sector or a saved matrix starts the inputs afresh.
            <TravelTimeMatrix key={JSON.stringify(sectors.data)} data={sectors.data} manage={manage} />
          )}
        </Stack>
      )}
    </Section>
  );
}

function NewSectorForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (value: string) => createSector(value),
    onSuccess: async (_r, value) => {
      await client.invalidateQueries({ queryKey: sectorsKey });
      notify(t('schedulingSettings.sectors.added', { name: value }));
      setName('');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = name.trim();
    if (value.length < 2 || value.length > 100) {
      setError(t('validation.minLength', { count: 2 }));
      return;
    }
    setError(null);
    add.mutate(value);
  };
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="xs">
        <Group align="flex-end" gap="sm">
          <TextInput label={t('schedulingSettings.sectors.name')} description={t('schedulingSettings.sectors.nameHelp')} autoComplete="off" maxLength={100} value={name} onChange={(e) => setName(e.currentTarget.value)} error={error} flex={1} miw={220} />
          <Button type="submit" variant="default" loading={add.isPending}>
            {t('schedulingSettings.sectors.add')}
          </Button>
        </Group>
        <ProblemAlert error={add.error} />
      </Stack>
    </form>
  );
}

/**
 * The travel times as a table: sectors in rows and columns, a number input where a row meets a
 * later column (each pair once); the mirrored cell repeats the value as text. An empty input means
 * the structure's default time.
 */
function TravelTimeMatrix({ data, manage }: { data: Sectors; manage: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const settings = useSchedulingSettings();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(data.travelTimes.map((tt) => [pairKey(tt.fromSectorId, tt.toSectorId), String(tt.minutes)])));
  const [invalid, setInvalid] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: (travelTimes: TravelTime[]) => saveTravelTimes(travelTimes),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: sectorsKey });
      notify(t('schedulingSettings.sectors.travelSaved'));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wrong = Object.entries(values).filter(([, v]) => v.trim() !== '' && !(/^\d+$/.test(v.trim()) && Number(v) <= 480));
    setInvalid(wrong.map(([k]) => k));
    if (wrong.length > 0) {
      document.querySelector<HTMLInputElement>(`[data-pair="${wrong[0]![0]}"]`)?.focus();
      return;
    }
    const travelTimes = Object.entries(values)
      .filter(([, v]) => v.trim() !== '')
      .map(([key, v]) => {
        const [fromSectorId, toSectorId] = key.split('|') as [string, string];
        return { fromSectorId, toSectorId, minutes: Number(v) };
      });
    save.mutate(travelTimes);
  };
  const defaultText = settings.data ? durationText(settings.data.defaultTravelMinutes, t) : '';
  const cell = (row: Sector, column: Sector, rowIndex: number, columnIndex: number) => {
    if (rowIndex === columnIndex) {
      return (
        <Table.Td key={column.id} ta="center" c="dimmed">
          <span aria-hidden="true">—</span>
          <VisuallyHidden>{t('schedulingSettings.sectors.sameSector')}</VisuallyHidden>
        </Table.Td>
      );
    }
    const key = pairKey(row.id, column.id);
    const value = values[key] ?? '';
    if (!manage || columnIndex < rowIndex) {
      return (
        <Table.Td key={column.id} ta="center">
          {value.trim() !== '' && /^\d+$/.test(value.trim()) ? durationText(Number(value), t) : <Text span size="sm" c="dimmed">{t('schedulingSettings.sectors.byDefault')}</Text>}
        </Table.Td>
      );
    }
    const wrong = invalid.includes(key);
    return (
      <Table.Td key={column.id} ta="center">
        <input
          className="travel-time-input"
          type="text"
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={3}
          size={4}
          data-pair={key}
          aria-label={t('schedulingSettings.sectors.travelLabel', { from: row.name, to: column.name })}
          aria-invalid={wrong || undefined}
          aria-describedby={wrong ? 'travel-time-error' : 'travel-time-help'}
          value={value}
          onChange={(e) => {
            const next = e.currentTarget.value;
            setValues((previous) => ({ ...previous, [key]: next }));
          }}
        />
      </Table.Td>
    );
  };
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Title order={3} size="h4" id="travel-times-title">
          {t('schedulingSettings.sectors.travelTitle')}
        </Title>
        <Text size="sm" c="dimmed" id="travel-time-help">
          {t('schedulingSettings.sectors.travelHelp', { default: defaultText })}
        </Text>
        <ScrollTable minWidth={160 + data.sectors.length * 110} label={t('schedulingSettings.sectors.travelTitle')}>
          <Table withTableBorder withColumnBorders verticalSpacing="xs" aria-labelledby="travel-times-title" data-testid="travel-matrix">
            <Table.Thead>
              <Table.Tr>
                <Table.Td>
                  <VisuallyHidden>{t('schedulingSettings.sectors.fromTo')}</VisuallyHidden>
                </Table.Td>
                {data.sectors.map((s) => (
                  <Table.Th key={s.id} scope="col" ta="center">
                    {s.name}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.sectors.map((row, rowIndex) => (
                <Table.Tr key={row.id}>
                  <Table.Th scope="row">{row.name}</Table.Th>
                  {data.sectors.map((column, columnIndex) => cell(row, column, rowIndex, columnIndex))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
        {invalid.length > 0 && (
          <Text size="sm" c="red.8" id="travel-time-error" role="alert">
            {t('schedulingSettings.sectors.travelInvalid')}
          </Text>
        )}
        <ProblemAlert error={save.error} />
        {manage && (
          <Button type="submit" w="fit-content" loading={save.isPending}>
            {t('schedulingSettings.sectors.saveTravel')}
          </Button>
        )}
      </Stack>
    </form>
  );
}
