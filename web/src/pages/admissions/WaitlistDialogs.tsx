import { Button, Checkbox, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { capacityBoardKey } from '../../api/capacity';
import { leaveWaitlist, respondToOffer, waitlistKey, type WaitlistEntry } from '../../api/waitlist';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';

function useRefreshWaitlist() {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: waitlistKey });
    await client.invalidateQueries({ queryKey: capacityBoardKey });
  };
}

/** The person declines the place offered: a note, and whether they keep their rank on the list. */
export function DeclineDialog({ entry, onClose }: { entry: WaitlistEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const refresh = useRefreshWaitlist();
  const form = useForm({ initialValues: { note: '', stayOnWaitlist: true } });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const decline = useMutation({
    mutationFn: (values: { note: string; stayOnWaitlist: boolean }) => respondToOffer(entry.id, { response: 'declined', note: values.note.trim() || null, stayOnWaitlist: values.stayOnWaitlist }),
    onSuccess: async (_r, values) => {
      notify(values.stayOnWaitlist ? t('admissions.decline.doneStay', { name: entry.displayName }) : t('admissions.decline.doneLeft', { name: entry.displayName }));
      onClose();
      await refresh();
    },
    onError: onServerError,
  });
  return (
    <Modal opened onClose={onClose} title={t('admissions.decline.title', { name: entry.displayName })} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => decline.mutate(values), () => focusFirstInvalid(formRef.current))}>
        <Stack gap="md">
          <ProblemAlert error={decline.error} boundFields={boundFields} />
          <Textarea label={t('admissions.decline.note')} description={t('admissions.decline.noteHelp')} autosize minRows={2} maxLength={1000} data-autofocus {...form.getInputProps('note')} />
          <Checkbox label={t('admissions.decline.stay')} description={t('admissions.decline.stayHelp')} {...form.getInputProps('stayOnWaitlist', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={decline.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={decline.isPending}>
              {t('admissions.decline.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Takes someone off the list, with the reason (found support elsewhere, moved…). */
export function LeaveDialog({ entry, onClose }: { entry: WaitlistEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const refresh = useRefreshWaitlist();
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (v) => (v.trim().length >= 3 ? null : t('admissions.leave.reasonRequired')) },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const leave = useMutation({
    mutationFn: (values: { reason: string }) => leaveWaitlist(entry.id, values.reason.trim()),
    onSuccess: async () => {
      notify(t('admissions.leave.done', { name: entry.displayName }));
      onClose();
      await refresh();
    },
    onError: onServerError,
  });
  return (
    <Modal opened onClose={onClose} title={t('admissions.leave.title', { name: entry.displayName })} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => leave.mutate(values), () => focusFirstInvalid(formRef.current))}>
        <Stack gap="md">
          <Text>{t('admissions.leave.intro')}</Text>
          <ProblemAlert error={leave.error} boundFields={boundFields} />
          <Textarea label={t('admissions.leave.reason')} description={t('admissions.leave.reasonHelp')} required autosize minRows={2} maxLength={1000} data-autofocus {...form.getInputProps('reason')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={leave.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red.8" loading={leave.isPending}>
              {t('admissions.leave.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
