// Usage files for the type-check bench: the same few calls through wix-authz clients and through openapi-fetch.
import { splitRequest } from "../test/support/synth-openapi.js";
import type { SynthMethod, SynthWorkload } from "../test/support/synth.js";

/** `count` methods spread over the workload: half callable by visitors, half admin-only. */
export function pickCalls(workload: SynthWorkload, count = 6): SynthMethod[] {
  const visitor = workload.methods.filter((m) => m.identities.includes("visitor"));
  const adminOnly = workload.methods.filter((m) => m.identities.length === 1 && m.identities[0] === "admin");
  const spread = (list: readonly SynthMethod[], k: number) =>
    Array.from({ length: Math.min(k, list.length) }, (_, i) => list[Math.floor((i * list.length) / k)]!);
  return [...spread(visitor, Math.ceil(count / 2)), ...spread(adminOnly, Math.floor(count / 2))];
}

const lit = (v: unknown) => JSON.stringify(v);

export function oursUsage(calls: readonly SynthMethod[], outDir: string): string {
  const lines = calls.map((m, i) => {
    const client = m.identities.includes("visitor") ? "visitor" : "admin";
    return `  const r${i} = await ${client}.${m.id}(${lit(m.sample)});\n  results.push(r${i});`;
  });
  return usageModule(
    [
      "// Bench usage: a few calls through the generated wix-authz clients.",
      `import { createVisitorClient } from "./${outDir}/visitor.js";`,
      `import { createAdminClient } from "./${outDir}/admin.js";`,
      "",
      'const visitor = createVisitorClient({ clientId: "bench-client" });',
      'const admin = createAdminClient({ apiKey: "IST.bench", siteId: "bench-site" });',
    ],
    lines,
  );
}

function fetchInit(m: SynthMethod): string {
  const { path, query, body } = splitRequest(m);
  const only = (keys: readonly string[]) =>
    Object.fromEntries(keys.filter((k) => k in m.sample).map((k) => [k, m.sample[k]]));
  const params: string[] = [];
  if (path.length > 0) params.push(`path: ${lit(only(path))}`);
  if (query.length > 0 && Object.keys(only(query)).length > 0) params.push(`query: ${lit(only(query))}`);
  const parts = [
    ...(params.length > 0 ? [`params: { ${params.join(", ")} }`] : []),
    ...(m.verb === "GET" || m.verb === "DELETE" ? [] : [`body: ${lit(only(body))}`]),
  ];
  return parts.length > 0 ? `, { ${parts.join(", ")} }` : "";
}

export function peerUsage(calls: readonly SynthMethod[], schemaFile: string): string {
  const lines = calls.map(
    (m, i) => `  const r${i} = await client.${m.verb}(${lit(m.path)}${fetchInit(m)});\n  results.push(r${i}.data);`,
  );
  return usageModule(
    [
      "// Bench usage: the same calls through openapi-fetch over the openapi-typescript output.",
      'import createClient from "openapi-fetch";',
      `import type { paths } from "./${schemaFile}";`,
      "",
      'const client = createClient<paths>({ baseUrl: "https://www.wixapis.com" });',
    ],
    lines,
  );
}

/** A usage module: its header (imports, clients), then one exported function making the calls in order. */
function usageModule(header: readonly string[], calls: readonly string[]): string {
  return [
    ...header,
    "",
    "export async function usage(): Promise<unknown[]> {",
    "  const results: unknown[] = [];",
    ...calls,
    "  return results;",
    "}",
    "",
  ].join("\n");
}
