import type { UseFormReturnType } from '@mantine/form';
import { useRef, useState } from 'react';
import { ApiError } from '../api/client';

/**
 * Puts the server's field messages next to the form's fields ("body.administrator.password" becomes
 * "administrator.password"), then moves the focus to the first field in error. Returns the API field
 * names that found a field, so the general alert does not repeat them.
 */
export function applyServerErrors<Values extends Record<string, unknown>>(
  form: UseFormReturnType<Values>,
  error: unknown,
  formElement: HTMLFormElement | null,
  rename: Record<string, string> = {},
): string[] {
  if (!(error instanceof ApiError)) return [];
  const bound: string[] = [];
  const errors: Record<string, string> = {};
  for (const field of error.fieldErrors) {
    const path = rename[field.field] ?? field.field.replace(/^body\./, '');
    if (path in errors) continue;
    if (hasPath(form.getValues(), path)) {
      errors[path] = field.message;
      bound.push(field.field);
    }
  }
  if (Object.keys(errors).length > 0) {
    form.setErrors(errors);
    focusFirstInvalid(formElement);
  }
  return bound;
}

function hasPath(values: unknown, path: string): boolean {
  let current: unknown = values;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || !(part in current)) return false;
    current = (current as Record<string, unknown>)[part];
  }
  return true;
}

/** After a refused submit, the first field in error takes the focus (its message is read with it). */
export function focusFirstInvalid(formElement: HTMLFormElement | null, frames = 5): void {
  requestAnimationFrame(() => {
    const target = formElement?.querySelector<HTMLElement>('[aria-invalid="true"]');
    // After a server answer React may render the errors a frame or two later: look again briefly.
    if (target) target.focus();
    else if (frames > 1) focusFirstInvalid(formElement, frames - 1);
  });
}

/** What a form needs to show a failed request: its element (for focus) and the fields already shown. */
export function useServerErrors<Values extends Record<string, unknown>>(form: UseFormReturnType<Values>, rename: Record<string, string> = {}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [boundFields, setBoundFields] = useState<string[]>([]);
  return {
    formRef,
    boundFields,
    onServerError: (error: unknown) => setBoundFields(applyServerErrors(form, error, formRef.current, rename)),
  };
}
