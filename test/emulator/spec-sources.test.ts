// Serving any spec: several folders as one spec (subfolders read), the model cache, --log lines without credentials,
// --watch reloads (a bad spec keeps the previous one), and nothing compiled before a route's first request.
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SpecError } from "../../core/diagnostics.js";
import { DEFAULT_CLIENT_SECRET, DEFAULT_CLIENT_ID, type RunningEmulator, startEmulator } from "../../emulator/index.js";
import { ModelValidators } from "../../emulator/validate.js";
import { watchSpec } from "../../emulator/watch.js";
import { SecretAudit } from "../support/secret-audit.js";
import { adminHeaders, call, memberTokens, visitorTokens } from "./helpers.js";

const made: string[] = [];
const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((em) => em.close()));
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "wix-authz-emu-spec-"));
  made.push(dir);
  return dir;
}

/** A one-method spec file; `ref` names a shared schema that may live in another folder. */
function thingSpec(name: string, path: string, ref = "Thing"): string {
  return `methods:
  - name: ${name}
    namespace: things.things
    description: Gets a thing.
    http:
      method: GET
      path: ${path}
    identities: [visitor, member, admin]
    request:
      type: object
${path.includes("{id}") ? "      required: [id]\n" : ""}      properties:
        id:
          type: string
    response:
      type: object
      required: [thing]
      properties:
        thing:
          $ref: "#/schemas/${ref}"
`;
}

const SHARED = `schemas:
  Thing:
    type: object
    required: [id, size]
    properties:
      id:
        type: string
      size:
        type: integer
        minimum: 3
`;

async function start(spec: string | string[], extra: Parameters<typeof startEmulator>[0] = {}) {
  const em = await startEmulator({ spec, cacheDir: false, ...extra });
  running.push(em);
  return em;
}

describe("spec sources", () => {
  it("serves several folders as one spec: a $ref resolves across them and subfolders are read", async () => {
    const [a, b] = [await folder(), await folder()];
    await mkdir(join(a, "deep", "er"), { recursive: true });
    await writeFile(join(a, "deep", "er", "get.yaml"), thingSpec("getThing", "/things/v1/things/{id}"));
    await writeFile(join(b, "shared.yaml"), SHARED);
    const em = await start([a, b]);
    expect(em.serving).toBe(`${a}, ${b} (1 methods)`);
    expect(em.specPaths).toEqual([a, b]);
    const visitor = await visitorTokens(em);
    const res = await call(em, "GET", "/things/v1/things/t1", { auth: visitor.access });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ thing: { id: "", size: 3 } });
  });

  it("a method defined in two folders is a spec error naming both files", async () => {
    const [a, b] = [await folder(), await folder()];
    await writeFile(join(a, "one.yaml"), thingSpec("getThing", "/things/v1/things/{id}") + SHARED);
    await writeFile(join(b, "two.yaml"), thingSpec("getThing", "/things/v2/things/{id}"));
    const failure = await startEmulator({ spec: [a, b], cacheDir: false }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SpecError);
    const text = (failure as SpecError).diagnostics.map((d) => `${d.file} ${d.message}`).join("\n");
    expect(text).toContain("one.yaml");
    expect(text).toContain("two.yaml");
  });

  it("an unknown route's 404 names every folder served", async () => {
    const [a, b] = [await folder(), await folder()];
    await writeFile(join(a, "get.yaml"), thingSpec("getThing", "/things/v1/things/{id}"));
    await writeFile(join(b, "shared.yaml"), SHARED);
    const em = await start([a, b]);
    const res = await call(em, "GET", "/nothing/here");
    expect(res.status).toBe(404);
    expect(res.body.message).toContain(`${a}, ${b} (1 methods)`);
  });

  it("keeps a loaded model in the cache keyed by the spec texts: same model again, a changed text is loaded anew", async () => {
    const [spec, cache] = [await folder(), await folder()];
    await writeFile(join(spec, "get.yaml"), thingSpec("getThing", "/things/v1/things/{id}") + SHARED);
    const first = await start(spec, { cacheDir: cache });
    const second = await start(spec, { cacheDir: cache });
    expect(second.model).toEqual(first.model);
    expect(await readdir(join(cache, "emulator"))).toHaveLength(1);
    await writeFile(join(spec, "get.yaml"), thingSpec("fetchThing", "/things/v1/things/{id}") + SHARED);
    const third = await start(spec, { cacheDir: cache });
    expect(third.model.methods.map((m) => m.id)).toEqual(["things.things.fetchThing"]);
    // A broken cache file is ignored, never trusted.
    for (const name of await readdir(join(cache, "emulator"))) await writeFile(join(cache, "emulator", name), "{");
    const fourth = await start(spec, { cacheDir: cache });
    expect(fourth.model.methods.map((m) => m.id)).toEqual(["things.things.fetchThing"]);
  });
});

describe("request log (--log)", () => {
  it("prints one line per request (verb, path, status, identity, ms, method) and never a credential", async () => {
    const lines: string[] = [];
    const em = await startEmulator({ log: (line) => lines.push(line), cacheDir: false });
    running.push(em);
    const visitor = await visitorTokens(em);
    const member = await memberTokens(em, visitor.access);
    await call(em, "POST", "/stores-reader/v1/products/query-platformized", {
      auth: member.access,
      body: { query: {} },
    });
    await call(em, "POST", "/stores-reader/v1/products/query-platformized", {
      headers: adminHeaders,
      body: { query: {} },
    });
    const app = await call(em, "POST", "/oauth2/token", {
      body: { grant_type: "client_credentials", client_id: DEFAULT_CLIENT_ID, client_secret: DEFAULT_CLIENT_SECRET },
    });
    await call(em, "POST", "/stores-reader/v1/products/query-platformized", {
      auth: `Bearer ${app.body.access_token}`,
      body: {},
    });
    await call(em, "POST", "/oauth2/token", { body: { grantType: "refresh_token", refreshToken: member.refresh } });
    await new Promise((resolve) => setTimeout(resolve, 20)); // the last "finish" event
    expect(lines).toHaveLength(em.requests.length);
    expect(lines[0]).toMatch(/^POST \/oauth2\/token 200 visitor [0-9a-f-]{36} \d+\.\d ms anonymous$/);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^POST \/stores-reader\/v1\/products\/query-platformized 200 member [0-9a-f-]{36} \d+\.\d ms stores\.products\.queryProducts$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^POST \/stores-reader\/v1\/products\/query-platformized 200 admin \(api-key\) /),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^POST \/stores-reader\/v1\/products\/query-platformized 200 admin \(app-token\) /),
    );
    // The authorize URL's query carries the login's session token: the log shows the path only.
    expect(lines.some((l) => l.startsWith("GET /_api/oauth2/authorize 200 anonymous"))).toBe(true);
    expect(lines.filter((l) => l.includes("?") || l.includes("sessionToken"))).toEqual([]);
    const audit = new SecretAudit();
    for (const line of lines) audit.add("log line", line);
    const secrets = [visitor.access, visitor.refresh, member.access, member.refresh, app.body.access_token];
    secrets.push(adminHeaders.authorization, DEFAULT_CLIENT_SECRET, "wix-authz-demo");
    for (const message of em.state.outbox) secrets.push(message.code);
    expect(audit.size).toBeGreaterThan(5);
    expect(audit.findLeaks(secrets)).toEqual([]);
  });
});

describe("--watch", () => {
  it("reloads on a spec change, keeps sessions, and a bad spec keeps the previous one served", async () => {
    const spec = await folder();
    await writeFile(join(spec, "get.yaml"), thingSpec("getThing", "/things/v1/things/{id}") + SHARED);
    const em = await start(spec);
    const events: string[] = [];
    const failures: unknown[] = [];
    const watcher = watchSpec(em, { reloaded: (s) => events.push(s), failed: (e) => failures.push(e) }, 30);
    try {
      const visitor = await visitorTokens(em);
      await writeFile(
        join(spec, "more.yaml"),
        thingSpec("listThings", "/things/v1/things").replace("namespace: things.things", "namespace: things.lists"),
      );
      await waitFor(() => events.length === 1);
      await watcher.idle();
      expect(events).toEqual([`${spec} (2 methods)`]);
      expect(em.serving).toBe(`${spec} (2 methods)`);
      expect((await call(em, "GET", "/things/v1/things", { auth: visitor.access })).status).toBe(200);

      await writeFile(join(spec, "more.yaml"), "methods:\n  - name: 5\n");
      await waitFor(() => failures.length === 1);
      await watcher.idle();
      expect(failures[0]).toBeInstanceOf(SpecError);
      expect(em.serving).toBe(`${spec} (2 methods)`);
      // The visitor session from before both reloads still works.
      expect((await call(em, "GET", "/things/v1/things/x", { auth: visitor.access })).status).toBe(200);
    } finally {
      watcher.close();
    }
  });
});

describe("start does no per-method work", () => {
  it("compiles no validator and builds no route before the first spec request; then only that method's", async () => {
    const compiled: string[] = [];
    const original = ModelValidators.prototype.request;
    const originalResponse = ModelValidators.prototype.response;
    ModelValidators.prototype.request = function (id, data, fromQuery) {
      compiled.push(`request ${id}`);
      return original.call(this, id, data, fromQuery);
    };
    ModelValidators.prototype.response = function (id, data) {
      compiled.push(`response ${id}`);
      return originalResponse.call(this, id, data);
    };
    try {
      const em = await startEmulator({ spec: "catalogue/spec", cacheDir: false });
      running.push(em);
      expect(em.built).toEqual({ routes: false, validators: 0 });
      const visitor = await visitorTokens(em); // an own route: still nothing of the spec built
      expect(em.built).toEqual({ routes: false, validators: 0 });
      const res = await call(em, "GET", "/stores/v3/products/query", { auth: visitor.access });
      expect(res.status).toBe(200);
      expect(em.built).toEqual({ routes: true, validators: 2 });
      expect(compiled).toEqual(["request stores.productsV3.queryProducts", "response stores.productsV3.queryProducts"]);
    } finally {
      ModelValidators.prototype.request = original;
      ModelValidators.prototype.response = originalResponse;
    }
  });
});

async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
