import { Checkbox, Input, SimpleGrid, Stack } from '@mantine/core';
import { useId, type ReactNode } from 'react';

/**
 * A group of checkboxes as a real fieldset whose legend names the question ("Modalités", "Jours de
 * présence"), so a screen reader announces it with each box. Mantine's Checkbox.Group is a labelled
 * div, not a fieldset. An error marks every box invalid and is read with each of them, and the first
 * box takes the focus after a refused submit (focusFirstInvalid looks for aria-invalid).
 */
export function CheckboxFieldset({
  legend,
  description,
  required = false,
  options,
  value,
  onChange,
  error,
  cols = { base: 1, sm: 2 },
}: {
  legend: string;
  description?: ReactNode;
  required?: boolean;
  options: { value: string; label: string }[];
  value: string[];
  onChange: (value: string[]) => void;
  error?: ReactNode;
  cols?: number | { base: number; sm?: number; md?: number };
}) {
  const id = useId();
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const toggle = (option: string, checked: boolean) => {
    // Kept in the options' order, whatever the order of the clicks.
    const next = new Set(value);
    if (checked) next.add(option);
    else next.delete(option);
    onChange(options.map((o) => o.value).filter((v) => next.has(v)));
  };
  return (
    <fieldset className="form-group choice-group" aria-describedby={descriptionId}>
      <legend>
        <Input.Label labelElement="div" required={required} size="md" mb={0}>
          {legend}
        </Input.Label>
      </legend>
      <Stack gap="xs">
        {description && (
          <Input.Description id={descriptionId} size="md">
            {description}
          </Input.Description>
        )}
        <SimpleGrid cols={cols} spacing="sm" verticalSpacing="sm">
          {options.map((option) => (
            <Checkbox
              key={option.value}
              value={option.value}
              label={option.label}
              checked={value.includes(option.value)}
              onChange={(event) => toggle(option.value, event.currentTarget.checked)}
              error={Boolean(error)}
              aria-invalid={error ? true : undefined}
              aria-describedby={errorId}
            />
          ))}
        </SimpleGrid>
        {error && (
          <Input.Error id={errorId} size="md">
            {error}
          </Input.Error>
        )}
      </Stack>
    </fieldset>
  );
}
