import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Generous: some tests start the CLI or the bot as processes, and CI machines are shared (2 cores).
    testTimeout: 60_000,
    pool: "forks",
  },
});
