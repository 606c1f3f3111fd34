import { Alert, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { Violation } from '../../api/scheduling';

/**
 * Why a booking or a move is refused, rule by rule, in the server's plain words. The server's refusal
 * (a 412 says who changed the appointment and when) shows with its occurrence sentence.
 */
export function Refusal({ title, violations, error }: { title: string; violations: Violation[]; error?: unknown }) {
  const { t } = useTranslation();
  const apiError = error instanceof ApiError ? error : null;
  if (violations.length === 0 && !error) return null;
  return (
    <Alert color="red" variant="light" role="alert" title={title} data-testid="booking-refusal">
      {violations.length > 0 ? (
        <List size="sm" spacing={4}>
          {violations.map((v) => (
            <List.Item key={`${v.code}-${v.message}`}>{v.message}</List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm">
          {apiError ? apiError.problem.title : t('errors.unexpected')}
          {apiError?.problem.detail ? ` ${apiError.problem.detail}` : ''}
        </Text>
      )}
    </Alert>
  );
}
