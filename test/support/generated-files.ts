// The files `generate` writes for any spec, sorted: tests that scan or compare the output require every one.
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
