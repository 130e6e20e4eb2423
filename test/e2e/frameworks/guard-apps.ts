// Apps that import the admin client into browser code: each build must fail naming the user's file.
import { astroApp, nextApp, viteApp, type AppFiles } from "./apps.js";

export const BAD_IMPORT = `import { createAdminClient } from "../generated/admin.js";\n`;

/** Next.js: a client component imports the generated admin client. */
export const nextGuardApp: AppFiles = {
  ...nextApp,
  "app/bad-admin.tsx": `"use client";
${BAD_IMPORT}
export function BadAdmin() {
  return <button onClick={() => createAdminClient({ apiKey: "IST.x", siteId: "s" })}>admin</button>;
}
`,
  "app/page.tsx": `import { BadAdmin } from "./bad-admin";

export default function Page() {
  return (<main><BadAdmin /></main>);
}
`,
};

const VITE_CONFIG = `import { defineConfig } from "vite";
import { wixAuthz } from "wix-authz/vite";

export default defineConfig({ plugins: [wixAuthz()] });
`;

/** Vite with wix-authz/vite: browser code imports the generated admin client. tsc checks the plugin fits Vite's type. */
export const viteGuardApp: AppFiles = {
  ...viteApp,
  "vite.config.ts": VITE_CONFIG,
  "tsconfig.json": JSON.stringify({
    compilerOptions: { module: "nodenext", moduleResolution: "nodenext", strict: true, noEmit: true, types: ["node"] },
    include: ["vite.config.ts"],
  }),
  "src/main.ts": `${BAD_IMPORT}console.log(createAdminClient);\n`,
};

/** Astro with wix-authz/vite: a page's browser <script> imports the generated admin client. */
export const astroGuardApp: AppFiles = {
  ...astroApp,
  "astro.config.mjs": `import node from "@astrojs/node";
import { defineConfig } from "astro/config";
import { wixAuthz } from "wix-authz/vite";
export default defineConfig({
  output: "server",
  adapter: node({ mode: "standalone" }),
  telemetry: false,
  vite: { plugins: [wixAuthz()] },
});
`,
  "src/pages/index.astro": `<html><body><button id="admin">admin</button>
<script>
  import { createAdminClient } from "../../generated/admin.js";
  console.log(createAdminClient);
</script>
</body></html>
`,
};
