// The spec format has one owner, spec/schema.json: the TypeScript shape (core/spec-file.ts), the identity list, the
// importer's key orders and the emulator's keyword map are all held to it here.
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { compile } from "json-schema-to-typescript";
import { describe, expect, it } from "vitest";
import { IDENTITIES } from "../../core/identity.js";
import { methodKeyOrder, schemaKeywords, SPEC_PATH_PATTERN, specFormatSchema } from "../../core/spec-file.js";
import { UNMAPPED_KEYWORDS, VIOLATED_RULES } from "../../emulator/validate.js";
import { ROOT, typeCheck, typeProject } from "../types/tsc.js";

/** Compiler-checked agreement: same keys, same required keys, and every value the schema allows is a SpecFile. */
const AGREEMENT = `
/// <reference types="node" />
import type * as S from "./schema-types.js";
import type {
  SpecDeprecation,
  SpecEvidence,
  SpecFile,
  SpecMethod,
  SpecOverride,
  SpecProvenance,
} from "../../core/spec-file.js";
import type { JsonSchema } from "../../core/model.js";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Known<T> = keyof { [K in keyof T as string extends K ? never : K]: T[K] };
type RequiredKeys<T> = { [K in Known<T>]-?: {} extends Pick<T, K> ? never : K }[Known<T>];
type Agree<A, B> = Same<Known<A>, Known<B>> extends true ? Same<RequiredKeys<A>, RequiredKeys<B>> : false;
const yes = <T extends true>() => undefined as unknown as T;

type SchemaDeprecation = Exclude<S.Method["deprecated"], boolean | undefined>;
yes<Agree<SpecFile, S.WixAuthzSpecFile>>();
yes<Agree<SpecMethod, S.Method>>();
yes<Agree<SpecMethod["http"], S.Method["http"]>>();
yes<Agree<SpecProvenance, NonNullable<S.Method["provenance"]>>>();
yes<Agree<SpecDeprecation, SchemaDeprecation>>();
type SchemaProvenance = NonNullable<S.Method["provenance"]>;
yes<Agree<SpecEvidence, NonNullable<SchemaProvenance["evidence"]>[number]>>();
yes<Agree<SpecOverride, NonNullable<SchemaProvenance["override"]>>>();
yes<Same<NonNullable<SpecOverride["identities"]>[number], NonNullable<NonNullable<SchemaProvenance["override"]>["identities"]>[number]>>();
yes<Same<NonNullable<SpecEvidence["kind"]>, NonNullable<NonNullable<SchemaProvenance["evidence"]>[number]["kind"]>>>();
yes<Agree<JsonSchema, S.JsonSchema>>();
// Values: whatever the schema accepts, the TypeScript shape accepts.
export const file: SpecFile = undefined as unknown as S.WixAuthzSpecFile;
export const method: SpecMethod = undefined as unknown as S.Method;
`;

describe("spec/schema.json owns the spec format", () => {
  it("core/spec-file.ts says what schema.json says (json-schema-to-typescript + tsc)", async () => {
    const schema = JSON.parse(await readFile(path.join(ROOT, "spec/schema.json"), "utf8")) as object;
    const types = await compile(schema as Parameters<typeof compile>[0], "SpecFile", {
      bannerComment: "",
      additionalProperties: false,
      format: false,
    });
    const dir = await typeProject({ "schema-types.ts": types, "agreement.ts": AGREEMENT });
    try {
      expect(await typeCheck(dir, "TypeScript 5.9")).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("SPEC_PATH_PATTERN is schema.json's http.path pattern", () => {
    const { method } = specFormatSchema().definitions as unknown as {
      method: { properties: { http: { properties: { path: { pattern: string } } } } };
    };
    expect(SPEC_PATH_PATTERN.source).toBe(new RegExp(method.properties.http.properties.path.pattern).source);
    expect(SPEC_PATH_PATTERN.test("/stores/v1/products/{product.id}")).toBe(true);
    expect(SPEC_PATH_PATTERN.test("/stores/v1/products/{product.}")).toBe(false);
  });

  it("the identity enum is the identity table's", () => {
    expect(specFormatSchema().definitions.identity.enum).toEqual([...IDENTITIES]);
  });

  it("the importer writes methods and schemas in schema.json's key order", () => {
    expect(methodKeyOrder().slice(0, 3)).toEqual(["name", "namespace", "description"]);
    expect(schemaKeywords()[0]).toBe("$ref");
  });

  it("the emulator knows every keyword schema.json allows: a Wix violatedRule, or explicitly none", () => {
    const classified = new Set([...Object.keys(VIOLATED_RULES), ...UNMAPPED_KEYWORDS]);
    expect(schemaKeywords().filter((k) => !classified.has(k))).toEqual([]);
    expect(Object.keys(VIOLATED_RULES).filter((k) => !schemaKeywords().includes(k))).toEqual([]);
  });
});
