// End-to-end test config (`npm run test:e2e`): headless Chromium against the emulator; run on sources like vitest.config.ts.
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["wix-authz-source"] },
  ssr: { resolve: { conditions: ["wix-authz-source"] } },
  test: {
    include: ["test/e2e/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
