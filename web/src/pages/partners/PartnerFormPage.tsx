import { Alert, Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { partnersKey, usePartners } from '../../api/partners';
import type { Partner } from '../../api/types';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { changedPartnerFields, PartnerFields, partnerFormValues, partnerInput, partnerValidation, type PartnerFormValues } from './PartnerFields';

/** A new partner structure. */
export function NewPartnerPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={880}>
      <Anchor component={Link} to="/partners" size="sm" w="fit-content">
        <span aria-hidden="true">← </span>
        {t('partner.backToList')}
      </Anchor>
      <PageHeading documentTitle={t('partner.newTitle')}>{t('partner.newTitle')}</PageHeading>
      <PartnerForm />
    </Stack>
  );
}

/** Changes a partner structure; only what changed is sent. */
export function EditPartnerPage() {
  const { t } = useTranslation();
  const { partnerId = '' } = useParams();
  const partners = usePartners(true);
  const partner = partners.data?.find((p) => p.id === partnerId);
  const title = partner ? t('partner.editTitle', { name: partner.name }) : t('partner.title');
  return (
    <Stack gap="lg" maw={880}>
      <Anchor component={Link} to={partner ? `/partners/${partner.id}` : '/partners'} size="sm" w="fit-content">
        <span aria-hidden="true">← </span>
        {partner ? partner.name : t('partner.backToList')}
      </Anchor>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      {partners.isPending ? (
        <Loading />
      ) : partners.isError ? (
        <ProblemAlert error={partners.error} />
      ) : !partner ? (
        <Alert color="orange" variant="light" role="alert">
          {t('partner.notFound')}
        </Alert>
      ) : (
        // Keyed by id: another partner's page starts from that partner's values.
        <PartnerForm key={partner.id} partner={partner} />
      )}
    </Stack>
  );
}

function PartnerForm({ partner }: { partner?: Partner }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const notify = useNotify();
  const form = useForm<PartnerFormValues>({ initialValues: partnerFormValues(partner), validate: partnerValidation(t) });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const save = useMutation({
    mutationFn: async (values: PartnerFormValues): Promise<string> => {
      const input = partnerInput(values);
      if (!partner) return (await api.post<{ id: string }>('/api/v1/partners', input)).id;
      const changes = changedPartnerFields(partnerInput(partnerFormValues(partner)), input);
      if (Object.keys(changes).length > 0) await api.patch(`/api/v1/partners/${partner.id}`, changes);
      return partner.id;
    },
    onSuccess: async (id, values) => {
      await client.invalidateQueries({ queryKey: partnersKey });
      const name = values.name.trim();
      notify(partner ? t('partner.saved', { name }) : t('partner.created', { name }));
      await navigate(`/partners/${id}`);
    },
    onError: onServerError,
  });
  return (
    <Card withBorder radius="md" padding="lg">
      <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => save.mutate(values), () => focusFirstInvalid(formRef.current))}>
        <Stack gap="xl">
          {!partner && <Text size="sm">{t('partner.newHelp')}</Text>}
          <PartnerFields form={form} />
          {/* Next to the buttons: at the end of a long form, that is where the eyes are. */}
          <ProblemAlert error={save.error} boundFields={boundFields} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {partner ? t('common.save') : t('partner.createSubmit')}
            </Button>
            <Button component={Link} to={partner ? `/partners/${partner.id}` : '/partners'} variant="default">
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
