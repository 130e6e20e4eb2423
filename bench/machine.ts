// The machine and package versions a bench run happened on, for the RESULTS.md header.
import { readFileSync } from "node:fs";
import os from "node:os";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export function packageVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    // Packages without "./package.json" in exports: read it from node_modules directly.
    const file = new URL(`../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
  }
}

export const BENCH_PACKAGES = [
  "typescript",
  "typescript7",
  "openapi-typescript",
  "openapi-fetch",
  "@wix/sdk",
  "@wix/stores",
  "esbuild",
  "prettier",
  "ts-morph",
];

export function machineReport(): string {
  const cpus = os.cpus();
  const own = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  const versions = [`wix-authz ${own.version}`, ...BENCH_PACKAGES.map((p) => `${p} ${packageVersion(p)}`)];
  return [
    `- CPU: ${cpus[0]?.model.trim() ?? "unknown"} × ${cpus.length} logical cores; RAM ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: ${os.type()} ${os.release()} (${os.arch()}); load average at start ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")}`,
    `- Node ${process.version}`,
    `- Packages: ${versions.join(", ")}`,
  ].join("\n");
}
