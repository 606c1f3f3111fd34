import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { randomId } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { CatalogueEntry, DirectoryEntry } from '../../api/types';
import { catalogueName } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { StaffSelect } from '../admissions/StaffSelect';

export interface StaffNeedValues {
  key: string;
  /** A named colleague, or anyone of a discipline. */
  mode: 'staff' | 'discipline';
  staffId: string;
  disciplineId: string;
}

export const newStaffNeed = (staffId = ''): StaffNeedValues => ({ key: randomId('need-'), mode: 'staff', staffId, disciplineId: '' });

export const maxStaffNeeds = 5;

/** Who the session needs: one row per professional, each a named colleague or "any practitioner of discipline X". */
export function StaffNeedsFieldset({
  needs,
  staff,
  disciplines,
  errors,
  onChange,
}: {
  needs: StaffNeedValues[];
  staff: DirectoryEntry[];
  disciplines: CatalogueEntry[];
  errors: Record<number, string>;
  onChange: (needs: StaffNeedValues[]) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const update = (index: number, change: Partial<StaffNeedValues>) => onChange(needs.map((need, i) => (i === index ? { ...need, ...change } : need)));
  return (
    <fieldset className="form-group">
      <legend>
        <Title order={2} size="h4">
          {t('schedulingSettings.finder.staffTitle')}
        </Title>
      </legend>
      <Stack gap="sm">
        <Text size="sm" c="dimmed" mt={-8}>
          {t('schedulingSettings.finder.staffHelp')}
        </Text>
        {needs.map((need, index) => {
          const n = index + 1;
          return (
            <Paper key={need.key} withBorder radius="md" p="sm" role="group" aria-label={t('schedulingSettings.finder.needLabel', { n })} data-testid="staff-need">
              <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
                <NativeSelect
                  label={t('schedulingSettings.finder.needMode')}
                  data={[
                    { value: 'staff', label: t('schedulingSettings.finder.modeStaff') },
                    { value: 'discipline', label: t('schedulingSettings.finder.modeDiscipline') },
                  ]}
                  value={need.mode}
                  onChange={(e) => update(index, { mode: e.currentTarget.value as StaffNeedValues['mode'] })}
                />
                {need.mode === 'staff' ? (
                  <StaffSelect
                    staff={staff}
                    label={t('schedulingSettings.finder.colleague')}
                    required
                    value={need.staffId}
                    onChange={(e) => update(index, { staffId: e.currentTarget.value })}
                    error={errors[index]}
                    aria-invalid={errors[index] ? true : undefined}
                  />
                ) : (
                  <NativeSelect
                    label={t('schedulingSettings.finder.discipline')}
                    required
                    data={[{ value: '', label: t('schedulingSettings.finder.chooseDiscipline') }, ...disciplines.map((d) => ({ value: d.id, label: catalogueName(d, locale) }))]}
                    value={need.disciplineId}
                    onChange={(e) => update(index, { disciplineId: e.currentTarget.value })}
                    error={errors[index]}
                    aria-invalid={errors[index] ? true : undefined}
                  />
                )}
              </SimpleGrid>
              {needs.length > 1 && (
                <Group justify="flex-end" mt="xs">
                  <Button size="sm" variant="default" onClick={() => onChange(needs.filter((_, i) => i !== index))} aria-label={t('schedulingSettings.finder.removeNeed', { n })}>
                    {t('editableList.remove')}
                  </Button>
                </Group>
              )}
            </Paper>
          );
        })}
        <Button variant="default" w="fit-content" disabled={needs.length >= maxStaffNeeds} onClick={() => onChange([...needs, newStaffNeed()])}>
          {t('schedulingSettings.finder.addNeed')}
        </Button>
      </Stack>
    </fieldset>
  );
}
