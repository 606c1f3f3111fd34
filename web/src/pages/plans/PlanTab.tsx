import { Text } from '@mantine/core';
import type { EpisodeView } from './EpisodePage';

// Being written (issue 4): the helper who owns this tab replaces this file.
export function PlanTab({ episode }: { episode: EpisodeView }) {
  return <Text c="dimmed">{episode.serviceName}</Text>;
}
