// load: which parser reads a spec. The fast one (js-yaml) unless the data holds YAML aliases to maps or lists.
import { describe, expect, it } from "vitest";
import { parseSpecTexts } from "../../generator/load.js";

const METHOD = (description: string) => `methods:
  - name: getThing
    namespace: things
    description: ${JSON.stringify(description)}
    http: { method: GET, path: /things }
    identities: [visitor, member, admin]
    request: {}
    response: {}
`;

/** The fast path builds YAML positions only when asked (a getter); the careful parse has them from the start. */
const fastPath = (file: object) => Object.getOwnPropertyDescriptor(file, "doc")?.get !== undefined;

describe("parseSpecTexts", () => {
  it("reads Markdown emphasis and asterisks in descriptions with the fast parser", () => {
    const text = METHOD("Returns **one** thing. *Note*: a *b* c, [*x*], {*y*}, -*z*");
    const loaded = parseSpecTexts([{ file: "a.yaml", text }]);
    expect(loaded.diagnostics).toEqual([]);
    expect(fastPath(loaded.files[0]!)).toBe(true);
    expect(loaded.files[0]!.data).toMatchObject({ methods: [{ description: expect.stringContaining("**one**") }] });
  });

  it("sends a spec with an alias to a map to the careful parser, with the same data", () => {
    const text = `schemas:\n  A: &shape { type: object }\n  B: *shape\n`;
    const loaded = parseSpecTexts([{ file: "a.yaml", text }]);
    expect(fastPath(loaded.files[0]!)).toBe(false);
    expect(loaded.files[0]!.data).toEqual({ schemas: { A: { type: "object" }, B: { type: "object" } } });
  });
});
