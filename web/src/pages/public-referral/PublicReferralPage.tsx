import { Alert, Button, Checkbox, Code, Input, List, NativeSelect, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, isApiError } from '../../api/client';
import { newSubmissionId, submitSelfReferral, urgencies, usePublicReferralForm, type PublicReferralForm, type SelfReferralInput, type Urgency } from '../../api/public-referral';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PublicLayout } from '../../components/PublicLayout';
import { EmergencyNumbers } from './EmergencyNumbers';

/**
 * The structure's public request form: no account. A person (or a relative for them) asks for
 * support; the consent to share is required and said in plain words; emergency numbers are always
 * shown. One submission id per form, kept across retries, so a retried request is stored once.
 */
export function PublicReferralPage() {
  const { t } = useTranslation();
  const { organizationId = '' } = useParams();
  const form = usePublicReferralForm(organizationId);
  const structure = form.data?.organizationName ?? '';
  return (
    <PublicLayout width={760}>
      <Stack gap="lg">
        <Stack gap={4}>
          <PageHeading documentTitle={structure ? t('admissions.publicForm.documentTitle', { structure }) : t('admissions.publicForm.title')}>{t('admissions.publicForm.title')}</PageHeading>
          {structure && (
            <Text size="lg" fw={600}>
              {structure}
            </Text>
          )}
        </Stack>
        <EmergencyNumbers />
        {form.isPending ? (
          <Loading />
        ) : form.isError ? (
          isApiError(form.error, 'not_found') || isApiError(form.error, 'validation_failed') ? (
            <Alert color="orange" variant="light" role="alert">
              {t('admissions.publicForm.notFound')}
            </Alert>
          ) : (
            <ProblemAlert error={form.error} />
          )
        ) : (
          <RequestForm organizationId={organizationId} structure={form.data} />
        )}
      </Stack>
    </PublicLayout>
  );
}

interface RequestValues extends Record<string, unknown> {
  forWhom: 'self' | 'relative';
  firstName: string;
  lastName: string;
  birthDate: string;
  email: string;
  phone: string;
  submitterName: string;
  submitterRelationship: string;
  submitterEmail: string;
  submitterPhone: string;
  serviceId: string;
  reason: string;
  urgency: Urgency;
  consentToShare: boolean;
  website: string;
}

const emptyRequest: RequestValues = {
  forWhom: 'self',
  firstName: '',
  lastName: '',
  birthDate: '',
  email: '',
  phone: '',
  submitterName: '',
  submitterRelationship: '',
  submitterEmail: '',
  submitterPhone: '',
  serviceId: '',
  reason: '',
  urgency: 'routine',
  consentToShare: false,
  website: '',
};

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^[+0-9 ().-]{6,25}$/;
const orNull = (value: string) => value.trim() || null;

function RequestForm({ organizationId, structure }: { organizationId: string; structure: PublicReferralForm }) {
  const { t } = useTranslation();
  // Made once for this form: a retry (network failure, double click) is the same submission.
  const [submissionId, setSubmissionId] = useState(newSubmissionId);
  const [reference, setReference] = useState<string | null>(null);
  const [refused, setRefused] = useState(false);
  const today = new Date().toISOString().slice(0, 10);
  const form = useForm<RequestValues>({
    initialValues: emptyRequest,
    validate: {
      firstName: (v) => (v.trim() ? null : t('admissions.publicForm.required')),
      lastName: (v) => (v.trim() ? null : t('admissions.publicForm.required')),
      birthDate: (v) => (!v || (v >= '1900-01-01' && v <= today) ? null : t('admissions.publicForm.birthDateRange')),
      email: (v) => (!v.trim() || emailPattern.test(v.trim()) ? null : t('admissions.publicForm.emailInvalid')),
      phone: (v, values) => {
        if (v.trim() && !phonePattern.test(v.trim())) return t('admissions.publicForm.phoneInvalid');
        if (values.forWhom === 'self' && !v.trim() && !values.email.trim()) return t('admissions.publicForm.contactRequired');
        return null;
      },
      submitterName: (v, values) => (values.forWhom === 'relative' && !v.trim() ? t('admissions.publicForm.required') : null),
      submitterEmail: (v, values) => (values.forWhom === 'relative' && v.trim() && !emailPattern.test(v.trim()) ? t('admissions.publicForm.emailInvalid') : null),
      submitterPhone: (v, values) => {
        if (values.forWhom !== 'relative') return null;
        if (v.trim() && !phonePattern.test(v.trim())) return t('admissions.publicForm.phoneInvalid');
        const anyContact = [v, values.submitterEmail, values.email, values.phone].some((c) => c.trim());
        return anyContact ? null : t('admissions.publicForm.contactRequired');
      },
      reason: (v) => (v.trim().length >= 3 ? null : t('admissions.publicForm.reasonTooShort')),
      consentToShare: (v) => (v ? null : t('admissions.publicForm.consentRequired')),
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const send = useMutation({
    mutationFn: (values: RequestValues) => {
      const forRelative = values.forWhom === 'relative';
      const input: SelfReferralInput = {
        submissionId,
        forWhom: values.forWhom,
        firstName: values.firstName.trim(),
        lastName: values.lastName.trim(),
        birthDate: values.birthDate || null,
        email: orNull(values.email),
        phone: orNull(values.phone),
        submitterName: forRelative ? orNull(values.submitterName) : null,
        submitterRelationship: forRelative ? orNull(values.submitterRelationship) : null,
        submitterEmail: forRelative ? orNull(values.submitterEmail) : null,
        submitterPhone: forRelative ? orNull(values.submitterPhone) : null,
        serviceId: values.serviceId || null,
        reason: values.reason.trim(),
        urgency: values.urgency,
        consentToShare: values.consentToShare,
        website: values.website,
      };
      return submitSelfReferral(organizationId, input);
    },
    onSuccess: (answer) => setReference(answer.reference),
    onError: onServerError,
  });

  if (reference) {
    return (
      <Sent
        reference={reference}
        structure={structure.organizationName}
        onAnother={() => {
          form.setValues(emptyRequest);
          form.resetDirty(emptyRequest);
          send.reset();
          setSubmissionId(newSubmissionId());
          setReference(null);
        }}
      />
    );
  }

  const forRelative = form.values.forWhom === 'relative';
  const chosenService = structure.services.find((s) => s.id === form.values.serviceId);
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={form.onSubmit(
        (values) => {
          setRefused(false);
          send.mutate(values);
        },
        () => {
          setRefused(true);
          focusFirstInvalid(formRef.current);
        },
      )}
    >
      <Stack gap="xl">
        <Text>{t('admissions.publicForm.intro', { structure: structure.organizationName })}</Text>
        {refused && !send.error && (
          <Alert color="red" variant="light" role="alert">
            {t('admissions.publicForm.notSent')}
          </Alert>
        )}
        <SendError error={send.error} boundFields={boundFields} />

        <Fieldset legend={t('admissions.publicForm.forWhom')}>
          <RadioChoice
            name="forWhom"
            value={form.values.forWhom}
            onChange={(v) => form.setFieldValue('forWhom', v as RequestValues['forWhom'])}
            options={[
              { value: 'self', label: t('admissions.publicForm.forSelf') },
              { value: 'relative', label: t('admissions.publicForm.forRelative') },
            ]}
          />
        </Fieldset>

        <Fieldset legend={forRelative ? t('admissions.publicForm.aboutPerson') : t('admissions.publicForm.aboutSelf')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
            <TextInput label={t('admissions.publicForm.firstName')} required autoComplete={forRelative ? 'off' : 'given-name'} maxLength={100} {...form.getInputProps('firstName')} />
            <TextInput label={t('admissions.publicForm.lastName')} required autoComplete={forRelative ? 'off' : 'family-name'} maxLength={100} {...form.getInputProps('lastName')} />
          </SimpleGrid>
          <TextInput
            type="date"
            label={t('admissions.publicForm.birthDate')}
            description={t('admissions.publicForm.birthDateHelp')}
            min="1900-01-01"
            max={today}
            autoComplete={forRelative ? 'off' : 'bday'}
            w={{ base: '100%', sm: 260 }}
            {...form.getInputProps('birthDate')}
          />
          <Text size="sm" c="dimmed">
            {forRelative ? t('admissions.publicForm.contactHelpPerson') : t('admissions.publicForm.contactHelpSelf')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
            <TextInput type="tel" label={t('admissions.publicForm.phone')} autoComplete={forRelative ? 'off' : 'tel'} maxLength={25} {...form.getInputProps('phone')} />
            <TextInput type="email" label={t('admissions.publicForm.email')} autoComplete={forRelative ? 'off' : 'email'} maxLength={254} {...form.getInputProps('email')} />
          </SimpleGrid>
        </Fieldset>

        {forRelative && (
          <Fieldset legend={t('admissions.publicForm.aboutSubmitter')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
              <TextInput label={t('admissions.publicForm.submitterName')} required autoComplete="name" maxLength={150} {...form.getInputProps('submitterName')} />
              <TextInput
                label={t('admissions.publicForm.submitterRelationship')}
                description={t('admissions.publicForm.submitterRelationshipHelp')}
                maxLength={100}
                {...form.getInputProps('submitterRelationship')}
              />
              <TextInput type="tel" label={t('admissions.publicForm.submitterPhone')} autoComplete="tel" maxLength={25} {...form.getInputProps('submitterPhone')} />
              <TextInput type="email" label={t('admissions.publicForm.submitterEmail')} autoComplete="email" maxLength={254} {...form.getInputProps('submitterEmail')} />
            </SimpleGrid>
          </Fieldset>
        )}

        <Fieldset legend={t('admissions.publicForm.request')}>
          {structure.services.length > 0 && (
            <Stack gap={4}>
              <NativeSelect
                label={t('admissions.publicForm.service')}
                description={t('admissions.publicForm.serviceHelp')}
                data={[{ value: '', label: t('admissions.publicForm.serviceUnknown') }, ...structure.services.map((s) => ({ value: s.id, label: s.name }))]}
                {...form.getInputProps('serviceId')}
              />
              {chosenService?.description && (
                <Text size="sm" c="dimmed" className="keep-lines">
                  {chosenService.description}
                </Text>
              )}
            </Stack>
          )}
          <Textarea
            label={t('admissions.publicForm.reason')}
            description={forRelative ? t('admissions.publicForm.reasonHelpRelative') : t('admissions.publicForm.reasonHelpSelf')}
            required
            autosize
            minRows={4}
            maxRows={12}
            maxLength={4000}
            {...form.getInputProps('reason')}
          />
          <fieldset className="form-group" aria-describedby="urgency-help">
            <legend>
              <Input.Label labelElement="div" size="md" mb={0}>
                {t('admissions.publicForm.urgency')}
              </Input.Label>
            </legend>
            <Stack gap="xs">
              <Input.Description id="urgency-help" size="md">
                {t('admissions.publicForm.urgencyHelp')}
              </Input.Description>
              <RadioChoice
                name="urgency"
                value={form.values.urgency}
                onChange={(v) => form.setFieldValue('urgency', v as Urgency)}
                options={urgencies.map((u) => ({ value: u, label: t(`admissions.publicForm.urgencies.${u}`) }))}
              />
            </Stack>
          </fieldset>
        </Fieldset>

        <Checkbox
          label={t('admissions.publicForm.consent')}
          description={t('admissions.publicForm.consentHelp')}
          aria-required="true"
          // Mantine marks the box in red but not as invalid: the focus after a refused submit looks for it.
          aria-invalid={form.errors.consentToShare ? true : undefined}
          {...form.getInputProps('consentToShare', { type: 'checkbox' })}
        />

        <Honeypot form={form} />

        <Button type="submit" size="lg" loading={send.isPending} w={{ base: '100%', sm: 'auto' }}>
          {t('admissions.publicForm.submit')}
        </Button>
      </Stack>
    </form>
  );
}

function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="form-group">
      <legend>
        <Title order={2} size="h4">
          {legend}
        </Title>
      </legend>
      <Stack gap="md">{children}</Stack>
    </fieldset>
  );
}

function RadioChoice({ name, value, onChange, options }: { name: string; value: string; onChange: (value: string) => void; options: { value: string; label: string }[] }) {
  return (
    <Stack gap="sm">
      {options.map((o) => (
        <Radio key={o.value} name={name} value={o.value} label={o.label} checked={value === o.value} onChange={() => onChange(o.value)} />
      ))}
    </Stack>
  );
}

/**
 * A field people never see or reach (off screen, hidden from screen readers, out of the tab order,
 * no autofill): robots that fill every field fill it, and the server then stores nothing.
 */
function Honeypot({ form }: { form: UseFormReturnType<RequestValues> }) {
  const { t } = useTranslation();
  return (
    <div aria-hidden="true" style={{ position: 'absolute', left: '-10000px', top: 'auto', width: 1, height: 1, overflow: 'hidden' }}>
      <label htmlFor="request-website">{t('admissions.publicForm.honeypot')}</label>
      <input id="request-website" name="website" type="text" tabIndex={-1} autoComplete="off" value={form.values.website} onChange={(e) => form.setFieldValue('website', e.currentTarget.value)} />
    </div>
  );
}

/** A refused request: too many from this connection (with the delay), or what the server said. */
function SendError({ error, boundFields }: { error: unknown; boundFields: string[] }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (error instanceof ApiError && error.status === 429) {
    const fromDetails = error.problem.details?.retryAfterSeconds;
    const seconds = error.retryAfterSeconds ?? (typeof fromDetails === 'number' ? fromDetails : 3600);
    const delay = seconds >= 90 * 60 ? t('admissions.publicForm.hours', { count: Math.ceil(seconds / 3600) }) : t('admissions.publicForm.minutes', { count: Math.max(1, Math.ceil(seconds / 60)) });
    return (
      <Alert color="red" variant="light" role="alert" data-testid="rate-limited">
        {t('admissions.publicForm.rateLimited', { delay })}
      </Alert>
    );
  }
  return <ProblemAlert error={error} boundFields={boundFields} />;
}

function Sent({ reference, structure, onAnother }: { reference: string; structure: string; onAnother: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(t('admissions.publicForm.sentTitle'));
  useEffect(() => heading.current?.focus(), []);
  return (
    <Stack gap="md">
      <Title order={2} size="h3" ref={heading} tabIndex={-1} className="page-heading">
        {t('admissions.publicForm.sentTitle')}
      </Title>
      <Stack gap={4}>
        <Text>{t('admissions.publicForm.reference')}</Text>
        <Code fz="xl" fw={700} w="fit-content" px="md" py="xs" data-testid="referral-reference">
          {reference}
        </Code>
        <Text size="sm" c="dimmed">
          {t('admissions.publicForm.referenceHelp')}
        </Text>
      </Stack>
      <Title order={3} size="h4">
        {t('admissions.publicForm.nextTitle')}
      </Title>
      <List spacing="xs" type="ordered">
        <List.Item>{t('admissions.publicForm.next1', { structure })}</List.Item>
        <List.Item>{t('admissions.publicForm.next2')}</List.Item>
        <List.Item>{t('admissions.publicForm.next3')}</List.Item>
      </List>
      <Button variant="default" onClick={onAnother} w="fit-content">
        {t('admissions.publicForm.another')}
      </Button>
    </Stack>
  );
}
