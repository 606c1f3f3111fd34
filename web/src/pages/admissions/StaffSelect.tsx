import { NativeSelect, type NativeSelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DirectoryEntry } from '../../api/types';
import { fullName } from '../../format';

/** A colleague chosen from the structure's active staff (a référent, a coordinator), by name. */
export function StaffSelect({ staff, placeholder, ...props }: { staff: DirectoryEntry[]; placeholder?: string } & Omit<NativeSelectProps, 'data'>) {
  const { t } = useTranslation();
  const sorted = [...staff].sort((a, b) => a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr'));
  return <NativeSelect data={[{ value: '', label: placeholder ?? t('admissions.admit.choose') }, ...sorted.map((s) => ({ value: s.id, label: fullName(s) }))]} {...props} />;
}
