// wix-authz/vite guards the runtime package's admin entry (@wix-authz/runtime/admin): browser code importing it is
// refused naming the importing file; server code and the visitor entry pass.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { wixAuthz } from "wix-authz/vite";

const ROOT = path.resolve("/app");

function context(consumer: "client" | "server") {
  const errors: string[] = [];
  return {
    errors,
    ctx: {
      error(message: string): never {
        errors.push(message);
        throw new Error(message);
      },
      resolve: async () => null,
      environment: { config: { consumer } },
    },
  };
}

describe("wix-authz/vite and @wix-authz/runtime/admin", () => {
  it("excludes the admin entry from the dependency optimizer", () => {
    expect(wixAuthz().config().optimizeDeps.exclude).toEqual(["@wix-authz/runtime/admin"]);
  });

  it("refuses it in browser code, naming the importing file", async () => {
    const plugin = wixAuthz();
    plugin.configResolved({ root: ROOT });
    const { ctx, errors } = context("client");
    await expect(
      plugin.resolveId.call(ctx, "@wix-authz/runtime/admin", path.join(ROOT, "src/main.ts"), undefined),
    ).rejects.toThrow();
    expect(errors).toEqual([
      expect.stringMatching(
        /^src\/main\.ts imports the admin runtime \(@wix-authz\/runtime\/admin\), which is server only/,
      ),
    ]);
  });

  it("lets server code import it, and browser code import the visitor entry", async () => {
    const plugin = wixAuthz();
    plugin.configResolved({ root: ROOT });
    const server = context("server");
    expect(await plugin.resolveId.call(server.ctx, "@wix-authz/runtime/admin", path.join(ROOT, "src/api.ts"))).toBe(
      null,
    );
    const client = context("client");
    expect(await plugin.resolveId.call(client.ctx, "@wix-authz/runtime", path.join(ROOT, "src/main.ts"))).toBe(null);
    expect([...server.errors, ...client.errors]).toEqual([]);
  });
});
