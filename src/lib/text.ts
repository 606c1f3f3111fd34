/**
 * An optional text field as stored: undefined (not given: leave it) stays undefined; null, empty or
 * blank becomes null; anything else is trimmed.
 */
export function optionalText(value: string | null | undefined): string | null | undefined {
  return value === undefined ? undefined : value?.trim() || null;
}
