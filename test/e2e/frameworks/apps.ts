// Tiny apps, one per framework, that use the generated clients the way their docs say to write code: the visitor
// client in browser code, the admin client in server code. No bundler configuration for wix-authz anywhere.

const VISITOR = `{ clientId: "test-client", baseUrl: "http://127.0.0.1:9" }`;
const ADMIN = `{ apiKey: "IST.test", siteId: "site", baseUrl: "http://127.0.0.1:9" }`;

export type AppFiles = Record<string, string>;

/** Next.js 16 App Router: a server component and a route handler (admin), a client component (visitor). */
export const nextApp: AppFiles = {
  "package.json": JSON.stringify({ name: "next-app", private: true, type: "module" }),
  "next.config.mjs": "export default {};\n",
  "tsconfig.json": JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      lib: ["dom", "dom.iterable", "esnext"],
      strict: true,
      noEmit: true,
      module: "esnext",
      moduleResolution: "bundler",
      jsx: "react-jsx",
      isolatedModules: true,
      skipLibCheck: true,
      allowJs: true,
      plugins: [{ name: "next" }],
    },
    include: ["next-env.d.ts", "**/*.ts", "**/*.tsx"],
    exclude: ["node_modules"],
  }),
  "app/layout.tsx": `export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (<html lang="en"><body>{children}</body></html>);
}
`,
  "app/cart.tsx": `"use client";
import { useState } from "react";
import { createVisitorClient } from "../generated/visitor";
import { countAdminProducts } from "./actions";

export function Cart() {
  const [count, setCount] = useState(0);
  async function add() {
    const visitor = createVisitorClient(${VISITOR});
    await visitor.ecom.currentCart.getCurrentCart({}).catch(() => undefined);
    setCount((c) => c + 1);
  }
  // A server action: the client gets a reference to call, the admin client stays in the server's code.
  return (<><button onClick={add}>cart {count}</button><button onClick={() => countAdminProducts()}>count</button></>);
}
`,
  "app/actions.ts": `"use server";
import { createAdminClient } from "../generated/admin.js";

export async function countAdminProducts(): Promise<string> {
  const admin = createAdminClient(${ADMIN});
  return typeof admin.stores.products.createProduct;
}
`,
  // Next 16's proxy (formerly middleware) runs on the server: a visitor client may be built there.
  "proxy.ts": `import { NextResponse } from "next/server";
import { createVisitorClient } from "./generated/visitor.js";

export function proxy() {
  const visitor = createVisitorClient(${VISITOR});
  return NextResponse.next({ headers: { "x-wix-client": typeof visitor.ecom.currentCart.getCurrentCart } });
}
`,
  "app/page.tsx": `import { createAdminClient } from "../generated/admin.js";
import { Cart } from "./cart";

export const dynamic = "force-dynamic";

export default function Page() {
  const admin = createAdminClient(${ADMIN});
  return (<main><p>{typeof admin.stores.products.createProduct}</p><Cart /></main>);
}
`,
  "app/api/products/route.ts": `import { createAdminClient } from "../../../generated/admin.js";

export async function GET() {
  const admin = createAdminClient(${ADMIN});
  return Response.json({ createProduct: typeof admin.stores.products.createProduct });
}
`,
};

/** Astro 5 SSR (the Node adapter): the page's frontmatter runs on the server (admin), its <script> in the browser. */
export const astroApp: AppFiles = {
  "package.json": JSON.stringify({ name: "astro-app", private: true, type: "module" }),
  "astro.config.mjs": `import node from "@astrojs/node";
import { defineConfig } from "astro/config";
export default defineConfig({ output: "server", adapter: node({ mode: "standalone" }), telemetry: false });
`,
  "tsconfig.json": JSON.stringify({ extends: "astro/tsconfigs/strict", include: ["src", "generated"] }),
  // A server island (server:defer: rendered on its own request after the page) using the visitor client.
  "src/components/Stock.astro": `---
import { createVisitorClient } from "../../generated/visitor.js";
const visitor = createVisitorClient(${VISITOR});
---
<p id="stock">{typeof visitor.stores.products.queryProducts}</p>
`,
  "src/pages/index.astro": `---
import { createAdminClient } from "../../generated/admin.js";
import Stock from "../components/Stock.astro";
const admin = createAdminClient(${ADMIN});
---
<html><body><p>{typeof admin.stores.products.createProduct}</p><button id="cart">cart</button>
<Stock server:defer />
<script>
  import { createVisitorClient } from "../../generated/visitor.js";
  const visitor = createVisitorClient(${VISITOR});
  document.getElementById("cart")!.addEventListener("click", () => visitor.ecom.currentCart.getCurrentCart({}));
</script>
</body></html>
`,
};

/** Vite 7: a browser app using the visitor client. */
export const viteApp: AppFiles = {
  "package.json": JSON.stringify({ name: "vite-app", private: true, type: "module" }),
  "index.html": `<!doctype html><html><body><button id="cart">cart</button><script type="module" src="/src/main.ts"></script></body></html>\n`,
  "src/main.ts": `import { createVisitorClient } from "../generated/visitor.js";
const visitor = createVisitorClient(${VISITOR});
document.getElementById("cart")!.addEventListener("click", () => visitor.ecom.currentCart.getCurrentCart({}));
`,
};

/** Node ESM with moduleResolution nodenext: tsc type-checks and compiles src/, node runs the result. */
export const nodeApp: AppFiles = {
  "package.json": JSON.stringify({ name: "node-app", private: true, type: "module" }),
  "tsconfig.json": JSON.stringify({
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
  }),
  "src/main.ts": `import { createAdminClient } from "../generated/admin.js";
import { createVisitorClient } from "../generated/visitor.js";
const admin = createAdminClient(${ADMIN});
const visitor = createVisitorClient(${VISITOR});
console.log(typeof admin.stores.products.createProduct, typeof visitor.stores.products.queryProducts);
`,
};
