import { Input, Radio, SimpleGrid, Stack } from '@mantine/core';
import { useId, type ReactNode } from 'react';

export interface RadioOption {
  value: string;
  label: ReactNode;
  description?: ReactNode;
  disabled?: boolean;
}

/**
 * One choice among a few, as a real fieldset whose legend asks the question (Mantine's Radio.Group
 * is a labelled div). An error marks every radio invalid and is read with each of them, so the
 * first takes the focus after a refused submit (focusFirstInvalid looks for aria-invalid).
 */
export function RadioFieldset({
  legend,
  description,
  required = false,
  name,
  options,
  value,
  onChange,
  error,
  cols = 1,
  legendSize = 'md',
  testId,
}: {
  legend: ReactNode;
  description?: ReactNode;
  required?: boolean;
  /** Radios of one group share a name (arrow keys move within it). */
  name?: string;
  options: RadioOption[];
  value: string;
  onChange: (value: string) => void;
  error?: ReactNode;
  cols?: number | { base: number; sm?: number; md?: number };
  legendSize?: 'sm' | 'md';
  testId?: string;
}) {
  const id = useId();
  const groupName = name ?? `radio-${id}`;
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset className="form-group" aria-describedby={descriptionId} data-testid={testId}>
      <legend>
        <Input.Label labelElement="div" required={required} size={legendSize} mb={0}>
          {legend}
        </Input.Label>
      </legend>
      <Stack gap="xs">
        {description && (
          <Input.Description id={descriptionId} size={legendSize}>
            {description}
          </Input.Description>
        )}
        <SimpleGrid cols={cols} spacing="sm" verticalSpacing="sm">
          {options.map((option) => (
            <Radio
              key={option.value}
              name={groupName}
              value={option.value}
              label={option.label}
              description={option.description}
              disabled={option.disabled}
              checked={value === option.value}
              onChange={(event) => {
                if (event.currentTarget.checked) onChange(option.value);
              }}
              error={Boolean(error)}
              aria-invalid={error ? true : undefined}
              aria-describedby={errorId}
            />
          ))}
        </SimpleGrid>
        {error && (
          <Input.Error id={errorId} size={legendSize}>
            {error}
          </Input.Error>
        )}
      </Stack>
    </fieldset>
  );
}
