import { Badge } from '@mantine/core';
import type { DeadlineStatus } from '../../api/plan-assessments';
import { deadlineColor, useDeadlineStatusText } from './follow-up-words';

/** A deadline's status as a badge whose words say it all ("En retard de 25 jours"); the colour only repeats them. */
export function DeadlineBadge({ deadline }: { deadline: { status: DeadlineStatus; daysLeft: number | null; doneOn?: string | null } }) {
  const statusText = useDeadlineStatusText();
  const { color, variant } = deadlineColor[deadline.status];
  return (
    <Badge color={color} variant={variant} size="lg" radius="sm" tt="none" data-status={deadline.status} className="deadline-badge">
      {statusText(deadline)}
    </Badge>
  );
}
