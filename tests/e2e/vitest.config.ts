import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Browser journeys: each file starts the real built server on a fresh data directory and drives
// Chromium through it. No shared database set-up (the unit suite's globalSetup is not used here).
export default defineConfig({
  root,
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    env: { TZ: 'UTC' },
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
