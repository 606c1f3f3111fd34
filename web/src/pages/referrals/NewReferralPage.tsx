import { Alert, Anchor, Button, Card, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useIdempotencyKey } from '../../api/idempotency';
import { usePartners } from '../../api/partners';
import { recordReferral, referralReference, referralSources, referralsKey, urgencies, type ReferralInput, type ReferralSource, type Urgency } from '../../api/referrals';
import { useServices } from '../../api/services';
import { can, useActiveSession } from '../../api/session';
import { FieldGroup } from '../../components/FieldGroup';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { useNotify } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RadioFieldset } from '../../components/RadioFieldset';
import { organizationToday } from '../../format';

interface ReferralFormValues extends Record<string, unknown> {
  source: ReferralSource | '';
  partnerId: string;
  referrerName: string;
  referrerRole: string;
  referrerEmail: string;
  referrerPhone: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  email: string;
  phone: string;
  serviceId: string;
  reason: string;
  urgency: Urgency;
  consentToShare: boolean;
}

const initialValues: ReferralFormValues = {
  source: '',
  partnerId: '',
  referrerName: '',
  referrerRole: '',
  referrerEmail: '',
  referrerPhone: '',
  firstName: '',
  lastName: '',
  birthDate: '',
  email: '',
  phone: '',
  serviceId: '',
  reason: '',
  urgency: 'routine',
  consentToShare: false,
};

const phonePattern = /^[+0-9 ().-]{6,25}$/;
const emailPattern = /^\S+@\S+\.\S+$/;
const orNull = (value: string) => value.trim() || null;

function referralInput(values: ReferralFormValues): ReferralInput {
  const source = values.source as ReferralSource;
  const fromSomeoneElse = source !== 'self';
  return {
    source,
    partnerId: source === 'partner' ? values.partnerId || null : null,
    referrerName: fromSomeoneElse ? orNull(values.referrerName) : null,
    referrerRole: fromSomeoneElse ? orNull(values.referrerRole) : null,
    referrerEmail: fromSomeoneElse ? orNull(values.referrerEmail) : null,
    referrerPhone: fromSomeoneElse ? orNull(values.referrerPhone) : null,
    firstName: values.firstName.trim(),
    lastName: values.lastName.trim(),
    birthDate: values.birthDate || null,
    email: orNull(values.email),
    phone: orNull(values.phone),
    serviceId: values.serviceId || null,
    reason: values.reason.trim(),
    urgency: values.urgency,
    consentToShare: values.consentToShare,
  };
}

/**
 * Records a request for support received by phone, letter or at the desk: who asks, for whom, for
 * what, how urgent, and whether the person agrees to exchanges with the referrer. The roles that
 * triage then see it in their inbox; a practitioner gets a confirmation to pass on.
 */
export function NewReferralPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const notify = useNotify();
  const today = organizationToday();
  const triage = can(session, 'referral:triage');
  const partners = usePartners(false);
  const services = useServices(false);
  const idempotency = useIdempotencyKey();
  const [recorded, setRecorded] = useState<{ id: string; name: string } | null>(null);

  const maxLength = (max: number) => (v: string) => (v.trim().length > max ? t('referrals.form.tooLong', { count: max }) : null);
  const phone = (v: string) => (!v.trim() || phonePattern.test(v.trim()) ? null : t('referrals.form.phoneInvalid'));
  const email = (v: string) => (!v.trim() || emailPattern.test(v.trim()) ? null : t('validation.email'));
  const form = useForm<ReferralFormValues>({
    initialValues,
    validate: {
      source: (v) => (v ? null : t('referrals.form.sourceRequired')),
      partnerId: (v, values) => (values.source !== 'partner' || v ? null : t('referrals.form.partnerRequired')),
      referrerName: (v, values) => (values.source === 'self' || values.source === '' || v.trim() ? maxLength(150)(v) : t('referrals.form.referrerNameRequired')),
      referrerRole: maxLength(150),
      referrerEmail: (v, values) => (values.source === 'self' ? null : email(v)),
      referrerPhone: (v, values) => (values.source === 'self' ? null : phone(v)),
      firstName: (v) => (v.trim() ? maxLength(100)(v) : t('validation.required')),
      lastName: (v) => (v.trim() ? maxLength(100)(v) : t('validation.required')),
      birthDate: (v) => (!v || (v >= '1900-01-01' && v <= today) ? null : t('referrals.form.birthDateRange')),
      email,
      phone,
      reason: (v) => (v.trim().length >= 3 ? maxLength(4000)(v) : t('referrals.form.reasonRequired')),
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const confirmationRef = useRef<HTMLHeadingElement>(null);

  const record = useMutation({
    mutationFn: (input: ReferralInput) => recordReferral(input, idempotency.keyFor(input)),
    onSuccess: async ({ id }, input) => {
      idempotency.done();
      await client.invalidateQueries({ queryKey: referralsKey });
      const name = `${input.firstName} ${input.lastName}`;
      if (triage) {
        notify(t('referrals.form.recorded', { name, reference: referralReference(id) }));
        await navigate(`/demandes/${id}`);
      } else {
        setRecorded({ id, name });
      }
    },
    onError: onServerError,
  });

  useEffect(() => {
    if (recorded) confirmationRef.current?.focus();
  }, [recorded]);

  if (recorded) {
    return (
      <Stack gap="lg" maw={820}>
        <PageHeading documentTitle={t('referrals.form.title')}>{t('referrals.form.title')}</PageHeading>
        <Alert color="green" variant="light" role="status" data-testid="referral-recorded">
          <Stack gap="sm" align="flex-start">
            <Title order={2} size="h4" ref={confirmationRef} tabIndex={-1} className="page-heading">
              {t('referrals.form.confirmationTitle')}
            </Title>
            <Text>{t('referrals.form.confirmationText', { name: recorded.name, reference: referralReference(recorded.id) })}</Text>
            <Text size="sm">{t('referrals.form.confirmationNext')}</Text>
            <Group gap="sm">
              <Button
                onClick={() => {
                  form.reset();
                  record.reset();
                  setRecorded(null);
                }}
              >
                {t('referrals.form.another')}
              </Button>
              <Button component={Link} to="/" variant="default">
                {t('referrals.form.backHome')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      </Stack>
    );
  }

  const source = form.values.source;
  const partner = partners.data?.find((p) => p.id === form.values.partnerId);
  const fillFromContact = (index: string) => {
    const contact = partner?.contacts[Number(index)];
    if (!contact) return;
    form.setValues({ referrerName: contact.name, referrerRole: contact.role ?? '', referrerEmail: contact.email ?? '', referrerPhone: contact.phone ?? '' });
  };

  return (
    <Stack gap="lg" maw={820}>
      {triage && (
        <Anchor component={Link} to="/demandes" size="sm" w="fit-content">
          <span aria-hidden="true">← </span>
          {t('referrals.backToInbox')}
        </Anchor>
      )}
      <PageHeading documentTitle={t('referrals.form.title')}>{t('referrals.form.title')}</PageHeading>
      <Card withBorder radius="md" padding="lg">
        <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => record.mutate(referralInput(values)), () => focusFirstInvalid(formRef.current))}>
          <Stack gap="xl">
            <Text size="sm">{triage ? t('referrals.form.help') : t('referrals.form.helpRecordOnly')}</Text>
            <ProblemAlert error={record.error} boundFields={boundFields} />
            <FieldGroup title={t('referrals.form.whoAsks')}>
              <RadioFieldset
                legend={t('referrals.form.source')}
                required
                options={referralSources.map((s) => ({ value: s, label: t(`referrals.sources.${s}`) }))}
                cols={{ base: 1, sm: 2 }}
                value={source}
                onChange={(value) => form.setFieldValue('source', value as ReferralSource)}
                error={form.errors.source}
              />
              {source === 'partner' && (
                <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
                  <NativeSelect
                    label={t('referrals.form.partner')}
                    required
                    description={partners.data?.length === 0 ? t('referrals.form.noPartners') : undefined}
                    data={[{ value: '', label: t('referrals.form.choose') }, ...(partners.data ?? []).map((p) => ({ value: p.id, label: p.name }))]}
                    {...form.getInputProps('partnerId')}
                  />
                  {partner && partner.contacts.length > 0 && (
                    <NativeSelect
                      label={t('referrals.form.partnerContact')}
                      description={t('referrals.form.partnerContactHelp')}
                      value=""
                      onChange={(event) => fillFromContact(event.currentTarget.value)}
                      data={[{ value: '', label: t('referrals.form.choose') }, ...partner.contacts.map((c, i) => ({ value: String(i), label: c.role ? `${c.name} (${c.role})` : c.name }))]}
                    />
                  )}
                </SimpleGrid>
              )}
              {source !== '' && source !== 'self' && (
                <>
                  <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
                    <TextInput label={t('referrals.form.referrerName')} required autoComplete="off" maxLength={150} {...form.getInputProps('referrerName')} />
                    <TextInput
                      label={t('referrals.form.referrerRole')}
                      description={t(`referrals.form.referrerRoleHelp.${source}`)}
                      autoComplete="off"
                      maxLength={150}
                      {...form.getInputProps('referrerRole')}
                    />
                  </SimpleGrid>
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <TextInput label={t('referrals.form.referrerEmail')} description={t('referrals.form.optional')} type="email" autoComplete="off" maxLength={254} {...form.getInputProps('referrerEmail')} />
                    <TextInput label={t('referrals.form.referrerPhone')} description={t('referrals.form.optional')} type="tel" autoComplete="off" maxLength={25} {...form.getInputProps('referrerPhone')} />
                  </SimpleGrid>
                </>
              )}
            </FieldGroup>
            <FieldGroup title={t('referrals.form.forWhom')} description={t('referrals.form.forWhomHelp')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('referrals.form.firstName')} required autoComplete="off" maxLength={100} {...form.getInputProps('firstName')} />
                <TextInput label={t('referrals.form.lastName')} required autoComplete="off" maxLength={100} {...form.getInputProps('lastName')} />
              </SimpleGrid>
              <TextInput label={t('referrals.form.birthDate')} description={t('referrals.form.optional')} type="date" min="1900-01-01" max={today} autoComplete="off" w={{ base: '100%', sm: 260 }} {...form.getInputProps('birthDate')} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('referrals.form.email')} description={t('referrals.form.optional')} type="email" autoComplete="off" maxLength={254} {...form.getInputProps('email')} />
                <TextInput label={t('referrals.form.phone')} description={t('referrals.form.optional')} type="tel" autoComplete="off" maxLength={25} {...form.getInputProps('phone')} />
              </SimpleGrid>
            </FieldGroup>
            <FieldGroup title={t('referrals.form.request')}>
              <NativeSelect
                label={t('referrals.form.service')}
                description={t('referrals.form.serviceHelp')}
                data={[{ value: '', label: t('referrals.form.noService') }, ...(services.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
                maw={{ base: '100%', sm: 480 }}
                {...form.getInputProps('serviceId')}
              />
              <Textarea label={t('referrals.form.reason')} description={t('referrals.form.reasonHelp')} required autosize minRows={4} maxRows={12} maxLength={4000} {...form.getInputProps('reason')} />
              <RadioFieldset
                legend={t('referrals.form.urgency')}
                options={urgencies.map((u) => ({ value: u, label: t(`referrals.urgencies.${u}`), description: t(`referrals.urgencyHelp.${u}`) }))}
                cols={{ base: 1, sm: 3 }}
                value={form.values.urgency}
                onChange={(value) => form.setFieldValue('urgency', value as Urgency)}
              />
              <Checkbox label={t('referrals.form.consent')} description={t('referrals.form.consentHelp')} {...form.getInputProps('consentToShare', { type: 'checkbox' })} />
              {!form.values.consentToShare && (
                <Alert color="orange" variant="light" role="note">
                  {t('referrals.form.noConsentNote')}
                </Alert>
              )}
            </FieldGroup>
            <Group>
              <Button type="submit" loading={record.isPending}>
                {t('referrals.form.submit')}
              </Button>
              <Button component={Link} to={triage ? '/demandes' : '/'} variant="default">
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
