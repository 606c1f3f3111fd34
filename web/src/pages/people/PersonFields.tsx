import { Checkbox, NativeSelect, SimpleGrid, Stack, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { protectionMeasures, publicCategories, type Person, type PersonInput, type ProtectionMeasure, type PublicCategory } from '../../api/types';
import { languageName } from '../../format';
import { currentLocale } from '../../i18n/setup';

/** The record's fields as the form holds them: text everywhere, "" for nothing. */
export interface PersonFormValues extends Record<string, unknown> {
  firstName: string;
  lastName: string;
  birthDate: string;
  email: string;
  phone: string;
  address: string;
  /** A code from the list, or "other" with the code in otherLanguage. */
  preferredLanguage: string;
  otherLanguage: string;
  publicCategory: PublicCategory;
  protectionMeasure: ProtectionMeasure | '';
  discreet: boolean;
  alias: string;
}

// The languages most often met in French care and social work, French first; any other ISO 639
// code can still be typed. "fsl" is French Sign Language.
const commonLanguages = ['fr', 'ar', 'en', 'es', 'pt', 'it', 'de', 'tr', 'ro', 'pl', 'ru', 'uk', 'ka', 'hy', 'sq', 'sr', 'fa', 'ps', 'ku', 'ta', 'bn', 'ur', 'zh', 'vi', 'so', 'ti', 'am', 'wo', 'bm', 'ff', 'ln', 'fsl'];
const languageCode = /^[a-z]{2,3}$/;
const phonePattern = /^[+0-9 ().-]{6,25}$/;

export function personFormValues(person?: Person): PersonFormValues {
  const language = person?.preferredLanguage ?? 'fr';
  const listed = commonLanguages.includes(language);
  return {
    firstName: person?.firstName ?? '',
    lastName: person?.lastName ?? '',
    birthDate: person?.birthDate ?? '',
    email: person?.email ?? '',
    phone: person?.phone ?? '',
    address: person?.address ?? '',
    preferredLanguage: listed ? language : 'other',
    otherLanguage: listed ? '' : language,
    publicCategory: person?.publicCategory ?? 'adult',
    protectionMeasure: person?.protectionMeasure ?? '',
    discreet: person?.discreet ?? false,
    alias: person?.alias ?? '',
  };
}

const orNull = (value: string) => value.trim() || null;

/** What the API receives: trimmed text, null for what is left empty, no alias unless discreet. */
export function personInput(values: PersonFormValues): PersonInput {
  return {
    firstName: values.firstName.trim(),
    lastName: values.lastName.trim(),
    birthDate: values.birthDate || null,
    email: orNull(values.email),
    phone: orNull(values.phone),
    address: orNull(values.address),
    preferredLanguage: values.preferredLanguage === 'other' ? values.otherLanguage.trim() : values.preferredLanguage,
    publicCategory: values.publicCategory,
    protectionMeasure: values.protectionMeasure || null,
    discreet: values.discreet,
    alias: values.discreet ? orNull(values.alias) : null,
  };
}

/** Only what changed, so the record's history names the fields really changed. */
export function changedFields(before: PersonInput, after: PersonInput): Partial<PersonInput> {
  const changes: Partial<Record<keyof PersonInput, unknown>> = {};
  for (const key of Object.keys(after) as (keyof PersonInput)[]) {
    if (after[key] !== before[key]) changes[key] = after[key];
  }
  return changes as Partial<PersonInput>;
}

type Translate = ReturnType<typeof useTranslation>['t'];

/** The checks the server makes too, said before sending. */
export function personValidation(t: Translate, today: string) {
  const maxLength = (max: number) => (v: string) => (v.trim().length > max ? t('person.tooLong', { count: max }) : null);
  return {
    firstName: (v: string) => (v.trim() ? maxLength(100)(v) : t('validation.required')),
    lastName: (v: string) => (v.trim() ? maxLength(100)(v) : t('validation.required')),
    birthDate: (v: string) => (!v || (v >= '1900-01-01' && v <= today) ? null : t('person.birthDateRange')),
    email: (v: string) => (!v.trim() || /^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('validation.email')),
    phone: (v: string) => (!v.trim() || phonePattern.test(v.trim()) ? null : t('person.phoneInvalid')),
    address: maxLength(500),
    otherLanguage: (v: string, values: PersonFormValues) => (values.preferredLanguage !== 'other' || languageCode.test(v.trim()) ? null : t('person.languageCodeInvalid')),
    alias: maxLength(60),
  };
}

function FieldGroup({ title, headingOrder, children, hideTitle = false }: { title: string; headingOrder: 2 | 3; children: ReactNode; hideTitle?: boolean }) {
  return (
    <fieldset className="form-group">
      {hideTitle ? (
        <VisuallyHidden component="legend">{title}</VisuallyHidden>
      ) : (
        <legend>
          <Title order={headingOrder} size="h4">
            {title}
          </Title>
        </legend>
      )}
      <Stack gap="md">{children}</Stack>
    </fieldset>
  );
}

/**
 * The fields of a person's record, in four calm groups, for the creation page and the record's
 * edit form. `afterIdentity` sits right under the name and birth date (the duplicate warning).
 */
export function PersonFields({
  form,
  today,
  headingOrder,
  afterIdentity,
  identityTitled = true,
}: {
  form: UseFormReturnType<PersonFormValues>;
  today: string;
  headingOrder: 2 | 3;
  afterIdentity?: ReactNode;
  /** False inside a card already titled "Identité": the group keeps its name for screen readers only. */
  identityTitled?: boolean;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const languages = commonLanguages
    .map((code) => ({ value: code, label: code === 'fsl' ? t('person.signLanguage') : languageName(code, locale) }))
    .sort((a, b) => (a.value === 'fr' ? -1 : b.value === 'fr' ? 1 : a.label.localeCompare(b.label, locale)));
  return (
    <Stack gap="xl">
      <FieldGroup title={t('person.identity')} headingOrder={headingOrder} hideTitle={!identityTitled}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('person.firstName')} required autoComplete="off" {...form.getInputProps('firstName')} />
          <TextInput label={t('person.lastName')} required autoComplete="off" {...form.getInputProps('lastName')} />
        </SimpleGrid>
        <TextInput label={t('person.birthDate')} description={t('person.birthDateHelp')} type="date" min="1900-01-01" max={today} autoComplete="off" w={{ base: '100%', sm: 260 }} {...form.getInputProps('birthDate')} />
        {afterIdentity}
      </FieldGroup>
      <FieldGroup title={t('person.contactSection')} headingOrder={headingOrder}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('person.email')} description={t('person.optional')} type="email" autoComplete="off" maxLength={254} {...form.getInputProps('email')} />
          <TextInput label={t('person.phone')} description={t('person.phoneHelp')} type="tel" autoComplete="off" maxLength={25} {...form.getInputProps('phone')} />
        </SimpleGrid>
        <Textarea label={t('person.address')} description={t('person.optional')} autoComplete="off" autosize minRows={2} maxRows={5} maxLength={500} {...form.getInputProps('address')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('person.preferredLanguage')}
            description={t('person.preferredLanguageHelp')}
            data={[...languages, { value: 'other', label: t('person.otherLanguage') }]}
            {...form.getInputProps('preferredLanguage')}
          />
          {form.values.preferredLanguage === 'other' && (
            <TextInput label={t('person.otherLanguageCode')} description={t('person.otherLanguageHelp')} required autoComplete="off" maxLength={3} {...form.getInputProps('otherLanguage')} />
          )}
        </SimpleGrid>
      </FieldGroup>
      <FieldGroup title={t('person.publicSection')} headingOrder={headingOrder}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('person.publicCategory')}
            description={t('person.publicCategoryHelp')}
            data={publicCategories.map((c) => ({ value: c, label: t(`person.categories.${c}`) }))}
            {...form.getInputProps('publicCategory')}
          />
          <NativeSelect
            label={t('person.protectionMeasure')}
            description={t('person.protectionMeasureHelp')}
            data={[{ value: '', label: t('person.noProtection') }, ...protectionMeasures.map((m) => ({ value: m, label: t(`person.protectionMeasures.${m}`) }))]}
            {...form.getInputProps('protectionMeasure')}
          />
        </SimpleGrid>
      </FieldGroup>
      <FieldGroup title={t('person.discretionSection')} headingOrder={headingOrder}>
        <Checkbox label={t('person.discreet')} description={t('person.discreetHelp')} {...form.getInputProps('discreet', { type: 'checkbox' })} />
        {form.values.discreet && <TextInput label={t('person.alias')} description={t('person.aliasHelp')} autoComplete="off" maxLength={60} w={{ base: '100%', sm: 360 }} {...form.getInputProps('alias')} />}
      </FieldGroup>
    </Stack>
  );
}
