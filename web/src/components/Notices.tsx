import { CloseButton, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Notice {
  id: number;
  message: string;
  tone: 'success' | 'info';
}

const NoticeContext = createContext<(message: string, tone?: Notice['tone']) => void>(() => undefined);

/** Confirms what just happened ("Invitation créée"), read out by screen readers, then fades after a while. */
export function useNotify() {
  return useContext(NoticeContext);
}

export function NoticeProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  const notify = useCallback(
    (message: string, tone: Notice['tone'] = 'success') => {
      const id = nextId.current++;
      setNotices((list) => [...list.slice(-2), { id, message, tone }]);
      window.setTimeout(() => dismiss(id), 8000);
    },
    [dismiss],
  );
  const value = useMemo(() => notify, [notify]);
  return (
    <NoticeContext.Provider value={value}>
      {children}
      {/* The live region is always present so that additions to it are announced. */}
      <div className="notice-region" role="status" aria-live="polite">
        <Stack gap="xs">
          {notices.map((notice) => (
            <Paper key={notice.id} shadow="md" radius="md" p="sm" withBorder className={`notice notice-${notice.tone}`}>
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon color={notice.tone === 'success' ? 'green' : 'relais'} variant="light" radius="xl" size="md" aria-hidden>
                  {notice.tone === 'success' ? '✓' : 'i'}
                </ThemeIcon>
                <Text size="sm" flex={1}>
                  {notice.message}
                </Text>
                <CloseButton size="sm" aria-label={t('common.closeNotice')} onClick={() => dismiss(notice.id)} />
              </Group>
            </Paper>
          ))}
        </Stack>
      </div>
    </NoticeContext.Provider>
  );
}
