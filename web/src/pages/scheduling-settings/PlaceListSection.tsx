import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Section } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../admissions/ScrollTable';

interface Place {
  id: string;
  name: string;
  archivedAt?: string | null;
}

/**
 * A titled list of the structure's places or bookable things (sites, rooms and equipment): a table
 * whose rows are named by their first cell, an "add" button, and for the coordination a change
 * dialog and an archive confirmation per row. After a dialog, the focus returns to the add button
 * when what had it is gone.
 */
export function PlaceListSection<T extends Place>(props: {
  id: string;
  title: string;
  description: string;
  addLabel: string;
  emptyText: string;
  manage: boolean;
  /** Undefined while loading; archived items are left out. */
  items: T[] | undefined;
  error: unknown;
  minWidth: number;
  rowTestId: string;
  /** Column headers after the first (the name). */
  headers: string[];
  renderName: (item: T) => ReactNode;
  renderCells: (item: T) => ReactNode;
  /** The form to create (null) or change an item. */
  renderDialog: (item: T | null, onClose: () => void) => ReactNode;
  archive: { path: (item: T) => string; queryKeys: readonly (readonly unknown[])[]; title: (item: T) => string; text: (item: T) => string };
  /** Shown under the list (the travel times under the sectors). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { items, error, manage } = props;
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const [archiving, setArchiving] = useState<T | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const refocus = () =>
    window.setTimeout(() => {
      if (!document.activeElement || document.activeElement === document.body) addButton.current?.focus();
    }, 60);
  const active = items?.filter((item) => !item.archivedAt) ?? [];
  return (
    <Section
      id={props.id}
      title={props.title}
      description={props.description}
      action={
        manage && (
          <Button ref={addButton} variant="default" onClick={() => setEditing('new')}>
            {props.addLabel}
          </Button>
        )
      }
    >
      {error ? (
        <ProblemAlert error={error} />
      ) : !items ? (
        <Loading />
      ) : active.length === 0 ? (
        <Text c="dimmed">{props.emptyText}</Text>
      ) : (
        <ScrollTable minWidth={props.minWidth} label={props.title}>
          <Table verticalSpacing="sm" aria-label={props.title}>
            <Table.Thead>
              <Table.Tr>
                {props.headers.map((header) => (
                  <Table.Th key={header} scope="col">
                    {header}
                  </Table.Th>
                ))}
                {manage && (
                  <Table.Th scope="col" className="table-cell-actions">
                    {t('common.actions')}
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {active.map((item) => (
                <Table.Tr key={item.id} data-testid={props.rowTestId}>
                  <Table.Th scope="row">{props.renderName(item)}</Table.Th>
                  {props.renderCells(item)}
                  {manage && (
                    <Table.Td className="table-cell-actions">
                      <Group gap="xs" justify="flex-end">
                        <Button size="sm" variant="default" onClick={() => setEditing(item)} aria-label={t('schedulingSettings.editFor', { name: item.name })}>
                          {t('common.edit')}
                        </Button>
                        <Button size="sm" variant="default" onClick={() => setArchiving(item)} aria-label={t('schedulingSettings.archiveFor', { name: item.name })}>
                          {t('schedulingSettings.archive')}
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {props.children}
      {editing &&
        props.renderDialog(editing === 'new' ? null : editing, () => {
          setEditing(null);
          refocus();
        })}
      {archiving && (
        <ArchivePlaceDialog
          path={props.archive.path(archiving)}
          queryKeys={props.archive.queryKeys}
          title={props.archive.title(archiving)}
          text={props.archive.text(archiving)}
          done={t('schedulingSettings.archived', { name: archiving.name })}
          onClose={() => {
            setArchiving(null);
            refocus();
          }}
        />
      )}
    </Section>
  );
}

/** Archiving (PATCH archived) takes a site or a resource out of the choices; appointments already booked keep it. */
function ArchivePlaceDialog({ path, queryKeys, title, text, done, onClose }: { path: string; queryKeys: readonly (readonly unknown[])[]; title: string; text: string; done: string; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const archive = useMutation({
    mutationFn: () => api.patch(path, { archived: true }),
    onSuccess: async () => {
      for (const queryKey of queryKeys) await client.invalidateQueries({ queryKey });
      notify(done);
      onClose();
    },
  });
  return (
    <ConfirmDialog opened title={title} confirmLabel={t('schedulingSettings.archive')} danger pending={archive.isPending} error={archive.error} onConfirm={() => archive.mutate()} onClose={onClose}>
      {text}
    </ConfirmDialog>
  );
}

/** The dialog that creates or changes a place: its fields, the server's refusal next to the buttons, cancel and save. */
export function PlaceFormDialog({
  title,
  size,
  formRef,
  onSubmit,
  error,
  boundFields,
  pending,
  onClose,
  children,
}: {
  title: string;
  size?: string;
  formRef: RefObject<HTMLFormElement | null>;
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  error: unknown;
  boundFields: string[];
  pending: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={title} centered size={size} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form ref={formRef} noValidate onSubmit={onSubmit}>
        <Stack>
          {children}
          <ProblemAlert error={error} boundFields={boundFields} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
