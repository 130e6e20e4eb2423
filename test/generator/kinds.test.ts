// The emitters' copy of ts-morph's enum values (generator/emit/kinds.ts) is ts-morph's own.
import * as tsMorph from "ts-morph";
import { expect, it } from "vitest";
import { StructureKind, VariableDeclarationKind } from "../../generator/emit/kinds.js";

it("every structure and declaration kind the generator uses has ts-morph's value", () => {
  for (const [name, value] of Object.entries(StructureKind))
    expect(value, name).toBe(tsMorph.StructureKind[name as keyof typeof tsMorph.StructureKind]);
  expect(VariableDeclarationKind.Const).toBe(tsMorph.VariableDeclarationKind.Const);
});
