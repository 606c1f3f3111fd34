import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A group of form fields ("Séances", "Capacité"…): a fieldset whose legend reads as a heading. */
export function FieldGroup({ title, description, headingOrder = 2, children }: { title: string; description?: ReactNode; headingOrder?: 2 | 3; children: ReactNode }) {
  return (
    <fieldset className="form-group">
      <legend>
        <Title order={headingOrder} size="h4">
          {title}
        </Title>
      </legend>
      <Stack gap="md">
        {description && (
          <Text size="sm" c="dimmed" mt={-8}>
            {description}
          </Text>
        )}
        {children}
      </Stack>
    </fieldset>
  );
}
