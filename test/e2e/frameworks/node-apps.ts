// Node apps that call the emulator through the generated clients: ESM with moduleResolution nodenext, and CommonJS
// (a .cts file compiled to .cjs, whose imports become require() calls: Node 20.19+ loads ES modules from require).
// Each prints one JSON line: what a visitor read, what an admin wrote, and that a forced call was refused by the
// runtime's own WixIdentityError class (the app and the generated code share one runtime instance).
import type { AppFiles } from "./apps.js";

const TSCONFIG = JSON.stringify({
  compilerOptions: {
    target: "ES2022",
    module: "nodenext",
    moduleResolution: "nodenext",
    strict: true,
    rootDir: "src",
    outDir: "dist",
    types: ["node"],
  },
  include: ["src"],
});

/** The program, the same in both module systems; `imports` is how each one reaches the clients and the runtime. */
const program = (imports: string, run: (body: string) => string) => `${imports}
import type { MemberClient } from "../generated/member.js";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(\`\${name} is not set\`);
  return value;
};
const baseUrl = env("WIX_BASE_URL");
${run(`const visitor = createVisitorClient({ clientId: env("WIX_CLIENT_ID"), baseUrl });
  const admin = createAdminClient({ apiKey: env("WIX_API_KEY"), siteId: env("WIX_SITE_ID"), baseUrl });
  const { products } = await visitor.stores.products.queryProducts({ query: { paging: { limit: 2 } } });
  const { product } = await admin.stores.products.createProduct({
    product: { name: "Node mug", productType: "physical", priceData: { price: 3 } },
  });
  const forced = visitor as unknown as MemberClient;
  const refused = await forced.members.members.getCurrentMember().then(
    () => "sent",
    (e: unknown) => (e instanceof WixIdentityError ? "WixIdentityError" : String(e)),
  );
  console.log(JSON.stringify({ products: products.length, created: product?.name, refused }));`)}
`;

/** Node ESM, moduleResolution nodenext: tsc compiles src/main.ts, node runs dist/main.js (top-level await). */
export const nodeEsmApp: AppFiles = {
  "package.json": JSON.stringify({ name: "node-esm-app", private: true, type: "module" }),
  "tsconfig.json": TSCONFIG,
  "src/main.ts": program(
    `import { WixIdentityError } from "@wix-authz/runtime";
import { createAdminClient } from "../generated/admin.js";
import { createVisitorClient } from "../generated/visitor.js";`,
    (body) => `${body.replace(/^ {2}/gm, "")}`,
  ),
};

/**
 * A CommonJS package (`"type": "commonjs"`): tsc compiles src/main.cts to dist/main.cjs, whose imports are require()
 * calls of the ES modules (the runtime and the generated clients). generated/package.json marks the generated `.js`
 * files as ES modules, as the README says for CommonJS apps.
 */
export const nodeCjsApp: AppFiles = {
  "package.json": JSON.stringify({ name: "node-cjs-app", private: true, type: "commonjs" }),
  "tsconfig.json": TSCONFIG,
  "generated/package.json": JSON.stringify({ type: "module" }),
  "src/main.cts": program(
    `import { WixIdentityError } from "@wix-authz/runtime";
import { createAdminClient } from "../generated/admin.js";
import { createVisitorClient } from "../generated/visitor.js";`,
    (body) => `async function main(): Promise<void> {
  ${body}
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});`,
  ),
};
