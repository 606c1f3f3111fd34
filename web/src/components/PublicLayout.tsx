import { Container, Group, Paper } from '@mantine/core';
import type { ReactNode } from 'react';
import { Brand } from './Brand';
import { LanguageSwitch } from './LanguageSwitch';
import { SkipLink } from './SkipLink';

/** Pages before the user is inside: set-up, sign-in, invitation. One calm card in the middle. */
export function PublicLayout({ children, width = 560 }: { children: ReactNode; width?: number }) {
  return (
    <>
      <SkipLink />
      <header className="app-header">
        <Container size="lg" py="sm">
          <Group justify="space-between" wrap="nowrap">
            <Brand />
            <LanguageSwitch />
          </Group>
        </Container>
      </header>
      <main id="main" tabIndex={-1}>
        <Container size={width} py="xl">
          <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} shadow="xs">
            {children}
          </Paper>
        </Container>
      </main>
    </>
  );
}
