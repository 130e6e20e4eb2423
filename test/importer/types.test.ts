// Type conversion and @requiredField mapping on small declarations: nullability, enums, cycles, the depth limit.
import { Project } from "ts-morph";
import { describe, expect, it } from "vitest";
import { TypeConverter } from "../../importer/convert.js";
import { applyRequired, requiredPaths, trieOf } from "../../importer/required.js";
import { readTypedRequired } from "../../importer/sdk-required.js";
import { restPathOf, type ArgMapping } from "../../importer/sdk-args.js";
import { namespaceOf } from "../../importer/package.js";

const DTS = `
interface Req {
  /** The item. */
  item?: Item;
  ids: string[];
  meta?: Record<string, any>;
  when?: Date | null;
}
interface Item extends ItemKindOneOf {
  /** @format GUID
   * @readonly */
  id?: string | null;
  /** @maxLength 80 */
  name?: string;
  status?: StatusWithLiterals;
  parent?: Item;
  child?: Level1;
}
/** @oneof */
interface ItemKindOneOf { physical?: boolean; digital?: boolean; }
declare enum Status { ACTIVE = "ACTIVE", HIDDEN = "HIDDEN" }
/** @enumType */
type StatusWithLiterals = Status | 'ACTIVE' | 'HIDDEN';
interface Level1 { next?: Level2; }
interface Level2 { next?: Level3; }
interface Level3 { value?: number; }
`;

function convert(maxDepth: number): { converter: TypeConverter; root: ReturnType<TypeConverter["root"]> } {
  const file = new Project({ useInMemoryFileSystem: true }).createSourceFile("meta.d.ts", DTS);
  const converter = new TypeConverter(file, "Shop", maxDepth, new Set(["ShopLevel3"]));
  const root = converter.root("Req");
  converter.flush();
  return { converter, root };
}

describe("TypeConverter", () => {
  it("inlines the root, shares named types as prefixed $refs, keeps cycles as refs", () => {
    const { converter, root } = convert(8);
    expect(root).toEqual({
      type: "object",
      properties: {
        item: { $ref: "#/schemas/ShopItem", description: "The item." },
        ids: { type: "array", items: { type: "string" } },
        meta: { type: "object", additionalProperties: {} },
        when: { type: ["string", "null"], format: "date-time" },
      },
      required: ["ids"],
    });
    const item = converter.schemas.get("ShopItem")!;
    expect(Object.keys(item.properties!)).toEqual(["physical", "digital", "id", "name", "status", "parent", "child"]);
    expect(item.properties!.id).toEqual({ type: ["string", "null"], format: "uuid", readOnly: true });
    expect(item.properties!.name).toEqual({ type: "string", maxLength: 80 });
    expect(item.properties!.status).toEqual({ $ref: "#/schemas/ShopStatus" });
    expect(item.properties!.parent).toEqual({ $ref: "#/schemas/ShopItem" });
    expect(converter.schemas.get("ShopStatus")).toEqual({ type: "string", enum: ["ACTIVE", "HIDDEN"] });
    expect(converter.schemas.has("ShopLevel3Type")).toBe(true); // ShopLevel3 is reserved (a generated type name)
  });

  it("turns interfaces first reached beyond the depth limit into open objects and reports them", () => {
    const { converter } = convert(3);
    expect(converter.schemas.has("ShopLevel2")).toBe(true);
    expect(converter.schemas.has("ShopLevel3")).toBe(false);
    expect(converter.schemas.get("ShopLevel2")!.properties!.next).toMatchObject({
      type: "object",
      additionalProperties: true,
    });
    expect([...converter.truncated]).toEqual(["Level3"]);
  });
});

describe("@requiredField mapping", () => {
  const updateMember: ArgMapping = {
    argNames: ["_id", "member"],
    explicit: [["member.id", "$[0]"]],
    spread: [["member", "$[1]"]],
    singleArgumentUnchanged: false,
  };
  const addToCart: ArgMapping = {
    argNames: ["options"],
    explicit: [["lineItems", "$[0].lineItems"]],
    spread: [],
    singleArgumentUnchanged: false,
  };
  it.each([
    ["_id", updateMember, "member.id"],
    ["member", updateMember, "member"],
    ["member.profile._id", updateMember, "member.profile.id"],
    ["options.lineItems.quantity", addToCart, "lineItems.quantity"],
    ["options.intent", addToCart, undefined],
    ["nope", addToCart, undefined],
  ] as const)("%s", (sdkPath, mapping, expected) => {
    expect(restPathOf(sdkPath, mapping)).toBe(expected);
  });

  it("requires through $refs with allOf overlays and through arrays, leaving shared schemas untouched", () => {
    const shared = {
      type: "object" as const,
      properties: { quantity: { type: "number" as const }, name: { type: "string" as const } },
    };
    const request = {
      type: "object" as const,
      properties: { lineItems: { type: "array" as const, items: { $ref: "#/schemas/Line" } } },
    };
    const missed: string[] = [];
    const out = applyRequired(
      request,
      trieOf(["lineItems.quantity", "lineItems.nothing"]),
      (n) => (n === "Line" ? shared : undefined),
      missed,
    );
    // Each item needs a quantity; the list itself stays optional (the package's \`lineItems.\${number}.quantity\`).
    expect(out).toEqual({
      type: "object",
      properties: {
        lineItems: {
          type: "array",
          items: {
            allOf: [
              { $ref: "#/schemas/Line" },
              { type: "object", properties: { quantity: { type: "number" } }, required: ["quantity"] },
            ],
          },
        },
      },
    });
    expect(missed).toEqual(["lineItems.nothing"]);
  });

  it("binds a path under an optional parent only when the parent is present; a listed parent is required", () => {
    const membership = { type: "object" as const, properties: { id: { type: "string" as const } } };
    const line = {
      type: "object" as const,
      properties: { selectedMembership: { $ref: "#/schemas/Membership" }, quantity: { type: "number" as const } },
    };
    const lookup = (n: string) => ({ Membership: membership, Line: line })[n];
    const request = {
      type: "object" as const,
      properties: { lineItems: { type: "array" as const, items: { $ref: "#/schemas/Line" } } },
    };
    const out = applyRequired(request, trieOf(["lineItems.selectedMembership.id"]), lookup, []);
    expect(requiredPaths(out)).toEqual(["lineItems.selectedMembership.id"]);
    const listed = applyRequired(request, trieOf(["lineItems", "lineItems.quantity"]), lookup, []);
    expect(requiredPaths(listed)).toEqual(["lineItems", "lineItems.quantity"]);
  });
});

describe("what the package's typings require", () => {
  const typings = `
    declare function addToCurrentCart(options?: NonNullablePaths<AddToCurrentCartOptions, \`lineItems.\${number}.quantity\` | \`lineItems.\${number}.selectedMembership._id\`, 4>): Promise<Cart>;
    declare function removeLineItems(lineItemIds: string[]): Promise<Cart>;
    declare function bulkAdd(categoryId: string, items: NonNullablePaths<ItemReference, \`appId\` | \`catalogItemId\`, 2>[], options?: Options): Promise<R>;
  `;
  it.each([
    ["addToCurrentCart", ["options.lineItems.quantity", "options.lineItems.selectedMembership._id"]],
    ["removeLineItems", ["lineItemIds"]],
    ["bulkAdd", ["categoryId", "items", "items.appId", "items.catalogItemId"]],
  ])("%s", (name, expected) => {
    const file = new Project({ useInMemoryFileSystem: true }).createSourceFile("index.typings.d.ts", typings);
    const sources = { meta: file, publicTypings: [file], internalTypings: [], sdkJs: undefined };
    expect(readTypedRequired(sources).get(name)).toEqual(expected);
  });
});

describe("namespaceOf", () => {
  it.each([
    ["@wix/auto_sdk_stores_products", ["stores", "products"]],
    ["@wix/auto_sdk_ecom_current-cart", ["ecom", "currentCart"]],
    ["@wix/auto_sdk_ecom_local-delivery-options", ["ecom", "localDeliveryOptions"]],
  ])("%s", (name, expected) => {
    expect(namespaceOf(name)).toEqual(expected);
  });
});
