// The files `generate` writes for a spec, sorted: tests that scan or compare the output require every one.
export const GENERATED_FILES: readonly string[] = [
  "admin.d.ts",
  "admin.js",
  "clients.d.ts",
  "member.d.ts",
  "member.js",
  "site-methods.d.ts",
  "site-methods.js",
  "types.d.ts",
  "visitor.d.ts",
  "visitor.js",
];

/** GENERATED_FILES and the browser table's chunk of each top-level namespace holding a visitor or member method. */
export function generatedFiles(siteTopLevelNamespaces: readonly string[]): string[] {
  return [...GENERATED_FILES, ...siteTopLevelNamespaces.map((top) => `site-methods.${top}.js`)].sort();
}
