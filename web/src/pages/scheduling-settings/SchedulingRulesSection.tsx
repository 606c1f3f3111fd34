import { Button, NumberInput, SimpleGrid, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { saveSchedulingSettings, schedulingSettingsKey, useSchedulingSettings, type SchedulingSettings } from '../../api/scheduling-settings';
import { Fact, FactGroup, Section } from '../../components/Facts';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { durationText } from './scheduling-words';

/** The structure's scheduling settings: default travel time between sectors, and the slot finder's step. */
export function SchedulingRulesSection({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const settings = useSchedulingSettings();
  return (
    <Section id="places-rules" title={t('schedulingSettings.rules.title')} description={t('schedulingSettings.rules.help')}>
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ProblemAlert error={settings.error} />
      ) : manage ? (
        <RulesForm key={JSON.stringify(settings.data)} settings={settings.data} />
      ) : (
        <FactGroup>
          <Fact label={t('schedulingSettings.rules.defaultTravel')}>{durationText(settings.data.defaultTravelMinutes, t)}</Fact>
          <Fact label={t('schedulingSettings.rules.slotStep')}>{durationText(settings.data.slotStepMinutes, t)}</Fact>
        </FactGroup>
      )}
    </Section>
  );
}

interface RulesValues extends Record<string, unknown> {
  defaultTravelMinutes: number | string;
  slotStepMinutes: number | string;
}

function RulesForm({ settings }: { settings: SchedulingSettings }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const between = (min: number, max: number) => (v: number | string) => (v === '' || !Number.isInteger(Number(v)) || Number(v) < min || Number(v) > max ? t('schedulingSettings.rules.between', { min, max }) : null);
  const form = useForm<RulesValues>({
    initialValues: { defaultTravelMinutes: settings.defaultTravelMinutes, slotStepMinutes: settings.slotStepMinutes },
    validate: { defaultTravelMinutes: between(0, 240), slotStepMinutes: between(5, 120) },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const save = useMutation({
    mutationFn: (values: RulesValues) => saveSchedulingSettings({ defaultTravelMinutes: Number(values.defaultTravelMinutes), slotStepMinutes: Number(values.slotStepMinutes) }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: schedulingSettingsKey });
      notify(t('schedulingSettings.rules.saved'));
    },
    onError: onServerError,
  });
  const numberProps = { allowDecimal: false, allowNegative: false, clampBehavior: 'none', hideControls: true, inputMode: 'numeric', required: true } as const;
  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => save.mutate(values), () => focusFirstInvalid(formRef.current))}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
          <NumberInput label={t('schedulingSettings.rules.defaultTravel')} description={t('schedulingSettings.rules.defaultTravelHelp')} min={0} max={240} {...numberProps} {...form.getInputProps('defaultTravelMinutes')} />
          <NumberInput label={t('schedulingSettings.rules.slotStep')} description={t('schedulingSettings.rules.slotStepHelp')} min={5} max={120} {...numberProps} {...form.getInputProps('slotStepMinutes')} />
        </SimpleGrid>
        <ProblemAlert error={save.error} boundFields={boundFields} />
        <Button type="submit" w="fit-content" loading={save.isPending}>
          {t('schedulingSettings.rules.save')}
        </Button>
      </Stack>
    </form>
  );
}
