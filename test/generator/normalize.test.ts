// normalize: the IR decides every order and default, whatever the input order.
import { describe, expect, it } from "vitest";
import { parseSpecTexts } from "../../generator/load.js";
import { modelFromLoaded } from "../../generator/load-model.js";
import { canonicalSchema, canonicalValue, normalize } from "../../generator/normalize.js";
import { validateSpec } from "../../generator/validate.js";

const spec = `schemas:
  Zed: { type: object, required: [b, a], properties: { b: { type: string }, a: { type: string } } }
  Alpha: { type: string }
methods:
  - name: zeta
    namespace: b.things
    http: { method: POST, path: /z }
    identities: [admin, member, visitor]
    permissions: [Z.WRITE, A.READ]
    request: { type: object }
    response: { $ref: '#/schemas/Zed' }
    deprecated: true
  - name: alpha
    namespace: a.things
    description: "  Padded.  "
    http: { method: GET, path: '/a/{id}/{sub}' }
    identities: [member]
    request: { type: object, required: [sub, id], properties: { sub: { type: string }, id: { type: string } } }
    response: { type: object }
`;

describe("normalize", () => {
  const model = modelFromLoaded(parseSpecTexts([{ file: "spec/x.yaml", text: spec }]));

  it("sorts methods by id and schemas by name", () => {
    expect(model.methods.map((m) => m.id)).toEqual(["a.things.alpha", "b.things.zeta"]);
    expect(model.schemas.map((s) => s.name)).toEqual(["Alpha", "Zed"]);
  });

  it("orders identities canonically, sorts permissions, keeps path params in path order", () => {
    const [alpha, zeta] = model.methods;
    expect(zeta!.identities).toEqual(["visitor", "member", "admin"]);
    expect(zeta!.permissions).toEqual(["A.READ", "Z.WRITE"]);
    expect(alpha!.http.pathParams).toEqual(["id", "sub"]);
    expect(alpha!.permissions).toEqual([]);
  });

  it("decides defaults: trimmed description, deprecation object, type names", () => {
    const [alpha, zeta] = model.methods;
    expect(alpha!.description).toBe("Padded.");
    expect(alpha!.deprecated).toBeUndefined();
    expect(zeta!.deprecated).toEqual({});
    expect([alpha!.requestType, alpha!.responseType]).toEqual(["AThingsAlphaRequest", "AThingsAlphaResponse"]);
  });

  it("sorts schema keys and required lists but keeps array order (enums)", () => {
    const zed = model.schemas[1]!.schema;
    expect(Object.keys(zed.properties!)).toEqual(["a", "b"]);
    expect(zed.required).toEqual(["a", "b"]);
    expect(canonicalSchema({ enum: ["z", "a"], type: "string" })).toEqual({ enum: ["z", "a"], type: "string" });
  });

  it("is deeply frozen", () => {
    expect(Object.isFrozen(model.methods[0]!.request)).toBe(true);
    expect(() => (model.methods as unknown as unknown[]).push(1)).toThrow();
  });

  it("keeps a property named __proto__ as data", () => {
    const schema = canonicalSchema(JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"}}}'));
    expect(Object.keys(schema.properties!)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(schema.properties)).toBe(Object.prototype);
  });

  it("takes data already in canonical form (generate's spec cache) as it is: the same model, no copy", () => {
    const loaded = parseSpecTexts([{ file: "spec/x.yaml", text: spec }]);
    const result = validateSpec(loaded);
    if (!result.ok) throw new Error("the test spec is valid");
    const files = result.spec.files.map((f) => ({
      ...f,
      data: canonicalValue(structuredClone(f.data)) as typeof f.data,
    }));
    const trusted = normalize({ files }, () => true);
    expect(trusted).toEqual(model);
    const zeta = trusted.methods.find((m) => m.name === "zeta")!;
    expect(zeta.response).toBe(files[0]!.data.methods![0]!.response);
    expect(Object.isFrozen(zeta.response)).toBe(true);
    expect(normalize({ files }).methods.find((m) => m.name === "zeta")!.response).not.toBe(zeta.response);
  });
});
