// The precompiled validators (core/validators/*.generated.ts) are what ajv compiles from today's schemas with the
// options they declare: a schema change without `npm run validators` fails here, not silently at run time.
import { describe, expect, it } from "vitest";
import { buildValidators } from "./build.js";

describe("precompiled schema validators", () => {
  it("match spec/schema.json and config/schema.json", async () => {
    expect(await buildValidators(true)).toEqual([]);
  }, 60_000);
});
