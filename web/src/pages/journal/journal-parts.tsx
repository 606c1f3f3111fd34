import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ConfidentialityLevel, JournalEntryKind } from '../../api/journal';

// Kinds are told apart by their words first; the colour only helps scanning a long journal.
// Dark shades under white text keep the contrast above 4.5:1.
const kindColours: Record<JournalEntryKind, string> = {
  observation: 'gray.8',
  session_note: 'blue.9',
  practical_concern: 'cyan.9',
  emerging_need: 'violet.9',
  unplanned_contact: 'teal.9',
  incident: 'pink.9',
  crisis: 'red.9',
};

export function KindBadge({ kind }: { kind: JournalEntryKind }) {
  const { t } = useTranslation();
  return (
    <Badge color={kindColours[kind]} variant="filled" radius="sm" size="lg" tt="none" className="journal-kind">
      {t(`journal.kinds.${kind}`)}
    </Badge>
  );
}

/** Who can read it, in words, with an icon that says the same (decorative: the words carry the meaning). */
export function LevelLabel({ level }: { level: ConfidentialityLevel }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap" className="journal-level" data-level={level}>
      <LevelIcon level={level} />
      <Text size="sm" span>
        {t(`journal.levelWho.${level}`)}
      </Text>
    </Group>
  );
}

function LevelIcon({ level }: { level: ConfidentialityLevel }) {
  const common = { width: 16, height: 16, viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round' as const, strokeLinejoin: 'round' as const, 'aria-hidden': true, focusable: false };
  switch (level) {
    case 'care_team':
      return (
        <svg {...common}>
          <circle cx="9" cy="8" r="3" />
          <circle cx="17" cy="9" r="2.5" />
          <path d="M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6" />
          <path d="M15 14.5c3 0 6 1.8 6 5.5" />
        </svg>
      );
    case 'restricted':
      return (
        <svg {...common}>
          <rect x="5" y="11" width="14" height="10" rx="2" />
          <path d="M8 11V8a4 4 0 0 1 8 0v3" />
        </svg>
      );
    case 'author_only':
      return (
        <svg {...common}>
          <circle cx="12" cy="8" r="4" />
          <path d="M4 21c0-4.4 3.6-8 8-8s8 3.6 8 8" />
          <path d="M17 4l3 3" />
        </svg>
      );
  }
}
