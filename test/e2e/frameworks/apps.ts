// Tiny apps, one per framework, that use the generated clients the way their docs say to write code: the visitor
// client in browser code, the admin client in server code. No bundler configuration for wix-authz anywhere.
import { pinned, type AppFiles } from "./setup.js";

const VISITOR = `{ clientId: "test-client", baseUrl: "http://127.0.0.1:9" }`;
const ADMIN = `{ apiKey: "IST.test", siteId: "site", baseUrl: "http://127.0.0.1:9" }`;

export type { AppFiles };

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

/**
 * The app's own dependencies, as a user's package.json lists them (installed one folder up). Astro reads them to choose
 * what its SSR build bundles: an integration missing here (@astrojs/react) stays external, and Node cannot load its
 * `astro:` virtual imports.
 */
const manifest = (name: string, dependencies: readonly string[]) =>
  JSON.stringify({
    name,
    private: true,
    type: "module",
    dependencies: Object.fromEntries(dependencies.map((d) => [d, pinned(d)])),
  });

/**
 * Astro 5 SSR (the Node adapter): the page's frontmatter runs on the server (admin), its <script> in the browser, a
 * server island on the server, a React island (client:load) in the browser.
 */
export const astroApp: AppFiles = {
  "package.json": manifest("astro-app", ["astro", "@astrojs/node", "@astrojs/react", "react", "react-dom"]),
  // The React integration is the user's choice of UI framework, not configuration for wix-authz.
  "astro.config.mjs": `import node from "@astrojs/node";
import react from "@astrojs/react";
import { defineConfig } from "astro/config";
export default defineConfig({
  output: "server",
  adapter: node({ mode: "standalone" }),
  integrations: [react()],
  telemetry: false,
});
`,
  "tsconfig.json": JSON.stringify({
    extends: "astro/tsconfigs/strict",
    include: ["src", "generated"],
    compilerOptions: { jsx: "react-jsx", jsxImportSource: "react" },
  }),
  // A server island (server:defer: rendered on its own request after the page) using the visitor client.
  "src/components/Stock.astro": `---
import { createVisitorClient } from "../../generated/visitor.js";
const visitor = createVisitorClient(${VISITOR});
---
<p id="stock">{typeof visitor.stores.products.queryProducts}</p>
`,
  // A React island hydrated in the browser: the visitor client is made and called there.
  "src/components/AddToCart.tsx": `import { useState } from "react";
import { createVisitorClient } from "../../generated/visitor.js";

export default function AddToCart({ productId }: { productId: string }) {
  const [added, setAdded] = useState(0);
  async function add() {
    const visitor = createVisitorClient(${VISITOR});
    await visitor.ecom.currentCart
      .addToCurrentCart({ lineItems: [{ quantity: 1, catalogReference: { appId: "stores", catalogItemId: productId } }] })
      .catch(() => undefined);
    setAdded((n) => n + 1);
  }
  return <button id="add" onClick={add}>add {added}</button>;
}
`,
  "src/pages/index.astro": `---
import { createAdminClient } from "../../generated/admin.js";
import AddToCart from "../components/AddToCart.tsx";
import Stock from "../components/Stock.astro";
const admin = createAdminClient(${ADMIN});
---
<html><body><p>{typeof admin.stores.products.createProduct}</p><button id="cart">cart</button>
<Stock server:defer />
<AddToCart client:load productId="p1" />
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
