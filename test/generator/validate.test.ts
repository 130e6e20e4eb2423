// Invalid-spec fixtures, one per rule: exact code, message and line:column; a failed generate writes nothing.
import { describe, expect, it } from "vitest";
import { parseSpecTexts } from "../../generator/load.js";
import { validateSpec } from "../../generator/validate.js";
import { method, readTree, runCli, THING_SCHEMA, writeTree } from "./helpers.js";

interface Case {
  readonly rule: string;
  readonly files: Record<string, string>;
  readonly expected: readonly string[];
}

const M = (o: Parameters<typeof method>[0] = {}) => method(o);
/** A request carrying a shared Thing, whose id is optional there. */
const THING_REQUEST = "{ type: object, required: [thing], properties: { thing: { $ref: '#/schemas/Thing' } } }";

const cases: Case[] = [
  {
    rule: "YAML syntax errors are reported with their position",
    files: { "a.yaml": `${THING_SCHEMA}methods:\n  - name: [unclosed\n` },
    expected: ["a.yaml:5:1 SPEC_YAML"],
  },
  {
    rule: "duplicate YAML keys are errors",
    files: { "a.yaml": `${THING_SCHEMA}methods:\n${M()}\n    name: again\n` },
    expected: ["a.yaml:11:5 SPEC_YAML Map keys must be unique"],
  },
  {
    rule: "identities are visitor, member or admin",
    files: { "a.yaml": `${THING_SCHEMA}methods:\n${M({ identities: "[guest, member]" })}\n` },
    expected: ['a.yaml:7:18 SPEC_UNKNOWN_IDENTITY Unknown identity "guest". Expected one of: visitor, member, admin.'],
  },
  {
    rule: "unknown keys are rejected",
    files: { "a.yaml": `${THING_SCHEMA}methods:\n${M()}\n    auth: admin\n` },
    expected: [
      'a.yaml:11:5 SPEC_UNKNOWN_KEY Unknown key "auth" in methods[0]. Expected one of: name, namespace, description, http, identities, permissions, deprecated, request, response, provenance.',
    ],
  },
  {
    rule: "required keys are present",
    files: { "a.yaml": `${THING_SCHEMA}methods:\n  - name: getThing\n    namespace: things.things\n` },
    expected: [
      'a.yaml:4:5 SPEC_MISSING_KEY Missing required key "http" in methods[0].',
      'a.yaml:4:5 SPEC_MISSING_KEY Missing required key "identities" in methods[0].',
      'a.yaml:4:5 SPEC_MISSING_KEY Missing required key "request" in methods[0].',
      'a.yaml:4:5 SPEC_MISSING_KEY Missing required key "response" in methods[0].',
    ],
  },
  {
    rule: "HTTP methods are GET, POST, PUT, PATCH or DELETE",
    files: { "a.yaml": `${THING_SCHEMA}methods:\n${M({ verb: "FETCH" })}\n` },
    expected: [
      'a.yaml:6:21 SPEC_UNKNOWN_HTTP_METHOD Unknown HTTP method "FETCH". Expected one of: GET, POST, PUT, PATCH, DELETE.',
    ],
  },
  {
    rule: "method names are camelCase identifiers",
    files: { "a.yaml": `${THING_SCHEMA}methods:\n${M({ name: "get-thing" })}\n` },
    expected: [
      'a.yaml:4:11 SPEC_INVALID_FORMAT Invalid method name "get-thing": use camelCase letters and digits, starting with a lowercase letter.',
    ],
  },
  {
    rule: "values have the right type",
    files: {
      "a.yaml": `${THING_SCHEMA}methods:\n${M().replace("permissions: [THINGS.READ]", "permissions: THINGS.READ")}\n`,
    },
    expected: ["a.yaml:8:18 SPEC_WRONG_TYPE Expected array at methods[0].permissions, got string."],
  },
  {
    rule: "method names are unique per namespace, across files",
    files: {
      "a.yaml": `${THING_SCHEMA}methods:\n${M()}\n`,
      "b.yaml": `methods:\n${M({ path: "/things/v2/things/{id}" })}\n`,
    },
    expected: ['b.yaml:2:11 SPEC_DUPLICATE_METHOD Method "things.things.getThing" is already defined at a.yaml:4:11.'],
  },
  {
    rule: "shared schema names are unique across files",
    files: { "a.yaml": `${THING_SCHEMA}methods:\n${M()}\n`, "b.yaml": THING_SCHEMA },
    expected: ['b.yaml:2:3 SPEC_DUPLICATE_SCHEMA Schema "Thing" is already defined in a.yaml.'],
  },
  {
    rule: "every $ref resolves",
    files: { "a.yaml": `methods:\n${M()}\n` },
    expected: [
      'a.yaml:8:60 SPEC_UNRESOLVED_REF $ref "#/schemas/Thing" does not resolve: no schema named "Thing" in any spec file.',
    ],
  },
  {
    rule: "path parameters are declared in the request",
    files: { "a.yaml": `${THING_SCHEMA}methods:\n${M({ path: "/things/v1/things/{thingId}" })}\n` },
    expected: [
      'a.yaml:6:51 SPEC_PATH_PARAM_UNDECLARED Path parameter {thingId} is not declared in the request: add "thingId" to request.properties and request.required.',
    ],
  },
  {
    rule: "path parameters are required",
    files: {
      "a.yaml": `${THING_SCHEMA}methods:\n${M({ request: "{ type: object, properties: { id: { type: string } } }" })}\n`,
    },
    expected: ["a.yaml:6:51 SPEC_PATH_PARAM_NOT_REQUIRED Path parameter {id} must be listed in request.required."],
  },
  {
    rule: "a dotted path parameter names a declared nested field",
    files: {
      "a.yaml": `${THING_SCHEMA}methods:\n${M({ path: "/things/v1/things/{thing.uid}", request: THING_REQUEST })}\n`,
    },
    expected: [
      'a.yaml:6:51 SPEC_PATH_PARAM_UNDECLARED Path parameter {thing.uid} names a field the request does not declare: request.thing has no property "uid".',
    ],
  },
  {
    rule: "every field a dotted path parameter goes through is required",
    files: {
      "a.yaml": `${THING_SCHEMA}methods:\n${M({ path: "/things/v1/things/{thing.id}", request: THING_REQUEST })}\n`,
    },
    expected: [
      'a.yaml:6:51 SPEC_PATH_PARAM_NOT_REQUIRED Path parameter {thing.id} must be required all the way: list "id" in request.thing.required (for a shared schema, allOf: [{ $ref }, { required: [id] }]).',
    ],
  },
  {
    rule: "a dotted path parameter does not go through an array",
    files: {
      "a.yaml": `${THING_SCHEMA}methods:\n${M({
        path: "/things/v1/things/{things.id}",
        request:
          "{ type: object, required: [things], properties: { things: { type: array, items: { $ref: '#/schemas/Thing' } } } }",
      })}\n`,
    },
    expected: [
      "a.yaml:6:51 SPEC_PATH_PARAM_ARRAY Path parameter {things.id} cannot go through an array: request.things is a list.",
    ],
  },
  {
    rule: "a path is literal segments and whole {param} segments",
    files: { "a.yaml": `${THING_SCHEMA}methods:\n${M({ path: "/things/v1/things/{thing id}" })}\n` },
    expected: [
      'a.yaml:6:32 SPEC_INVALID_FORMAT Invalid HTTP path "/things/v1/things/{thing id}": it must start with "/", and each segment is either literal text or one {param} naming a request field (dotted for a nested one: {product.id}).',
    ],
  },
  {
    rule: "a method callable by visitors is callable by members",
    files: { "a.yaml": `${THING_SCHEMA}methods:\n${M({ identities: "[visitor, admin]" })}\n` },
    expected: [
      'a.yaml:7:17 SPEC_VISITOR_WITHOUT_MEMBER Method "things.things.getThing" allows visitor but not member: members can call everything visitors can. Add member.',
    ],
  },
  {
    rule: "no two methods share a verb and path",
    files: { "a.yaml": `${THING_SCHEMA}methods:\n${M()}\n${M({ name: "fetchThing" })}\n` },
    expected: [
      'a.yaml:13:32 SPEC_DUPLICATE_ROUTE GET /things/v1/things/{id} is already used by "things.things.getThing".',
    ],
  },
  {
    rule: "a name is a namespace or a method, not both",
    files: {
      "a.yaml": `${THING_SCHEMA}methods:\n${M({ name: "things", namespace: "things" })}\n${M({ namespace: "things.things", path: "/x/{id}" })}\n`,
    },
    expected: ['a.yaml:4:11 SPEC_NAME_CONFLICT "things.things" is both a method and a namespace.'],
  },
  {
    rule: "names reserved by the client object are refused",
    files: { "a.yaml": `${THING_SCHEMA}methods:\n${M({ namespace: "auth.tokens" })}\n` },
    expected: ['a.yaml:5:16 SPEC_RESERVED_NAME Namespace "auth" is reserved by the client (client.auth).'],
  },
  {
    rule: "the request is an object",
    files: { "a.yaml": `${THING_SCHEMA}methods:\n${M({ path: "/things", request: "{ type: string }" })}\n` },
    expected: [
      'a.yaml:9:14 SPEC_REQUEST_NOT_OBJECT The request of "things.things.getThing" must be an object schema (type: object); its fields carry path parameters and body.',
    ],
  },
  {
    rule: "generated type names do not collide",
    files: { "a.yaml": `${THING_SCHEMA}  ThingsThingsGetThingRequest: { type: object }\nmethods:\n${M()}\n` },
    expected: [
      'a.yaml:5:11 SPEC_TYPE_NAME_CONFLICT Method "things.things.getThing" would generate type ThingsThingsGetThingRequest, which schema "ThingsThingsGetThingRequest" already uses.',
    ],
  },
  {
    rule: "a schema is not a pure $ref cycle",
    files: { "a.yaml": `schemas:\n  A: { $ref: '#/schemas/B' }\n  B: { $ref: '#/schemas/A' }\n` },
    expected: [
      'a.yaml:2:3 SPEC_REF_CYCLE Schema "A" refers to itself with no object property or array item in between: A → B → A.',
      'a.yaml:3:3 SPEC_REF_CYCLE Schema "B" refers to itself with no object property or array item in between: B → A → B.',
    ],
  },
];

function diagnosticsFor(files: Record<string, string>): string[] {
  const result = validateSpec(parseSpecTexts(Object.entries(files).map(([file, text]) => ({ file, text }))));
  if (result.ok) return [];
  return result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`);
}

describe("spec rules", () => {
  it.each(cases)("$rule", ({ files, expected }) => {
    const got = diagnosticsFor(files);
    expect(got.length).toBe(expected.length);
    got.forEach((line, i) =>
      expect(line.startsWith(expected[i]!), `${line}\n  expected to start with\n${expected[i]}`).toBe(true),
    );
  });

  it("collects every problem in one run", () => {
    const got = diagnosticsFor({
      "a.yaml": `${THING_SCHEMA}methods:\n${M({ identities: "[guest]", verb: "FETCH" })}\n`,
    });
    expect(got.map((l) => l.split(" ")[1])).toEqual(["SPEC_UNKNOWN_HTTP_METHOD", "SPEC_UNKNOWN_IDENTITY"]);
  });

  it("schemas nested deeper than the limit are refused with a position, not a stack overflow", () => {
    const deep = `${"{ type: array, items: ".repeat(70)}{ type: string }${" }".repeat(70)}`;
    const got = diagnosticsFor({ "a.yaml": `schemas:\n  Deep: ${deep}\n` });
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(/^a\.yaml:2:\d+ SPEC_TOO_DEEP Nesting deeper than 64 levels at schemas\.Deep\.items\.items/);
  });

  it("a spec with thousands of problems reports the first hundred and a count, quickly", () => {
    const identities = `[${Array.from({ length: 5000 }, (_, i) => `guest${i}`).join(", ")}]`;
    const started = Date.now();
    const got = diagnosticsFor({ "a.yaml": `${THING_SCHEMA}methods:\n${M({ identities })}\n` });
    expect(Date.now() - started).toBeLessThan(20_000); // a guard against the quadratic path, not a benchmark
    expect(got).toHaveLength(101);
    expect(got.at(-1)).toMatch(/SPEC_TOO_MANY_ERRORS …and \d+ more problems in this file\.$/);
  });

  it("two inputs under one file name are refused (their diagnostics could not be told apart)", () => {
    expect(() =>
      parseSpecTexts([
        { file: "a.yaml", text: "" },
        { file: "a.yaml", text: "[]" },
      ]),
    ).toThrow("Two spec inputs are both named a.yaml");
  });

  it("a dotted path parameter is valid when the nested field is required, e.g. through an allOf overlay", () => {
    const request =
      "{ type: object, required: [thing], properties: { thing: { allOf: [{ $ref: '#/schemas/Thing' }, { type: object, required: [id], properties: { id: { type: string } } }] } } }";
    expect(
      diagnosticsFor({
        "a.yaml": `${THING_SCHEMA}methods:\n${M({ path: "/things/v1/things/{thing.id}", request })}\n`,
      }),
    ).toEqual([]);
  });

  it("the default spec is valid", () => {
    expect(diagnosticsFor({ "a.yaml": `${THING_SCHEMA}methods:\n${M()}\n` })).toEqual([]);
  });
});

describe("a failed generate", () => {
  it("prints file:line:col, the source line and a caret, exits 1 and leaves the output untouched", async () => {
    const dir = await writeTree({
      "spec/a.yaml": `${THING_SCHEMA}methods:\n${M({ identities: "[guest, member]" })}\n`,
      "generated/visitor.ts": "// hand-placed\n",
    });
    const before = await readTree(`${dir}/generated`);
    const { code, stderr } = await runCli(["generate"], dir);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `spec/a.yaml:7:18 - error SPEC_UNKNOWN_IDENTITY: Unknown identity "guest". Expected one of: visitor, member, admin.\n\n7 |     identities: [guest, member]\n                     ^\n`,
    );
    expect(stderr).toContain("Found 1 error in 1 file. Nothing was written.");
    expect(await readTree(`${dir}/generated`)).toEqual(before);
  });

  it("each rule's fixture fails generate without writing", async () => {
    for (const { files } of cases) {
      const dir = await writeTree(Object.fromEntries(Object.entries(files).map(([f, t]) => [`spec/${f}`, t])));
      const { code } = await runCli(["generate"], dir);
      expect(code).toBe(1);
      expect(await readTree(`${dir}/generated`)).toEqual({});
    }
  });
});
