import { Button, Group, Input, Loader, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { PeoplePage } from '../../api/types';
import { formatDate } from '../../format';
import { currentLocale } from '../../i18n/setup';

export interface PickedPerson {
  id: string;
  label: string;
}

/**
 * Finds a person among those the user may see (their care teams) by name, alias or initials, and
 * picks one. Results are buttons in a list, so a keyboard or a screen reader goes through them as
 * usual; the count is announced.
 */
export function PersonPicker({ label, value, onChange, error, required = false, description }: { label: string; value: PickedPerson | null; onChange: (person: PickedPerson | null) => void; error?: ReactNode; required?: boolean; description?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const people = useQuery({
    queryKey: ['people', { q, category: '', picker: true }],
    queryFn: () => api.get<PeoplePage>(`/api/v1/people?${new URLSearchParams({ q, limit: '8' }).toString()}`),
    enabled: value === null && q.length >= 2,
    placeholderData: keepPreviousData,
  });
  if (value) {
    return (
      <Stack gap={4}>
        <Input.Label required={required} labelElement="div">
          {label}
        </Input.Label>
        <Group gap="sm">
          <Text fw={600} data-testid="picked-person">
            {value.label}
          </Text>
          <Button variant="default" size="sm" onClick={() => onChange(null)} aria-label={t('scheduling.picker.changeFor', { name: value.label })}>
            {t('scheduling.picker.change')}
          </Button>
        </Group>
        {error && <Input.Error>{error}</Input.Error>}
      </Stack>
    );
  }
  const items = q.length >= 2 ? (people.data?.items ?? []) : [];
  return (
    <Stack gap={6}>
      <TextInput
        type="search"
        label={label}
        description={description ?? t('scheduling.picker.help')}
        required={required}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        error={error}
        autoComplete="off"
        rightSection={people.isFetching ? <Loader size="xs" aria-hidden /> : null}
        aria-controls={`${id}-results`}
      />
      <div id={`${id}-results`}>
        <Text size="sm" c="dimmed" role="status" aria-live="polite">
          {q.length < 2 ? '' : people.isFetching && !people.data ? t('common.loading') : items.length === 0 ? t('scheduling.picker.none') : t('scheduling.picker.count', { count: items.length })}
        </Text>
        {items.length > 0 && (
          <ul className="plain-list picker-results">
            {items.map((person) => (
              <li key={person.id}>
                <UnstyledButton
                  className="picker-result"
                  onClick={() => {
                    setSearch('');
                    onChange({ id: person.id, label: person.displayName });
                  }}
                >
                  <Text fw={600} component="span">
                    {person.displayName}
                  </Text>
                  {person.birthDate && (
                    <Text size="sm" c="dimmed" component="span">
                      {' '}
                      · {t('scheduling.picker.born', { date: formatDate(person.birthDate, currentLocale()) })}
                    </Text>
                  )}
                </UnstyledButton>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Stack>
  );
}
