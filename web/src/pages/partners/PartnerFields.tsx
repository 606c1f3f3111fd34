import { NativeSelect, SimpleGrid, Text, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { isoWeekdays, partnerKinds, type Partner, type PartnerInput, type PartnerKind } from '../../api/types';
import { CheckboxFieldset } from '../../components/CheckboxFieldset';
import { EditableList } from '../../components/EditableList';
import { FieldGroup } from '../../components/FieldGroup';
import { weekdayName } from '../../format';
import { currentLocale } from '../../i18n/setup';

// The limits the API sets (src/modules/partners/routes.ts), said before sending.
const maxContacts = 30;
const phonePattern = /^[+0-9 ().-]{6,25}$/;

/** A partner as the form holds it: text everywhere ("" for nothing), weekdays as "1"…"7". */
export interface PartnerFormValues extends Record<string, unknown> {
  name: string;
  kind: PartnerKind | '';
  address: string;
  contacts: { key: string; name: string; role: string; email: string; phone: string }[];
  agreementStart: string;
  agreementEnd: string;
  onsiteWeekdays: string[];
  preferentialRateReference: string;
  notes: string;
}

export function partnerFormValues(partner?: Partner): PartnerFormValues {
  return {
    name: partner?.name ?? '',
    kind: partner?.kind ?? '',
    address: partner?.address ?? '',
    contacts: (partner?.contacts ?? []).map((c) => ({ key: randomId('contact-'), name: c.name, role: c.role ?? '', email: c.email ?? '', phone: c.phone ?? '' })),
    agreementStart: partner?.agreementStart ?? '',
    agreementEnd: partner?.agreementEnd ?? '',
    onsiteWeekdays: (partner?.onsiteWeekdays ?? []).map(String),
    preferentialRateReference: partner?.preferentialRateReference ?? '',
    notes: partner?.notes ?? '',
  };
}

const orNull = (value: string) => value.trim() || null;

/** What the API receives: trimmed text, null for what is left empty, weekdays as numbers in order. */
export function partnerInput(values: PartnerFormValues): PartnerInput {
  return {
    name: values.name.trim(),
    kind: values.kind as PartnerKind,
    address: orNull(values.address),
    contacts: values.contacts.map((c) => ({ name: c.name.trim(), role: orNull(c.role), email: orNull(c.email), phone: orNull(c.phone) })),
    agreementStart: values.agreementStart || null,
    agreementEnd: values.agreementEnd || null,
    onsiteWeekdays: values.onsiteWeekdays.map(Number).sort((a, b) => a - b),
    preferentialRateReference: orNull(values.preferentialRateReference),
    notes: orNull(values.notes),
  };
}

/** Only what changed, so the partner's history names the fields really changed. */
export function changedPartnerFields(before: PartnerInput, after: PartnerInput): Partial<PartnerInput> {
  const changes: Partial<Record<keyof PartnerInput, unknown>> = {};
  for (const key of Object.keys(after) as (keyof PartnerInput)[]) {
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) changes[key] = after[key];
  }
  return changes as Partial<PartnerInput>;
}

type Translate = ReturnType<typeof useTranslation>['t'];

/** The checks the server makes too, said before sending. */
export function partnerValidation(t: Translate) {
  const maxLength = (max: number) => (v: string) => (v.trim().length > max ? t('person.tooLong', { count: max }) : null);
  return {
    name: (v: string) => (v.trim().length < 2 ? t('validation.minLength', { count: 2 }) : maxLength(200)(v)),
    kind: (v: string) => (v ? null : t('partner.chooseKindError')),
    address: maxLength(500),
    contacts: {
      name: (v: string) => (v.trim() ? maxLength(150)(v) : t('validation.required')),
      role: maxLength(150),
      email: (v: string) => (!v.trim() || /^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('validation.email')),
      phone: (v: string) => (!v.trim() || phonePattern.test(v.trim()) ? null : t('person.phoneInvalid')),
    },
    agreementEnd: (v: string, values: PartnerFormValues) => (v && values.agreementStart && v < values.agreementStart ? t('partner.agreementEndBeforeStart') : null),
    preferentialRateReference: maxLength(200),
    notes: maxLength(2000),
  };
}

const capitalised = (word: string) => word.charAt(0).toLocaleUpperCase() + word.slice(1);

/** The partner's fields in three groups (presentation, contacts, agreement and on-site days), then notes. */
export function PartnerFields({ form }: { form: UseFormReturnType<PartnerFormValues> }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <>
      <FieldGroup title={t('partner.presentation')}>
        <TextInput label={t('partner.name')} description={t('partner.nameHelp')} required autoComplete="off" maxLength={200} {...form.getInputProps('name')} />
        <NativeSelect
          label={t('partner.kind')}
          required
          data={[{ value: '', label: t('partner.chooseKind') }, ...partnerKinds.map((k) => ({ value: k, label: t(`partner.kinds.${k}`) }))]}
          {...form.getInputProps('kind')}
        />
        <Textarea label={t('partner.address')} description={t('person.optional')} autoComplete="off" autosize minRows={2} maxRows={5} maxLength={500} {...form.getInputProps('address')} />
      </FieldGroup>

      <FieldGroup title={t('partner.contacts')} description={t('partner.contactsHelp')}>
        <EditableList
          items={form.values.contacts}
          getKey={(c) => c.key}
          max={maxContacts}
          labels={{
            legend: (n) => t('partner.contactLegend', { n }),
            item: (n) => t('partner.contactItem', { n }),
            add: t('partner.addContact'),
          }}
          onAdd={() => form.insertListItem('contacts', { key: randomId('contact-'), name: '', role: '', email: '', phone: '' })}
          onMove={(from, to) => form.reorderListItem('contacts', { from, to })}
          onRemove={(index) => form.removeListItem('contacts', index)}
          empty={<Text c="dimmed">{t('partner.noContacts')}</Text>}
          renderItem={(_c, index) => (
            <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
              <TextInput label={t('partner.contactName')} required autoComplete="off" maxLength={150} {...form.getInputProps(`contacts.${index}.name`)} />
              <TextInput label={t('partner.contactRole')} description={t('partner.contactRoleHelp')} autoComplete="off" maxLength={150} {...form.getInputProps(`contacts.${index}.role`)} />
              <TextInput label={t('person.phone')} description={t('person.optional')} type="tel" autoComplete="off" maxLength={25} {...form.getInputProps(`contacts.${index}.phone`)} />
              <TextInput label={t('person.email')} description={t('person.optional')} type="email" autoComplete="off" maxLength={254} {...form.getInputProps(`contacts.${index}.email`)} />
            </SimpleGrid>
          )}
        />
      </FieldGroup>

      <FieldGroup title={t('partner.agreement')} description={t('partner.agreementHelp')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
          <TextInput label={t('partner.agreementStart')} description={t('person.optional')} type="date" autoComplete="off" {...form.getInputProps('agreementStart')} />
          <TextInput label={t('partner.agreementEnd')} description={t('partner.agreementEndHelp')} type="date" autoComplete="off" min={form.values.agreementStart || undefined} {...form.getInputProps('agreementEnd')} />
        </SimpleGrid>
        <TextInput label={t('partner.rate')} description={t('partner.rateHelp')} autoComplete="off" maxLength={200} {...form.getInputProps('preferentialRateReference')} />
        <CheckboxFieldset
          legend={t('partner.onsiteDays')}
          description={t('partner.onsiteDaysHelp')}
          options={isoWeekdays.map((d) => ({ value: String(d), label: capitalised(weekdayName(d, locale)) }))}
          value={form.values.onsiteWeekdays}
          onChange={(next) => form.setFieldValue('onsiteWeekdays', next)}
          error={form.errors.onsiteWeekdays}
          cols={{ base: 2, sm: 4 }}
        />
      </FieldGroup>

      <Textarea label={t('partner.notes')} description={t('partner.notesHelp')} autosize minRows={2} maxRows={8} maxLength={2000} {...form.getInputProps('notes')} />
    </>
  );
}
