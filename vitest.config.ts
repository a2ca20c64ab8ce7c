import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration files each create their own databases; two cores, so keep it modest.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
