import { Alert, Button, Group, Modal, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { capacityBoardKey } from '../../api/capacity';
import { useStaffDirectory } from '../../api/episodes';
import { useServices } from '../../api/services';
import { can, useActiveSession } from '../../api/session';
import type { DirectoryEntry, PathwayPhase } from '../../api/types';
import { respondToOffer, waitlistKey, type WaitlistEntry } from '../../api/waitlist';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fullName, organizationToday } from '../../format';
import { capacityRefusal, useCapacityRefusalText } from './admission-words';
import { StaffSelect } from './StaffSelect';

interface AdmitValues extends Record<string, unknown> {
  referentId: string;
  coordinatorId: string;
  startedOn: string;
  plannedEndOn: string;
  phaseCode: string;
  capacityOverrideReason: string;
}

/** The person accepts the place offered: who supports them, from when, in which phase. */
export function AdmitDialog({ entry, onClose }: { entry: WaitlistEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const directory = useStaffDirectory();
  const services = useServices(false);
  const title = t('admissions.admit.title', { name: entry.displayName, service: entry.serviceName });
  return (
    <Modal opened onClose={onClose} title={title} size="lg" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      {directory.isPending || services.isPending ? (
        <Loading />
      ) : directory.isError || services.isError ? (
        <ProblemAlert error={directory.error ?? services.error} />
      ) : (
        <AdmitForm entry={entry} staff={directory.data} phases={services.data.find((s) => s.id === entry.serviceId)?.phases ?? []} onClose={onClose} />
      )}
    </Modal>
  );
}

function AdmitForm({ entry, staff, phases, onClose }: { entry: WaitlistEntry; staff: DirectoryEntry[]; phases: PathwayPhase[]; onClose: () => void }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const client = useQueryClient();
  const notify = useNotify();
  const mayOverride = can(session, 'capacity:override');
  const capacityRefusalText = useCapacityRefusalText();
  // After a capacity refusal, a supervisor may write why the person is admitted anyway.
  const [overriding, setOverriding] = useState(false);
  const me = session.staffMember.id;
  const form = useForm<AdmitValues>({
    initialValues: {
      referentId: '',
      coordinatorId: staff.some((s) => s.id === me) ? me : '',
      startedOn: organizationToday(),
      plannedEndOn: '',
      phaseCode: phases[0]?.code ?? '',
      capacityOverrideReason: '',
    },
    validate: {
      referentId: (v) => (v ? null : t('admissions.admit.chooseReferent')),
      coordinatorId: (v) => (v ? null : t('admissions.admit.chooseCoordinator')),
      startedOn: (v) => (v ? null : t('admissions.admit.dateRequired')),
      plannedEndOn: (v, values) => (v && values.startedOn && v < values.startedOn ? t('admissions.admit.endBeforeStart') : null),
      capacityOverrideReason: (v) => (overriding && v.trim().length < 3 ? t('admissions.admit.overrideRequired') : null),
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form, {
    'body.admission.referentId': 'referentId',
    'body.admission.coordinatorId': 'coordinatorId',
    'body.admission.startedOn': 'startedOn',
    'body.admission.plannedEndOn': 'plannedEndOn',
    'body.admission.phaseCode': 'phaseCode',
  });
  const admit = useMutation({
    mutationFn: (values: AdmitValues) =>
      respondToOffer(entry.id, {
        response: 'accepted',
        admission: {
          referentId: values.referentId,
          // The référent joins the care team in their own discipline (their first, when they have several).
          referentDisciplineId: staff.find((s) => s.id === values.referentId)?.disciplineIds[0] ?? null,
          coordinatorId: values.coordinatorId,
          startedOn: values.startedOn,
          plannedEndOn: values.plannedEndOn || null,
          phaseCode: values.phaseCode || null,
        },
        ...(overriding ? { capacityOverrideReason: values.capacityOverrideReason.trim() } : {}),
      }),
    onSuccess: async () => {
      notify(t('admissions.admit.done', { name: entry.displayName, service: entry.serviceName }));
      onClose();
      await client.invalidateQueries({ queryKey: waitlistKey });
      await client.invalidateQueries({ queryKey: capacityBoardKey });
      await client.invalidateQueries({ queryKey: ['people'] });
    },
    onError: (error) => {
      onServerError(error);
      // A limit (not "one person at a time") that this user may exceed: the form asks for the reason.
      const refused = capacityRefusal(error);
      if (refused && refused.limit !== 'exclusive' && mayOverride) setOverriding(true);
    },
  });
  const refusal = capacityRefusal(admit.error);
  const referent = staff.find((s) => s.id === form.values.referentId);
  const refusalLines = refusal ? capacityRefusalText(refusal, { service: entry.serviceName, referent: referent ? fullName(referent) : '' }) : [];
  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => admit.mutate(values), () => focusFirstInvalid(formRef.current))}>
      <Stack gap="md">
        <Text>{t('admissions.admit.intro')}</Text>
        {refusal ? (
          <Alert color="orange" variant="light" role="alert" title={refusal.limit === 'exclusive' ? t('admissions.admit.exclusiveTitle') : t('admissions.admit.fullTitle')} data-testid="capacity-refusal">
            <Stack gap={4}>
              {(refusalLines.length > 0 ? refusalLines : [admit.error instanceof Error ? admit.error.message : '']).map((line) => (
                <Text inherit key={line}>
                  {line}
                </Text>
              ))}
              {refusal.limit !== 'exclusive' && !mayOverride && <Text inherit>{t('admissions.admit.overrideNotAllowed')}</Text>}
            </Stack>
          </Alert>
        ) : (
          <ProblemAlert error={admit.error} boundFields={boundFields} />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
          <StaffSelect staff={staff} label={t('admissions.admit.referent')} description={t('admissions.admit.referentHelp')} required data-autofocus {...form.getInputProps('referentId')} />
          <StaffSelect staff={staff} label={t('admissions.admit.coordinator')} description={t('admissions.admit.coordinatorHelp')} required {...form.getInputProps('coordinatorId')} />
          <TextInput type="date" label={t('admissions.admit.startedOn')} required {...form.getInputProps('startedOn')} />
          <TextInput type="date" label={t('admissions.admit.plannedEndOn')} description={t('admissions.admit.plannedEndHelp')} min={form.values.startedOn || undefined} {...form.getInputProps('plannedEndOn')} />
          {phases.length > 0 && <NativeSelect label={t('admissions.admit.phase')} data={phases.map((p) => ({ value: p.code, label: p.label }))} {...form.getInputProps('phaseCode')} />}
        </SimpleGrid>
        {overriding && (
          <Textarea
            label={t('admissions.admit.overrideReason')}
            description={t('admissions.admit.overrideHelp')}
            required
            autosize
            minRows={2}
            maxLength={2000}
            {...form.getInputProps('capacityOverrideReason')}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={admit.isPending}>
            {t('common.cancel')}
          </Button>
          {overriding ? (
            <Button type="submit" color="red.8" loading={admit.isPending}>
              {t('admissions.admit.overrideSubmit')}
            </Button>
          ) : (
            <Button type="submit" loading={admit.isPending}>
              {t('admissions.admit.submit')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
