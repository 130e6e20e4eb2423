// The layering, enforced by `npm run lint` (part of npm test). Read bottom-up:
//   runtime/   the package @wix-authz/runtime: the auth core generated code imports; owns the generated-code contract
//              (runtime/contract.ts); the tools reach it as @wix-authz/runtime/contract and /identities
//   core/      the IR, the identity table's generator side, the spec file's shape, diagnostics, names
//   generator/ importer/ emulator/   libraries over core (the emulator loads specs through generator/load-model,
//              load and files)
//   cli/       the commands; imported by nothing but bin/ and tests
// Each rule names the sentence it enforces.
const PRODUCT = "^(runtime|core|generator|importer|exporter|emulator|cli|generated|plugins)/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      comment: "No import loops anywhere in the repository.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "runtime-stands-alone",
      comment: "runtime/ imports only runtime/ (and npm packages): it ships without the generator.",
      severity: "error",
      from: { path: "^runtime/" },
      to: { path: "^(core|generator|importer|exporter|emulator|cli|generated|test|bench|scripts|examples)/" },
    },
    {
      name: "runtime-package-imports-only-its-dependencies",
      comment:
        "runtime/ imports only the npm packages runtime/package.json declares: @wix-authz/runtime is installed " +
        "without the generator's dependencies, so a package only the root declares would be missing in apps.",
      severity: "error",
      from: { path: "^runtime/" },
      to: { dependencyTypes: ["npm-no-pkg", "npm-unknown", "npm-dev", "npm-optional", "npm-peer", "npm-bundled"] },
    },
    {
      name: "bundler-plugins-stand-alone",
      comment: "plugins/ (wix-authz/vite) imports nothing of the repository: it runs inside the user's bundler.",
      severity: "error",
      from: { path: "^plugins/" },
      to: { path: "^(runtime|core|generator|importer|exporter|emulator|cli|generated|test|bench|scripts|examples)/" },
    },
    {
      name: "browsers-never-load-the-identity-table",
      comment: "runtime/ imports identities.ts for types only: the table names the admin factory and credential.",
      severity: "error",
      from: { path: "^runtime/", pathNot: "^runtime/identities\\.ts$" },
      to: { path: "^runtime/identities\\.ts$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "core-is-the-bottom-of-the-tools",
      comment: "core/ imports only core/ and the runtime's contract (the descriptor types and the identity table).",
      severity: "error",
      from: { path: "^core/" },
      to: {
        path: "^(runtime/(?!(contract|identities)\\.ts$)|generator|importer|exporter|emulator|cli|generated|test|bench|scripts|examples)",
      },
    },
    {
      name: "generator-is-a-library",
      comment: "generator/ imports core/ and the runtime's contract, never the other libraries or the commands.",
      severity: "error",
      from: { path: "^generator/" },
      to: {
        path: "^(runtime/(?!(contract|identities)\\.ts$)|importer|exporter|emulator|cli|generated|test|bench|scripts|examples)",
      },
    },
    {
      name: "importer-is-a-library",
      comment: "importer/ imports core/ (and the runtime's contract), never the generator, emulator or commands.",
      severity: "error",
      from: { path: "^importer/" },
      to: {
        path: "^(runtime/(?!(contract|identities)\\.ts$)|generator|exporter|emulator|cli|generated|test|bench|scripts|examples)",
      },
    },
    {
      name: "emulator-is-a-library",
      comment:
        "emulator/ imports core/, the runtime's contract and the spec loader (load-model, load, files), never the importer or commands.",
      severity: "error",
      from: { path: "^emulator/" },
      to: {
        path: "^(runtime/(?!(contract|identities)\\.ts$)|generator/(?!(load-model|load|files)\\.ts$)|importer|exporter|cli|generated|test|bench|scripts|examples)",
      },
    },
    {
      name: "exporter-is-a-library",
      comment:
        "exporter/ imports core/ and reads specs through the generator's loader (load.ts, load-model.ts), " +
        "never the emit stages, the importer, the emulator or the commands.",
      severity: "error",
      from: { path: "^exporter/" },
      to: {
        path: "^(runtime/(?!(contract|identities)\\.ts$)|generator/(?!(load-model|load|files)\\.ts$)|importer|emulator|cli|generated|test|bench|scripts|examples)",
      },
    },
    {
      name: "commands-are-leaves",
      comment: "Nothing in the product imports cli/ (only bin/ and tests do).",
      severity: "error",
      from: { path: PRODUCT, pathNot: "^cli/" },
      to: { path: "^cli/" },
    },
    {
      name: "generated-code-imports-only-the-runtime",
      comment: "generated/ imports only the runtime (as @wix-authz/runtime) and itself.",
      severity: "error",
      from: { path: "^generated/" },
      to: { path: "^(core|generator|importer|exporter|emulator|cli|test|bench|scripts|examples)/" },
    },
    {
      name: "tests-import-product-and-test-helpers",
      comment:
        "test/ imports product code and test/ helpers, never bench/ or scripts/ (their tests sit beside them); " +
        "only the end-to-end suite drives the example apps.",
      severity: "error",
      from: { path: "^test/", pathNot: "^test/e2e/" },
      to: { path: "^(bench|scripts|examples)/" },
    },
    {
      name: "end-to-end-tests-import-no-tools",
      comment: "test/e2e/ may start the example apps, but imports no bench/ or scripts/ code.",
      severity: "error",
      from: { path: "^test/e2e/" },
      to: { path: "^(bench|scripts)/" },
    },
    {
      name: "product-imports-no-tests",
      comment: "Product code never imports tests, benchmarks, scripts or examples.",
      severity: "error",
      from: { path: PRODUCT },
      to: { path: "^(test|bench|scripts|examples)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // node_modules is not followed (doNotFollow) but kept, so a rule can see which npm package a file imports.
    exclude: {
      path: [
        "^(dist|runtime/dist|examples/[^/]+/dist)/",
        "(^|/)\\.tmp/",
        "^test/fixtures/",
        "\\.golden\\.ts$",
        "/\\.out-",
      ],
    },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      conditionNames: ["wix-authz-source", "import", "types", "default"],
      exportsFields: ["exports"],
      extensions: [".ts", ".d.ts", ".js"],
    },
  },
};
