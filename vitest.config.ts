// Test runner config: tests run on the TypeScript sources through the package's wix-authz-source condition.
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["wix-authz-source"] },
  ssr: { resolve: { conditions: ["wix-authz-source"] } },
  test: {
    // The product suite (test/) and the tools' own tests beside them (bench/, scripts/).
    include: ["test/**/*.test.ts", "bench/**/*.test.ts", "scripts/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
