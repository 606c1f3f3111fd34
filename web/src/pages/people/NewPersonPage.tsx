import { Button, Card, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { useNotify } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';

/** Opens the record of a person; its author joins the care team. */
export function NewPersonPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const notify = useNotify();
  const today = new Date().toISOString().slice(0, 10);
  const form = useForm({
    initialValues: { firstName: '', lastName: '', birthDate: '' },
    validate: {
      firstName: (v) => (v.trim() ? null : t('validation.required')),
      lastName: (v) => (v.trim() ? null : t('validation.required')),
      birthDate: (v) => (!v || (v >= '1900-01-01' && v <= today) ? null : t('person.birthDateRange')),
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const create = useMutation({
    mutationFn: (values: { firstName: string; lastName: string; birthDate: string }) =>
      api.post<{ id: string }>('/api/v1/people', { firstName: values.firstName.trim(), lastName: values.lastName.trim(), birthDate: values.birthDate || null }),
    onSuccess: async ({ id }, values) => {
      await client.invalidateQueries({ queryKey: ['people'] });
      notify(t('person.created', { name: `${values.firstName.trim()} ${values.lastName.trim()}` }));
      await navigate(`/people/${id}`);
    },
    onError: onServerError,
  });
  return (
    <Stack gap="lg" maw={760}>
      <PageHeading documentTitle={t('person.newTitle')}>{t('person.newTitle')}</PageHeading>
      <Card withBorder radius="md" padding="lg">
        <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => create.mutate(values), () => focusFirstInvalid(formRef.current))}>
          <Stack gap="md">
            <Text size="sm">{t('person.newHelp')}</Text>
            <ProblemAlert error={create.error} boundFields={boundFields} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('person.firstName')} required autoComplete="off" {...form.getInputProps('firstName')} />
              <TextInput label={t('person.lastName')} required autoComplete="off" {...form.getInputProps('lastName')} />
            </SimpleGrid>
            <TextInput label={t('person.birthDate')} description={t('person.birthDateHelp')} type="date" min="1900-01-01" max={today} autoComplete="off" w={{ base: '100%', sm: 260 }} {...form.getInputProps('birthDate')} />
            <Group>
              <Button type="submit" loading={create.isPending}>
                {t('person.createSubmit')}
              </Button>
              <Button component={Link} to="/people" variant="default">
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
