// The runtime as a production browser build sees it: bundled and minified, which renames every class binding.

import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { BROWSER_BUNDLE } from "../support/initial-outputs.js";

const REPO = fileURLToPath(new URL("../../", import.meta.url));

/** Each error class's name and a thrown instance's name, string and JSON forms, from a minified bundle of the runtime. */
async function minifiedErrorNames(conditions: string[] | undefined) {
  const app = `import * as runtime from "@wix-authz/runtime";
export const names = Object.entries(runtime)
  .filter(([exported, value]) => exported.endsWith("Error") && typeof value === "function")
  .map(([exported, value]) => [exported, value.name]);
const config = new runtime.WixConfigError("clientId", "expected a non-empty string.");
export const instance = { name: config.name, text: String(config), json: config.toJSON().name };
`;
  const result = await build({
    ...BROWSER_BUNDLE,
    stdin: { contents: app, loader: "js", resolveDir: REPO },
    ...(conditions && { conditions }),
  });
  const code = result.outputFiles[0]!.text;
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`)) as {
    names: [string, string][];
    instance: { name: string; text: string; json: string };
  };
}

describe.each([
  ["sources (wix-authz-source)", ["wix-authz-source"]],
  ["dist/ (default conditions)", undefined],
])("error names in a minified browser build from %s", (_label, conditions) => {
  it("are the class names as exported, though the minifier renames the classes", async () => {
    const { names, instance } = await minifiedErrorNames(conditions);
    // The control: every exported error class is looked at.
    expect(names.map(([exported]) => exported).sort()).toEqual([
      "WixApiError",
      "WixAuthzError",
      "WixConfigError",
      "WixIdentityError",
      "WixLoginError",
      "WixNetworkError",
      "WixResponseError",
      "WixSessionExpiredError",
      "WixTokenError",
    ]);
    for (const [exported, name] of names) expect(name, exported).toBe(exported);
    expect(instance).toEqual({
      name: "WixConfigError",
      text: "WixConfigError: clientId: expected a non-empty string.",
      json: "WixConfigError",
    });
  });
});
