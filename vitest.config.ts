import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // tfjs's global engine is per process; isolate files so backends do not leak between them
    pool: 'forks',
    // vitest's default leaves one core free (one worker on a 2-core CI machine: 4.6 min); the files
    // are single-threaded compute, so one per core halves the wall time
    maxWorkers: 2,
  },
});
