import { Anchor, Button, Modal, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useEmergencyNumbers } from '../../api/admissions';
import { api } from '../../api/client';
import { addresseesKey, escalationSettingsKey, escalationSeverities, type Addressee, type EmergencyGuidance, type Escalation, type EscalationSettings } from '../../api/escalations';
import { useIdempotencyKey } from '../../api/idempotency';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RadioFieldset } from '../../components/RadioFieldset';
import { formatDateTime } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { EmergencyBanner, formatDelay } from './escalation-parts';

interface JournalPage {
  items: { id: string; kind: string; text: string; occurredAt: string }[];
}

/**
 * "Signaler": raises an escalation from a journal entry. Hosted by the journal's entry list (with
 * `entryId`) and by the person's record (without: the dialog then asks which entry).
 */
export function RaiseEscalationButton({ entryId, personId, label }: { entryId?: string; personId: string; label?: string }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button variant="default" size="xs" onClick={() => setOpened(true)} aria-label={entryId && !label ? t('escalations.raise.buttonFor') : undefined}>
        {label ?? t('escalations.raise.button')}
      </Button>
      {opened && <RaiseEscalationDialog entryId={entryId} personId={personId} onClose={() => setOpened(false)} />}
    </>
  );
}

interface Values extends Record<string, unknown> {
  entryId: string;
  severity: string;
  addresseeId: string;
  request: string;
}

function RaiseEscalationDialog({ entryId, personId, onClose }: { entryId?: string | undefined; personId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const client = useQueryClient();
  const idempotency = useIdempotencyKey();
  const [sent, setSent] = useState<(Escalation & { emergency: EmergencyGuidance | null }) | null>(null);
  const settings = useQuery({ queryKey: escalationSettingsKey, queryFn: () => api.get<EscalationSettings>('/api/v1/escalations/settings') });
  const addressees = useQuery({ queryKey: addresseesKey(personId), queryFn: () => api.get<Addressee[]>(`/api/v1/escalations/addressees?personId=${personId}`) });
  const entries = useQuery({
    queryKey: ['journal', 'person', personId, 'for-escalation'],
    queryFn: () => api.get<JournalPage>(`/api/v1/people/${personId}/journal?limit=30`),
    enabled: !entryId,
  });
  const form = useForm<Values>({
    initialValues: { entryId: entryId ?? '', severity: 'concern', addresseeId: '', request: '' },
    validate: {
      entryId: (v) => (v ? null : t('validation.required')),
      addresseeId: (v) => (v ? null : t('validation.required')),
      request: (v) => (v.trim() ? null : t('validation.required')),
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const raise = useMutation({
    mutationFn: (v: Values) => {
      const body = { entryId: v.entryId, severity: v.severity, addresseeId: v.addresseeId, request: v.request.trim() };
      return api.postIdempotent<Escalation & { emergency: EmergencyGuidance | null }>('/api/v1/escalations', body, idempotency.keyFor(body));
    },
    onSuccess: (created) => {
      idempotency.done();
      setSent(created);
      void client.invalidateQueries({ queryKey: ['escalations'] });
    },
    onError: onServerError,
  });
  // Shown before sending, as soon as "emergency" is chosen: calling comes first.
  const numbers = useEmergencyNumbers();
  const delays = settings.data?.acknowledgementMinutes;
  const emergencyNow = form.values.severity === 'emergency' && settings.data && numbers.data;
  return (
    <Modal opened onClose={onClose} title={t('escalations.raise.title')} size="lg" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      {sent ? (
        <Stack>
          {sent.emergency && <EmergencyBanner guidance={sent.emergency} />}
          <Text role="status">{t('escalations.raise.sent', { name: sent.addressee.name, when: formatDateTime(sent.acknowledgeBy, locale) })}</Text>
          <Anchor component={Link} to={`/signalements/${sent.id}`} onClick={onClose}>
            {t('escalations.raise.open')}
          </Anchor>
          <Button variant="default" onClick={onClose} w="fit-content">
            {t('common.close')}
          </Button>
        </Stack>
      ) : (
        <form ref={formRef} noValidate onSubmit={form.onSubmit((v) => raise.mutate(v), () => focusFirstInvalid(formRef.current))}>
          <Stack>
            <ProblemAlert error={raise.error ?? addressees.error ?? entries.error} boundFields={boundFields} />
            {!entryId &&
              (entries.data && entries.data.items.length === 0 ? (
                <Text>{t('escalations.raise.entryNone')}</Text>
              ) : (
                <NativeSelect
                  label={t('escalations.raise.entry')}
                  required
                  data={[
                    { value: '', label: t('escalations.raise.addresseeChoose') },
                    ...(entries.data?.items ?? []).map((e) => ({ value: e.id, label: `${formatDateTime(e.occurredAt, locale)} – ${e.text.slice(0, 80)}` })),
                  ]}
                  {...form.getInputProps('entryId')}
                />
              ))}
            <RadioFieldset
              legend={t('escalations.raise.severity')}
              required
              name="severity"
              value={form.values.severity}
              onChange={(v) => form.setFieldValue('severity', v)}
              options={escalationSeverities.map((s) => ({
                value: s,
                label: t(`escalations.severities.${s}`),
                description: `${t(`escalations.severityHelp.${s}`)}${delays ? ` ${t('escalations.delay', { delay: formatDelay(delays[s], t) })}` : ''}`,
              }))}
            />
            {emergencyNow && <EmergencyBanner guidance={{ numbers: numbers.data, safetyProcedure: settings.data.safetyProcedure }} />}
            <NativeSelect
              label={t('escalations.raise.addressee')}
              description={t('escalations.raise.addresseeHelp')}
              required
              data={[
                { value: '', label: t('escalations.raise.addresseeChoose') },
                ...(addressees.data ?? []).map((a) => ({ value: a.id, label: a.onCareTeam ? t('escalations.raise.onCareTeam', { name: a.name }) : a.name })),
              ]}
              {...form.getInputProps('addresseeId')}
            />
            <Textarea label={t('escalations.raise.request')} description={t('escalations.raise.requestHelp')} required autosize minRows={3} maxLength={4000} {...form.getInputProps('request')} />
            <Button type="submit" loading={raise.isPending} w="fit-content" color={form.values.severity === 'emergency' ? 'red.8' : undefined}>
              {t('escalations.raise.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
