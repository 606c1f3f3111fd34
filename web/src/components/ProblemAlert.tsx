import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/**
 * The error of a failed request, in the user's language (the server writes the title). Field
 * messages that have a field on the form are shown next to it; the others are listed here.
 */
export function ProblemAlert({ error, boundFields = [], title }: { error: unknown; boundFields?: string[]; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const unbound = apiError?.fieldErrors.filter((f) => !boundFields.includes(f.field)) ?? [];
  let message = apiError ? apiError.problem.title : t('errors.unexpected');
  if (apiError?.code === 'rate_limited' && apiError.retryAfterSeconds) {
    message = `${message} ${t('errors.retryIn', { count: Math.max(1, Math.ceil(apiError.retryAfterSeconds / 60)) })}`;
  }
  return (
    <Alert color="red" variant="light" role="alert" title={title ?? message} className="problem-alert">
      {title ? message : null}
      {unbound.length > 0 && (
        <List size="sm" mt={title ? 'xs' : 0}>
          {unbound.map((f) => (
            <List.Item key={`${f.field}-${f.message}`}>{f.message}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
