import type { RefObject } from 'react';

/**
 * After a dialog closes or a row leaves a list, the focus may be left on nothing: this returns it to
 * a stable button (the section's "add" button) so keyboard users keep their place.
 */
export function useFocusAfterClose(fallback: RefObject<HTMLElement | null>) {
  return () =>
    window.setTimeout(() => {
      if (!document.activeElement || document.activeElement === document.body) fallback.current?.focus();
    }, 60);
}
