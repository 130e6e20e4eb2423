// RESULTS.md text: the header (machine, versions, reproduce command) and each measurement's table with its method.

export function document(input: {
  machine: string;
  mode: string;
  minutes: number;
  argv: readonly string[];
  sections: readonly string[];
}): string {
  const command = ["npm run bench", ...(input.argv.length > 0 ? ["--", ...input.argv] : [])].join(" ");
  return [
    "# wix-authz benchmarks vs the peers",
    "",
    "Every figure is the median of several runs, with min–max, and every ratio is ours ÷ peer measured in the same run",
    "on the same work (runs alternate who goes first). ✅/❌ compare a figure with its target (issues 6, 17 and 19).",
    "",
    `Reproduce: \`npm ci && ${command}\` (builds dist/, then runs bench/run.ts; ${input.mode} mode took ${input.minutes.toFixed(1)} min).`,
    "Quick mode for development: `npm run bench:quick` (small N; writes .tmp/RESULTS.quick.md).",
    "",
    "## Machine",
    "",
    input.machine,
    "",
    ...input.sections.flatMap((s) => [s, ""]),
  ].join("\n");
}

export function generationSection(
  table: string,
  profile: { readonly text: string; readonly which: "cold" | "rerun" } | undefined,
  maxN: number,
): string {
  return [
    "## 1. Generation: `wix-authz generate` vs `openapi-typescript`",
    "",
    "Workload: `bench/synth.ts`, a deterministic synthetic API (seed 1): N methods over N/10 namespaces (CRUD, query,",
    "search, bulk, count, a custom action per namespace), nested objects, arrays, enums, shared `$ref`s, a mix of",
    "visitor/member/admin methods; written as our YAML spec (one file per area) and as the equivalent OpenAPI 3.1",
    "document. Each figure is a fresh process, as a user runs it: `node bin/wix-authz.js generate --spec spec --out out`",
    "(cold: empty output folder; rerun: the same command again, nothing changed) vs",
    "`node node_modules/openapi-typescript/bin/cli.js openapi.json -o schema.d.ts`, both without NODE_EXTRA_CA_CERTS",
    "(this machine sets it; Node parses that CA bundle at each start, ~90 ms; none of these processes makes a network",
    "request, and a user's machine does not set it).",
    "Targets (at the largest N): cold ≤ 0.5× openapi-typescript (issue 19); rerun ≤ 0.1× cold (issue 6).",
    "",
    table,
    ...(profile
      ? [
          "",
          `A target is missed: CPU profile of one ${profile.which === "cold" ? "cold" : "no-change rerun of"} \`generate\` at ${maxN.toLocaleString("en-US")} methods (\`node --cpu-prof\`,`,
          "summarized by `bench/profile-summary.ts`; prettier runs async, so its time shows as self time, not under formatFiles):",
          "",
          "```",
          profile.text,
          "```",
        ]
      : []),
  ].join("\n");
}

export function typecheckSection(table: string): string {
  return [
    "## 2. Type-check cost: generated clients + usage vs openapi-typescript output + openapi-fetch",
    "",
    "`tsc -p <project> --extendedDiagnostics` (noEmit) over (a) every generated declaration file (`types.d.ts`,",
    "`clients.d.ts`, `site-methods.d.ts`, `visitor.d.ts`, `member.d.ts`, `admin.d.ts`: what a user's tsc reads; the",
    "`.js` modules beside them are not TypeScript input) plus `usage-ours.ts`, and (b) openapi-typescript's",
    "`schema.d.ts` plus `usage-peer.ts`. The usage files make the same six calls (three visitor methods, three",
    "admin-only methods; `bench/usage.ts`). Both projects: strict, NodeNext, `skipLibCheck: true` (the `tsc --init`",
    "default; it skips re-checking both sides' `.d.ts` bodies; our own tests compile ours with `skipLibCheck: false`);",
    "`@wix-authz/runtime` resolves to `dist/*.d.ts` as for users. Wall time is the",
    "whole tsc process; memory and instantiations are tsc's own figures. Target at the largest N with TypeScript 5.9:",
    "≤ 0.5× time and memory; no TS2589 at any N. Errors are listed because a usage file must compile cleanly.",
    "",
    table,
  ].join("\n");
}

export function callsSection(table: string): string {
  return [
    "## 3. Per-call overhead against the emulator (loopback)",
    "",
    "The emulator (`startEmulator()`, default spec) runs in the bench process. Each round makes N sequential awaited",
    "calls of `stores.products.getProduct` (`GET /stores-reader/v1/products/{id}`) per contender, interleaved call by",
    "call in rotated order; the ratio is the median over rounds of each round's ours ÷ raw (paired). Contenders:",
    "raw `fetch` with the same `Authorization` header and `res.json()`; the generated visitor client (from `generated/`,",
    "runtime from dist/); `@wix/sdk` `createClient({ modules: { products }, auth: OAuthStrategy })` with its hardcoded",
    "www/edge.wixapis.com origins rewritten to the emulator by a global fetch wrapper. A fourth row, not a peer:",
    "raw fetch plus a hard per-request timeout done as our transport does it (an `AbortController` whose signal fetch",
    "follows, and a timer), to show how much of our overhead that timeout alone costs on this Node. Tokens are",
    "obtained during a warm-up and are not part of the per-call time. Target: ≤ 1.10× raw fetch.",
    "(getProduct, not queryProducts: @wix/sdk sends `GET …/query-platformized?…`, which the emulator does not route yet.)",
    "",
    table,
  ].join("\n");
}

export function racesSection(table: string): string {
  return [
    "## 4. Token races",
    "",
    "A new client makes N concurrent `getProduct` calls (`Promise.allSettled`) starting with no token, or with a",
    "visitor session whose access token expired (valid refresh token). Counted: `POST /oauth2/token` requests in the",
    "emulator's request log during the burst. Target: exactly 1 for wix-authz. @wix/sdk checks and renews per call",
    "(wix-protocol.md §6.1), so it mints or refreshes once per concurrent call.",
    "",
    table,
  ].join("\n");
}

export function bundleSection(table: string, details: string): string {
  return [
    "## 5. Browser bundle of a one-method visitor app (query products)",
    "",
    "esbuild (platform browser, ESM, es2022, minified, bundled, code splitting on: each dynamic `import()` becomes a",
    "chunk fetched when first used), gzip level 9 by node:zlib, each chunk on its own (each is its own request), summed.",
    "Apps: `bench/bundle.ts` (`OURS_APP`: generated visitor client for the default spec; `PEER_APP`: `@wix/sdk` +",
    "`@wix/stores` products). **Initial load**: the entry chunk plus every chunk it imports statically, transitively —",
    "what the browser fetches before the app runs. **All chunks**: that plus the lazy chunks (for wix-authz: the wire —",
    "transport, token session, token grant, request encoding — and the namespace's descriptors, fetched side by side by",
    "the first call; the login flows and oauth4webapi, fetched when `client.auth` starts a login). Scan, over all",
    "chunks: every admin-only method of the default spec by name (case-insensitive) and REST path, and API-key markers",
    "(`ApiKeyStrategy`, `apiKey`, `wix-account-id`, `wix-site-id`, `IST.`); the context of each marker hit is shown",
    "below so a header guard can be told from key handling. Target: initial load ≤ 0.2× the peer's initial load (gzip), zero admin-only code.",
    "Under the table: every input of our initial load (what limits it: what a client's construction checks and the",
    "shape it returns — typed errors, option and token checks, the lazy client and its identity guard, the `auth` API —",
    "plus the namespace loaders), what the one call then loads, then each app's largest inputs over all chunks.",
    "",
    table,
    "",
    details,
  ].join("\n");
}
