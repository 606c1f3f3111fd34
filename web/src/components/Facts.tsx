import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled card of a read-only page; the title names the region for screen readers. */
export function Section({ id, title, children, description, action }: { id: string; title: string; children: ReactNode; description?: string; action?: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={id}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4}>
          <Title order={2} size="h3" id={id}>
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </Stack>
        {action}
      </Group>
      <Stack mt="md">{children}</Stack>
    </Card>
  );
}

/** One labelled value of a description list; `empty` says in words what is missing. */
export function Fact({ label, children, empty }: { label: string; children: ReactNode; empty?: string }) {
  const missing = children === null || children === undefined || children === '';
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fw={missing ? 400 : 600} c={missing ? 'dimmed' : undefined} className="keep-lines">
        {missing ? empty : children}
      </Text>
    </div>
  );
}

/** A grid of facts, under a small heading when given. */
export function FactGroup({ title, children }: { title?: string; children: ReactNode }) {
  const grid = (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md" verticalSpacing="sm" component="dl" className="facts" m={0}>
      {children}
    </SimpleGrid>
  );
  if (!title) return grid;
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {title}
      </Title>
      {grid}
    </Stack>
  );
}
