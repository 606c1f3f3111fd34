import { Checkbox, SimpleGrid, Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Catalogue, Permission } from '../../api/types';
import { catalogueName } from '../../format';
import { currentLocale } from '../../i18n/setup';

const permissionOrder: Permission[] = ['person:read', 'person:create', 'person:update', 'care_team:manage', 'episode:manage', 'referral:record', 'referral:triage', 'admission:decide', 'capacity:override', 'deadlines:oversee', 'appointment:book', 'scheduling:configure', 'services:manage', 'partners:manage', 'staff:manage', 'organization:manage'];

/**
 * Roles and disciplines as plain checkboxes: on a tablet a tap is easier than a drop-down, and each
 * role says in words what it allows.
 */
export function RoleDisciplineFields<V extends { roleIds: string[]; disciplineIds: string[] }>({ form, catalogue }: { form: UseFormReturnType<V>; catalogue: Catalogue }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const describe = (permissions: string[]) => {
    const known = permissionOrder.filter((p) => permissions.includes(p));
    // i18next reads ":" as a namespace separator, hence person_read for person:read.
    return known.length ? known.map((p) => t(`staff.permissions.${p.replace(':', '_') as 'person_read'}`)).join(' · ') : t('staff.permissions.none');
  };
  return (
    <Stack gap="lg">
      <Checkbox.Group label={t('staff.roles')} description={t('staff.rolesHelp')} required {...form.getInputProps('roleIds')}>
        <Stack gap="sm" mt="xs">
          {catalogue.roles.map((role) => (
            <Checkbox key={role.id} value={role.id} label={catalogueName(role, locale)} description={describe(role.permissions)} />
          ))}
        </Stack>
      </Checkbox.Group>
      <Checkbox.Group label={t('staff.disciplines')} description={t('staff.disciplinesHelp')} {...form.getInputProps('disciplineIds')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="xs">
          {catalogue.disciplines.map((discipline) => (
            <Checkbox key={discipline.id} value={discipline.id} label={catalogueName(discipline, locale)} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
    </Stack>
  );
}
