// Admin clients: API key + exactly one tenant header, and the two-layer server-only boundary.

import { fileURLToPath } from "node:url";
import { build, type BuildFailure } from "esbuild";
import { afterEach, describe, expect, it } from "vitest";
import { createAdminRuntime, type AdminOptions } from "@wix-authz/runtime/admin";
import { WixConfigError } from "@wix-authz/runtime";
import { API_KEY, fakeFetch, json, table, type TestClient } from "./helpers.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

describe("admin credentials", () => {
  it.each([
    [{ siteId: "site-1" }, { "wix-site-id": "site-1" }, "wix-account-id"],
    [{ accountId: "acc-1" }, { "wix-account-id": "acc-1" }, "wix-site-id"],
  ])("sends the raw key and only the %o header", async (tenant, expected, absent) => {
    const fetch = fakeFetch({ "DELETE /stores/v1/products/p": () => json(200, {}) });
    const admin = createAdminRuntime<TestClient>({ apiKey: API_KEY, fetch, ...tenant } as AdminOptions, table);
    await admin.stores.products.deleteProduct(
      { id: "p" },
      { headers: { authorization: "Bearer stolen", "x-trace": "1" } },
    );
    expect(fetch.calls[0]?.headers).toMatchObject({ authorization: API_KEY, "x-trace": "1", ...expected });
    expect(fetch.calls[0]?.headers[absent]).toBeUndefined();
  });

  it.each([
    [{ siteId: "s", accountId: "a" }, /exactly one of siteId and accountId, not both/],
    [{}, /pass siteId \(site-level APIs\) or accountId/],
    [{ siteId: "" }, /siteId: expected a non-empty string/],
  ])("rejects tenant options %o at construction", (tenant, message) => {
    expect(() => createAdminRuntime({ apiKey: API_KEY, ...tenant } as AdminOptions, table)).toThrow(message);
  });

  it("rejects a missing key and a bad base URL", () => {
    expect(() => createAdminRuntime({ apiKey: "", siteId: "s" }, table)).toThrow(/apiKey: expected a non-empty string/);
    expect(() => createAdminRuntime({ apiKey: API_KEY, siteId: "s", baseUrl: "www.wixapis.com" }, table)).toThrow(
      /baseUrl: expected an http\(s\) URL/,
    );
  });

  it.each(["http://wix.example.com", "http://10.0.0.5:8080", "http://127.0.0.1.evil.example"])(
    "refuses a plain-http base URL that is not loopback (%s): the API key would travel in clear text",
    (baseUrl) => {
      const attempt = () => createAdminRuntime({ apiKey: API_KEY, siteId: "s", baseUrl }, table);
      expect(attempt).toThrow(WixConfigError);
      expect(attempt).toThrow(/baseUrl: an admin client sends its API key: use https:/);
    },
  );

  it.each([
    "https://www.wixapis.com",
    "http://127.0.0.1:4010",
    "http://localhost:4010",
    "http://wix.localhost:4010",
    "http://[::1]:4010",
  ])("accepts https and loopback http (the emulator): %s", (baseUrl) => {
    expect(() => createAdminRuntime({ apiKey: API_KEY, siteId: "s", baseUrl }, table)).not.toThrow();
  });
});

describe("server-only boundary, layer 2: construction in a browser-like environment", () => {
  const g = globalThis as { window?: unknown; document?: unknown; WorkerGlobalScope?: unknown };
  afterEach(() => {
    delete g.window;
    delete g.document;
    delete g.WorkerGlobalScope;
  });

  it("throws inside a Web Worker or Service Worker (no window or document there, but WorkerGlobalScope)", () => {
    // Dedicated, shared and service workers all define WorkerGlobalScope; their code ships to the browser too.
    g.WorkerGlobalScope = function WorkerGlobalScope() {};
    const attempt = () => createAdminRuntime({ apiKey: API_KEY, siteId: "s" }, table);
    expect(attempt).toThrow(WixConfigError);
    expect(attempt).toThrow(/would expose your API key/);
  });

  it.each(["window", "document"] as const)("throws when %s exists", (name) => {
    g[name] = {};
    const attempt = () => createAdminRuntime({ apiKey: API_KEY, siteId: "s" }, table);
    expect(attempt).toThrow(WixConfigError);
    expect(attempt).toThrow(/would expose your API key/);
  });

  it("allows it only with the loudly named opt-out", () => {
    g.window = {};
    expect(() =>
      createAdminRuntime({ apiKey: API_KEY, siteId: "s", dangerouslyAllowAdminClientInBrowser: true }, table),
    ).not.toThrow();
  });
});

describe("server-only boundary, layer 1: bundling", () => {
  const bundle = (entry: string, platform: "browser" | "node", conditions: string[] = []) =>
    build({
      entryPoints: [fixture(entry)],
      absWorkingDir: repoRoot,
      bundle: true,
      write: false,
      platform,
      conditions,
      format: "esm",
      logLevel: "silent",
    });

  it.each([[[]], [["wix-authz-source"]]])(
    "a browser build importing the admin entry fails and says why (conditions %o)",
    async (conditions) => {
      const failure = (await bundle("admin-in-browser.ts", "browser", conditions).catch(
        (e: unknown) => e,
      )) as BuildFailure;
      expect(failure.errors?.length).toBeGreaterThan(0);
      const text = failure.errors.map((e) => e.text).join("\n");
      expect(text).toContain("Could not resolve");
      expect(text).toContain("the admin client (@wix-authz/runtime/admin) is server only");
      expect(text).toContain("must never be shipped to browsers");
    },
  );

  it("the same entry bundles for node (the failure is the browser condition, not a broken file)", async () => {
    const result = await bundle("admin-in-browser.ts", "node", ["wix-authz-source"]);
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]?.text).toContain("refusing to create an admin client");
  });

  it("the visitor/member runtime bundles for browsers without node built-ins", async () => {
    const result = await bundle("visitor-in-browser.ts", "browser", ["wix-authz-source"]);
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]?.text).not.toMatch(/from\s*["']node:|require\(["']node:/);
  });
});
