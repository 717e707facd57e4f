import { defineConfig } from 'vitest/config'

// The soak under faults (test/soak): bounded, loopback only, run by `npm run test:soak` and CI.
export default defineConfig({
  test: {
    include: ['test/soak/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    // One file, one process: the five services share the machine's cores as they would in CI.
    fileParallelism: false,
  },
})
