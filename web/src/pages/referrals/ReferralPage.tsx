import { Alert, Anchor, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useReferralDecisions } from '../../api/admissions';
import { referralsKey, useReferral, withdrawReferral, type Referral } from '../../api/referrals';
import { can, useActiveSession } from '../../api/session';
import { Fact, FactGroup, Section } from '../../components/Facts';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatDateTime } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { AdmissionReview } from './AdmissionReview';
import { DecisionHistory } from './DecisionHistory';
import { receivedAgo } from './referral-words';
import { StatusBadge, UrgencyBadge } from './ReferralBadges';
import { ReferralPerson } from './ReferralPerson';

/**
 * One referral: the request as it was received, the person's record it leads to, the admission
 * review (for those who decide) and every decision taken on it, never edited.
 */
export function ReferralPage() {
  const { t } = useTranslation();
  const { referralId = '' } = useParams();
  const referral = useReferral(referralId);
  const title = referral.data ? t('referrals.referral.title', { reference: referral.data.reference }) : t('referrals.referral.titleLoading');
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/demandes" size="sm" w="fit-content">
        <span aria-hidden="true">← </span>
        {t('referrals.backToInbox')}
      </Anchor>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      {referral.isPending ? (
        <Loading />
      ) : referral.isError ? (
        <Alert color="orange" variant="light" role="alert">
          {isApiError(referral.error, 'not_found') || isApiError(referral.error, 'validation_failed') ? t('referrals.referral.notFound') : referral.error.message}
        </Alert>
      ) : (
        <ReferralDetails referral={referral.data} />
      )}
    </Stack>
  );
}

function ReferralDetails({ referral }: { referral: Referral }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const locale = currentLocale();
  const decisions = useReferralDecisions(referral.id);
  const [withdrawing, setWithdrawing] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const withdrawButton = useRef<HTMLButtonElement>(null);
  const decide = can(session, 'admission:decide');
  const current = decisions.data?.find((d) => d.inForce) ?? null;
  const name = `${referral.firstName} ${referral.lastName}`;
  return (
    <>
      <Group justify="space-between" align="center" gap="sm">
        <Group gap="xs">
          <StatusBadge status={referral.status} />
          <UrgencyBadge urgency={referral.urgency} />
        </Group>
        {referral.status === 'new' && (
          <Button ref={withdrawButton} variant="default" onClick={() => setWithdrawing(true)}>
            {t('referrals.referral.withdraw')}
          </Button>
        )}
      </Group>
      {referral.status === 'withdrawn' && (
        <Alert color="gray" variant="light" role="note">
          {t('referrals.referral.withdrawnNotice')}
        </Alert>
      )}
      {!referral.consentToShare && (
        <Alert color="orange" variant="light" role="note" title={t('referrals.referral.noConsentTitle')} data-testid="referral-no-consent">
          {t('referrals.referral.noConsentText')}
        </Alert>
      )}
      <Section id="referral-request" title={t('referrals.referral.asReceived')} description={t('referrals.referral.asReceivedHelp')}>
        <FactGroup>
          <Fact label={t('referrals.referral.person')}>{name}</Fact>
          <Fact label={t('referrals.form.birthDate')} empty={t('referrals.referral.notGiven')}>
            {referral.birthDate ? formatDate(referral.birthDate, locale) : null}
          </Fact>
          <Fact label={t('referrals.referral.personContacts')} empty={t('referrals.referral.notGiven')}>
            {[referral.phone, referral.email].filter(Boolean).join('\n') || null}
          </Fact>
          <Fact label={t('referrals.referral.source')}>{referral.channel === 'public_form' ? t('referrals.selfOnline') : t(`referrals.sources.${referral.source}`)}</Fact>
          {referral.source === 'partner' && <Fact label={t('referrals.form.partner')}>{referral.partnerName}</Fact>}
          {referral.source !== 'self' && (
            <Fact label={t('referrals.referral.referrer')} empty={t('referrals.referral.notGiven')}>
              {[referral.referrerName, referral.referrerRole].filter(Boolean).join(', ') || null}
            </Fact>
          )}
          {referral.source !== 'self' && (
            <Fact label={t('referrals.referral.referrerContacts')} empty={t('referrals.referral.notGiven')}>
              {[referral.referrerPhone, referral.referrerEmail].filter(Boolean).join('\n') || null}
            </Fact>
          )}
          <Fact label={t('referrals.serviceAsked')} empty={t('referrals.noServiceAsked')}>
            {referral.serviceName}
          </Fact>
          <Fact label={t('referrals.form.urgency')}>{t(`referrals.urgencies.${referral.urgency}`)}</Fact>
          <Fact label={t('referrals.referral.consent')}>{referral.consentToShare ? t('referrals.referral.consentYes') : t('referrals.referral.consentNo')}</Fact>
          <Fact label={t('referrals.received')}>
            {formatDateTime(referral.receivedAt, locale)} ({receivedAgo(referral.receivedAt, locale)})
          </Fact>
          <Fact label={t('referrals.referral.recordedBy')}>{referral.recordedByName ?? t('referrals.referral.recordedOnline')}</Fact>
        </FactGroup>
        <div>
          <Text size="sm" c="dimmed">
            {t('referrals.form.reason')}
          </Text>
          <Text className="keep-lines" data-testid="referral-reason">
            {referral.reason}
          </Text>
        </div>
      </Section>
      <ReferralPerson referral={referral} />
      {decide && referral.status === 'new' && !current && <AdmissionReview referral={referral} supersedes={null} />}
      {decide && current && correcting && <AdmissionReview referral={referral} supersedes={current} onClose={() => setCorrecting(false)} />}
      <DecisionHistory referral={referral} decisions={decisions} onCorrect={decide && current && !correcting ? () => setCorrecting(true) : null} />
      {withdrawing && (
        <WithdrawDialog
          referral={referral}
          onClose={() => {
            setWithdrawing(false);
            window.setTimeout(() => withdrawButton.current?.focus(), 60);
          }}
        />
      )}
    </>
  );
}

function WithdrawDialog({ referral, onClose }: { referral: Referral; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const form = useForm({ initialValues: { note: '' }, validate: { note: (v) => (v.trim().length >= 3 ? null : t('referrals.referral.withdrawNoteRequired')) } });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const withdraw = useMutation({
    mutationFn: (note: string) => withdrawReferral(referral.id, note),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: referralsKey });
      notify(t('referrals.referral.withdrawn', { reference: referral.reference }));
      onClose();
    },
    onError: onServerError,
  });
  return (
    <Modal opened onClose={onClose} title={t('referrals.referral.withdrawTitle', { reference: referral.reference })} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => withdraw.mutate(values.note.trim()), () => focusFirstInvalid(formRef.current))}>
        <Stack>
          <Text>{t('referrals.referral.withdrawText')}</Text>
          <ProblemAlert error={withdraw.error} boundFields={boundFields} />
          <Textarea label={t('referrals.referral.withdrawNote')} description={t('referrals.referral.withdrawNoteHelp')} required autosize minRows={3} maxLength={2000} data-autofocus {...form.getInputProps('note')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={withdraw.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red.8" loading={withdraw.isPending}>
              {t('referrals.referral.withdrawConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
