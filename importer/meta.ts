// meta: an auto_sdk package's `meta` export → its REST methods (verb, proto path, public path on www.wixapis.com).
import { createRequire } from "node:module";
import path from "node:path";
import type { HttpVerb } from "../core/model.js";
import { ImportError } from "./errors.js";
import type { AutoSdkPackage } from "./package.js";

export interface RestMethod {
  /** SDK export name, e.g. `getCurrentMember`. */
  readonly name: string;
  readonly httpMethod: HttpVerb;
  /** Proto path as declared, e.g. `/v1/members/{member.id}`. */
  readonly protoPath: string;
  /**
   * Path the package itself resolves for www.wixapis.com, each `:placeholder` written as the proto field it fills, as
   * Wix spells it: `/members/v1/members/{member.id}` (the URL resolver's `:memberId`).
   */
  readonly path: string;
  /** Path params in path order: the `{name}` in `path` (the proto field) and the placeholder the resolver used. */
  readonly pathParams: readonly { readonly name: string; readonly placeholder: string }[];
  /** False when the package has no www.wixapis.com mapping and returns the proto path unchanged (likely 404). */
  readonly gatewayMapped: boolean;
}

export interface MetaProblem {
  readonly name: string;
  readonly reason: string;
}

const VERBS = new Set<string>(["GET", "POST", "PUT", "PATCH", "DELETE"]);
/** Where the SDK sends REST calls for API keys and OAuth tokens alike (wix-protocol.md §5.2). */
const HOST = "www.wixapis.com";

export function readRestMethods(pkg: AutoSdkPackage): { methods: RestMethod[]; problems: MetaProblem[] } {
  const metaFile = path.join(pkg.dir, "build", "cjs", "meta.js");
  let meta: Record<string, unknown>;
  try {
    meta = createRequire(metaFile)(metaFile) as Record<string, unknown>;
  } catch (err) {
    throw new ImportError("IMPORT_BAD_PACKAGE", `Cannot load ${metaFile}: ${(err as Error).message}`);
  }
  const methods: RestMethod[] = [];
  const problems: MetaProblem[] = [];
  // Enums are re-exported as `<Name>Original`; everything else that is a function describes one REST method.
  for (const name of Object.keys(meta).sort()) {
    const factory = meta[name];
    if (name.endsWith("Original") || typeof factory !== "function") continue;
    try {
      methods.push(describe(name, (factory as () => unknown)()));
    } catch (err) {
      problems.push({ name, reason: (err as Error).message });
    }
  }
  return { methods, problems };
}

function describe(name: string, info: unknown): RestMethod {
  const { getUrl, httpMethod, path: protoPath, pathParams } = (info ?? {}) as Record<string, unknown>;
  if (
    typeof getUrl !== "function" ||
    typeof protoPath !== "string" ||
    typeof httpMethod !== "string" ||
    !VERBS.has(httpMethod)
  )
    throw new Error("meta entry has no getUrl/httpMethod/path");
  const url = (getUrl as (ctx: { host: string }) => unknown)({ host: HOST });
  if (typeof url !== "string" || !url.startsWith("/"))
    throw new Error(`getUrl returned ${JSON.stringify(url)}, not a path`);
  const placeholders = Object.keys((pathParams ?? {}) as object);
  // The meta factory fills each proto field with ":<placeholder>"; order in the URL is the order of the proto fields.
  const found = [...url.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)]
    .map((m) => ({ name: m[1]!, at: m.index }))
    .filter((m) => placeholders.includes(m.name));
  const fields = [...protoPath.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  if (found.length !== fields.length)
    throw new Error(`getUrl gave ${found.length} path params for ${fields.length} in ${protoPath}`);
  let restPath = "";
  let from = 0;
  found.forEach((f, i) => {
    restPath += `${url.slice(from, f.at)}{${fields[i]!}}`;
    from = f.at + 1 + f.name.length;
  });
  restPath += url.slice(from);
  const shape = (p: string): string => p.replace(/\{[^}]+\}/g, "{}");
  return {
    name,
    httpMethod: httpMethod as HttpVerb,
    protoPath,
    path: restPath,
    pathParams: found.map((f, i) => ({ name: fields[i]!, placeholder: f.name })),
    gatewayMapped: shape(restPath) !== shape(protoPath),
  };
}
