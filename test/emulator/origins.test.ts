// Web surface: the Host header must name this machine (DNS rebinding), and only allowed origins get CORS answers or
// are served at all, so a web page elsewhere cannot read admin data with the documented key.
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT_ID, type EmulatorOptions, type RunningEmulator } from "../../emulator/index.js";
import { adminHeaders, start } from "./helpers.js";

let em: RunningEmulator;
afterEach(() => em.close());

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A raw request (fetch cannot set Host). */
function raw(method: string, path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: em.port, method, path, headers }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const boot = async (options: EmulatorOptions = {}) => ({ em } = await start(options));
const products = (headers: Record<string, string>) =>
  raw("POST", "/stores-reader/v1/products/query-platformized", {
    ...adminHeaders,
    "content-type": "application/json",
    ...headers,
  });

describe("Host header (DNS rebinding)", () => {
  it.each(["localhost", "127.0.0.1", "[::1]", "app.localhost", "192.168.1.20"])("serves Host %s", async (host) => {
    await boot();
    expect((await products({ host: `${host}:${em.port}` })).status).toBe(200);
  });

  it("refuses a Host that names another site (a rebound DNS name) with 403, before any handler", async () => {
    await boot();
    const res = await products({ host: `evil.example:${em.port}` });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({
      message: `Host "evil.example" is not allowed: the emulator answers loopback names and IP addresses, and the hosts in its allowedHosts option`,
      details: { applicationError: { code: "PERMISSION_DENIED" } },
    });
    expect(em.requests.at(-1)).toMatchObject({ path: "/stores-reader/v1/products/query-platformized", status: 403 });
  });

  it("serves a host named in allowedHosts", async () => {
    await boot({ allowedHosts: ["wix.test"] });
    expect((await products({ host: `wix.test:${em.port}` })).status).toBe(200);
  });
});

describe("CORS", () => {
  it.each([
    ["an allowed redirect domain of the client", "http://localhost:5173"],
    ["the emulator's own origin", ""],
  ])("answers %s", async (_, given) => {
    await boot();
    const origin = given === "" ? em.url : given;
    const preflight = await raw("OPTIONS", "/oauth2/token", {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type",
    });
    expect([preflight.status, preflight.headers["access-control-allow-origin"]]).toEqual([204, origin]);
    const res = await products({ origin });
    expect([res.status, res.headers["access-control-allow-origin"]]).toEqual([200, origin]);
  });

  it.each(["https://evil.example", "null", "http://localhost.evil.example:3000"])(
    "a page on %s gets no CORS headers and no data, even with the admin key",
    async (origin) => {
      await boot();
      const preflight = await raw("OPTIONS", "/stores-reader/v1/products/query-platformized", { origin });
      expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
      expect(preflight.status).toBe(403);
      const res = await products({ origin });
      expect(res.headers["access-control-allow-origin"]).toBeUndefined();
      expect(res.status).toBe(403);
      expect(res.body).not.toContain("Ceramic Mug");
      expect(JSON.parse(res.body).details.applicationError.code).toBe("PERMISSION_DENIED");
    },
  );

  it("a page on a remote IP at the emulator's port is not one of its own pages: no CORS, no data", async () => {
    await boot();
    const origin = `http://203.0.113.9:${em.port}`;
    const res = await products({ origin });
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
    expect(res.status).toBe(403);
    expect(res.body).not.toContain("Ceramic Mug");
  });

  it("serves an origin named in allowedOrigins", async () => {
    await boot({ allowedOrigins: ["https://app.example"] });
    const res = await products({ origin: "https://app.example" });
    expect([res.status, res.headers["access-control-allow-origin"]]).toEqual([200, "https://app.example"]);
  });

  it("never sends CORS headers on the hosted pages, so no other page can read a login form's token", async () => {
    await boot();
    const url = `/_api/oauth2/authorize?clientId=${DEFAULT_CLIENT_ID}&redirectUri=${encodeURIComponent("http://localhost:3000/callback")}&codeChallenge=c&prompt=login`;
    const res = await raw("GET", url, { origin: "http://localhost:3000" });
    expect(res.status).toBe(200);
    expect(res.body).toContain('name="csrfToken"');
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
  });
});
