import { Button, Checkbox, Group, NativeSelect, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue } from '../../api/catalogue';
import { useStaffDirectory } from '../../api/episodes';
import { useRelatives, type Participant } from '../../api/plan-assessments';
import type { DirectoryEntry } from '../../api/types';
import { CheckboxFieldset } from '../../components/CheckboxFieldset';
import { FieldGroup } from '../../components/FieldGroup';
import { catalogueName, fullName } from '../../format';
import { currentLocale } from '../../i18n/setup';

/** Who took part, as a form edits it: the person, relatives by id, professionals with their discipline, others by name. */
export interface ParticipantsValue extends Record<string, unknown> {
  person: boolean;
  relativeIds: string[];
  staff: { staffMemberId: string; disciplineId: string }[];
  /** One name per line. */
  others: string;
}

export const maxParticipants = 30;

export function participantsValue(participants: Participant[]): ParticipantsValue {
  return {
    person: participants.some((p) => p.kind === 'person'),
    relativeIds: participants.filter((p) => p.kind === 'relative' && p.relativeId).map((p) => p.relativeId!),
    staff: participants.filter((p) => p.kind === 'staff' && p.staffMemberId).map((p) => ({ staffMemberId: p.staffMemberId!, disciplineId: p.disciplineId ?? '' })),
    others: participants
      .filter((p) => p.kind === 'other' && p.name)
      .map((p) => p.name!)
      .join('\n'),
  };
}

/** The person and the user (in their first discipline) took part, unless the form says otherwise. */
export function defaultParticipants(me: DirectoryEntry | undefined): ParticipantsValue {
  return { person: true, relativeIds: [], staff: me ? [{ staffMemberId: me.id, disciplineId: me.disciplineIds[0] ?? '' }] : [], others: '' };
}

export function otherNames(value: ParticipantsValue): string[] {
  return value.others
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export function toParticipants(value: ParticipantsValue): Participant[] {
  return [
    ...(value.person ? [{ kind: 'person' as const }] : []),
    ...value.relativeIds.map((relativeId) => ({ kind: 'relative' as const, relativeId })),
    ...value.staff.map((s) => ({ kind: 'staff' as const, staffMemberId: s.staffMemberId, disciplineId: s.disciplineId || null })),
    ...otherNames(value).map((name) => ({ kind: 'other' as const, name: name.slice(0, 150) })),
  ];
}

/** The check the server would make, said earlier: at most 30 participants in all. */
export function participantsError(value: ParticipantsValue, t: (key: string, options?: Record<string, unknown>) => string): string | null {
  return toParticipants(value).length > maxParticipants ? t('plans.assessments.participants.tooMany', { max: maxParticipants }) : null;
}

/**
 * Who took part in an assessment or an evaluation: the person (named), their relatives from the
 * circle, professionals chosen from the structure's directory with the discipline they came in, and
 * anyone else by name. No drag and drop, no combobox: checkboxes, a select and buttons.
 */
export function ParticipantsFields({ personId, personName, value, onChange, error }: { personId: string; personName: string; value: ParticipantsValue; onChange: (value: ParticipantsValue) => void; error?: string | null }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const relatives = useRelatives(personId);
  const directory = useStaffDirectory();
  const catalogue = useCatalogue();
  const [adding, setAdding] = useState('');
  const addSelect = useRef<HTMLSelectElement>(null);
  const staff = directory.data ?? [];
  const disciplines = catalogue.data?.disciplines ?? [];
  const chosen = new Set(value.staff.map((s) => s.staffMemberId));
  const available = staff.filter((s) => !chosen.has(s.id)).sort((a, b) => a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr'));
  const nameOf = (id: string) => {
    const member = staff.find((s) => s.id === id);
    return member ? fullName(member) : t('plans.assessments.participants.unknownStaff');
  };
  const set = (changes: Partial<ParticipantsValue>) => onChange({ ...value, ...changes });
  const add = () => {
    const member = staff.find((s) => s.id === adding);
    if (!member) return;
    set({ staff: [...value.staff, { staffMemberId: member.id, disciplineId: member.disciplineIds[0] ?? '' }] });
    setAdding('');
    addSelect.current?.focus();
  };
  const disciplineChoices = (member: DirectoryEntry | undefined) => {
    // Their own disciplines first; any other may be chosen (someone may come in another capacity).
    const own = new Set(member?.disciplineIds ?? []);
    const sorted = [...disciplines].sort((a, b) => Number(own.has(b.id)) - Number(own.has(a.id)) || catalogueName(a, locale).localeCompare(catalogueName(b, locale), locale));
    return [{ value: '', label: t('plans.assessments.participants.noDiscipline') }, ...sorted.map((d) => ({ value: d.id, label: catalogueName(d, locale) }))];
  };
  return (
    <FieldGroup title={t('plans.assessments.participants.title')} description={t('plans.assessments.participants.help')} headingOrder={3}>
      <Checkbox label={t('plans.assessments.participants.person', { name: personName })} checked={value.person} onChange={(event) => set({ person: event.currentTarget.checked })} />
      {relatives.data && relatives.data.length > 0 ? (
        <CheckboxFieldset
          legend={t('plans.assessments.participants.relatives')}
          options={relatives.data.map((r) => ({ value: r.id, label: `${fullName(r)} (${t(`circle.relationships.${r.relationship}`)})` }))}
          value={value.relativeIds}
          onChange={(relativeIds) => set({ relativeIds })}
        />
      ) : (
        relatives.data && (
          <Text size="sm" c="dimmed">
            {t('plans.assessments.participants.noRelatives')}
          </Text>
        )
      )}
      <fieldset className="form-group">
        <legend>
          <Text fw={600} size="md">
            {t('plans.assessments.participants.staff')}
          </Text>
        </legend>
        <Stack gap="sm">
          {value.staff.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('plans.assessments.participants.staffEmpty')}
            </Text>
          ) : (
            <ul className="plain-list">
              {value.staff.map((s, index) => {
                const name = nameOf(s.staffMemberId);
                return (
                  <Paper component="li" key={s.staffMemberId} withBorder radius="md" p="sm" data-testid="participant-staff">
                    <Group align="flex-end" justify="space-between" gap="sm" wrap="wrap">
                      <NativeSelect
                        label={t('plans.assessments.participants.disciplineOf', { name })}
                        data={disciplineChoices(staff.find((m) => m.id === s.staffMemberId))}
                        value={s.disciplineId}
                        onChange={(event) => set({ staff: value.staff.map((x, i) => (i === index ? { ...x, disciplineId: event.currentTarget.value } : x)) })}
                        flex="1 1 260px"
                      />
                      <Button
                        variant="default"
                        onClick={() => {
                          set({ staff: value.staff.filter((_, i) => i !== index) });
                          addSelect.current?.focus();
                        }}
                        aria-label={t('plans.assessments.participants.removeFor', { name })}
                      >
                        {t('plans.assessments.participants.remove')}
                      </Button>
                    </Group>
                  </Paper>
                );
              })}
            </ul>
          )}
          <Group align="flex-end" gap="sm" wrap="wrap">
            <NativeSelect
              ref={addSelect}
              label={t('plans.assessments.participants.addStaff')}
              data={[{ value: '', label: t('plans.assessments.participants.choose') }, ...available.map((s) => ({ value: s.id, label: fullName(s) }))]}
              value={adding}
              onChange={(event) => setAdding(event.currentTarget.value)}
              flex="1 1 260px"
            />
            <Button variant="default" onClick={add} disabled={!adding}>
              {t('plans.assessments.participants.add')}
            </Button>
          </Group>
        </Stack>
      </fieldset>
      <Textarea
        label={t('plans.assessments.participants.others')}
        description={t('plans.assessments.participants.othersHelp')}
        autosize
        minRows={2}
        maxRows={6}
        maxLength={2000}
        value={value.others}
        onChange={(event) => set({ others: event.currentTarget.value })}
        error={error ?? undefined}
      />
    </FieldGroup>
  );
}

/** Names the participants of a saved assessment or evaluation: "Éloïse Lambert (la personne), Julien Perrin (éducateur)…". */
export function useParticipantNames(personId: string, personName: string): (participants: Participant[]) => string[] {
  const { t } = useTranslation();
  const locale = currentLocale();
  const relatives = useRelatives(personId);
  const directory = useStaffDirectory();
  const catalogue = useCatalogue();
  return (participants) =>
    participants.map((p) => {
      switch (p.kind) {
        case 'person':
          return t('plans.assessments.participants.personShort', { name: personName });
        case 'relative': {
          const relative = relatives.data?.find((r) => r.id === p.relativeId);
          return relative ? `${fullName(relative)} (${t(`circle.relationships.${relative.relationship}`)})` : (p.name ?? t('plans.assessments.participants.unknownRelative'));
        }
        case 'staff': {
          const member = directory.data?.find((s) => s.id === p.staffMemberId);
          const name = member ? fullName(member) : (p.name ?? t('plans.assessments.participants.unknownStaff'));
          const discipline = catalogue.data?.disciplines.find((d) => d.id === p.disciplineId);
          return discipline ? `${name} (${catalogueName(discipline, locale)})` : name;
        }
        case 'other':
          return p.name ?? t('plans.assessments.participants.unknownOther');
      }
    });
}
