// JSON Schema → TypeScript type text: table-driven, exact strings.
import { describe, expect, it } from "vitest";
import { commentSafe, docComment } from "../../generator/emit/doc.js";
import { schemaType } from "../../generator/emit/schema-type.js";
import type { JsonSchema } from "../../core/model.js";
import { propertyKey } from "../../core/names.js";

const cases: [string, JsonSchema, string][] = [
  ["string", { type: "string" }, "string"],
  ["integer is number", { type: "integer" }, "number"],
  ["nullable", { type: ["string", "null"] }, "string | null"],
  ["enum", { type: "string", enum: ["ASC", "DESC"] }, '"ASC" | "DESC"'],
  ["mixed enum", { enum: ["a", 1, true, null] }, '"a" | 1 | true | null'],
  ["const", { const: "x" }, '"x"'],
  ["$ref", { $ref: "#/schemas/Product" }, "Product"],
  ["array of refs", { type: "array", items: { $ref: "#/schemas/Product" } }, "Product[]"],
  [
    "array of a union is parenthesized",
    { type: "array", items: { type: ["string", "number"] } },
    "(string | number)[]",
  ],
  ["array without items", { type: "array" }, "unknown[]"],
  ["oneOf", { oneOf: [{ type: "string" }, { $ref: "#/schemas/A" }] }, "string | A"],
  ["allOf", { allOf: [{ $ref: "#/schemas/A" }, { $ref: "#/schemas/B" }] }, "A & B"],
  ["no type", {}, "unknown"],
  ["open object", { type: "object" }, "{ [key: string]: unknown }"],
  ["closed empty object", { type: "object", additionalProperties: false }, "{ [key: string]: never }"],
  ["map", { type: "object", additionalProperties: { type: "number" } }, "{ [key: string]: number }"],
  [
    "object",
    { type: "object", required: ["id"], properties: { id: { type: "string" }, n: { type: "integer" } } },
    "{\nid: string;\nn?: number;\n}",
  ],
  [
    "object open with properties",
    { type: "object", properties: { id: { type: "string" } }, additionalProperties: true },
    "{\nid?: string;\n[key: string]: unknown;\n}",
  ],
  [
    "odd keys are quoted",
    JSON.parse('{"type":"object","properties":{"a-b":{"type":"string"},"__proto__":{"type":"string"}}}') as JsonSchema,
    '{\n"a-b"?: string;\n__proto__?: string;\n}',
  ],
  [
    "property docs",
    { type: "object", properties: { id: { type: "string", description: "The ID." } } },
    "{\n/** The ID. */\nid?: string;\n}",
  ],
  [
    "deprecated property",
    { type: "object", properties: { old: { type: "string", deprecated: true } } },
    "{\n/** @deprecated */\nold?: string;\n}",
  ],
];

describe("schemaType", () => {
  it.each(cases)("%s", (_name, schema, expected) => {
    expect(schemaType(schema)).toBe(expected);
  });

  it("qualifies refs with a prefix", () => {
    expect(schemaType({ $ref: "#/schemas/Product" }, "T.")).toBe("T.Product");
  });
});

describe("comments and keys stay inert", () => {
  it.each([
    ["*/ alert(1) /*", "*\\/ alert(1) /\\*"],
    ["line\u2028break\u2029end", "line\nbreak\nend"],
    ["  padded  ", "padded"],
  ])("commentSafe(%j)", (input, expected) => {
    expect(commentSafe(input)).toBe(expected);
  });

  it("docComment renders one or many lines", () => {
    expect(docComment("One.")).toBe("/** One. */\n");
    expect(docComment("One.", ["@deprecated"])).toBe("/**\n * One.\n *\n * @deprecated\n */\n");
    expect(docComment(undefined)).toBe("");
  });

  it.each([
    ["id", "id"],
    ["$ok_1", "$ok_1"],
    ["a-b", '"a-b"'],
    ['q"uote', '"q\\"uote"'],
    ["1abc", '"1abc"'],
  ])("propertyKey(%j)", (name, expected) => {
    expect(propertyKey(name)).toBe(expected);
  });
});

describe("parentheses", () => {
  it.each([
    [{ type: "array", items: { type: "array", items: { type: ["number", "null"] } } }, "(number | null)[][]"],
    [{ type: "array", items: { enum: ["a|b", "c&d"] } }, '("a|b" | "c&d")[]'],
    [{ type: "array", items: { enum: ["a|b"] } }, '"a|b"[]'],
    [
      {
        type: "array",
        items: {
          oneOf: [
            { type: "object", properties: { x: { type: "string", description: "see (x | y" } } },
            { type: "null" },
          ],
        },
      },
      "({\n/** see (x | y */\nx?: string;\n} | null)[]",
    ],
  ])("where an array needs them, and nowhere else %#", (schema, type) => {
    expect(schemaType(schema as JsonSchema)).toBe(type);
  });
});
