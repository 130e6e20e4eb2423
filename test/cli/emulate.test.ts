// `wix-authz emulate` pieces: flag checking, the one ready line, mail lines, and closing on SIGINT/SIGTERM.
import { EventEmitter } from "node:events";
import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../core/diagnostics.js";
import { type SignalSource, closeOnSignal, emulatorOptionsFromFlags, runEmulateCommand } from "../../cli/emulate.js";
import { DEFAULT_CLIENT_ID, DEMO_MEMBER_EMAIL } from "../../emulator/index.js";
import { call } from "../emulator/helpers.js";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe("emulate command", () => {
  it("prints the ready line and which spec it serves, serves, and closes on SIGTERM", async () => {
    const captured = io();
    const em = await runEmulateCommand({ port: "0", host: "127.0.0.1", tokenTtl: "120" }, captured.io);
    expect(captured.out).toEqual([
      `wix-authz emulator listening on ${em.url} (client id ${DEFAULT_CLIENT_ID})`,
      `serving ${em.serving}`,
    ]);
    expect(em.serving).toMatch(/^the spec bundled with wix-authz \(.*spec\) \(\d+ methods\)$/);
    // An unknown route says which spec is served (a user's own methods 404 when it serves the bundled one).
    const missing = await call(em, "GET", "/my-api/v1/things");
    expect(missing.status).toBe(404);
    expect(JSON.stringify(missing.body)).toContain(`in the spec this emulator serves: ${em.serving}`);
    expect(em.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const token = await call(em, "POST", "/oauth2/token", {
      body: { clientId: DEFAULT_CLIENT_ID, grantType: "anonymous" },
    });
    expect(token.body.expires_in).toBe(120);

    await call(em, "POST", "/_api/iam/recovery/v1/send-email", {
      auth: token.body.access_token,
      body: { email: DEMO_MEMBER_EMAIL },
    });
    expect(captured.err).toEqual([
      expect.stringMatching(/^emulator mail to member@example\.com: password-recovery code [\w-]+$/),
    ]);

    const signals = new EventEmitter();
    const closed = closeOnSignal(em, signals as unknown as SignalSource);
    signals.emit("SIGTERM");
    expect(await closed).toBe("SIGTERM");
    expect(signals.listenerCount("SIGINT")).toBe(0);
    await expect(fetch(`${em.url}/oauth2/token`, { method: "POST" })).rejects.toThrow();
  });

  it("closes on SIGINT too", async () => {
    const em = await runEmulateCommand({}, io().io);
    const signals = new EventEmitter();
    const closed = closeOnSignal(em, signals as unknown as SignalSource);
    signals.emit("SIGINT");
    expect(await closed).toBe("SIGINT");
    expect(signals.listenerCount("SIGTERM")).toBe(0);
  });

  it("turns fault flags into fault options", () => {
    expect(
      emulatorOptionsFromFlags({
        faultLatency: "10",
        fault5xxRate: "0.25",
        fault429Rate: "0",
        faultRetryAfter: "3",
        faultMalformedTokenRate: "1",
        faultSeed: "7",
        spec: "my-spec",
      }),
    ).toEqual({
      spec: "my-spec",
      faults: {
        latencyMs: 10,
        serverErrorRate: 0.25,
        rateLimitRate: 0,
        retryAfterSeconds: 3,
        malformedTokenRate: 1,
        seed: 7,
      },
    });
  });

  it("turns --allowed-host and --allowed-origin into the emulator's allow lists", async () => {
    const options = emulatorOptionsFromFlags({ allowedHost: ["wix.test"], allowedOrigin: ["https://app.test:3000"] });
    expect(options).toMatchObject({ allowedHosts: ["wix.test"], allowedOrigins: ["https://app.test:3000"] });
    // fetch() drops a Host header; node:http sends it as given.
    const statusFor = (port: number) =>
      new Promise<number | undefined>((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port, path: "/oauth2/token-info", headers: { host: "wix.test" } });
        req
          .on("response", (res) => (res.resume(), resolve(res.statusCode)))
          .on("error", reject)
          .end();
      });
    for (const [flags, refused] of [
      [{}, true],
      [{ allowedHost: ["wix.test"] }, false],
    ] as const) {
      const emulator = await runEmulateCommand(flags, io().io);
      try {
        expect((await statusFor(emulator.port)) === 403).toBe(refused);
      } finally {
        await emulator.close();
      }
    }
  });

  it.each([
    [
      { allowedOrigin: ["https://app.test/path"] },
      '--allowed-origin must be an origin such as https://app.test:3000, got "https://app.test/path".',
    ],
    [{ allowedHost: ["wix test"] }, '--allowed-host must be a host name such as wix.test, got "wix test".'],
    [{ port: "abc" }, '--port must be a whole number of at least 0, got "abc".'],
    [{ port: "70000" }, '--port must be from 0 to 65535, got "70000".'],
    [{ tokenTtl: "0" }, '--token-ttl must be a whole number of at least 1, got "0".'],
    [{ tokenTtl: "1.5" }, '--token-ttl must be a whole number of at least 1, got "1.5".'],
    [{ fault5xxRate: "1.5" }, '--fault-5xx-rate must be a number from 0 to 1, got "1.5".'],
    [{ fault429Rate: "" }, '--fault-429-rate must be a number from 0 to 1, got "".'],
    [{ host: " " }, "--host must not be empty."],
  ])("refuses %j", (flags, message) => {
    expect(() => emulatorOptionsFromFlags(flags)).toThrow(new ConfigError(message));
  });

  it("reports a port in use as a ConfigError", async () => {
    const first = await runEmulateCommand({}, io().io);
    try {
      const error = await runEmulateCommand({ port: first.port }, io().io).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toBe(`The emulator cannot listen on 127.0.0.1:${first.port}: EADDRINUSE`);
    } finally {
      await first.close();
    }
  });
});

describe("emulate --spec (several), --log, --watch", () => {
  it("serves every --spec folder, logs each request on stdout, reloads on change and keeps the old spec on a bad one", async () => {
    const { mkdtemp, rm, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { watchEmulatorSpec } = await import("../../cli/emulate.js");
    const [a, b] = [
      await mkdtemp(join(tmpdir(), "wix-authz-cli-a-")),
      await mkdtemp(join(tmpdir(), "wix-authz-cli-b-")),
    ];
    const method = (name: string, path: string) =>
      `methods:\n  - name: ${name}\n    namespace: things.things\n    description: A thing.\n    http:\n      method: POST\n      path: ${path}\n    identities: [visitor, member]\n    request:\n      type: object\n    response:\n      type: object\n`;
    await writeFile(join(a, "one.yaml"), method("getThing", "/things/v1/get"));
    await writeFile(join(b, "two.yaml"), method("putThing", "/things/v1/put").replace("things.things", "things.more"));
    const captured = io();
    const em = await runEmulateCommand({ spec: [a, b], log: true }, captured.io);
    const watcher = await watchEmulatorSpec(em, captured.io);
    try {
      expect(captured.out.slice(0, 3)).toEqual([
        `wix-authz emulator listening on ${em.url} (client id ${DEFAULT_CLIENT_ID})`,
        `serving ${a}, ${b} (2 methods)`,
        `watching ${a}, ${b} for changes`,
      ]);
      const token = await call(em, "POST", "/oauth2/token", {
        body: { clientId: DEFAULT_CLIENT_ID, grantType: "anonymous" },
      });
      expect((await call(em, "POST", "/things/v1/put", { auth: token.body.access_token, body: {} })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(captured.out).toContainEqual(
        expect.stringMatching(/^POST \/things\/v1\/put 200 visitor \S+ \d+\.\d ms things\.more\.putThing$/),
      );
      expect(captured.out.join("\n")).not.toContain(token.body.access_token);

      await writeFile(join(b, "two.yaml"), "methods: [");
      await until(() => captured.err.some((l) => l.startsWith("reload failed")));
      expect(captured.err.some((l) => l.includes("two.yaml"))).toBe(true);
      expect(captured.err.at(-1)).toBe(`reload failed (1 problem in the spec); still serving ${a}, ${b} (2 methods)`);
      await writeFile(
        join(b, "two.yaml"),
        method("putThing", "/things/v2/put").replace("things.things", "things.more"),
      );
      await until(() => captured.out.includes(`reloaded: serving ${a}, ${b} (2 methods)`));
      expect((await call(em, "POST", "/things/v2/put", { auth: token.body.access_token, body: {} })).status).toBe(200);
    } finally {
      watcher.close();
      await em.close();
      await Promise.all([a, b].map((dir) => rm(dir, { recursive: true, force: true })));
    }
  });

  it("takes --spec as one path or a list; an empty one is refused", () => {
    expect(emulatorOptionsFromFlags({ spec: ["a"] }).spec).toBe("a");
    expect(emulatorOptionsFromFlags({ spec: ["a", "b"] }).spec).toEqual(["a", "b"]);
    expect(() => emulatorOptionsFromFlags({ spec: [] })).toThrow(ConfigError);
    expect(() => emulatorOptionsFromFlags({ spec: " " })).toThrow("--spec must name a folder or file.");
  });
});

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
