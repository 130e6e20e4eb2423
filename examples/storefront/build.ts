// Bundles the storefront for browsers with esbuild: src/main.ts → <outdir>/main.js and its chunks, plus index.html.

import { copyFile, mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build, type BuildResult } from "esbuild";

export const STOREFRONT_DIR = fileURLToPath(new URL(".", import.meta.url));

export interface StorefrontBuildOptions {
  /** Where main.js, its chunks (the login flows load on first use) and index.html go. */
  outdir: string;
  clientId: string;
  /** Wix API base URL; omit for the real Wix. */
  baseUrl?: string;
  /**
   * Package export conditions. Inside this repository pass ["wix-authz-source"] to bundle the TypeScript sources;
   * the default (esbuild's browser conditions) uses the built dist/, as an installed wix-authz would.
   */
  conditions?: string[];
  minify?: boolean;
}

export async function buildStorefront(options: StorefrontBuildOptions): Promise<BuildResult> {
  await mkdir(options.outdir, { recursive: true });
  const result = await build({
    entryPoints: [fileURLToPath(new URL("src/main.ts", import.meta.url))],
    outdir: options.outdir,
    entryNames: "[name]",
    // Dynamic imports (the runtime's login flows) become chunks the browser fetches when a login starts.
    splitting: true,
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    sourcemap: true,
    minify: options.minify ?? false,
    metafile: true,
    logLevel: "silent",
    ...(options.conditions && { conditions: options.conditions }),
    define: {
      __WIX_CLIENT_ID__: JSON.stringify(options.clientId),
      __WIX_BASE_URL__: JSON.stringify(options.baseUrl ?? ""),
    },
  });
  await copyFile(fileURLToPath(new URL("index.html", import.meta.url)), `${options.outdir}/index.html`);
  return result;
}
