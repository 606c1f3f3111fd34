/**
 * Runs `work` now, then `intervalMs` after each run ends (runs never overlap), until stopped; stopping
 * waits for a run in progress. For in-process periodic work whose state lives in the database.
 */
export function repeatEvery(intervalMs: number, work: () => Promise<unknown>, onError: (error: unknown) => void): { stop: () => Promise<void> } {
  let running = true;
  let current: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (!running) return;
    current = work().catch(onError);
    await current;
    if (running) timer = setTimeout(() => void tick(), intervalMs);
  };
  let timer: NodeJS.Timeout = setTimeout(() => void tick(), 0);
  return {
    stop: async () => {
      running = false;
      clearTimeout(timer);
      await current;
    },
  };
}
