import { Alert, Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { servicesKey, useServices } from '../../api/services';
import type { Service } from '../../api/types';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { changedServiceFields, ServiceFields, serviceFormValues, serviceInput, serviceValidation, type ServiceFormValues } from './ServiceFields';

/** A new service ("dispositif"): its rules, criteria and pathway. */
export function NewServicePage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={880}>
      <Anchor component={Link} to="/services" size="sm" w="fit-content">
        <span aria-hidden="true">← </span>
        {t('service.backToList')}
      </Anchor>
      <PageHeading documentTitle={t('service.newTitle')}>{t('service.newTitle')}</PageHeading>
      <ServiceForm />
    </Stack>
  );
}

/** Changes a service; only what changed is sent. */
export function EditServicePage() {
  const { t } = useTranslation();
  const { serviceId = '' } = useParams();
  const services = useServices(true);
  const service = services.data?.find((s) => s.id === serviceId);
  const title = service ? t('service.editTitle', { name: service.name }) : t('service.title');
  return (
    <Stack gap="lg" maw={880}>
      <Anchor component={Link} to={service ? `/services/${service.id}` : '/services'} size="sm" w="fit-content">
        <span aria-hidden="true">← </span>
        {service ? service.name : t('service.backToList')}
      </Anchor>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      {services.isPending ? (
        <Loading />
      ) : services.isError ? (
        <ProblemAlert error={services.error} />
      ) : !service ? (
        <Alert color="orange" variant="light" role="alert">
          {t('service.notFound')}
        </Alert>
      ) : (
        // Keyed by id: another service's page starts from that service's values.
        <ServiceForm key={service.id} service={service} />
      )}
    </Stack>
  );
}

function ServiceForm({ service }: { service?: Service }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const notify = useNotify();
  const form = useForm<ServiceFormValues>({ initialValues: serviceFormValues(service), validate: serviceValidation(t) });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const save = useMutation({
    mutationFn: async (values: ServiceFormValues): Promise<string> => {
      const input = serviceInput(values);
      if (!service) return (await api.post<{ id: string }>('/api/v1/services', input)).id;
      const changes = changedServiceFields(serviceInput(serviceFormValues(service)), input);
      if (Object.keys(changes).length > 0) await api.patch(`/api/v1/services/${service.id}`, changes);
      return service.id;
    },
    onSuccess: async (id, values) => {
      await client.invalidateQueries({ queryKey: servicesKey });
      const name = values.name.trim();
      notify(service ? t('service.saved', { name }) : t('service.created', { name }));
      await navigate(`/services/${id}`);
    },
    onError: onServerError,
  });
  const cancelTo = service ? `/services/${service.id}` : '/services';
  return (
    <Card withBorder radius="md" padding="lg">
      <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => save.mutate(values), () => focusFirstInvalid(formRef.current))}>
        <Stack gap="lg">
          {!service && <Text size="sm">{t('service.newHelp')}</Text>}
          <ServiceFields form={form} />
          {/* Next to the buttons: at the end of a long form, that is where the eyes are. */}
          <ProblemAlert error={save.error} boundFields={boundFields} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {service ? t('common.save') : t('service.createSubmit')}
            </Button>
            <Button component={Link} to={cancelTo} variant="default">
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
