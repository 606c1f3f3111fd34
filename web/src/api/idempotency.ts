import { useRef } from 'react';

/**
 * A fresh idempotency key. crypto.randomUUID exists only on secure pages (HTTPS, localhost); a
 * tablet reaching the server by its address on the local network still gets a random key.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One key per submission: sending the same body again (a retry after a network failure, a double
 * tap) reuses its key, so the server acts once; a changed body is a new submission with a new key
 * (the server refuses a key reused for another body). `done` forgets the key after a success.
 */
export function useIdempotencyKey() {
  const last = useRef<{ body: string; key: string } | null>(null);
  return {
    keyFor(body: unknown): string {
      const text = JSON.stringify(body);
      if (last.current?.body !== text) last.current = { body: text, key: newIdempotencyKey() };
      return last.current.key;
    },
    done(): void {
      last.current = null;
    },
  };
}
