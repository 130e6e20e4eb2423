// Pure pieces: query-string decoding, redirect-URI matching, HTML escaping, token signing.
import { describe, expect, it } from "vitest";
import { originAllowed, redirectUriAllowed } from "../../emulator/clients.js";
import { escapeHtml, scriptJson } from "../../emulator/pages.js";
import { decodeQuery, encodeQuery } from "../../emulator/query.js";
import { TokenIssuer } from "../../emulator/tokens.js";

describe("decodeQuery", () => {
  it("nests dotted keys and repeats arrays", () => {
    const params = new URLSearchParams("query.paging.limit=5&query.filter.visible=true&tags=a&tags=b&id=x");
    expect(decodeQuery(params)).toEqual({
      query: { paging: { limit: "5" }, filter: { visible: "true" } },
      tags: ["a", "b"],
      id: "x",
    });
  });

  it("round-trips what encodeQuery produces", () => {
    const request = { a: { b: "1", c: ["x", "y"] }, d: "e" };
    expect(decodeQuery(encodeQuery(request))).toEqual(request);
  });

  it("merges `.r` base64url JSON", () => {
    const packed = Buffer.from(JSON.stringify({ query: { filter: { name: { $startsWith: "a" } } } })).toString(
      "base64url",
    );
    expect(decodeQuery(new URLSearchParams(`.r=${packed}&x=1`))).toEqual({
      query: { filter: { name: { $startsWith: "a" } } },
      x: "1",
    });
  });

  it.each(["a=1&a.b=2", "a.b=2&a=1", "__proto__.x=1", "a..b=1"])("refuses %s", (text) => {
    expect(() => decodeQuery(new URLSearchParams(text))).toThrow(/INVALID_ARGUMENT/);
  });
});

describe("redirect URI matching", () => {
  const client = { clientId: "c", redirectUris: ["http://localhost:*/callback", "https://app.example.com/cb"] };

  it.each([
    ["http://localhost:5173/callback", true],
    ["http://localhost:1/callback", true],
    ["http://localhost/callback", false],
    ["http://localhost:0/callback", false],
    ["http://localhost:99999/callback", false],
    ["http://localhost:80x/callback", false],
    ["http://localhost:5173/callback/x", false],
    ["http://localhost.evil.com:80/callback", false],
    ["https://app.example.com/cb", true],
    ["https://app.example.com/cb#x", false],
  ])("%s → %s", (uri, allowed) => {
    expect(redirectUriAllowed(client, uri)).toBe(allowed);
  });

  it("derives allowed origins from the URIs", () => {
    expect(originAllowed(client, "http://localhost:3000")).toBe(true);
    expect(originAllowed(client, "https://app.example.com")).toBe(true);
    expect(originAllowed(client, "https://evil.example")).toBe(false);
  });
});

describe("escaping", () => {
  it("escapes HTML metacharacters and keeps script JSON inert", () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\``)).toBe(
      "&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#38;&#96;",
    );
    const json = scriptJson({ s: "</script><!--\u2028" });
    expect(json).not.toMatch(/<|>|\u2028/);
    expect(JSON.parse(json)).toEqual({ s: "</script><!--\u2028" });
  });
});

describe("TokenIssuer", () => {
  it("verifies its own tokens and refuses another issuer's", () => {
    let now = 1000;
    const a = new TokenIssuer(() => now);
    const b = new TokenIssuer(() => now);
    const claims = {
      kind: "visitor" as const,
      clientId: "c",
      siteId: "s",
      instanceId: "i",
      visitorId: "v",
      sessionId: "x",
    };
    const token = a.mintAccess(claims, 60).token;
    expect(a.verifyAccess(token)).toEqual({ ok: true, claims: { ...claims, iat: 1000, exp: 1060 } });
    expect(b.verifyAccess(token)).toEqual({ ok: false, reason: "bad-signature" });
    expect(a.verifyRefresh(token)).toEqual({ ok: false, reason: "malformed" });
    // The prefixes are not signed: swapping them must not turn one kind of token into the other.
    const refresh = a.mintRefresh("x", 60);
    expect(a.verifyAccess(`OauthNG.JWS.${refresh.slice(4)}`)).toEqual({ ok: false, reason: "malformed" });
    expect(a.verifyRefresh(`JWS.${token.slice(12)}`)).toEqual({ ok: false, reason: "malformed" });
    now = 1060;
    expect(a.verifyAccess(token)).toEqual({ ok: false, reason: "expired" });
  });
});
