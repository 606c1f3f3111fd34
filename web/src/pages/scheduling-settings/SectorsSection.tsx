import { Button, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createSector, renameSector, saveTravelTimes, sectorsKey, useSchedulingSettings, useSectors, type Sector, type Sectors, type TravelTime } from '../../api/scheduling-settings';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../admissions/ScrollTable';
import { PlaceFormDialog, PlaceListSection } from './PlaceListSection';
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
    <PlaceListSection
      id="places-sectors"
      title={t('schedulingSettings.sectors.title')}
      description={t('schedulingSettings.sectors.help')}
      addLabel={t('schedulingSettings.sectors.add')}
      emptyText={t('schedulingSettings.sectors.empty')}
      manage={manage}
      items={sectors.data?.sectors}
      error={sectors.error}
      minWidth={420}
      rowTestId="sector-row"
      headers={[t('schedulingSettings.sectors.name')]}
      renderName={(sector) => sector.name}
      renderCells={() => null}
      renderDialog={(sector, onClose) => <SectorDialog sector={sector} onClose={onClose} />}
      archive={{
        path: (sector) => `/api/v1/sectors/${sector.id}`,
        queryKeys: [sectorsKey],
        title: (sector) => t('schedulingSettings.sectors.archiveTitle', { name: sector.name }),
        text: (sector) => t('schedulingSettings.sectors.archiveText', { name: sector.name }),
      }}
    >
      {sectors.data && sectors.data.sectors.length >= 2 && (
        // Keyed by the sectors and times: a new sector or a saved matrix starts the inputs afresh.
        <TravelTimeMatrix key={JSON.stringify(sectors.data)} data={sectors.data} manage={manage} />
      )}
    </PlaceListSection>
  );
}

function SectorDialog({ sector, onClose }: { sector: Sector | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const form = useForm<{ name: string }>({
    initialValues: { name: sector?.name ?? '' },
    validate: { name: (v) => (v.trim().length < 2 ? t('validation.minLength', { count: 2 }) : v.trim().length > 100 ? t('person.tooLong', { count: 100 }) : null) },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const save = useMutation({
    mutationFn: async ({ name }: { name: string }) => {
      if (sector) await renameSector(sector.id, name.trim());
      else await createSector(name.trim());
    },
    onSuccess: async (_r, { name }) => {
      await client.invalidateQueries({ queryKey: sectorsKey });
      notify(t('schedulingSettings.saved', { name: name.trim() }));
      onClose();
    },
    onError: onServerError,
  });
  return (
    <PlaceFormDialog
      title={sector ? t('schedulingSettings.sectors.editTitle', { name: sector.name }) : t('schedulingSettings.sectors.newTitle')}
      formRef={formRef}
      onSubmit={form.onSubmit((values) => save.mutate(values), () => focusFirstInvalid(formRef.current))}
      error={save.error}
      boundFields={boundFields}
      pending={save.isPending}
      onClose={onClose}
    >
      <TextInput label={t('schedulingSettings.sectors.name')} description={t('schedulingSettings.sectors.nameHelp')} required autoComplete="off" maxLength={100} data-autofocus {...form.getInputProps('name')} />
    </PlaceFormDialog>
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
