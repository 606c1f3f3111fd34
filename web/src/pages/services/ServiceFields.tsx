import { Button, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { modalities, serviceKinds, type Modality, type Service, type ServiceInput, type ServiceKind } from '../../api/types';
import { CheckboxFieldset } from '../../components/CheckboxFieldset';
import { EditableList } from '../../components/EditableList';
import { FieldGroup } from '../../components/FieldGroup';

// The limits the API sets (src/modules/services/routes.ts), said before sending.
const maxCriteria = 50;
const maxPhases = 20;
const phaseCodePattern = /^[a-z][a-z0-9_]{1,40}$/;

/** The usual stages of a pathway, offered when a service has none yet (labels from i18n). */
export const defaultPhaseCodes = ['arrival_orientation', 'intensive_phase', 'consolidation', 'return_home_preparation', 'aftercare'] as const;

/** A service as the form holds it: text for numbers ("" for none), a key per list entry for React. */
export interface ServiceFormValues extends Record<string, unknown> {
  name: string;
  kind: ServiceKind | '';
  description: string;
  defaultDurationMinutes: number | string;
  maxDurationMinutes: number | string;
  modalities: Modality[];
  caseloadLimitPerPractitioner: number | string;
  caseloadLimitPerService: number | string;
  exclusive: boolean;
  indicationCriteria: { key: string; id: string | null; label: string }[];
  safetyCriteria: { key: string; id: string | null; label: string; orientation: string }[];
  /** saved: the phase exists on the server, so its code is no longer made from its label. */
  phases: { key: string; code: string; label: string; saved: boolean }[];
}

export function serviceFormValues(service?: Service): ServiceFormValues {
  return {
    name: service?.name ?? '',
    kind: service?.kind ?? '',
    description: service?.description ?? '',
    defaultDurationMinutes: service?.defaultDurationMinutes ?? 45,
    maxDurationMinutes: service?.maxDurationMinutes ?? 60,
    modalities: service?.modalities ?? [],
    caseloadLimitPerPractitioner: service?.caseloadLimitPerPractitioner ?? '',
    caseloadLimitPerService: service?.caseloadLimitPerService ?? '',
    exclusive: service?.exclusive ?? false,
    indicationCriteria: (service?.indicationCriteria ?? []).map((c) => ({ key: c.id, id: c.id, label: c.label })),
    safetyCriteria: (service?.safetyCriteria ?? []).map((c) => ({ key: c.id, id: c.id, label: c.label, orientation: c.orientation ?? '' })),
    phases: (service?.phases ?? []).map((p) => ({ key: randomId('phase-'), code: p.code, label: p.label, saved: true })),
  };
}

const limit = (value: number | string) => (value === '' ? null : Number(value));

/** What the API receives: trimmed text, null for what is left empty, criteria keeping their ids. */
export function serviceInput(values: ServiceFormValues): ServiceInput {
  return {
    name: values.name.trim(),
    kind: values.kind as ServiceKind,
    description: values.description.trim() || null,
    defaultDurationMinutes: Number(values.defaultDurationMinutes),
    maxDurationMinutes: Number(values.maxDurationMinutes),
    modalities: modalities.filter((m) => values.modalities.includes(m)),
    caseloadLimitPerPractitioner: limit(values.caseloadLimitPerPractitioner),
    caseloadLimitPerService: limit(values.caseloadLimitPerService),
    exclusive: values.exclusive,
    indicationCriteria: values.indicationCriteria.map((c) => ({ ...(c.id ? { id: c.id } : {}), label: c.label.trim() })),
    safetyCriteria: values.safetyCriteria.map((c) => ({ ...(c.id ? { id: c.id } : {}), label: c.label.trim(), orientation: c.orientation.trim() || null })),
    phases: values.phases.map((p) => ({ code: p.code.trim(), label: p.label.trim() })),
  };
}

/** Only what changed, so the service's history names the fields really changed. */
export function changedServiceFields(before: ServiceInput, after: ServiceInput): Partial<ServiceInput> {
  const changes: Partial<Record<keyof ServiceInput, unknown>> = {};
  for (const key of Object.keys(after) as (keyof ServiceInput)[]) {
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) changes[key] = after[key];
  }
  return changes as Partial<ServiceInput>;
}

/** A phase code made from its label: "Préparation du retour" gives "preparation_du_retour". */
export function phaseCodeFrom(label: string): string {
  const code = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 41)
    .replace(/_+$/, '');
  if (code === '') return '';
  return /^[a-z]/.test(code) ? code : `phase_${code}`.slice(0, 41);
}

type Translate = ReturnType<typeof useTranslation>['t'];

const indexIn = (path: string) => Number(path.split('.')[1]);

/** The checks the server makes too, said before sending. */
export function serviceValidation(t: Translate) {
  const maxLength = (max: number) => (v: string) => (v.trim().length > max ? t('person.tooLong', { count: max }) : null);
  const label = (v: string) => (v.trim() ? maxLength(300)(v) : t('validation.required'));
  const minutes = (v: number | string) => (v === '' ? t('validation.required') : Number.isInteger(Number(v)) && Number(v) >= 5 && Number(v) <= 1440 ? null : t('service.minutesRange'));
  const caseload = (v: number | string) => (v === '' || (Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 10_000) ? null : t('service.limitRange'));
  return {
    name: (v: string) => (v.trim().length < 2 ? t('validation.minLength', { count: 2 }) : maxLength(150)(v)),
    kind: (v: string) => (v ? null : t('service.chooseKindError')),
    description: maxLength(2000),
    defaultDurationMinutes: (v: number | string, values: ServiceFormValues) =>
      minutes(v) ?? (minutes(values.maxDurationMinutes) === null && Number(v) > Number(values.maxDurationMinutes) ? t('service.defaultAboveMax') : null),
    maxDurationMinutes: minutes,
    modalities: (v: Modality[]) => (v.length ? null : t('service.modalityRequired')),
    caseloadLimitPerPractitioner: caseload,
    caseloadLimitPerService: caseload,
    indicationCriteria: { label },
    safetyCriteria: { label, orientation: maxLength(300) },
    phases: {
      label,
      code: (v: string, values: ServiceFormValues, path: string) => {
        if (!phaseCodePattern.test(v.trim())) return t('service.phaseCodeInvalid');
        // Said on the second of two equal codes, as the server does.
        const first = values.phases.findIndex((p) => p.code.trim() === v.trim());
        return first < indexIn(path) ? t('service.phaseCodeDuplicate') : null;
      },
    },
  };
}

/** The service's fields in six groups: presentation, sessions, capacity, the two criteria lists, the pathway. */
export function ServiceFields({ form }: { form: UseFormReturnType<ServiceFormValues> }) {
  const { t } = useTranslation();
  const numberProps = { size: 'md', allowDecimal: false, allowNegative: false, clampBehavior: 'none', hideControls: true, inputMode: 'numeric' } as const;
  const values = form.values;
  const addDefaultPhases = () =>
    form.setFieldValue(
      'phases',
      defaultPhaseCodes.map((code) => ({ key: randomId('phase-'), code, label: t(`service.defaultPhases.${code}`), saved: false })),
    );
  return (
    <Stack gap="xl">
      <FieldGroup title={t('service.presentation')}>
        <TextInput label={t('service.name')} description={t('service.nameHelp')} required autoComplete="off" maxLength={150} {...form.getInputProps('name')} />
        <NativeSelect
          label={t('service.kind')}
          required
          data={[{ value: '', label: t('service.chooseKind') }, ...serviceKinds.map((k) => ({ value: k, label: t(`service.kinds.${k}`) }))]}
          {...form.getInputProps('kind')}
        />
        <Textarea label={t('service.description')} description={t('service.descriptionHelp')} autosize minRows={2} maxRows={6} maxLength={2000} {...form.getInputProps('description')} />
      </FieldGroup>

      <FieldGroup title={t('service.sessions')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
          <NumberInput label={t('service.defaultDuration')} description={t('service.defaultDurationHelp')} required min={5} max={1440} {...numberProps} {...form.getInputProps('defaultDurationMinutes')} />
          <NumberInput label={t('service.maxDuration')} description={t('service.maxDurationHelp')} required min={5} max={1440} {...numberProps} {...form.getInputProps('maxDurationMinutes')} />
        </SimpleGrid>
        <CheckboxFieldset
          legend={t('service.modalities')}
          description={t('service.modalitiesHelp')}
          required
          options={modalities.map((m) => ({ value: m, label: t(`service.modalityNames.${m}`) }))}
          value={values.modalities}
          onChange={(next) => form.setFieldValue('modalities', next as Modality[])}
          error={form.errors.modalities}
          cols={{ base: 1, sm: 3 }}
        />
      </FieldGroup>

      <FieldGroup title={t('service.capacity')} description={t('service.capacityHelp')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
          <NumberInput label={t('service.limitPerPractitioner')} description={t('service.limitPerPractitionerHelp')} min={1} max={10_000} {...numberProps} {...form.getInputProps('caseloadLimitPerPractitioner')} />
          <NumberInput label={t('service.limitPerService')} description={t('service.limitPerServiceHelp')} min={1} max={10_000} {...numberProps} {...form.getInputProps('caseloadLimitPerService')} />
        </SimpleGrid>
        <Switch label={t('service.exclusive')} description={t('service.exclusiveHelp')} size="md" {...form.getInputProps('exclusive', { type: 'checkbox' })} />
      </FieldGroup>

      <FieldGroup title={t('service.indicationCriteria')} description={t('service.indicationCriteriaHelp')}>
        <EditableList
          items={values.indicationCriteria}
          getKey={(c) => c.key}
          max={maxCriteria}
          labels={{
            legend: (n) => t('service.indicationLegend', { n }),
            item: (n) => t('service.indicationItem', { n }),
            add: t('service.addIndication'),
          }}
          onAdd={() => form.insertListItem('indicationCriteria', { key: randomId('criterion-'), id: null, label: '' })}
          onMove={(from, to) => form.reorderListItem('indicationCriteria', { from, to })}
          onRemove={(index) => form.removeListItem('indicationCriteria', index)}
          empty={<Text c="dimmed">{t('service.noIndication')}</Text>}
          renderItem={(_c, index) => <TextInput label={t('service.criterionLabel')} required autoComplete="off" maxLength={300} {...form.getInputProps(`indicationCriteria.${index}.label`)} />}
        />
      </FieldGroup>

      <FieldGroup title={t('service.safetyCriteria')} description={t('service.safetyCriteriaHelp')}>
        <EditableList
          items={values.safetyCriteria}
          getKey={(c) => c.key}
          max={maxCriteria}
          labels={{
            legend: (n) => t('service.safetyLegend', { n }),
            item: (n) => t('service.safetyItem', { n }),
            add: t('service.addSafety'),
          }}
          onAdd={() => form.insertListItem('safetyCriteria', { key: randomId('criterion-'), id: null, label: '', orientation: '' })}
          onMove={(from, to) => form.reorderListItem('safetyCriteria', { from, to })}
          onRemove={(index) => form.removeListItem('safetyCriteria', index)}
          empty={<Text c="dimmed">{t('service.noSafety')}</Text>}
          renderItem={(_c, index) => (
            <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
              <TextInput label={t('service.criterionLabel')} required autoComplete="off" maxLength={300} {...form.getInputProps(`safetyCriteria.${index}.label`)} />
              <TextInput label={t('service.orientation')} description={t('service.orientationHelp')} autoComplete="off" maxLength={300} {...form.getInputProps(`safetyCriteria.${index}.orientation`)} />
            </SimpleGrid>
          )}
        />
      </FieldGroup>

      <FieldGroup title={t('service.phases')} description={`${t('service.phasesHelp')} ${t('service.phaseCodeHelp')}`}>
        <EditableList
          items={values.phases}
          getKey={(p) => p.key}
          max={maxPhases}
          labels={{
            legend: (n) => t('service.phaseLegend', { n }),
            item: (n) => t('service.phaseItem', { n }),
            add: t('service.addPhase'),
          }}
          onAdd={() => form.insertListItem('phases', { key: randomId('phase-'), code: '', label: '', saved: false })}
          onMove={(from, to) => form.reorderListItem('phases', { from, to })}
          onRemove={(index) => form.removeListItem('phases', index)}
          empty={
            <Paper withBorder radius="md" p="md" bg="gray.0">
              <Stack gap="sm" align="flex-start">
                <Text>{t('service.noPhases')}</Text>
                <Text size="sm">{t('service.defaultPhasesProposal', { phases: defaultPhaseCodes.map((code) => t(`service.defaultPhases.${code}`).toLocaleLowerCase()).join(', ') })}</Text>
                <Button variant="light" onClick={addDefaultPhases}>
                  {t('service.useDefaultPhases', { n: defaultPhaseCodes.length })}
                </Button>
              </Stack>
            </Paper>
          }
          renderItem={(phase, index) => {
            const labelProps = form.getInputProps(`phases.${index}.label`);
            return (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('service.phaseLabel')}
                  required
                  autoComplete="off"
                  maxLength={300}
                  {...labelProps}
                  onChange={(event) => {
                    const label = event.currentTarget.value;
                    // A new phase's code follows its label until the user writes one of their own.
                    if (!phase.saved && (phase.code === '' || phase.code === phaseCodeFrom(phase.label))) form.setFieldValue(`phases.${index}.code`, phaseCodeFrom(label));
                    form.setFieldValue(`phases.${index}.label`, label);
                  }}
                />
                <TextInput label={t('service.phaseCode')} required autoComplete="off" spellCheck={false} maxLength={41} {...form.getInputProps(`phases.${index}.code`)} />
              </SimpleGrid>
            );
          }}
        />
      </FieldGroup>
    </Stack>
  );
}
