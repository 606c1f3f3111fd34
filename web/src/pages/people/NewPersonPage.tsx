import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { PossibleDuplicate } from '../../api/types';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { useNotify } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { DuplicateWarning, duplicatesOf } from './DuplicateWarning';
import { PersonFields, personFormValues, personInput, personValidation, type PersonFormValues } from './PersonFields';

/** Name and birth date as one key: a warning holds for the identity it was given for, not another. */
const identityKey = (v: Pick<PersonFormValues, 'firstName' | 'lastName' | 'birthDate'>) => JSON.stringify([v.firstName.trim(), v.lastName.trim(), v.birthDate]);

/**
 * Opens the record of a person; its author joins the care team. Possible duplicates are shown as
 * soon as the name and birth date are filled, and again (with the focus) if creation is refused for them.
 */
export function NewPersonPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const notify = useNotify();
  const today = new Date().toISOString().slice(0, 10);
  const form = useForm<PersonFormValues>({ initialValues: personFormValues(), validate: personValidation(t, today) });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const warningRef = useRef<HTMLDivElement>(null);
  // Matches the server gave when it refused to create: shown, and focused, until the identity changes.
  const [refused, setRefused] = useState<{ key: string; matches: PossibleDuplicate[] } | null>(null);

  const key = identityKey(form.values);
  const [debouncedKey] = useDebouncedValue(key, 600);
  const [first, last, birthDate] = JSON.parse(debouncedKey) as [string, string, string];
  const checkable = first !== '' && last !== '' && birthDate >= '1900-01-01' && birthDate <= today;
  // Early warning: asked once the name and birth date are filled (each check is audited, hence the pause).
  const early = useQuery({
    queryKey: ['duplicate-check', debouncedKey],
    queryFn: () => api.post<PossibleDuplicate[]>('/api/v1/people/duplicate-check', { firstName: first, lastName: last, birthDate }),
    enabled: checkable,
    staleTime: 5 * 60_000,
    retry: false,
  });

  const create = useMutation({
    mutationFn: ({ values, acknowledged }: { values: PersonFormValues; acknowledged: boolean }) =>
      api.post<{ id: string }>('/api/v1/people', { ...personInput(values), ...(acknowledged ? { duplicatesAcknowledged: true } : {}) }),
    onSuccess: async ({ id }, { values }) => {
      await client.invalidateQueries({ queryKey: ['people'] });
      client.removeQueries({ queryKey: ['duplicate-check'] });
      notify(t('person.created', { name: `${values.firstName.trim()} ${values.lastName.trim()}` }));
      await navigate(`/people/${id}`);
    },
    onError: (error, { values }) => {
      const matches = duplicatesOf(error);
      if (matches) setRefused({ key: identityKey(values), matches });
      else onServerError(error);
    },
  });

  const matches = refused?.key === key ? refused.matches : debouncedKey === key && early.data?.length ? early.data : null;
  useEffect(() => {
    // The refusal is announced (role="alert") and takes the focus, so it is read before anything else.
    if (refused) warningRef.current?.focus();
  }, [refused]);

  const submit = (acknowledged: boolean) =>
    form.onSubmit(
      (values) => create.mutate({ values, acknowledged }),
      () => focusFirstInvalid(formRef.current),
    );
  const otherError = duplicatesOf(create.error) ? null : create.error;

  return (
    <Stack gap="lg" maw={820}>
      <PageHeading documentTitle={t('person.newTitle')}>{t('person.newTitle')}</PageHeading>
      <Card withBorder radius="md" padding="lg">
        <form ref={formRef} noValidate onSubmit={submit(false)}>
          <Stack gap="lg">
            <Text size="sm">{t('person.newHelp')}</Text>
            <ProblemAlert error={otherError} boundFields={boundFields} />
            <PersonFields
              form={form}
              today={today}
              headingOrder={2}
              afterIdentity={matches && <DuplicateWarning ref={warningRef} matches={matches} pending={create.isPending && create.variables.acknowledged} onConfirm={() => submit(true)()} />}
            />
            <Group>
              <Button type="submit" loading={create.isPending && !create.variables.acknowledged}>
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
