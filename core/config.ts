// config: the shape of wix-authz.config.json (config/schema.json is the one definition: cli/config.ts validates files
// against it) and of the configuration the commands get once paths are resolved.

/** The file every command looks for, in the working directory and then upward. */
export const CONFIG_FILE = "wix-authz.config.json";

/**
 * Config files in other formats a user may try; they are refused with the reason (JSON only: commands run on plain
 * Node with no TypeScript loader, and JSON is checked by a JSON Schema editors read too).
 */
export const UNSUPPORTED_CONFIG_FILES = [
  "wix-authz.config.ts",
  "wix-authz.config.mts",
  "wix-authz.config.js",
  "wix-authz.config.mjs",
  "wix-authz.config.cjs",
] as const;

/** wix-authz.config.json as written. */
export interface ConfigFile {
  readonly $schema?: string;
  readonly spec?: string | readonly string[];
  readonly overrides?: readonly string[];
  readonly out?: string;
  readonly prettier?: boolean | string;
  readonly strictFacts?: boolean;
  readonly catalogue?: { readonly dir: string; readonly select: readonly string[] };
  readonly import?: { readonly out?: string };
  readonly emulate?: { readonly port?: number; readonly host?: string };
}

/** A config file read and checked, with every path absolute (resolved against the file's folder). */
export interface ProjectConfig {
  /** Absolute path of the config file. */
  readonly file: string;
  /** Its folder. */
  readonly dir: string;
  readonly spec?: readonly string[];
  readonly overrides: readonly string[];
  readonly out?: string;
  readonly prettier?: boolean | string;
  readonly strictFacts?: boolean;
  readonly catalogue?: { readonly dir: string; readonly select: readonly string[] };
  readonly importOut?: string;
  readonly emulate?: { readonly port?: number; readonly host?: string };
}
