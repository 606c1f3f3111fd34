import { Group, Text } from '@mantine/core';

/** The Relais mark and name (decorative: the page's heading says where the user is). */
export function Brand({ subtitle }: { subtitle?: string }) {
  return (
    <Group gap="sm" wrap="nowrap" miw={0}>
      <img src="/favicon.svg" alt="" className="brand-mark" />
      <div style={{ minWidth: 0 }}>
        <Text fw={700} size="lg" lh={1.2}>
          Relais
        </Text>
        {subtitle && (
          <Text size="sm" c="dimmed" truncate="end" lh={1.3}>
            {subtitle}
          </Text>
        )}
      </div>
    </Group>
  );
}
