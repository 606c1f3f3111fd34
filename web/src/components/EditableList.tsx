import { Button, Group, Paper, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface EditableListLabels {
  /** The legend of an entry, by position from 1: "Phase 2". */
  legend: (position: number) => string;
  /** The entry in a sentence, by position from 1: "la phase 2" (in "Monter la phase 2"). */
  item: (position: number) => string;
  add: string;
}

type PendingFocus = { kind: 'button'; key: string; action: 'up' | 'down' } | { kind: 'entry'; index: number } | null;

/**
 * An ordered list the user edits in place: each entry is a fieldset named by its position, with
 * buttons to move it up or down and to remove it (no drag and drop: the buttons work with a
 * keyboard, a switch or a screen reader). After a move the focus stays with the moved entry's
 * button and the new position is announced; after an addition or a removal it goes to the fields
 * of the entry now in that place.
 */
export function EditableList<T>({
  items,
  getKey,
  labels,
  max,
  onAdd,
  onMove,
  onRemove,
  renderItem,
  empty,
}: {
  items: T[];
  getKey: (item: T) => string;
  labels: EditableListLabels;
  max: number;
  onAdd: () => void;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
  renderItem: (item: T, index: number) => ReactNode;
  /** Shown instead of the list when it has no entry. */
  empty?: ReactNode;
}) {
  const { t } = useTranslation();
  const [announcement, setAnnouncement] = useState('');
  const pending = useRef<PendingFocus>(null);
  const buttons = useRef(new Map<string, HTMLElement>());
  const entries = useRef(new Map<string, HTMLElement>());
  const addButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const target = pending.current;
    if (!target) return;
    pending.current = null;
    if (target.kind === 'button') {
      const wanted = buttons.current.get(`${target.key}:${target.action}`);
      // At the top or the bottom the pressed button is disabled: its neighbour takes the focus.
      const fallback = buttons.current.get(`${target.key}:${target.action === 'up' ? 'down' : 'up'}`);
      (wanted && !wanted.hasAttribute('disabled') ? wanted : fallback)?.focus();
      return;
    }
    const item = items[Math.min(target.index, items.length - 1)];
    const entry = item === undefined ? undefined : entries.current.get(getKey(item));
    const field = entry?.querySelector<HTMLElement>('input, textarea, select');
    (field ?? addButton.current)?.focus();
  }, [items, getKey]);

  const move = (index: number, action: 'up' | 'down') => {
    const item = items[index];
    if (item === undefined) return;
    const to = action === 'up' ? index - 1 : index + 1;
    if (to < 0 || to >= items.length) return;
    pending.current = { kind: 'button', key: getKey(item), action };
    onMove(index, to);
    setAnnouncement(t('editableList.moved', { position: to + 1, total: items.length }));
  };
  const remove = (index: number) => {
    pending.current = { kind: 'entry', index };
    onRemove(index);
    setAnnouncement(t('editableList.removed', { count: items.length - 1 }));
  };
  const add = () => {
    pending.current = { kind: 'entry', index: items.length };
    onAdd();
    setAnnouncement('');
  };
  const full = items.length >= max;
  const register = (map: Map<string, HTMLElement>, key: string) => (element: HTMLElement | null) => {
    if (element) map.set(key, element);
    else map.delete(key);
  };

  return (
    <Stack gap="sm">
      {items.length === 0 ? (
        empty
      ) : (
        <ol className="plain-list">
          {items.map((item, index) => {
            const key = getKey(item);
            const position = index + 1;
            return (
              <Paper component="li" key={key} withBorder radius="md" p="md" ref={register(entries.current, key)} data-testid="editable-entry">
                <fieldset className="form-group">
                  <legend>
                    <Text fw={650} size="sm">
                      {labels.legend(position)}
                    </Text>
                  </legend>
                  <Stack gap="sm">
                    {renderItem(item, index)}
                    <Group gap="xs" justify="flex-end">
                      <Button
                        size="sm"
                        variant="default"
                        ref={register(buttons.current, `${key}:up`)}
                        disabled={index === 0}
                        onClick={() => move(index, 'up')}
                        aria-label={t('editableList.moveUpItem', { item: labels.item(position) })}
                        leftSection={<span aria-hidden="true">↑</span>}
                      >
                        {t('editableList.moveUp')}
                      </Button>
                      <Button
                        size="sm"
                        variant="default"
                        ref={register(buttons.current, `${key}:down`)}
                        disabled={index === items.length - 1}
                        onClick={() => move(index, 'down')}
                        aria-label={t('editableList.moveDownItem', { item: labels.item(position) })}
                        leftSection={<span aria-hidden="true">↓</span>}
                      >
                        {t('editableList.moveDown')}
                      </Button>
                      <Button size="sm" variant="default" onClick={() => remove(index)} aria-label={t('editableList.removeItem', { item: labels.item(position) })}>
                        {t('editableList.remove')}
                      </Button>
                    </Group>
                  </Stack>
                </fieldset>
              </Paper>
            );
          })}
        </ol>
      )}
      <Group gap="sm" align="center">
        <Button ref={addButton} variant="default" onClick={add} disabled={full} w="fit-content">
          {labels.add}
        </Button>
        {full && (
          <Text size="sm" c="dimmed">
            {t('editableList.full', { max })}
          </Text>
        )}
      </Group>
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
    </Stack>
  );
}
